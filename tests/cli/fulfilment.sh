#!/bin/sh
# Fulfilment from the shell: partial shipments that add up and never exceed
# what was ordered, stock and reservations exact after every step (check),
# back-orders served oldest promise first when stock arrives (the promise
# moves, with why), deliveries per shipment, cancelling what is left (the
# reservation released, the money paid back), notes, the PO number an
# account requires, the packing slip and labels read back with pdftotext,
# the on-time rate against the first promise, two agents shipping the same
# order at once.
. "$(dirname "$0")/../lib.sh"

# Friday 27 November 2026, 10:00 in the store's zone.
export TZ=UTC COMPTOIR_TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z

run init
for u in "alice rep" "bruno rep" "chloe support" "david manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x');
     INSERT INTO accounts(code, name, rep_id, credit_limit, open_balance, shipping_address, created_at,
                          updated_at) VALUES
       ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 1000000, 0,
        '12 quai des Docks, Marseille', 'x', 'x'),
       ('TOKYO', '東京商事', (SELECT id FROM users WHERE login = 'bruno'), 1000000, 0, '東京都千代田区', 'x', 'x');
     INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at)
     VALUES ('CAF-001', 'Café moulu 250 g', 1666, 'standard', 800, 10, 'x', 'x'),
            ('THE-001', 'Thé vert 100 g', 1000, 'reduced', 400, 2, 'x', 'x'),
            ('MUG-001', 'Tasse', 900, 'standard', 300, 0, 'x', 'x');
     UPDATE accounts SET packing_instructions = 'pallets max 1.2 m, no plastic', requires_po = 1
      WHERE code = 'ACME';"
run check --repair # written around comptoir: its search indexes and sort keys built again
reserved() { sql "SELECT stock_on_hand || '/' || stock_reserved FROM products WHERE sku = '$1'"; }
check_ok() { run check; expect_rc "check: $1" 0; }
check_ok "the opening stock is its moves"
expect_eq "a product's first stock is its opening move" \
    "$(sql "SELECT kind || ' ' || on_hand_delta FROM stock_moves m JOIN products p ON p.id = m.product_id
            WHERE p.sku = 'CAF-001'")" "opening 10"

# ---- an account that requires its PO number
run --as alice order new --account ACME CAF-001:6 THE-001:5 --backorder
expect_rc "placing without the PO number an account requires is refused" 65
expect_err "and says what to give" 'ACME requires its purchase-order number on every order: give it \(--po TEXT\)'
run --as alice order new --account ACME CAF-001:6 THE-001:5 --backorder --po PO-4711
expect_eq "placed with it" "$(tail -n 1 "$T/out")" "O-000001"
expect_eq "the PO number is on the order" "$(sql "SELECT po_number FROM orders WHERE number = 'O-000001'")" \
    "PO-4711"
expect_eq "6 + 2 reserved, 3 wait" "$(reserved CAF-001) $(reserved THE-001)" "10/6 2/2"
expect_eq "promised after the back-order" "$(sql "SELECT promised_date FROM orders WHERE id = 1")" "2026-12-16"

# ---- shipping: never more than ordered, never what waits for stock
run --as chloe order ship O-000001 CAF-001:7 --carrier DHL
expect_rc "more than ordered is refused" 65
expect_err "saying what is left" 'CAF-001: 7 asked, but 6 were ordered and 0 have shipped: 6 left to ship'
run --as chloe order ship O-000001 THE-001:3 --carrier DHL
expect_rc "units waiting for stock do not ship" 65
expect_err "saying how many are ready" 'THE-001: 3 asked, 2 ready to ship \(3 waiting for stock\)'
run --as chloe order ship O-000001 TEA-404 --carrier DHL
expect_rc "a SKU the order does not have" 65
run --as chloe order ship O-000001 CAF-001:2
expect_rc "a carrier is needed" 64
run --as chloe order ship O-000001 CAF-001:4 THE-001:2 --carrier DHL --tracking 1Z999AA1 --parcels 3
expect_rc "a partial shipment" 0
expect_out "says what left and what is left" \
    '^O-000001: shipment 1, 6 units \(DHL 1Z999AA1, 3 parcels\) → partially_shipped, 5 left to ship$'
expect_eq "stock and reservation fall together" "$(reserved CAF-001) $(reserved THE-001)" "6/2 0/0"
expect_eq "the lines' units" \
    "$(sql "SELECT group_concat(allocated_qty || ',' || shipped_qty || ',' || backorder_qty, ' ')
            FROM order_lines WHERE order_id = 1 AND kind = 'goods'")" "2,4,0 0,2,3"
check_ok "after a partial shipment"

# ---- stock arrives: the oldest promise first, the promise moves with why
run --as alice order new --account ACME THE-001:2 --backorder --po PO-4712 --requested 2026-12-20
expect_eq "a second order waits too" "$(tail -n 1 "$T/out")" "O-000002"
run --as chloe stock receive THE-001 4
expect_rc "support does not receive stock" 77
run --as david stock receive THE-001 4 --note "supplier delivery 118"
expect_rc "a manager receives" 0
expect_out "and is told where it went" \
    '^THE-001: 4 received, 4 on hand; 4 allocated to 2 waiting orders \(1 now complete, 1 promise moved\); 0 free$'
expect_eq "the oldest promise got its 3 first, the next 1 of 2" \
    "$(sql "SELECT group_concat(o.number || ':' || l.allocated_qty || '+' || l.backorder_qty, ' ') FROM order_lines l
            JOIN orders o ON o.id = l.order_id WHERE l.sku = 'THE-001' ORDER BY o.id")" "O-000001:3+0 O-000002:1+1"
expect_eq "the complete order's promise moved to 3 business days from today" \
    "$(sql "SELECT promised_date || ' ' || first_promised_date FROM orders WHERE id = 1")" "2026-12-02 2026-12-16"
expect_eq "with why" "$(sql "SELECT reason FROM order_promises WHERE order_id = 1 ORDER BY id DESC LIMIT 1")" \
    "stock of THE-001 received on 2026-11-27"
expect_eq "the waiting order keeps its promise" "$(sql "SELECT count(*) FROM order_promises WHERE order_id = 2")" "1"
check_ok "after a receipt"

# ---- the rest ships, then deliveries one shipment at a time
run --as chloe order ship O-000001 --carrier Geodis --tracking GEO-77
expect_out "without SKUs: everything allocated" '^O-000001: shipment 2, 5 units \(Geodis GEO-77, 1 parcel\) → shipped$'
expect_eq "shipped = the shipments' lines" \
    "$(sql "SELECT group_concat(l.shipped_qty || '=' || (SELECT sum(quantity) FROM shipment_lines
            WHERE order_line_id = l.id), ' ') FROM order_lines l WHERE l.order_id = 1 AND l.kind = 'goods'")" "6=6 5=5"
run --as chloe order ship O-000001 --carrier Geodis
expect_rc "nothing is left to ship" 65
run --as chloe order deliver O-000001
expect_rc "two on their way: which one?" 65
expect_err "says so" 'O-000001 has 2 shipments on their way: say which \(--shipment N\)'
run --as chloe order deliver O-000001 --shipment 1 --at 2026-11-26
expect_rc "not before it left" 65
run --as chloe order deliver O-000001 --shipment 1 --at 2026-11-30
expect_rc "not in the future" 65
run --as chloe order deliver O-000001 --shipment 1
expect_out "one delivered, the order is still on its way" '^O-000001: shipment 1 delivered; the order is shipped$'
COMPTOIR_NOW=2026-12-03T09:00:00Z run --as chloe order deliver O-000001
expect_out "the last one: delivered, against the first promise" \
    '^O-000001: shipment 2 delivered → delivered, on time$'
expect_eq "the order's delivery is the last shipment's" \
    "$(sql "SELECT status || ' ' || delivered_day FROM orders WHERE id = 1")" "delivered 2026-12-03"
run --as chloe order deliver O-000001 --shipment 2
expect_rc "a delivery is recorded once" 65
check_ok "after the deliveries"

# ---- the support agent: a note; the timeline holds everything
run --as chloe order note O-000001 "Client called: box 2 arrived damaged"
expect_out "a note" '^O-000001: note added$'
run --as chloe order note O-000001 ""
expect_rc "an empty note is refused" 65
run --as chloe order show O-000001
expect_out "the tracking number in the history" 'shipment +Geodis GEO-77 · 1 parcel · CAF-001 ×2, THE-001 ×3 \(shipment 2\)'
expect_out "the deliveries in the history" 'delivery +DHL 1Z999AA1 arrived \(shipment 1\)'
expect_out "the promise change with its reason" 'promise +2026-12-02: stock of THE-001 received on 2026-11-27'
expect_eq "the promise change shows once" "$(grep -c 'promise .*2026-12-02' "$T/out")" "1"
expect_out "the note" 'note +Client called: box 2 arrived damaged +by chloe'
expect_out "the shipments" '^  1 · DHL 1Z999AA1 · 3 parcels · 6 units · shipped 2026-11-27 10:00 · delivered 2026-11-27$'
expect_out "the packing instructions" '^  pallets max 1.2 m, no plastic$'
expect_eq "the note is audited" \
    "$(sql "SELECT count(*) FROM audit_log WHERE action = 'note' AND object_key = 'O-000001'")" "1"

# ---- the packing slip and the labels
run --as chloe order print O-000001 --packing-slip --shipment 1 -o "$T/slip1.pdf"
expect_rc "a packing slip" 0
run --as chloe order labels O-000001 --shipment 1 -o "$T/labels1.pdf"
expect_rc "labels" 0
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$T/slip1.pdf" "$T/slip1.txt"
    expect_out "the slip: the PO number" 'Your purchase order: PO-4711' "$T/slip1.txt"
    expect_out "the slip: the instructions" 'pallets max 1.2 m, no plastic' "$T/slip1.txt"
    expect_out "the slip: each line and its quantity" 'CAF-001 +Café moulu 250 g +6 +4 ' "$T/slip1.txt"
    expect_out "the slip: the carrier" 'DHL · tracking 1Z999AA1 · 3 parcels' "$T/slip1.txt"
    pdftotext "$T/labels1.pdf" "$T/labels1.txt"
    expect_eq "one label a parcel, 1/3 … 3/3" "$(grep -Eo '^[0-9]+/[0-9]+$' "$T/labels1.txt" | tr '\n' ' ')" \
        "1/3 2/3 3/3 "
    expect_eq "three pages" "$(grep -c 'Société Acme' "$T/labels1.txt")" "3"
    expect_out "a label carries the PO number and the tracking" 'PO PO-4711' "$T/labels1.txt"
fi

# ---- cancelling: what is left, never what shipped
run --as alice order cancel O-000002 --reason "the customer found it elsewhere"
expect_out "a waiting order is cancelled, paid back" '^O-000002: 2 units cancelled, 26.00 . refunded → cancelled$'
expect_eq "its reservation is released" "$(reserved THE-001)" "1/0"
expect_eq "paid back on account, the shipping too" "$(sql "SELECT direction || ' ' || method || ' ' || amount FROM payments
                                         WHERE order_id = 2 ORDER BY id DESC LIMIT 1")" "out account 2600"
run --as alice order cancel O-000002
expect_rc "once" 65
run --as chloe order cancel O-000001
expect_rc "shipped units cannot be cancelled" 65
expect_err "they can be returned" 'everything has shipped, so nothing can be cancelled \(it can be returned\)'
run --as alice order new --customer zoe@example.fr CAF-001:4 MUG-001:2 --backorder
expect_eq "a B2C order" "$(tail -n 1 "$T/out")" "O-000003"
run --as chloe order ship O-000003 CAF-001:1 --carrier Colissimo --tracking 6A123
run --as chloe order cancel O-000003 --reason "out of mugs"
expect_out "the rest of a partly shipped order" '^O-000003: 5 units cancelled, .* refunded → shipped$'
expect_eq "3 of CAF-001 back on the shelf, none reserved" "$(reserved CAF-001)" "3/0"
expect_eq "the shipping stays paid when something shipped" \
    "$(sql "SELECT refunded_qty FROM order_lines WHERE order_id = 3 AND kind = 'shipping'")" "0"
check_ok "after the cancels"
run order status O-000003 allocated
expect_rc "a status that follows shipments is not set by hand" 65
expect_err "it says what does it" 'it becomes allocated when stock is allocated to it'

# ---- a gift: the message, never a price
run --as alice order new --customer zoe@example.fr CAF-001 --gift-wrap --gift-message "Joyeux Noël, Zoé"
expect_eq "a gift order" "$(tail -n 1 "$T/out")" "O-000004"
run --as chloe order print O-000004 --packing-slip -o "$T/gift.pdf"
expect_rc "a slip before it ships: what is ready" 0
run --as chloe order labels O-000004 -o "$T/none.pdf"
expect_rc "no labels before a shipment" 65
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$T/gift.pdf" "$T/gift.txt"
    expect_out "the gift slip: the message" 'Joyeux Noël, Zoé' "$T/gift.txt"
    expect_out "the gift slip: to pack" 'To ship \(shipment 1\)' "$T/gift.txt"
    if grep -Eq '[0-9]+[.,][0-9]{2}|€|EUR' "$T/gift.txt"; then not_ok "never a price on a gift slip" "$(cat "$T/gift.txt")"
    else ok "never a price on a gift slip"; fi
fi

# ---- two agents ship the same order at once: a unit ships once
run --as alice order new --account ACME CAF-001:2 --po PO-9
expect_eq "an order to race for" "$(tail -n 1 "$T/out")" "O-000005"
run --as bruno order ship O-000005 --carrier X
expect_rc "a rep ships only orders they may see" 77
run --as bruno order note O-000005 "not mine"
expect_rc "nor notes them" 77
for i in 1 2 3 4; do
    ( "$COMPTOIR" --as chloe order ship O-000005 --carrier "Agent $i" >"$T/ship-$i.out" 2>&1
      echo $? >"$T/ship-$i.rc" ) &
done
wait
wins=0
for i in 1 2 3 4; do [ "$(cat "$T/ship-$i.rc")" = 0 ] && wins=$((wins + 1)); done
expect_eq "exactly one agent ships it" "$wins" "1"
expect_eq "one shipment of 2" "$(sql "SELECT count(*) || ' ' || sum(sl.quantity) FROM shipments s
                                       JOIN shipment_lines sl ON sl.shipment_id = s.id WHERE s.order_id = 5")" "1 2"
expect_eq "2 shipped, never more" "$(sql "SELECT shipped_qty FROM order_lines WHERE order_id = 5 AND kind = 'goods'")" \
    "2"
check_ok "after the race"

# ---- the on-time rate, against the first promise
# Delivered orders from before (an import): on the day, a day late, a
# promise moved later and kept (late against the first), and one a year ago.
sql "INSERT INTO orders(id, number, channel, source, account_id, status, placed_at, first_promised_date,
                        promised_date, delivered_at, delivered_day, subtotal, tax_total, total)
     SELECT 100 + n, 'H-' || n, 'b2b', 'import', (SELECT id FROM accounts WHERE code = 'TOKYO'), 'delivered',
            y || '-05-01T08:00:00Z', y || '-05-10', y || promised, y || '-' || delivered || 'T12:00:00Z',
            y || '-' || delivered, 0, 0, 0
       FROM (SELECT 1 AS n, '2026' AS y, '-05-10' AS promised, '05-10' AS delivered
             UNION ALL SELECT 2, '2026', '-05-10', '05-11' UNION ALL SELECT 3, '2026', '-05-14', '05-13'
             UNION ALL SELECT 4, '2025', '-05-10', '05-09');
     INSERT INTO order_lines(order_id, line_no, sku, quantity, unit_price, net_amount, tax_amount, shipped_qty)
     SELECT id, 1, 'OLD', 1, 0, 0, 0, 1 FROM orders WHERE id >= 100;
     INSERT INTO order_status_history(order_id, from_status, to_status, at)
     SELECT id, NULL, 'delivered', delivered_at FROM orders WHERE id >= 100;"
run --as david report on-time --account TOKYO
expect_rc "the report" 0
expect_out "on the day counts, a day late does not, a moved promise counts against the first" \
    '^TOKYO +東京商事 +3 +1 +2 +33.3 %$'
run --as david report on-time --from 2025-01-01 --to 2026-12-31
expect_out "a wider window takes the older one" '^TOKYO +東京商事 +4 +2 +2 +50.0 %$'
expect_out "and the total, with ACME's" '^Overall +5 +3 +2 +60.0 %$'
run --as chloe report on-time
expect_rc "support does not read reports" 77
run --as bruno report on-time
expect_out "a rep reads the orders credited to them" '^Overall +0 +0 +0 +—$'
run --as david report on-time --from 2026-13-01
expect_rc "a bad date" 64

# ---- order find: the filters around the search
run --as chloe order find --status partially_shipped
expect_rc "no text, a status" 0
expect_eq "none is partly shipped now" "$(grep -c '^O-' "$T/out")" "0"
run --as chloe order find --channel b2b --from 2026-11-27 --to 2026-11-27
expect_eq "B2B orders placed that day" "$(grep -Eo '^O-[0-9]+' "$T/out" | tr '\n' ' ')" "O-000005 O-000002 O-000001 "
run --as chloe order find zoe --status shipped
expect_eq "text and status together" "$(grep -Eo '^O-[0-9]+' "$T/out" | tr '\n' ' ')" "O-000003 "
run --as chloe order find --late --from 2026-01-01
expect_eq "late: delivered after the first promise (H-2, H-3), none open" \
    "$(grep -Eo '^H-[0-9]+' "$T/out" | tr '\n' ' ')" "H-3 H-2 "
COMPTOIR_NOW=2026-12-20T10:00:00Z run --as chloe order find --late --status allocated
expect_eq "late: open past the promise" "$(grep -Eo '^O-[0-9]+' "$T/out" | tr '\n' ' ')" "O-000004 "
run --as chloe order find --channel b2x
expect_rc "a bad channel" 64
run --as chloe order find
expect_rc "nothing to find by" 64

# ---- stock counted
run --as david stock receive CAF-001 5
expect_out "nothing waits: all of it free" '^CAF-001: 5 received, 6 on hand; 5 free$'
run --as david stock adjust CAF-001 -3 --reason "counted 2 broken jars"
expect_out "an adjustment" '^CAF-001: -3 \(counted 2 broken jars\), 3 on hand$'
run --as david stock adjust CAF-001 -9 --reason "lost"
expect_rc "never below zero or what is reserved" 65
run --as david stock adjust CAF-001 +2
expect_rc "a reason is required" 64
sql "UPDATE products SET stock_on_hand = 7 WHERE sku = 'CAF-001'"
expect_eq "a stock edited by other means is an adjust move" \
    "$(sql "SELECT kind || ' ' || on_hand_delta || ' ' || note FROM stock_moves ORDER BY id DESC LIMIT 1")" \
    "adjust 4 stock edited"
check_ok "at the end"

# ---- stock limits under parallel processes
# Counting adjusts race a shipment: free stock (on hand − reserved) is 2
# whatever the order, so exactly two of four −1 adjusts pass; then three
# receipts at once serve the waiting lines oldest promise first.
sql "INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at)
     VALUES ('RACE-1', 'Sucre en morceaux 1 kg', 300, 'reduced', 100, 5, 'x', 'x')"
run check --repair # written around comptoir: its search index and sort keys built again
run --as alice order new --account ACME RACE-1:3 --po PO-R1
expect_eq "an order holding 3 of 5" "$(tail -n 1 "$T/out") $(reserved RACE-1)" "O-000006 5/3"
( "$COMPTOIR" --as chloe order ship O-000006 --carrier Kuehne >"$T/race-ship.out" 2>&1; echo $? >"$T/race-ship.rc" ) &
for i in 1 2 3 4; do
    ( "$COMPTOIR" --as david stock adjust RACE-1 -1 --reason "count $i" >"$T/adj-$i.out" 2>&1
      echo $? >"$T/adj-$i.rc" ) &
done
wait
wins=0
for i in 1 2 3 4; do [ "$(cat "$T/adj-$i.rc")" = 0 ] && wins=$((wins + 1)); done
expect_eq "the shipment went through" "$(cat "$T/race-ship.rc")" "0"
expect_eq "two adjusts of four pass: never below what is reserved" "$wins" "2"
expect_eq "nothing left, nothing reserved" "$(reserved RACE-1)" "0/0"
expect_eq "one adjust move per success" \
    "$(sql "SELECT count(*) FROM stock_moves m JOIN products p ON p.id = m.product_id
            WHERE p.sku = 'RACE-1' AND m.kind = 'adjust'")" "2"
run --as alice order new --account ACME RACE-1:2 --backorder --po PO-R2 --requested 2026-12-28
run --as alice order new --account ACME RACE-1:2 --backorder --po PO-R3 --requested 2026-12-30
expect_eq "two orders wait, the earlier promise first" \
    "$(sql "SELECT group_concat(number || ' ' || promised_date, ', ') FROM (SELECT number, promised_date
            FROM orders WHERE po_number IN ('PO-R2', 'PO-R3') ORDER BY promised_date)")" \
    "O-000007 2026-12-28, O-000008 2026-12-30"
for i in 1 2 3; do
    ( "$COMPTOIR" --as david stock receive RACE-1 1 >"$T/rcv-$i.out" 2>&1; echo $? >"$T/rcv-$i.rc" ) &
done
wait
expect_eq "three receipts at once all pass" "$(cat "$T/rcv-1.rc") $(cat "$T/rcv-2.rc") $(cat "$T/rcv-3.rc")" "0 0 0"
expect_eq "the earlier promise is served whole first, the next gets the rest" \
    "$(sql "SELECT group_concat(o.number || ':' || l.allocated_qty || '+' || l.backorder_qty, ' ') FROM order_lines l
            JOIN orders o ON o.id = l.order_id WHERE o.po_number IN ('PO-R2', 'PO-R3') AND l.kind = 'goods'
            ORDER BY o.id")" \
    "O-000007:2+0 O-000008:1+1"
expect_eq "3 on hand, 3 reserved" "$(reserved RACE-1)" "3/3"
check_ok "after the races"

# ---- an order without a promise (imported) is neither on time nor late
printf '%s\n' 'number,placed_at,channel,account_code,customer_email,sku,description,quantity,unit_price,tax_rate' \
    'O-000900,2026-11-20T10:00:00Z,b2c,,zoe@example.fr,CAF-001,Café moulu 250 g,1,16.66,5.5' >"$T/old.csv"
run import orders "$T/old.csv"
run --as david stock receive CAF-001 1
run --as chloe order ship O-000900 --carrier DHL
run --as chloe order deliver O-000900
expect_out "delivered, no promise to keep or break" '^O-000900: shipment 1 delivered → delivered$'
