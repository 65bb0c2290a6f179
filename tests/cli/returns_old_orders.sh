#!/bin/sh
# Returns on the demo's older B2C orders, whose lines were stored tax
# excluded: a replaced unit is worth what the customer paid for it, tax
# included — the new order's total is that credit, nothing is paid back
# (before the fix the unit's tax came back as money) — and the last unit
# refunded completes the line to what was paid.
. "$(dirname "$0")/../lib.sh"

export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z

run init
run demo --seed 4 --accounts 3 --customers 20 --products 8 --orders 60
expect_rc "the demo" 0
cents() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

# a delivered B2C order stored tax excluded, a line of 2 units none returned
pick=$(sql "SELECT o.number, l.sku, l.total_amount, l.tax_amount, l.net_amount FROM orders o
              JOIN order_lines l ON l.order_id = o.id
             WHERE o.channel = 'b2c' AND o.prices_include_tax = 0 AND o.status = 'delivered'
               AND l.kind = 'goods' AND l.quantity = 2 AND l.shipped_qty = 2 AND l.returned_qty = 0
               AND l.tax_amount > 0 AND o.delivered_day >= '2026-11-20'
             ORDER BY o.delivered_day DESC, o.id DESC LIMIT 1" | tr '|' ' ')
set -- $pick
expect_eq "the demo has such an order" "$#" "5"
order=$1 sku=$2 total=$3 tax=$4
unit=$((total / 2))
paid_before=$(sql "SELECT coalesce(sum(amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id
                    WHERE o.number = '$order' AND p.direction = 'out' AND p.method <> 'credit'")

run --as chloe return new "$order" "$sku:1:damaged" --resolution replacement
expect_rc "support opens a replacement" 0
expect_out "the credit is the unit as paid, tax included" "^Credit toward the new order +$(cents "$unit") €$"
ret=$(tail -n 1 "$T/out")
run --as chloe return receive "$ret"
run --as chloe return refund "$ret"
expect_out "replaced: a new order, nothing refunded nor charged" "^$ret replaced: new order O-[0-9]+$"
new=$(sed -n 's/.*new order \(O-[0-9]*\).*/\1/p' "$T/out")
expect_eq "the new order is worth the credit, tax included" \
    "$(sql "SELECT total || ' ' || prices_include_tax FROM orders WHERE number = '$new'")" "$unit 1"
expect_eq "paid by the credit alone" \
    "$(sql "SELECT group_concat(p.method || ':' || p.amount) FROM payments p JOIN orders o ON o.id = p.order_id
             WHERE o.number = '$new'")" "credit:$unit"
expect_eq "no money back on the old order" \
    "$(sql "SELECT coalesce(sum(amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id
             WHERE o.number = '$order' AND p.direction = 'out' AND p.method <> 'credit'")" "$paid_before"
run order show "$new"
expect_out "order show: the line at the price charged, tax included" "$(cents "$unit")"

run --as chloe return new "$order" "$sku:1"
ret=$(tail -n 1 "$T/out")
expect_out "the last unit completes the line" "^Refund +$(cents $((total - unit))) €$"
run --as chloe return receive "$ret"
run --as chloe return refund "$ret"
expect_out "refunded what was left of what was paid" "^$ret refunded: $(cents $((total - unit))) € to "
expect_eq "the line credited in full, its tax too" \
    "$(sql "SELECT refunded_amount || ' ' || refunded_tax FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE o.number = '$order' AND l.sku = '$sku'")" "$total $tax"
run check
expect_rc "check stays clean" 0
