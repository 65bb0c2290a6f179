#!/bin/sh
# Import speed: `comptoir import customers` of N generated rows (1,000,000 by
# default; BENCH_ROWS=N to change) into a fresh comptoir database — checked
# rows, their sort keys, the unique e-mail, the search index — against
# sqlite3's own `.import` of the SAME file into a plain table of the same
# columns (no index, no constraint): the floor of writing those rows at all.
# Target: comptoir at most 8 times the plain table.
# The file carries every column of the table in its order (id, timestamps,
# version …); comptoir ignores the ones it does not import.
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
# (plain, comptoir, comptoir, plain), the database made afresh each time; the
# best time of each side is compared.
run_plain() {
    rm -f "$T/p.db"
    sqlite3 "$T/p.db" "PRAGMA journal_mode = WAL; CREATE TABLE customers($columns)" >/dev/null
    t0=$(now_ms)
    sqlite3 "$T/p.db" ".import --csv --skip 1 $T/customers.csv customers" >"$T/sqlite.out" 2>&1
    t1=$(now_ms)
    rows=$(sqlite3 "$T/p.db" "SELECT count(*) FROM customers")
    [ "$rows" -eq "$N" ] || { echo "bench import: sqlite3 imported $rows rows"; head -3 "$T/sqlite.out"; exit 1; }
    echo "plain table     : $N rows in $((t1 - t0)) ms ($((N * 1000 / (t1 - t0 + 1))) rows/s)"
    plain_ms="$plain_ms $((t1 - t0))"
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

plain_ms=""; comptoir_ms=""
run_plain; run_comptoir; run_comptoir; run_plain
"$COMPTOIR" --db "$T/c.db" check >"$T/check.out" 2>&1 && echo "ok - the imported database passes comptoir check" ||
    { echo "not ok - the imported database passes comptoir check"; head -5 "$T/check.out"; exit 1; }
best_p=$(min $plain_ms); best_c=$(min $comptoir_ms)
ratio=$(awk -v a="$best_c" -v b="$best_p" 'BEGIN { printf "%.2f", a / b }')
echo "best: plain table $best_p ms, comptoir import $best_c ms; comptoir/plain = $ratio"
awk -v r="$ratio" 'BEGIN { exit !(r <= 8) }' && echo "ok - comptoir import within 8 times the plain table" ||
    { echo "not ok - comptoir import within 8 times the plain table"; exit 1; }
