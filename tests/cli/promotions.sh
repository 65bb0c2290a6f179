#!/bin/sh
# `comptoir promo` and coupons on `order new`: add prints the id alone on its
# last line, list / show / disable, batches of single-use codes as CSV, rights
# (managers run promotions, reps apply codes), each promotion applied with its
# amount and each other with its reason, the store's time zone, import and
# export, and the limits under concurrency: 20 processes placing orders with
# a code limited to 100 uses (then a budget for 100 discounts) give exactly
# 100 discounted orders, and `promo show` says 100 of 100.
. "$(dirname "$0")/../lib.sh"

# Friday 27 November 2026, 10:00 in the store's zone.
export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z

run init
for u in "alice rep" "chloe support" "david manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO customers(name, email, loyalty_tier, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', 'silver', 'x', 'x'),
       ('山田花子', 'hanako@example.jp', 'gold', 'x', 'x');
     INSERT INTO products(sku, name, category, list_price, tax_class, unit_cost, stock_on_hand, created_at,
       updated_at) VALUES
       ('CAF-001', 'Café moulu 250 g', 'Café', 5000, 'standard', 800, 1000, 'x', 'x'),
       ('THE-001', 'Thé vert 100 g', 'Thé', 3334, 'standard', 400, 1000, 'x', 'x'),
       ('TAS-001', 'Tasse', 'Vaisselle', 1000, 'standard', 300, 1000, 'x', 'x');
     UPDATE products SET consumer_price = 6000 WHERE sku = 'CAF-001';
     UPDATE products SET consumer_price = 4000 WHERE sku = 'THE-001';
     UPDATE products SET consumer_price = 1200 WHERE sku = 'TAS-001';"
"$COMPTOIR" check --repair >/dev/null 2>&1 # rows written around the stores: their search indexes

# ---- rights and add
run --as alice promo add "Noël −10 %" --kind percent --value 10 --code NOEL10
expect_rc "a rep may not add a promotion" 77
run --as chloe promo add "Noël −10 %" --kind percent --value 10 --code NOEL10
expect_rc "support may not either" 77
run --as david promo add "Noël −10 %" --kind percent --value 10 --code NOEL10
expect_rc "a manager adds one" 0
expect_eq "promo add prints the id alone on its last line" "$(tail -n 1 "$T/out")" "1"
expect_out "and says what it is" '^Noël −10 %: 10 % off on the order, code NOEL10$'
run --as david promo add "Trop" --kind percent --value 150
expect_rc "a percentage over 100 is refused" 65
expect_err "naming the option" '^comptoir: --value: a percentage from 0.01 to 100'
run --as david promo add "Prix" --kind price --value 5
expect_rc "a fixed price needs SKUs or a category" 65
expect_err "on --on" '^comptoir: --on:'
run --as david promo add "Codé" --kind percent --value 5 --code AB
expect_rc "a code of two characters is refused" 65
run --as david promo add "Double" --kind percent --value 5 --code noel10
expect_rc "a code another promotion has, in any case, is refused" 65
run --as david promo add "Double" --kind percent --value 5 --code X1Y --auto
expect_rc "--code and --auto together are refused" 64
expect_eq "nothing refused was written" "$(sql 'SELECT count(*) FROM promotions')" "1"

run --as david promo add "Thé 2+1" --kind buy-get --buy 2 --get 1 --on category:Thé --auto
expect_eq "buy-get on a category, automatic" "$(tail -n 1 "$T/out")" "2"
run --as david promo add "Bienvenue" --kind fixed --value 5 --first-order --auto
run --as david promo add "VIP" --kind percent --value 15 --tier gold --code VIP15
run --as david promo add "Gros panier" --kind percent --value 5 --min-subtotal 500 --code BULK
run --as david promo add "Printemps" --kind percent --value 20 --from 2026-03-01 --to 2026-11-26 --code SPRING
run --as david promo add "Port offert" --kind free-shipping --auto --min-subtotal 30 --channel b2c
run --as david promo add "Tasse à 9.99" --kind price --value 9.99 --on sku:TAS-001 --auto --priority 5 --stop
expect_eq "a fixed price on a SKU" "$(tail -n 1 "$T/out")" "8"

# ---- a cart says what applied and why each other did not
run --as alice order new --customer zoe@example.fr CAF-001 THE-001:3 TAS-001 --coupon noel10 --coupon VIP15 \
    --coupon BULK --coupon SPRING --coupon NOPE --ship express --dry-run
expect_rc "a dry run with codes exits 0" 0
expect_out "buy 2 get 1 on the category" '^  applied: Thé 2\+1 +-40.00'
expect_out "the code, as typed in any case, applied" '^  applied: Noël −10 % \(NOEL10\) +-'
expect_out "the first order" '^  applied: Bienvenue +-5.00'
expect_out "the fixed price" '^  applied: Tasse à 9.99 +-2.01'
expect_out "free shipping over 30.00" "^  applied: Port offert +-9.90"
expect_out "VIP — for gold tier" '^  not applied: VIP15 — for gold tier$'
expect_out "BULK — the minimum and what is left to go" \
    '^  not applied: BULK — 192.00 € of 500.00 € minimum, 308.00 € to go$'
expect_out "SPRING — ended" '^  not applied: SPRING — ended on 26 Nov$'
expect_out "an unknown code" '^  not applied: NOPE — unknown code$'
expect_out "the total" "^Total +130.99"
expect_eq "a dry run counts nothing" "$(sql 'SELECT sum(uses) FROM promotions')" "0"

run --as alice order new --customer zoe@example.fr CAF-001 --coupon NOEL10 --ship pickup
expect_rc "placing with a code" 0
expect_eq "the order number alone on the last line" "$(tail -n 1 "$T/out")" "O-000001"
expect_eq "the order stores each promotion's share" \
    "$(sql "SELECT group_concat(source_id || ':' || amount, ' ') FROM (SELECT * FROM order_line_adjustments ORDER BY source_id)")" \
    "1:600 3:500"
run --as alice order show O-000001
expect_out "order show lists its promotions" '^  Noël −10 % \(NOEL10\)  -6.00'
expect_out "with the automatic one" '^  Bienvenue  -5.00'
run --as alice order new --customer zoe@example.fr CAF-001 --ship pickup --dry-run
expect_out "WELCOME — first order only" '^  not applied: Bienvenue — first order only$'

run --as chloe promo show NOEL10
expect_rc "support reads a promotion" 0
expect_out "its uses" '^Uses: +1 \(no limit\)$'
expect_out "its trigger" '^Trigger: +code NOEL10$'
run promo list
expect_out "the list: id, state, name, what it gives, code, uses" '^ +1  active +Noël −10 % +10 % off +NOEL10 +1 '
expect_out "an ended promotion" '^ +6  ended +Printemps'
run promo list --active
expect_out "--active leaves ended ones out" '^7 promotions$'
run --as david promo disable 1
expect_out "disable" '^promotion 1 disabled$'
run --as david promo disable 1
expect_rc "disabling twice says so" 65
run --as alice order new --customer zoe@example.fr CAF-001 --coupon NOEL10 --ship pickup --dry-run
expect_out "a disabled code says so" '^  not applied: NOEL10 — disabled$'

# ---- single-use codes, in a CSV for a mailing
run --as david promo add "Mailing" --kind fixed --value 3
expect_out "without --code or --auto it waits for codes" 'promo codes 9 --generate N'
run --as david promo codes 9 --generate 50 --prefix MAIL- -o "$T/codes.csv"
expect_rc "codes --generate" 0
expect_out "says the batch" '^batch 1: 50 codes written to '
expect_eq "the file holds a header and 50 codes" "$(wc -l < "$T/codes.csv" | tr -d ' ')" "51"
expect_eq "50 different codes" "$(tail -n +2 "$T/codes.csv" | cut -d, -f1 | sort -u | wc -l | tr -d ' ')" "50"
expect_out "codes have the prefix" '^"MAIL-[A-HJ-NP-Z2-9]{8}","Mailing","1","",""' "$T/codes.csv"
run --as alice promo codes 9 --generate 5 -o "$T/no.csv"
expect_rc "a rep makes no codes" 77
run --as david promo codes 2 --generate 5 -o "$T/no.csv"
expect_rc "an automatic promotion takes no codes" 65
code=$(sed -n 2p "$T/codes.csv" | cut -d'"' -f2)
run --as alice order new --customer hanako@example.jp THE-001 --coupon "$code" --ship pickup
expect_rc "a single-use code places" 0
run --as alice order new --customer zoe@example.fr THE-001 --coupon "$code" --ship pickup --dry-run
expect_out "the same code again says where it went" "^  not applied: $code — code already used on O-000002\$"
run --as david promo codes 9 -o "$T/all.csv"
expect_out "without --generate every code is written" '^50 codes written'
expect_out "with the order that used it" "^\"$code\",\"Mailing\",\"1\",\"O-000002\"" "$T/all.csv"

# ---- the store's time zone: an end date holds to 23:59:59 there
sql "UPDATE settings SET value = 'Pacific/Auckland' WHERE key = 'store.time_zone'"
run --as david promo add "Kiwi" --kind percent --value 10 --to 2026-11-27 --code KIWI
run --as alice order new --customer zoe@example.fr THE-001 --coupon KIWI --ship pickup --dry-run
expect_out "10:00 UTC is 23:00 in Auckland: still the 27th" '^  applied: Kiwi \(KIWI\)'
COMPTOIR_NOW=2026-11-27T11:00:00Z run --as alice order new --customer zoe@example.fr THE-001 --coupon KIWI \
    --ship pickup --dry-run
expect_out "11:00 UTC is the 28th there: ended" '^  not applied: KIWI — ended on 27 Nov$'
sql "UPDATE settings SET value = '' WHERE key = 'store.time_zone'"
# unset, the store is in Europe/Paris (UTC+1 in winter), whatever the host's zone
run --as david promo add "Paris" --kind percent --value 10 --to 2026-11-27 --code PARIS
COMPTOIR_NOW=2026-11-27T22:30:00Z run --as alice order new --customer zoe@example.fr THE-001 --coupon PARIS \
    --ship pickup --dry-run
expect_out "22:30 UTC is 23:30 in Paris: the last day still" '^  applied: Paris \(PARIS\)'
COMPTOIR_NOW=2026-11-27T23:00:00Z run --as alice order new --customer zoe@example.fr THE-001 --coupon PARIS \
    --ship pickup --dry-run
expect_out "23:00 UTC is midnight in Paris: ended" '^  not applied: PARIS — ended on 27 Nov$'
run setting store.time_zone
expect_out "unset, the setting says its default" '^store.time_zone = Europe/Paris \(the default\)$'
run --as alice setting store.time_zone UTC
expect_rc "a rep changes no setting" 77
run setting store.time_zone Mars/Olympus
expect_rc "a zone the system does not know is refused" 65
expect_err "and says why" "'Mars/Olympus' is not a time zone this system knows"
run setting store.time_zone host
expect_out "an admin sets the host's zone" '^store.time_zone = host$'
COMPTOIR_NOW=2026-11-27T23:30:00Z run --as alice order new --customer zoe@example.fr THE-001 --coupon PARIS \
    --ship pickup --dry-run
expect_out "'host': the host's zone (UTC here), still the 27th" '^  applied: Paris \(PARIS\)'
sql "UPDATE settings SET value = '' WHERE key = 'store.time_zone'"

# ---- export and import
run export promotions -o "$T/promos.csv"
expect_rc "export promotions" 0
expect_out "the header" '^"id","name","kind","value","on","buy","get"' "$T/promos.csv"
expect_out "a row" '^"2","Thé 2\+1","buy-get","","category:Thé","2","1","100"' "$T/promos.csv"
COMPTOIR_DB="$T/other.db" run init
sqlite3 "$T/other.db" "INSERT INTO products(sku, name, list_price, tax_class, created_at, updated_at)
    VALUES ('TAS-001', 'Tasse', 1000, 'standard', 'x', 'x')"
COMPTOIR_DB="$T/other.db" run import promotions "$T/promos.csv"
expect_rc "import promotions into another database" 0
expect_out "says how many" '^imported 11 promotions$'
head -2 "$T/promos.csv" >"$T/one.csv"
COMPTOIR_DB="$T/one.db" run init
COMPTOIR_DB="$T/one.db" run import promotions "$T/one.csv"
expect_out "one is one promotion, not one promotions" '^imported 1 promotion$'
COMPTOIR_DB="$T/other.db" run export promotions -o "$T/again.csv"
expect_eq "what comes back out is what went in (uses aside)" \
    "$(cut -d, -f1-26 "$T/again.csv" | md5sum)" "$(cut -d, -f1-26 "$T/promos.csv" | md5sum)"
printf 'name,kind,value,on\nBad,percent,200,order\nOk,fixed,5,category:Thé\nSku,price,3,sku:NOPE\n' >"$T/bad.csv"
run --as david import promotions "$T/bad.csv"
expect_rc "an admin's right to import" 77
run import promotions "$T/bad.csv"
expect_rc "a bad row refuses the file" 65
expect_err "FILE:LINE: column and reason" "bad.csv:2: column 'value': a percentage from 0.01 to 100"
expect_err "a SKU that does not exist" "bad.csv:4: column 'on': no product with SKU NOPE"
expect_eq "nothing was imported" "$(sql "SELECT count(*) FROM promotions WHERE name = 'Ok'")" "0"

# ---- 20 processes, a code limited to 100 uses: exactly 100 discounted orders
run --as david promo add "Cent" --kind fixed --value 10 --code CENT --limit 100
cent=$(tail -n 1 "$T/out")
before=$(sql "SELECT count(*) FROM orders")
race() { # CODE: 20 processes place 6 orders each
    for p in $(seq 1 20); do
        (for i in 1 2 3 4 5 6; do
            "$COMPTOIR" --as alice order new --customer zoe@example.fr CAF-001 --coupon "$1" --ship pickup \
                >/dev/null 2>>"$T/race.err"
            echo $? >>"$T/race.rc"
        done) &
    done
    wait
}
race CENT
expect_eq "exactly 100 uses counted" "$(sql "SELECT uses FROM promotions WHERE id = $cent")" "100"
expect_eq "exactly 100 orders got the discount" \
    "$(sql "SELECT count(DISTINCT order_id) FROM order_line_adjustments WHERE source_id = $cent")" "100"
expect_eq "each counted once" "$(sql "SELECT count(*) FROM promotion_uses WHERE promotion_id = $cent")" "100"
expect_eq "every run placed an order or was refused as changed (75)" \
    "$(grep -cvE '^(0|75)$' "$T/race.rc")" "0"
expect_eq "the others placed without it, nothing lost" \
    "$(($(sql "SELECT count(*) FROM orders") - before))" "$(grep -c '^0$' "$T/race.rc")"
run promo show CENT
expect_out "promo show says 100 of 100" '^Uses: +100 of 100$'
run --as alice order new --customer zoe@example.fr CAF-001 --coupon CENT --ship pickup --dry-run
expect_out "the next one is told" '^  not applied: CENT — used 100 of 100$'

# ---- and a budget: 100.00 of 1.00 discounts
run --as david promo add "Budget" --kind fixed --value 1 --code EURO --budget 100
euro=$(tail -n 1 "$T/out")
rm -f "$T/race.rc"
race EURO
expect_eq "the budget is spent exactly" "$(sql "SELECT granted FROM promotions WHERE id = $euro")" "10000"
expect_eq "by exactly 100 orders" \
    "$(sql "SELECT count(DISTINCT order_id) FROM order_line_adjustments WHERE source_id = $euro")" "100"
run promo show EURO
expect_out "promo show says it" '^Granted: +100.00 of 100.00 budget$'
run check
expect_rc "check agrees with every counter" 0
