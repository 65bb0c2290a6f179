#!/bin/sh
# The concurrency soak (issue 8): 20 processes for COMPTOIR_SOAK_SECONDS
# (20 in `make test`, 60 in `make bench`) — one importing a long file
# (5,000 customers in one transaction) over and over, a second apart, nine
# placing small orders, ten reading (finds, exports, backups) — then `check`: no update lost (every order that said it was
# placed is there, and the stock held is exactly theirs), no SQLite message
# reaching anyone, every read answered. Prints the p99 latency of a short
# write (placing an order).
. "$(dirname "$0")/../lib.sh"
case "$COMPTOIR" in
*/san/*) ok "skipped under the sanitizers: the soak runs in the plain lane (and in make bench)"; exit 0 ;;
esac
SECS=${COMPTOIR_SOAK_SECONDS:-20}

run init
expect_rc "init" 0
run user add alice --role rep
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x');
     INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at) VALUES
       ('CAF-001', 'Café moulu 250 g', 1666, 'standard', 800, 1000000, 'x', 'x');"
"$COMPTOIR" check --repair >/dev/null 2>&1 # rows written around the stores: their search indexes
awk 'BEGIN { print "name,email,phone"
             for (i = 1; i <= 5000; i++) printf "Soak Client %d,soak%d@example.com,+33 6 12 %02d %02d %02d\n", i, i, i % 100, i % 97, i % 89 }' >"$T/big.csv"
ms() { date +%s%3N; }
end=$(($(date +%s) + SECS))

importer() {
    while [ "$(date +%s)" -lt "$end" ]; do
        "$COMPTOIR" import customers "$T/big.csv" --update >/dev/null 2>>"$T/err.import"
        echo "$?" >>"$T/rc.import"
        sleep 1
    done
}
writer() { # $1 = worker
    while [ "$(date +%s)" -lt "$end" ]; do
        t0=$(ms)
        "$COMPTOIR" --as alice order new --customer zoe@example.fr CAF-001:1 >>"$T/placed.$1" 2>>"$T/err.w$1"
        r=$?
        echo "$r $(($(ms) - t0))" >>"$T/lat.$1"
    done
}
reader() { # $1 = worker
    n=0
    while [ "$(date +%s)" -lt "$end" ]; do
        n=$((n + 1))
        case $((n % 3)) in
        0) "$COMPTOIR" order find zoe >/dev/null 2>>"$T/err.r$1" ;;
        1) "$COMPTOIR" export customers -o "$T/export.$1.csv" >/dev/null 2>>"$T/err.r$1" ;;
        2) "$COMPTOIR" backup "$T/backup.$1.db" --force >/dev/null 2>>"$T/err.r$1" ;;
        esac
        echo "$?" >>"$T/rc.r$1"
    done
}
importer &
pids=$!
for w in 1 2 3 4 5 6 7 8 9; do writer "$w" & pids="$pids $!"; done
for r in 1 2 3 4 5 6 7 8 9 10; do reader "$r" & pids="$pids $!"; done
for p in $pids; do wait "$p"; done

run check
expect_rc "check passes after the soak" 0
placed=$(cat "$T"/placed.* 2>/dev/null | grep -c '^O-')
expect_eq "no update lost: every order placed is there" "$(sql "SELECT count(*) FROM orders")" "$placed"
expect_eq "and the stock held is exactly theirs" "$(sql "SELECT stock_reserved FROM products WHERE sku = 'CAF-001'")" "$placed"
failed_w=$(cat "$T"/lat.* | awk '$1 != 0' | wc -l)
expect_eq "every short write succeeded (it waits while the import moves)" "$failed_w" 0
reads=$(cat "$T"/rc.r* | wc -l)
failed_r=$(cat "$T"/rc.r* | grep -vc '^0$')
expect_eq "every read was answered ($reads reads)" "$failed_r" 0
expect_eq "every import ran ($(wc -l <"$T/rc.import") imports)" "$(grep -vc '^0$' "$T/rc.import")" 0
raw=$(cat "$T"/err.* | grep -ciE 'sqlite|database is locked|database table is locked')
expect_eq "no SQLite message reached anyone" "$raw" 0
p99=$(cat "$T"/lat.* | awk '{ print $2 }' | sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; print a[i] }')
[ "$placed" -gt 0 ] && ok "soak: $placed orders, $reads reads in $SECS s; p99 of a short write: $p99 ms" ||
    not_ok "soak placed orders"
