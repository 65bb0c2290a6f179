#!/bin/sh
# A process killed (kill -9) in the middle of an import leaves the database
# whole: `check` passes and the import's rows are either all there or none.
. "$(dirname "$0")/../lib.sh"

run init
expect_rc "init" 0
awk 'BEGIN { print "name,email,phone"
             for (i = 1; i <= 60000; i++) printf "Zoé Client %d,zoe%d@kill.example,+33 6 12 34 %02d %02d\n", i, i, i % 100, i % 97 }' >"$T/big.csv"
"$COMPTOIR" import customers "$T/big.csv" >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run check
expect_rc "check after kill -9 mid-import exits 0" 0
expect_out "and says ok" '^ok$'
n=$(sql "SELECT count(*) FROM customers WHERE email LIKE '%@kill.example'")
if [ "$n" -eq 0 ] || [ "$n" -eq 60000 ]; then ok "the import is all or nothing ($n rows)"; else not_ok "the import is all or nothing" "$n rows"; fi
run import customers "$T/big.csv" --update
expect_rc "the same import runs again afterwards" 0
expect_eq "and brings every row" "$(sql "SELECT count(*) FROM customers WHERE email LIKE '%@kill.example'")" 60000
