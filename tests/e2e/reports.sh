# Reports in the console: :reports lists them; a manager opens B2B vs B2C
# (a table, bars beside the figures — under the table when the screen is too
# narrow), changes the date range with one key,
# opens a row (its orders) and one of them; the same with Promotions (money
# in the money format; its row opens the orders that used the coupon); a
# month of Loyalty says it opens nothing; a rep reads only their own figures
# (80x24 and 200x50, UTF-8 and ASCII, NO_COLOR); Home's month chart clips
# one very large day and writes its figure beside the chart.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Société Dupont,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
TOKYO,東京商事,info@tokyo.example,+81 3 0000 0000,Tokyo,Japan,bruno'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120'
month=$(date +%Y-%m)
e2e_import orders "number,placed_at,channel,account_code,customer_email,sku,description,quantity,unit_price,tax_rate
O-000001,${month}-01T09:00:00Z,b2b,DUPONT,,CAF-1,Café Arabica 250 g,10,19.50,5.5
O-000002,${month}-02T09:00:00Z,b2b,TOKYO,,CAF-1,Café Arabica 250 g,12,19.50,5.5
O-000003,${month}-03T09:00:00Z,b2b,DUPONT,,CAF-1,Café Arabica 250 g,11,19.50,5.5
O-000004,${month}-04T09:00:00Z,b2b,TOKYO,,CAF-1,Café Arabica 250 g,9,19.50,5.5
O-000005,${month}-05T09:00:00Z,b2b,DUPONT,,CAF-1,Café Arabica 250 g,10,19.50,5.5
O-000006,${month}-06T09:00:00Z,b2b,TOKYO,,CAF-1,Café Arabica 250 g,900,19.50,5.5"
e2e_import customers 'name,email,phone,city,country
Crème Brûlée,creme.brulee@example.com,+33 6 12 34 56 78,Lyon,France'
"$COMPTOIR" --as david promo add "Noël −10 %" --kind percent --value 10 --code NOEL10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice order new --customer creme.brulee@example.com CAF-1:2 --coupon NOEL10 >"$T/placed" 2>&1 ||
    { not_ok "setup: an order with a coupon" "$(tail -5 "$T/placed")"; exit 1; }
coupon_order=$(tail -n 1 "$T/placed")

e2e_start mgr 80x24 -- --as david
# its figure whole: "▲6 B2B 17,550 €", or "▲6 17,550 €" when a month of 31 days leaves less room
expect_screen "Home: the scale leaves out the one large day, marked" mgr "▲6 "
expect_screen "Home: and writes its figure whole beside the chart" mgr "17,550 €"
e2e_keys mgr :
e2e_type mgr "reports"
e2e_keys mgr Enter
expect_screen ":reports lists the reports" mgr "B2B vs B2C"
expect_screen "everyone's figures for a manager" mgr "Everyone's figures"
e2e_keys mgr j j j Enter
expect_screen "the report opens on its table" mgr "Revenue excl. tax by month"
expect_screen "its rows" mgr "$month  B2B"
expect_screen "80x24: the period before beside, its orders and average (no room for a bar)" mgr "PREV AVG"
expect_screen "80x24: so the chart goes under the table, a bar per month and channel" mgr "$month B2B  █"
expect_screen "the range and the key that changes it" mgr "z: this month"
e2e_keys mgr z
expect_screen "z changes the range at once" mgr "B2B vs B2C: $(date +%Y-%m-01) … $(date +%Y-%m-%d)"
e2e_keys mgr Enter
expect_screen "Enter opens the orders behind the row" mgr "The orders behind the row"
expect_screen "those of the month up to today, B2B" mgr "O-000001"
expect_not_screen "not those placed after today" mgr "O-000006"
e2e_keys mgr Enter
expect_screen "and one of them opens" mgr "Home › Reports › B2B vs B2C › $month › O-00000"
expect_screen "on its detail" mgr "Café Arabica 250 g"

e2e_start promo 80x24 -- --as david
e2e_keys promo :
e2e_type promo "reports"
e2e_keys promo Enter
expect_screen "80x24: the new reports are listed" promo "Returns"
e2e_keys promo j j j j j j Enter
expect_screen "80x24: Promotions opens on its table" promo "Per promotion"
expect_screen "its row: the coupon's code" promo "NOEL10"
expect_screen "amounts in the money format" promo "4.11 €"
e2e_keys promo z
expect_screen "z changes the range" promo "Promotions: $(date +%Y-%m-01) … $(date +%Y-%m-%d)"
e2e_keys promo Enter
expect_screen "Enter opens the orders that used the promotion" promo "The orders that used the promotion"
expect_screen "the order placed with the coupon" promo "$coupon_order"
e2e_keys promo Enter
expect_screen "and the order opens" promo "› $coupon_order"
e2e_keys promo Escape Escape Escape j Enter
expect_screen "80x24: Loyalty opens" promo "Points by month"
e2e_keys promo j j j Enter
expect_screen "a month of points says it opens nothing, and why" promo "A month of points opens nothing"

e2e_start big 200x50 NO_COLOR=1 -- --as david
e2e_keys big :
e2e_type big "reports"
e2e_keys big Enter
e2e_keys big j j j j j Enter
expect_screen "200x50: on-time delivery opens" big "By account (consumers together)"
e2e_keys big Escape k k k k k Enter
expect_screen "200x50: the pipeline (no quote yet: the totals, at zero)" big "Open quotes by rep, status and age"
e2e_keys big Escape j j j Enter
expect_screen "200x50: B2B vs B2C with the period before, heads whole" big "PREV ORDERS"
expect_screen "and a bar beside the figures" big "█"
e2e_keys big Escape k k k Enter
e2e_keys big Escape j j j j j j j j Enter
expect_screen "200x50: Returns opens (no return: its months of sales)" big "By month (returns by the month requested"
e2e_keys big Escape k k Enter
expect_screen "200x50: Promotions opens" big "Per promotion, largest discount first"
e2e_keys big z z
expect_screen "200x50: z twice, last month" big "Promotions: $(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m-01)"
e2e_keys big z z z z z
expect_screen "200x50: back to the default" big "Promotions: $(date +%Y-%m-01)"
e2e_keys big Enter
expect_screen "200x50: its row opens the orders" big "$coupon_order"

e2e_start rep 80x24 LANG=C LC_ALL=C -- --as alice
e2e_keys rep :
e2e_type rep "reports"
e2e_keys rep Enter
expect_screen "a rep reads their own figures" rep "Your own figures"
e2e_keys rep j j j j Enter
expect_screen "the rep's report says whose" rep "alice's own figures"
expect_screen "ASCII bars where the locale is not UTF-8" rep "###"
expect_not_screen "no block characters" rep "█"
