#!/bin/sh
# Returns and refunds from the shell: `return new` prints the refund line by
# line and the number alone last; a unit is never returned twice; receive
# restocks or scraps (stock moves); refund pays back to the order's method
# (or another, with a reference); a refund above the threshold waits for
# another manager (never the one who asked, support never); reject gives
# the units back; the window; show, list; check stays clean; an exchange.
. "$(dirname "$0")/../lib.sh"

# Friday 27 November 2026, 10:00 in the store's zone.
export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z

# A second person (maker-checker counts people, not --as): another uid mapped
# onto the tester by a user namespace (tests/lib.sh has the same from issue 8b).
if ! command -v run_other >/dev/null 2>&1; then
    OTHER=uid54321
    as_other() { unshare --user --map-user=54321 --map-group=54321 "$@"; }
    run_other() { as_other "$COMPTOIR" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
fi
have_other=0
as_other true 2>/dev/null && have_other=1

run init
run user add "$OTHER" --role admin
for u in "alice rep" "chloe support" "david manager" "emma manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x'),
       ('山田花子', 'hanako@example.jp', '090 1234 5678', '東京都千代田区', '東京', 'Japan', 'x', 'x');
     INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at)
     VALUES ('CAF-001', 'Café moulu 250 g', 1666, 'standard', 800, 40, 'x', 'x'),
            ('THE-001', 'Thé vert 100 g', 1000, 'reduced', 400, 20, 'x', 'x');"
run check --repair # written around comptoir: its search indexes and sort keys built again
stock() { sql "SELECT stock_on_hand FROM products WHERE sku = '$1'"; }
check_ok() { run check; expect_rc "check: $1" 0; }

# ---- an order shipped and delivered: 2 × 19.99 + 10.55, shipping 4.90 (under 50.00)
run --as alice order new --customer zoe@example.fr CAF-001:1 THE-001:1
expect_eq "placed" "$(tail -n 1 "$T/out")" "O-000001"
run --as chloe order ship O-000001 --carrier DHL
run --as chloe order deliver O-000001
expect_rc "delivered" 0

run --as chloe return new O-000001 CAF-001:1:damaged --dry-run
expect_rc "a dry run prices the return" 0
expect_eq "and opens nothing" "$(sql "SELECT count(*) FROM returns")" "0"
run --as chloe return new O-000001 CAF-001:1:damaged
expect_rc "support opens a return" 0
cat >"$T/want" <<'OUT'
SKU                 QTY  REASON                               REFUND
CAF-001               1  damaged                               19.99
Shipping standard        refunded: our fault                    4.90
Refund                                                       24.89 €
          incl. VAT 4.15
Window    open until 2026-12-27
R-000001
OUT
if diff -u "$T/want" "$T/out" >"$T/diff"; then ok "return new prints the refund line by line, the number last"
else not_ok "return new prints the refund line by line, the number last" "$(cat "$T/diff")"; fi
run --as chloe return new O-000001 CAF-001:1
expect_rc "the same unit is not returned twice" 65
expect_err "saying what may be" 'CAF-001: 0 units may be returned \(1 shipped, 1 returned already\), not 1'
run --as chloe return new O-000001 MUG-001:1
expect_rc "a SKU the order does not have" 65
run --as chloe return new O-000001 THE-001:1:broken
expect_rc "an unknown reason is bad usage" 64
expect_err "naming the reasons" 'one of damaged, wrong_item, not_as_described, changed_mind, late_delivery'

run --as chloe return refund R-000001
expect_rc "nothing is refunded before the goods are back" 65
expect_err "saying so" 'receive the goods first'
run --as chloe return receive R-000001
expect_out "damaged goods are scrapped by default" '^R-000001 received: 0 restocked, 1 scrapped$'
expect_eq "scrapping moves no stock, and says so" "$(stock CAF-001) $(sql "SELECT count(*) FROM stock_moves WHERE kind = 'scrap'")" "39 1"
run --as chloe return refund R-000001 --method card:AUTH-77
expect_out "refunded to the card with its reference" '^R-000001 refunded: 24.89 € to card$'
expect_out "and closed with it: nothing is left to do" '^R-000001 closed: nothing left to do$'
expect_eq "closed in the store, when it was paid" "$(sql "SELECT status || ' ' || (closed_at IS NOT NULL) FROM returns WHERE number = 'R-000001'")" "closed 1"
expect_eq "the payment out" "$(sql "SELECT method || ' ' || amount || ' ' || reference || ' ' || reason FROM payments WHERE direction = 'out'")" "card 2489 AUTH-77 return R-000001"
run --as chloe return refund R-000001
expect_rc "refunded once" 65
check_ok "after a refund"

run order show O-000001
expect_out "the order shows its return, closed (was: refunded; a refund closes the return)" 'R-000001 closed \(refund\)'
expect_out "and its refund on the timeline" 'refund'
expect_out "and its closing" 'R-000001 closed: refund of 24.89 € paid to card'
run --as chloe return list --status open
expect_eq "the open list leaves closed returns out" "$(grep -c "^R-000001 " "$T/out")" "0"
run --as chloe return list --status closed
expect_out "the closed ones are a status of their own" '^R-000001 +O-000001 +closed +refund'
run --as chloe return show R-000001
expect_out "show says when it closed" '^Closed    20'

# ---- the rest of the order, restocked; shipping was refunded already
run --as chloe return new O-000001 THE-001:1:changed-mind
expect_out "shipping refunded once" 'refunded already'
run --as chloe return receive R-000002 THE-001:restock
expect_out "restocked" '1 restocked, 0 scrapped'
expect_eq "back on the shelf" "$(stock THE-001)" "20"
run --as chloe return refund R-000002
expect_out "to the order's own method" 'R-000002 refunded: 10.55 € to card'
expect_eq "refunded = paid, never more" "$(sql "SELECT refunded_total || '/' || paid_total FROM orders WHERE number = 'O-000001'")" "3544/3544"
check_ok "the whole order refunded"

# ---- a big refund waits for another manager
run --as alice order new --customer hanako@example.jp CAF-001:12
run --as chloe order ship O-000002 --carrier DHL
run --as chloe order deliver O-000002
run --as david return new O-000002 CAF-001:12:wrong-item
expect_out "says a manager approves it" 'Approval  a manager approves the refund \(above 200.00\)'
run --as chloe return receive R-000003
run --as david return refund R-000003
expect_out "above the threshold it waits" "R-000003: the refund of 239.88 € to card waits for a manager's approval"
run order show O-000002
expect_out "the timeline says it in money, with the currency" 'R-000003: refund of 239.88 € waits for a manager \(over 200.00 €\)'
run --as chloe return list --status awaiting_approval
expect_out "in support's queue, waiting approval" 'R-000003 +O-000002 +awaiting approval +refund +239.88  2026-11-27 山田花子'
run --as david return approve R-000003
expect_rc "nobody approves a refund they requested" 77
expect_err "saying why" 'nobody approves a refund they requested'
run --as chloe return approve R-000003
expect_rc "support does not approve" 77
run sql "UPDATE refunds SET decision = 'approve', decided_at = 'x', decided_by = (SELECT id FROM users WHERE login = 'david'), decided_by_real = (SELECT id FROM users WHERE login = 'david')"
expect_eq "nor does direct SQL record a self-approval" "$(sql "SELECT count(*) FROM refunds WHERE decision IS NOT NULL")" "0"
run --as emma return approve R-000003 --comment "parcel checked"
expect_rc "nor through --as by the same person (root as david asked, root as emma)" 77
expect_err "saying why" 'even through --as'
if [ "$have_other" = 1 ]; then
    run_other --as emma return approve R-000003 --comment "parcel checked"
    expect_out "another manager approves and it is paid" '^R-000003 approved and refunded: 239.88 € to card$'
else
    ok "skipped: no user namespaces here for a second person"
    run sql "SELECT 1"
    sql "UPDATE users SET role = role" # nothing to approve with: the rest reads the waiting refund
fi
if [ "$have_other" = 1 ]; then
    run --as chloe return show R-000003
    expect_out "show: the status (closed once paid)" '^R-000003  closed  order O-000002  山田花子$'
    expect_out "show: the approval" 'approved by emma: parcel checked; paid'
    check_ok "after an approval"
fi

# ---- rejected: the units come back to the order
run --as chloe return new O-000002 CAF-001:0
expect_rc "a quantity from 1" 64
run --as alice order new --customer zoe@example.fr CAF-001:3
run --as chloe order ship O-000003 --carrier DHL
run --as chloe return new O-000003 CAF-001:2
run --as chloe return reject R-000004
expect_rc "a rejection needs a reason" 64
run --as chloe return reject R-000004 --comment "opened and used"
expect_out "rejected" '^R-000004 rejected$'
run --as chloe return new O-000003 CAF-001:3
expect_rc "its units may be returned again" 0
expect_eq "the number" "$(tail -n 1 "$T/out")" "R-000005"

# ---- the window: 30 days after delivery, then a manager
run --as chloe order deliver O-000003
COMPTOIR_NOW=2027-01-05T10:00:00Z run --as chloe return new O-000001 THE-001:1
run --as alice order new --customer zoe@example.fr THE-001:2
run --as chloe order ship O-000004 --carrier DHL
run --as chloe order deliver O-000004
COMPTOIR_NOW=2027-01-05T10:00:00Z run --as chloe return new O-000004 THE-001:1
expect_rc "past the window support is refused" 77
expect_err "saying when it closed" 'its 30-day return window closed on 2026-12-27; a manager may accept the return'
COMPTOIR_NOW=2027-01-05T10:00:00Z run --as david return new O-000004 THE-001:1
expect_rc "a manager accepts it" 0
expect_out "and the return says so" 'Window    closed on 2026-12-27: a manager accepts it'

# ---- an exchange: the tea for a coffee, the difference to pay
run --as chloe return new O-000004 THE-001:1:not-as-described --resolution exchange --for CAF-001
expect_rc "an exchange for another product" 0
expect_out "the last unit back brings the shipping with it" 'refunded: whole order back +4.90'
run --as chloe return receive R-000007
run --as chloe return refund R-000007
expect_out "the new order and what is left to pay" '^R-000007 exchanged: new order O-000005; 4.54 € to pay \(card\)$'
expect_eq "the new order is an exchange paid by the credit first" "$(sql "SELECT o.source || ' ' || group_concat(p.method || ':' || p.amount, ' ') FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.number = 'O-000005'")" "exchange credit:1545 card:454"
check_ok "after an exchange"

run --as chloe return list
expect_out "the list, newest first" '^R-000007 '
run return --help
expect_out "the help names the reasons" 'changed_mind'
run --help
expect_out "return is in the commands" '^  return +returns: open, receive'
