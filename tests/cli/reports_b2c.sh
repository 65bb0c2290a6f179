#!/bin/sh
# The B2C reports from the shell, over data made by comptoir itself (a coupon
# used by two reps' orders, a budget, deliveries, a return refunded and one
# rejected, points earned and redeemed): promotions, loyalty and returns as
# aligned text with money in the money format, the same as CSV with plain
# amounts, a rep who reads only their own figures, an empty range, a single
# day, --account refused, check clean and a tampered summary table named.
. "$(dirname "$0")/../lib.sh"

export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z LANG=C.UTF-8
unset LC_ALL LC_CTYPE

run init
for u in "alice rep" "bruno rep" "chloe support" "david manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x'),
       ('山田花子', 'hanako@example.jp', '090 1234 5678', '東京都千代田区', '東京', 'Japan', 'x', 'x');
     INSERT INTO accounts(code, name, created_at, updated_at) VALUES ('ACME', 'Société Acme', 'x', 'x');
     INSERT INTO products(sku, name, category, list_price, tax_class, unit_cost, stock_on_hand, created_at,
                          updated_at)
     VALUES ('CAF-001', 'Café moulu 250 g', 'Café', 5000, 'standard', 2000, 40, 'x', 'x'),
            ('THE-001', 'Thé vert 100 g', 'Thé', 1000, 'reduced', 400, 20, 'x', 'x');"
run check --repair # written around comptoir: its search indexes and sort keys built again
run --as david promo add "Noël −10 %" --kind percent --value 10 --code NOEL10 --budget 1000
expect_rc "a coupon with a budget of 1,000.00" 0
run --as david promo add "Printemps" --kind percent --value 20 --code PRINTEMPS --from 2026-03-01 --to 2026-03-31

# alice: O-1, 2 CAF at 60.00 incl. (50.00 + 20 %) less 10 % → 108.00 incl., 90.00 excl.; bruno: O-2 the same
run --as alice order new --customer zoe@example.fr CAF-001:2 --coupon NOEL10
expect_eq "alice's order" "$(tail -n 1 "$T/out")" "O-000001"
run --as bruno order new --customer hanako@example.jp CAF-001:2 THE-001:4 --coupon NOEL10
expect_eq "bruno's order" "$(tail -n 1 "$T/out")" "O-000002"
for o in O-000001 O-000002; do
    run --as chloe order ship $o --carrier DHL
    run --as chloe order deliver $o
done
# one CAF of bruno's order comes back damaged and is refunded; two THE are asked back, then rejected
run --as chloe return new O-000002 CAF-001:1:damaged
run --as chloe return receive R-000001
run --as chloe return refund R-000001
expect_rc "a refund paid" 0
run --as chloe return new O-000002 THE-001:2:changed-mind
run --as chloe return reject R-000002 --comment "opened and used"
expect_rc "a return rejected" 0

discount=$(sql "SELECT granted FROM promotions WHERE name LIKE 'Noël%'")
refund=$(sql "SELECT amount FROM refunds WHERE payment_id IS NOT NULL")
money() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

# ---- promotions
run --as david report promotions
expect_rc "promotions" 0
expect_out "says this month and whose figures" "^Promotions — 2026-11-01 … 2026-11-27, everyone's figures$"
expect_out "a row per promotion: uses, discount, revenue, budget left in the money format" \
    "^Noël −10 % +NOEL10 +2 +$(money "$discount") € +[0-9,]+\.[0-9]{2} € +$(money $((100000 - discount))) €$"
expect_out "an unused promotion of the range is listed" '^Printemps|^Total' # Printemps ended in March
expect_eq "one that ended before the range is not" "$(grep -c '^Printemps' "$T/out")" "0"
expect_out "a chart of the discount" "^Noël −10 % NOEL10 +█+ $(money "$discount") €$"
run --as alice report promotions
expect_out "a rep reads the uses of their own orders" "^Noël −10 % +NOEL10 +1 "
run --as david report promotions --from 2026-01-01 --to 2026-01-31
expect_out "an empty range: only the total" '^Total +0 +0\.00 € +0\.00 €'
run --as david report promotions --csv
expect_out "CSV: a block with its header" '^"section","PROMOTION","CODE","USES","DISCOUNT","REVENUE","BUDGET LEFT"'
expect_out "CSV: plain amounts" "\"Noël −10 %\",\"NOEL10\",\"2\",\"$(money "$discount")\",\"[0-9]+\.[0-9]{2}\",\"$(money $((100000 - discount)))\""
run --as david report promotions --account ACME
expect_rc "--account is refused: promotions are not by account" 65
expect_err "says why" 'not by account'

# ---- returns
run --as david report returns --from 2026-11-01 --to 2026-11-30
expect_rc "returns" 0
expect_out "the days asked" '^Returns — 2026-11-01 … 2026-11-30, everyone'
expect_out "the rate of a product: 1 of 4 sold, its refund" "^CAF-001 +Café moulu 250 g +4 +1 +25\.0 % +[0-9,.]+ €$"
expect_eq "the rejected return counts for nothing" "$(grep -c '^THE-001' "$T/out")" "0"
expect_out "by reason: share and rate (1 of 8 units sold)" '^damaged +1 +100\.0 % +12\.5 % '
expect_out "by month: sold, returned, rate, returns, refunds, refunded" \
    "^2026-11 +8 +1 +12\.5 % +1 +1 +$(money "$refund") €$"
run --as alice report returns --from 2026-11-01 --to 2026-11-30
expect_out "alice's orders had no return" '^2026-11 +2 +0 +0\.0 % +0 +0 +0\.00 €$'
run --as bruno report returns --from 2026-11-01 --to 2026-11-30
expect_out "bruno's: 1 of 6" '^2026-11 +6 +1 +16\.7 % +1 +1 '
run --as david report returns --csv --from 2026-11-01 --to 2026-11-30
expect_out "CSV: a product's rate in plain figures" '^"Return rate by product[^"]*","CAF-001","Café moulu 250 g","4","1","25.00","[0-9]+\.[0-9]{2}"'
run --as alice report returns --rep bruno
expect_rc "a rep is refused another's figures" 77

# ---- loyalty
run --as david report loyalty
expect_rc "loyalty" 0
earned=$(sql "SELECT sum(points) FROM loyalty_ledger WHERE kind = 'earn'")
expect_out "points outstanding and their worth" '^available +[0-9]+ +[0-9,]+\.[0-9]{2} €$'
expect_out "earned, redeemed, expired by month" "^2026-11 +[0-9]+ +0 +0 +0 +[0-9]+$"
run --as david report loyalty --from 2026-11-27 --to 2026-11-27
expect_rc "a single day" 0
expect_out "a single day reads that day" '^Loyalty — 2026-11-27 … 2026-11-27'
run --as alice report loyalty
expect_eq "a rep does not read the whole balance" "$(grep -c '^available' "$T/out")" "0"
expect_out "but the points of their own orders" '^2026-11 +[0-9]+ '
run --as chloe report loyalty
expect_rc "support reads no report" 77

# ---- check
run check
expect_eq "check: the summary tables of 0019 equal their recomputation" \
    "$(grep -c '^report_' "$T/out")" "0"
sql "UPDATE report_return_month SET units = units + 1"
run check
expect_out "and names one that does not" '^report_return_month: differs from its recomputation'
