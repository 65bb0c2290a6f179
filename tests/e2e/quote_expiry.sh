# Quotes past their validity date become expired when a manager opens the
# console; a rep opening it changes nothing (they may not see every quote).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,rep
DUPONT,Dupont SA,alice'
e2e_import products 'sku,name,list_price,unit_cost
CAF-1,Café Arabica 250 g,19.50,14.04'
q=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q" CAF-1 10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote terms "$q" --valid-until 2020-01-31 >>"$T/setup.log" 2>&1 ||
    sqlite3 "$COMPTOIR_DB" "UPDATE quotes SET valid_until = '2020-01-31' WHERE number = '$q'"

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
expect_sql "db: a rep's start leaves the quote as it was" "select status from quotes where number = '$q'" "draft"

e2e_start mgr 80x24 -- --as david
e2e_wait mgr "Latest orders"
expect_sql "db: a manager's start expires the quote past its date" "select status from quotes where number = '$q'" "expired"
e2e_keys mgr :
e2e_type mgr "$q"
e2e_keys mgr Enter
expect_screen "manager: the quote shows as expired" mgr "$q  expired"

# A backlog (a store reopened after weeks): the first screen does not wait for
# it; the rest expires a batch at a time while nobody types, each quote with
# its own timeline line.
e2e_keys mgr Q
i=0
while [ $i -lt 80 ]; do
    "$COMPTOIR" --as alice quote new --account DUPONT >>"$T/setup.log" 2>&1
    i=$((i + 1))
done
sqlite3 "$COMPTOIR_DB" "UPDATE quotes SET valid_until = '2020-02-01' WHERE status = 'draft'"
e2e_start backlog 80x24 COMPTOIR_TRACE="$T/backlog.trace" -- --as david
e2e_wait backlog "Latest orders"
deadline=$(($(date +%s) + 15))
while [ "$(sql "select count(*) from quotes where status = 'draft'")" != 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.2
done
expect_sql "db: the whole backlog expired with the console open" "select count(*) from quotes where status = 'draft'" "0"
after=$(sed -n '/^ready/,$p' "$T/backlog.trace" | grep -c '^expired')
if [ "$after" -gt 0 ]; then ok "trace: the first screen came before the backlog was through"; else
    not_ok "trace: the first screen came before the backlog was through"; cat "$T/backlog.trace"; fi
expect_eq "trace: 80 quotes expired in all" \
    "$(sed -n 's/^expired quotes=\([0-9]*\).*/\1/p' "$T/backlog.trace" | awk '{ s += $1 } END { print s }')" "80"
expect_sql "db: one timeline line each" \
    "select count(*) from quote_events where kind = 'expire' and from_status = 'draft'" "81"
e2e_keys backlog j
expect_screen "the console still answers" backlog "Latest orders"
