# What waits for a manager, said the same on Home and the Approvals screen:
# a refund waiting counts on Home beside the quotes, the quote list says no
# quote waits (refunds do), and an empty queue offers no approve nor reject.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
"$COMPTOIR" user add emma --role manager >>"$T/setup.log" 2>&1
o=$("$COMPTOIR" --as alice order new --customer creme.brulee@example.com CAF-1:12 2>>"$T/setup.log" | tail -1)
"$COMPTOIR" --as chloe order ship "$o" --carrier DHL >>"$T/setup.log" 2>&1
"$COMPTOIR" --as chloe order deliver "$o" >>"$T/setup.log" 2>&1
r=$("$COMPTOIR" --as david return new "$o" CAF-1:12:wrong-item 2>>"$T/setup.log" | tail -1)
"$COMPTOIR" --as chloe return receive "$r" >>"$T/setup.log" 2>&1
"$COMPTOIR" --as david return refund "$r" >>"$T/setup.log" 2>&1
expect_sql "setup: a refund waits for a manager" "SELECT count(*) FROM refunds WHERE needs_approval = 1 AND decision IS NULL" "1"

e2e_start mgr 80x24 -- --as emma
expect_screen "Home counts the refund with what waits" mgr "1 approval waiting (1 refund)"
expect_screen "Home's quote list says no quote waits, refunds do" mgr "No quote waits for your approval; refunds do"
e2e_keys mgr A
expect_screen "Approvals: the refund is listed" mgr "Refunds waiting for a manager"
expect_screen "Approvals: the empty quote list says so" mgr "No quote waits for your approval."
expect_not_screen "Approvals: no approve key offered over an empty list" mgr "v approves"
expect_not_screen "Approvals: no reject key either" mgr "x rejects"
