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
