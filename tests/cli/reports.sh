#!/bin/sh
# Reports from the shell: the list, a report as aligned text with its chart,
# the same as CSV (formula-safe, every row), -o FILE, a single day, an empty
# range, a rep who reads only their own figures (and is refused another's),
# support refused, bad dates and names refused with the usage.
. "$(dirname "$0")/../lib.sh"

export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z LANG=C.UTF-8
unset LC_ALL LC_CTYPE

run init
for u in "alice rep" "bruno rep" "chloe support" "david manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES
       (1, 'ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 'x', 'x');
     INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, created_at, updated_at)
     VALUES (1, 'CAF-001', 'Café moulu', 'Café', 1000, 600, 50, 'x', 'x'),
            (2, 'EVIL-1', '=HYPERLINK(\"http://x\")', 'Thé', 1000, 400, 5, 'x', 'x');
     INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day, subtotal,
                        tax_total, total, paid_total) VALUES
       (1, 'O-1', 'b2b', 1, (SELECT id FROM users WHERE login = 'alice'), 'allocated', '2026-11-10T09:00:00Z',
        '2026-11-10', 10000, 2000, 12000, 12000),
       (2, 'O-2', 'b2c', NULL, (SELECT id FROM users WHERE login = 'bruno'), 'allocated', '2026-11-12T09:00:00Z',
        '2026-11-12', 2000, 400, 2400, 2400);
     INSERT INTO order_lines(order_id, line_no, product_id, sku, category, quantity, unit_price, unit_cost,
                             tax_included, net_amount, tax_amount, allocated_qty) VALUES
       (1, 1, 1, 'CAF-001', 'Café', 10, 1000, 600, 0, 10000, 2000, 10),
       (2, 1, 2, 'EVIL-1', 'Thé', 2, 1200, 400, 1, 2000, 400, 2);"

run report list
expect_rc "the list" 0
expect_out "names every report with its default range" '^b2b-b2c +B2B vs B2C: .*\(default: the last 12 months\)$'
expect_eq "nine reports" "$(wc -l < "$T/out" | tr -d ' ')" "9"

run --as david report b2b-b2c --from 2026-11-01 --to 2026-11-30
expect_rc "B2B vs B2C" 0
expect_out "says the range and whose figures" "^B2B vs B2C — 2026-11-01 … 2026-11-30, everyone's figures$"
expect_out "aligned columns, figures right, money in the money format" \
    '^2026-11 +B2B +1 +100\.00 € +100\.00 € +0 +0\.00 € +— +—$'
expect_out "the other channel" '^2026-11 +B2C +1 +20\.00 € +20\.00 € +0 +0\.00 € +— +—$'
expect_out "the previous period's orders and average beside" '^MONTH +CHANNEL +ORDERS +REVENUE +AVG ORDER +PREV ORDERS +PREVIOUS +PREV AVG +CHANGE$'
expect_out "the previous period said: whole months for whole months" '2026-10-01 … 2026-10-31'
expect_out "a chart of the revenue, the figure beside it" '^2026-11 B2B +█{30} 100\.00 €$'
run --as david report b2b-b2c --from 2026-12-01 --to 2026-12-31
expect_out "a month without orders keeps its row beside the month before" \
    '^2026-12 +B2B +0 +0\.00 € +— +1 +100\.00 € +100\.00 € +-100\.0 %$'
run --as david report b2b-b2c --from 2026-12-01 --to 2026-12-31 --csv
expect_out "CSV: the previous orders and average" '^"Revenue excl\. tax by month[^"]*","2026-12","B2B","0","0\.00","","1","100\.00","100\.00","-100\.00"'
run --as david report b2b-b2c --from 2026-11-12 --to 2026-11-12
expect_out "a single day" '^2026-11 +B2C +1 +20\.00'
expect_eq "only its orders" "$(grep -c '^2026-11 +B2B' "$T/out")" "0"
run --as david report win-rate --from 2025-01-01 --to 2025-01-31
expect_rc "an empty range" 0
expect_out "says there is nothing" '^\(nothing in this range\)$|^Total +0 +0'
LANG=C run --as david report b2b-b2c --from 2026-11-01 --to 2026-11-30
expect_out "an ASCII chart where the locale is not UTF-8" '^2026-11 B2B +#{30} 100\.00 €$'

run --as david report products --csv
expect_rc "CSV" 0
expect_out "a block per table, its header first" '^"section","SKU","NAME","UNITS","REVENUE","MARGIN","MARGIN %"'
expect_out "a product name a spreadsheet would run is guarded" "\"'=HYPERLINK\(\"\"http://x\"\"\)\""
expect_out "figures plain" '"Top products by revenue excl. tax","CAF-001","Café moulu","10","100.00","40.00","40.00"'
run --as david report products -o "$T/products.txt"
expect_rc "-o FILE" 0
expect_out "writes the text there" '^Top products by revenue excl. tax$' "$T/products.txt"
expect_eq "and nothing on stdout" "$(wc -c < "$T/out" | tr -d ' ')" "0"

run --as alice report b2b-b2c --from 2026-11-01 --to 2026-11-30
expect_out "a rep reads their own figures" "alice's own figures"
expect_eq "not bruno's sale" "$(grep -c '^2026-11 +B2C' "$T/out")" "0"
run --as alice report b2b-b2c --rep bruno
expect_rc "and not another rep's" 77
run --as david report b2b-b2c --rep bruno --from 2026-11-01 --to 2026-11-30
expect_out "a manager reads one rep's" '^2026-11 +B2C +1 +20\.00'
expect_out "and the header names whose" "bruno's figures"
run --as david report b2b-b2c --rep chloe
expect_rc "support has no figures of their own" 65
expect_err "says so" "chloe \(support\) has no figures of their own"
run --as chloe report pipeline
expect_rc "support reads no report" 77
expect_err "says what support may not do" "chloe \(support\) may not read reports"
run --as david report pipeline --from 2026-11-31x
expect_rc "a bad date" 64
run --as david report pipeline --from 2026-02-30
expect_rc "a day the calendar has not" 64
expect_err "is no date" "not '2026-02-30'"
run --as david report pipeline --from
expect_rc "--from without its date" 64
expect_err "says the value is missing" "missing the value of '--from'"
run --as david report sales
expect_rc "an unknown report" 64
expect_err "names the report" "no such report: 'sales'"
run check
expect_eq "check: the summary tables equal their recomputation (the hand-made orders lack the rest)" \
    "$(grep -c '^report_' "$T/out")" "0"
sql "UPDATE report_sales_day SET net = net + 1 WHERE channel = 'b2c'"
run check
expect_out "and names one that does not" '^report_sales_day: differs from its recomputation'
run check --repair
run check
expect_eq "repaired: the summary tables summed again from the rows" "$(grep -c '^report_' "$T/out")" "0"
sql "UPDATE report_product_ytd SET net_11 = net_11 + 1 WHERE rep_id = 0"
run check
expect_out "a year-to-date row changed by hand is found" '^report_product_ytd: differs from its recomputation'
run check --repair
sql "UPDATE report_category_rep_day SET units = units + 1 WHERE rep_id = (SELECT max(rep_id) FROM report_category_rep_day)"
run check
expect_out "a rep's day row changed by hand is found" '^report_category_rep_day: differs from its recomputation'
run check --repair
run check
expect_eq "repaired: a rep's days summed again" "$(grep -c '^report_' "$T/out")" "0"
run --as david report products --from 2026-10-15 --to 2026-11-14 --csv
expect_out "repaired, and a range of days mid-month reads those days" \
    '"Top products by revenue excl. tax","CAF-001","Café moulu","10","100.00","40.00","40.00"'
run --as david report products --from 2026-11-13 --to 2026-11-13
expect_out "a single day: the day's sales only (none)" '^Top products by revenue excl\. tax$'
expect_eq "no product of the 10th" "$(grep -c '^CAF-001 +Café moulu +10 ' "$T/out")" "0"
expect_out "says the day" '^Products — 2026-11-13 … 2026-11-13, everyone'"'"'s figures$'
run --as david report products --from 2026-11-10 --to 2026-11-10
expect_out "the day of the sale" '^CAF-001 +Café moulu +10 +100\.00 €'

# ---- the store's days are local days: a new zone sums the tables again
# an order without its day (as imported ones may be) is dated by its time
sql "UPDATE orders SET placed_at = '2026-11-20T23:30:00Z', placed_day = NULL WHERE id = (SELECT min(id) FROM orders)"
run check --repair
run setting store.time_zone Asia/Tokyo
expect_out "the zone changes" '^store.time_zone = Asia/Tokyo$'
run check
expect_eq "in the new zone the summary tables still equal their recomputation" "$(grep -c '^report_' "$T/out")" "0"
run setting store.time_zone Pacific/Honolulu
run check
expect_eq "and in another" "$(grep -c '^report_' "$T/out")" "0"
