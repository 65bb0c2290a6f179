#!/bin/sh
# "Where is my order?": a support agent finds the caller's order by the
# phone number as said, reads the tracking number in its timeline (and the
# whole of it with T), adds a note from the console; the warehouse ships
# from the Fulfilment screen with the ship form; the note is in the
# timeline and the audit log. At 80×24, then the lines at 200×50.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
# O-000001 waits for its two units (imported as placed); stock arrives and
# goes to it; it leaves with Colissimo.
"$COMPTOIR" stock receive CAF-1 1 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as chloe order ship O-000001 --carrier Colissimo --tracking 6A12345678901 >>"$T/setup.log" 2>&1
expect_sql "setup: the order shipped" "select status from orders where number = 'O-000001'" "shipped"
# Calls before: more of them than the timeline holds at 80×24, so a note
# added now must bring the newest row into view.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    COMPTOIR_NOW=$(printf "2026-11-25T10:%02d:00Z" "$i") "$COMPTOIR" --as chloe order note O-000001 "Appel $i" \
        >>"$T/setup.log" 2>&1
done

e2e_start sup 80x24 -- --as chloe
e2e_wait sup "Latest orders"
e2e_keys sup o
e2e_wait sup "Search:"
e2e_type sup "+33 6 12 34 56 78"
expect_screen "support: the phone as the caller says it finds the order" sup "Crème Brûlée"
e2e_keys sup Enter Enter
expect_screen "support: Enter opens it" sup "Home › Orders › O-000001"
expect_screen "support: the tracking number is in the timeline" sup "Colissimo 6A12345678901"
e2e_keys sup T
expect_screen "support: T reads the shipments whole" sup "1 · Colissimo 6A12345678901 · 1 parcel · 2 units"
e2e_keys sup Enter
e2e_wait_gone sup "Timeline, newest first"
e2e_keys sup N
expect_screen "support: N asks for the note" sup "Note"
e2e_type sup "Client rappelle : colis attendu vendredi"
e2e_keys sup C-s
expect_screen "support: the note is added" sup "O-000001: note added."
expect_screen "support: and shows in the timeline" sup "Client rappelle"
expect_sql "support: the note is a timeline row" \
    "select count(*) from order_timeline where kind = 'note' and detail like 'Client rappelle%'" "1"
expect_sql "support: and an audit entry (the twelve calls before too)" "select count(*) from audit_log where action = 'note'" "13"

# the warehouse: O-000002 ready to ship, from the Fulfilment screen
"$COMPTOIR" stock receive THE-2 1 >>"$T/setup.log" 2>&1
e2e_keys sup W
expect_screen "warehouse: W opens Fulfilment, the orders to ship" sup "To ship: express first"
expect_screen "warehouse: the order ready is listed" sup "O-000002"
e2e_keys sup h
expect_screen "warehouse: h opens the ship form with its line" sup "THE-2 (10 ready)"
e2e_keys sup Tab
e2e_type sup "DHL"
e2e_keys sup Tab
e2e_type sup "JD0001"
e2e_keys sup C-s
expect_screen "warehouse: it ships" sup "O-000002: shipment 1, 10 units, shipped."
expect_sql "warehouse: the shipment is recorded" "select carrier || ' ' || tracking from shipments s
    join orders o on o.id = s.order_id where o.number = 'O-000002'" "DHL JD0001"
expect_screen "warehouse: nothing left to ship" sup "Nothing is ready to ship."

# wide (200×50): the order's lines say what shipped, what waits, what was cancelled
e2e_resize sup 200 50
e2e_keys sup :
e2e_type sup "O-000002"
e2e_keys sup Enter
e2e_wait sup "Home › O-000002"
expect_screen "wide: the lines count shipped, waiting and cancelled units" sup "Tax Shipped Waiting Cancelled"
e2e_screen sup >"$T/screen"
expect_eq "wide: THE-2's 10 units shipped, none waits" "$(grep -E '^THE-2 ' "$T/screen" | awk '{print $NF}')" "10"

# cancelling what is left of a partly shipped order, from the console
"$COMPTOIR" --as alice order new --customer creme.brulee@example.com CAF-1:3 THE-2:2 --backorder >"$T/new.out" 2>>"$T/setup.log"; cat "$T/new.out" >>"$T/setup.log"
"$COMPTOIR" --as chloe order ship O-000003 CAF-1:3 --carrier DHL >>"$T/setup.log" 2>&1
expect_sql "setup: O-000003 partly shipped" "select status from orders where number = 'O-000003'" \
    "partially_shipped"
e2e_keys sup :
e2e_type sup "O-000003"
e2e_keys sup Enter
e2e_wait sup "Home › O-000003"
e2e_keys sup m
e2e_wait sup "Move to"
e2e_keys sup Enter
expect_screen "cancel: asks first, saying what stays" sup "Cancel what is left of O-000003?"
e2e_keys sup y
expect_screen "cancel: says what was cancelled and where the order stands" sup \
    "What was left of O-000003 is cancelled; it is now shipped."
expect_screen "cancel: the line's cancelled units" sup "Cancelled"
e2e_screen sup >"$T/screen"
expect_eq "cancel: THE-2's 2 units cancelled, none shipped" \
    "$(grep -E '^THE-2 ' "$T/screen" | awk '{print $(NF-1), $NF}')" "0 2"
