#!/bin/sh
# Returns in the console: a support agent finds the order by search, opens a
# return from it (the refund shown before confirming), receives it and
# refunds it from the Returns queue; the order's timeline shows each step;
# a manager finds a big refund in Approvals next to the quotes and approves
# it. At 80x24 and 200x50, with French and Japanese names.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
e2e_import customers 'name,email,phone,city,country
山田花子,hanako@example.jp,+81 90 1234 5678,東京,Japan'
# A second person behind the refund a manager approves (maker-checker counts people, not --as).
other() { unshare --user --map-user=54321 --map-group=54321 "$@"; }
have_other=0
other true 2>/dev/null && have_other=1 && "$COMPTOIR" user add uid54321 --role admin >/dev/null 2>&1
"$COMPTOIR" --as alice order new --customer creme.brulee@example.com CAF-1:2 THE-2:1 >"$T/o1" 2>&1
"$COMPTOIR" --as chloe order ship O-000003 --carrier DHL >/dev/null 2>&1
"$COMPTOIR" --as chloe order deliver O-000003 >/dev/null 2>&1
expect_sql "the order to return is delivered" "select status from orders where number = 'O-000003'" "delivered"

e2e_start sup 80x24 -- --as chloe
expect_screen "support: Home" sup "Latest orders"
e2e_keys sup o
expect_screen "support: the search is ready" sup "Search:"
e2e_type sup "brûlée"
expect_screen "support: the name finds the order" sup "O-000003"
e2e_keys sup Enter Enter
expect_screen "support: the order opens" sup "Home › Orders › O-000003"
e2e_keys sup ?
expect_screen "support: the help lists the order's Return key (the bar is full at 80 columns)" sup "Return…"
e2e_keys sup Escape
e2e_keys sup n
expect_screen "support: the Return form lists what may come back" sup "CAF-1 (up to 2)"
e2e_type sup "1"
e2e_keys sup Tab Left Left Left
expect_screen "support: the reason is picked" sup "damaged"
e2e_keys sup C-s
expect_screen "support: the refund is shown before anything is done" sup "Open this return?"
expect_screen "support: line by line, to the cent" sup "CAF-1 ×1  damaged"
expect_screen "support: the refund in full" sup "Refund 25.47 € (tax included)"
expect_sql "support: nothing is opened before yes" "select count(*) from returns" "0"
e2e_keys sup y
expect_screen "support: the return is opened" sup "R-000001 opened"
expect_screen "support: the timeline has the return with its amount" sup "return                 chloe      25.47 € R-000001 opened"
e2e_keys sup :
e2e_type sup "returns"
e2e_keys sup Enter
expect_screen "support: the Returns queue lists it" sup "requested"
expect_screen "support: with the customer" sup "Crème Brûlée"
e2e_keys sup Enter
expect_screen "support: the return opens" sup "R-000001  requested  order O-000003"
e2e_keys sup m
expect_screen "support: m receives: each line restocked or scrapped" sup "CAF-1 ×1 (damaged)"
expect_screen "support: damaged goods are scrapped unless said otherwise" sup "scrap"
e2e_keys sup C-s
expect_screen "support: received" sup "R-000001 received: 0 restocked, 1 scrapped."
expect_screen "support: the return says so" sup "R-000001  received"
e2e_keys sup m
expect_screen "support: m refunds, to the order's method unless chosen" sup "Method"
e2e_keys sup C-s
expect_screen "support: refunded" sup "R-000001 refunded:"
expect_sql "support: paid back once, to the cent" \
    "select method || ' ' || amount from payments where direction = 'out'" \
    "card $(sql "select refund_total from returns where number = 'R-000001'")"
expect_sql "support: refunded, nothing is left to do: the return is closed (was: refunded)" "select status from returns where number = 'R-000001'" "closed"
expect_screen "support: the refund says it closed the return" sup "Closed: nothing left to do."
expect_screen "support: the return shows when it closed" sup "Closed    "
expect_screen "support: and its status" sup "R-000001  closed"
e2e_keys sup m
expect_screen "support: m has nothing left to do" sup "R-000001 is closed: nothing left to do."
e2e_keys sup O
expect_screen "support: O opens its order" sup "Returns › R-000001 › O-000003"
expect_screen "support: the timeline shows the receipt" sup "R-000001 received: 0 restock"
expect_screen "support: and the refund paid" sup "refund                 chloe      25.47 € card"
expect_screen "support: and the closing" sup "return closed          chloe      R-000001 closed: refund of 2"
e2e_keys sup Q
e2e_keys sup y
expect_screen "support: quits cleanly" sup "[terminal restored]"

# ---- 200x50, a Japanese name, a big refund approved by another manager
"$COMPTOIR" --as alice order new --customer hanako@example.jp CAF-1:12 >/dev/null 2>&1
"$COMPTOIR" --as chloe order ship O-000004 --carrier DHL >/dev/null 2>&1
"$COMPTOIR" --as chloe return new O-000004 CAF-1:12:wrong_item >/dev/null 2>&1
"$COMPTOIR" --as chloe return receive R-000002 >/dev/null 2>&1
if [ "$have_other" = 1 ]; then
    other "$COMPTOIR" --as chloe return refund R-000002 >"$T/r2" 2>&1
else
    "$COMPTOIR" --as chloe return refund R-000002 >"$T/r2" 2>&1
fi
expect_sql "a big refund waits" "select status from returns where number = 'R-000002'" "awaiting_approval"
e2e_start mgr 200x50 -- --as david
expect_screen "manager: Home" mgr "Latest orders"
e2e_keys mgr A
expect_screen "manager: Approvals shows refunds beside the quotes" mgr "Refunds waiting for a manager"
expect_screen "manager: the refund, its customer" mgr "山田花子"
e2e_screen mgr >"$T/mgr.screen"
expect_eq "manager: the amount stands in its column beside the Japanese name" \
    "$(grep -F '山田花子' "$T/mgr.screen" | grep -c '246.84 €')" "1"
e2e_keys mgr Tab
expect_screen "manager: Tab moves to the refunds" mgr "Approve refund"
e2e_keys mgr v
expect_screen "manager: v asks for a comment" mgr "Approve the refund of"
e2e_type mgr "colis vérifié"
e2e_keys mgr C-s
if [ "$have_other" = 1 ]; then
    expect_screen "manager: approved and paid" mgr "R-000002 approved and refunded."
    expect_sql "manager: paid once" "select count(*) from payments where direction = 'out' and amount = (select refund_total from returns where number = 'R-000002')" "1"
else
    expect_screen "manager: one person may not approve what they asked, even through --as" mgr "even through --as"
fi
e2e_keys mgr Escape
e2e_resize mgr 80 24
expect_screen "manager: survives a resize to 80x24" mgr "Approvals"
e2e_keys mgr Q
e2e_keys mgr y
expect_screen "manager: quits cleanly" mgr "[terminal restored]"
"$COMPTOIR" check >"$T/check" 2>&1
expect_eq "check is clean after it all" "$(cat "$T/check")" "ok"
