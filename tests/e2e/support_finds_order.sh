# A support agent finds an order from a partial e-mail, then from a phone
# number, opens it (lines, totals, timeline), moves its status; and cannot
# change a price.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture

e2e_start sup 80x24 -- --as chloe
expect_screen "support: Home shows the latest orders" sup "Latest orders"
e2e_keys sup o
expect_screen "support: the order search opens ready to type" sup "Search:"
e2e_type sup "creme.bru"
expect_screen "support: a partial e-mail finds the order" sup "O-000001"
expect_not_screen "support: only that customer's orders" sup "O-000002"
e2e_keys sup C-u
e2e_type sup "06 12 34 56 78"
expect_screen "support: the phone as said on the phone finds it too" sup "Crème Brûlée"
e2e_keys sup Enter Enter
expect_screen "support: Enter opens the order" sup "Home › Orders › O-000001"
expect_screen "support: the order shows its lines" sup "Café Arabica 250 g"
expect_screen "support: and its totals" sup "Total"
expect_screen "support: and its timeline" sup "Who"
e2e_keys sup m
expect_screen "support: m offers what may be done by hand (the rest follows the stock)" sup "cancelled"
e2e_keys sup Enter
expect_screen "support: the move is confirmed first" sup "Move O-000001 from placed to cancelled?"
e2e_keys sup y
expect_screen "support: the order moves" sup "O-000001 is now cancelled."
expect_sql "support: the new status is in the database" "select status from orders where number = 'O-000001'" \
    "cancelled"

# support may look at a product but not change its price
e2e_keys sup : 
e2e_type sup "products"
e2e_keys sup Enter
expect_screen "support: :products opens the products" sup "Café Arabica 250 g"
e2e_keys sup Enter e
expect_screen "support: the product form says why it is read only" sup "may not"
e2e_keys sup Tab Tab Tab Tab
e2e_type sup "1"
e2e_keys sup C-s
expect_screen "support: the core refuses the save and says so" sup "chloe (support) may not"
expect_sql "support: the price did not change" "select list_price from products where sku = 'CAF-1'" "1950"
e2e_keys sup Escape
expect_screen "support: Esc leaves the form" sup "B2B quantities"

# : jumps to an order by its number
e2e_keys sup :
e2e_type sup "O-2"
e2e_keys sup Enter
expect_screen "support: :O-2 opens order O-000002" sup "› O-000002"
