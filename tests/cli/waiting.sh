#!/bin/sh
# Reading never waits for writing: while another program holds the write
# lock, opening, finding and backing up answer at once; a write waits and
# says for whom (another program, or alice's import and how far it is),
# succeeds once the holder is done, and gives up in our words — never
# SQLite's "database is locked" — when the holder stops moving.
. "$(dirname "$0")/../lib.sh"
ME=$(id -un)

run init
run demo --seed 3 --accounts 5 --customers 30 --products 8 --orders 40
expect_rc "setup: demo" 0

# hold: another program holds the write lock (raw SQLite) until release (at
# most a minute).
hold() {
    rm -f "$T/held" "$T/release"
    printf 'BEGIN IMMEDIATE;\nINSERT INTO settings(key, value) VALUES ("held", "1");\n.shell touch %s/held\n.shell i=0; while [ ! -e %s/release ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done\nROLLBACK;\n' \
        "$T" "$T" | sqlite3 "$COMPTOIR_DB" >/dev/null 2>&1 &
    holder=$!
    while [ ! -e "$T/held" ]; do sleep 0.05; done
}
release() {
    touch "$T/release"
    wait "$holder"
}
ms() { date +%s%3N; }

hold
t0=$(ms)
run order find garcia
t1=$(ms)
expect_rc "a find answers while another program writes" 0
[ $((t1 - t0)) -lt 1500 ] && ok "and at once ($((t1 - t0)) ms)" || not_ok "a find answers at once" "$((t1 - t0)) ms"
t0=$(ms)
run backup "$T/copy.db"
t1=$(ms)
expect_rc "a backup runs while another program writes" 0
[ $((t1 - t0)) -lt 1500 ] && ok "and at once ($((t1 - t0)) ms)" || not_ok "a backup runs at once" "$((t1 - t0)) ms"
run export customers -o "$T/customers.csv"
expect_rc "an export runs while another program writes" 0
# the write waits (it says so) while the holder holds, then the holder lets go
"$COMPTOIR" user add zoe --role rep >"$T/out" 2>"$T/err" &
writer=$!
n=0
until grep -q "waiting for another program" "$T/err" || [ "$n" -ge 200 ]; do
    sleep 0.05
    n=$((n + 1))
done
release
wait "$writer"
rc=$?
expect_rc "a write waits for the holder and then succeeds" 0
expect_err "it says it waits for another program" "waiting for another program"
expect_eq "the write is saved" "$(sql "SELECT count(*) FROM users WHERE login = 'zoe'")" 1

hold
COMPTOIR_WAIT_LIMIT=1 run user add yves --role rep
expect_rc "a write gives up when the holder does not move" 75
expect_err "it says why in our words" "another program has held the database"
if grep -qi "locked" "$T/err"; then not_ok "SQLite's own message never shows" "$(cat "$T/err")"; else ok "SQLite's own message never shows"; fi
expect_eq "the refused write changed nothing" "$(sql "SELECT count(*) FROM users WHERE login = 'yves'")" 0
release

# A long import: the waiting write names it and how far it is. Long enough
# (some seconds; 40,000 rows took 0.3 s) that the write comes while it runs.
awk 'BEGIN { print "name,email,phone"
             for (i = 1; i <= 300000; i++) printf "Zoé Client %d,zoe%d@wait.example,+33 6 12 34 %02d %02d\n", i, i, i % 100, i % 97 }' >"$T/big.csv"
"$COMPTOIR" import customers "$T/big.csv" >"$T/import.out" 2>&1 &
importer=$!
until grep -q "import of big.csv" "$COMPTOIR_DB-activity" 2>/dev/null; do sleep 0.05; done
COMPTOIR_WAIT_LIMIT=20 run user add xavier --role rep
expect_rc "a write waits for the import and then succeeds" 0
expect_err "it names who imports what, and how far" "waiting for $ME's import of big.csv, [0-9]+ % done"
wait "$importer"
expect_eq "the import went through" "$(sql "SELECT count(*) FROM customers WHERE email LIKE '%@wait.example'")" 300000
run check
expect_rc "check afterwards" 0
exit 0
