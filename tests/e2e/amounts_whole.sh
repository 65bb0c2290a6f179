# Amounts are never cut at 80 columns: the text around them gives way. The
# figure of the Home chart's clipped day (at 200 columns with its day and
# channel, at 80 with less around it) …
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
month=$(date -u +%Y-%m)
e2e_import orders "number,placed_at,channel,account_code,customer_email,sku,description,quantity,unit_price,tax_rate
O-000101,${month}-01T10:00:00Z,b2b,DUPONT,,CAF-1,Café Arabica 250 g,1,99999999.00,5.5
O-000102,${month}-01T10:00:00Z,b2c,,creme.brulee@example.com,CAF-1,Café Arabica 250 g,1,100.00,5.5
O-000103,${month}-02T10:00:00Z,b2c,,creme.brulee@example.com,CAF-1,Café Arabica 250 g,1,100.00,5.5
O-000104,${month}-03T10:00:00Z,b2c,,creme.brulee@example.com,CAF-1,Café Arabica 250 g,1,100.00,5.5
O-000105,${month}-02T10:00:00Z,b2b,DUPONT,,CAF-1,Café Arabica 250 g,1,100.00,5.5"

e2e_start home 80x24 -- --as david
# (the day's number gives way too when the month has 31 days)
expect_screen "home 80: the clipped day's amount is whole beside the chart" home " 99,999,999 €"
expect_screen "home 80: the month's total is above it" home "B2B █ 100,000,099 €"
expect_not_screen "home 80: no figure cut beside the chart" home "9…"
e2e_start wide 200x50 -- --as david
expect_screen "home 200: the day, channel and amount" wide "▲1 B2B 99,999,999 €"

# … the compare of two revisions whose totals are large (the SKU gives way,
# each amount whole) with the customer's comment wrapped, read whole …
q=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q" CAF-1 5993 --price 19.50 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote submit "$q" >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote send "$q" >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote counter "$q" --line 1 --price 17.55 \
    --comment "your competitor offers 10 % less on this line, and delivers the week after the order" >>"$T/setup.log" 2>&1
e2e_start cmp 80x24 -- --as alice
e2e_wait cmp "Your accounts"
e2e_keys cmp :
e2e_type cmp "$q"
e2e_keys cmp Enter
e2e_wait cmp "$q"
e2e_keys cmp D
expect_screen "compare 80: the line total's move is whole" cmp "116,863.50 € → 105,177.15 €"
expect_screen "compare 80: the unit price's move is whole" cmp "19.50 € → 17.55 €"
expect_screen "compare 80: the comment's end is on screen (wrapped)" cmp "after the order\""
expect_not_screen "compare 80: nothing cut" cmp "…"

# … and the quick order's note on a promotion not applied, wrapped onto a
# second row instead of cut.
"$COMPTOIR" --as david promo add "Port offert en France métropolitaine" --kind fixed --value 5 \
    --min-subtotal 40 --auto >>"$T/setup.log" 2>&1
e2e_start qo 80x24 -- --as alice
e2e_wait qo "Your accounts"
e2e_keys qo n
e2e_type qo "brulee"
e2e_wait qo "Crème Brûlée"
e2e_keys qo Enter
e2e_type qo "caf-1"
e2e_wait qo "in stock"
e2e_keys qo Enter
expect_screen "quick order 80: the note's start" qo "not applied: Port offert en France métropolitaine"
expect_screen "quick order 80: its end, wrapped, amounts whole" qo "of 40.00 € minimum, 19.43 € to go"

# … and phone numbers are numbers: whole in the customers and contacts
# lists at 80 columns, the e-mail and title columns give way.
e2e_start phones 80x24 -- --as chloe
e2e_wait phones "Home"
e2e_keys phones c
expect_screen "customers 80: a phone is whole" phones "+33 6 12 34 56 78"
expect_screen "customers 80: the other too" phones "+44 7700 900123"
e2e_keys phones :
e2e_type phones "DUPONT"
e2e_keys phones Enter
e2e_wait phones "Jean Dupont"
expect_screen "contacts 80: a contact's phone is whole" phones "+33 6 11 22 33 44"
expect_screen "contacts 80: the other contact's too" phones "+33 6 55 66 77 88"
