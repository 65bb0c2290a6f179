#!/bin/sh
# Import speed: `comptoir import customers` of N generated rows (1,000,000 by
# default; BENCH_ROWS=N to change) against sqlite3's own `.import` of the SAME
# file into the SAME table — a copy of a freshly initialised comptoir database,
# so both write through the same indexes, full-text index and triggers.
# The file carries every column of the table in its order (id, timestamps,
# version …): sqlite3 needs them, comptoir ignores the ones it does not import.
set -u
: "${COMPTOIR:?set COMPTOIR to the binary}"
N=${BENCH_ROWS:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data"
mkdir -p "$HOME"

now_ms() { date +%s%3N; }

# A fresh comptoir database: its empty customers table is the target of both.
"$COMPTOIR" --db "$T/empty.db" init >/dev/null 2>&1 || { echo "bench import: init failed"; exit 1; }
columns=$(sqlite3 "$T/empty.db" "SELECT group_concat(name, ',') FROM pragma_table_info('customers')")

# N customers, every column of the table in its order; a few UTF-8 names,
# quoted commas, and phones that the phone index and triggers must take.
awk -v n="$N" -v cols="$columns" 'BEGIN {
    split(cols, c, ",");
    split("Paris,Lyon,Sevilla,Berlin,Luleå,東京,Dublin,Genève", city, ",");
    split("Ana Núñez,Bob O Neil,Chloé Durand,Jürgen Weiß,佐藤 由紀,Zoë Müller", first, ",");
    header = ""; for (j = 1; j in c; j++) header = header (j > 1 ? "," : "") c[j];
    print header;
    for (i = 1; i <= n; i++) {
        line = "";
        for (j = 1; j in c; j++) {
            k = c[j]; v = "";
            if (k == "id") v = i;
            else if (k == "name") v = first[i % 6 + 1] " " i;
            else if (k == "email") v = "customer" i "@example.com";
            else if (k == "phone") v = sprintf("+33 6 %02d %02d %02d %02d", i % 97, i % 89, i % 83, i % 79);
            else if (k == "address") v = "\"" (i % 300) " rue de la Paix, bât. " (i % 7) "\"";
            else if (k == "city") v = city[i % 8 + 1];
            else if (k == "country") v = "France";
            else if (k == "loyalty_points") v = i % 1000;
            else if (k == "loyalty_tier") v = "bronze";
            else if (k == "created_at" || k == "updated_at") v = "2024-01-01T00:00:00Z";
            else if (k == "version") v = 1;
            line = line (j > 1 ? "," : "") v;
        }
        print line;
    }
}' >"$T/customers.csv"
size=$(du -m "$T/customers.csv" | cut -f1)
echo "file: $N customers, $size MB, columns: $columns"

# The machine is shared and noisy: each side runs twice, interleaved
# (sqlite3, comptoir, comptoir, sqlite3), on a fresh copy of the empty
# database each time; the best time of each side is compared.
run_sqlite() {
    cp "$T/empty.db" "$T/s.db"
    t0=$(now_ms)
    sqlite3 "$T/s.db" ".import --csv --skip 1 $T/customers.csv customers" >"$T/sqlite.out" 2>&1
    t1=$(now_ms)
    rows=$(sqlite3 "$T/s.db" "SELECT count(*) FROM customers")
    [ "$rows" -eq "$N" ] || { echo "bench import: sqlite3 imported $rows rows"; head -3 "$T/sqlite.out"; exit 1; }
    echo "sqlite3 .import : $N rows in $((t1 - t0)) ms ($((N * 1000 / (t1 - t0 + 1))) rows/s)"
    sqlite_ms="$sqlite_ms $((t1 - t0))"
}
run_comptoir() {
    cp "$T/empty.db" "$T/c.db"
    t0=$(now_ms)
    "$COMPTOIR" --db "$T/c.db" import customers "$T/customers.csv" >"$T/comptoir.out" 2>"$T/comptoir.err"
    rc=$?
    t1=$(now_ms)
    rows=$(sqlite3 "$T/c.db" "SELECT count(*) FROM customers")
    [ "$rc" -eq 0 ] && [ "$rows" -eq "$N" ] || { echo "bench import: comptoir exit $rc, $rows rows"; head -3 "$T/comptoir.err"; exit 1; }
    echo "comptoir import : $N rows in $((t1 - t0)) ms ($((N * 1000 / (t1 - t0 + 1))) rows/s)"
    comptoir_ms="$comptoir_ms $((t1 - t0))"
}
min() { echo "$@" | tr ' ' '\n' | grep . | sort -n | head -1; }

sqlite_ms=""; comptoir_ms=""
run_sqlite; run_comptoir; run_comptoir; run_sqlite
best_s=$(min $sqlite_ms); best_c=$(min $comptoir_ms)
echo "best: sqlite3 .import $best_s ms, comptoir import $best_c ms;" \
    "comptoir/sqlite3 = $(awk -v a="$best_c" -v b="$best_s" 'BEGIN { printf "%.2f", a / b }')"
