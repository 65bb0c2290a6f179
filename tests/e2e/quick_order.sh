# Quick order, as a counter clerk and a rep use it: the counted sale from
# Home in at most 30 keys (a known customer by 4 digits of their phone,
# three products by at most 5 characters each, express, card, placed); a
# rep's order for an account at its contract prices; a back-order; a new
# customer inline, with the duplicate e-mail offered; a resize with the cart
# open keeps everything; support may not sell.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
e2e_import customers 'name,email,phone,city,country
Léa Fontaine,lea.fontaine@example.fr,0612349760,Nantes,France
Léa Girard,lea.girard@example.fr,0698765432,Lille,France
Léa Garnier,lea.garnier@example.fr,0687654321,Brest,France'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
BOL-7,Bol en grès,Vaisselle,12.50,standard,5.00,30
TAS-8,Tasse à thé,Vaisselle,8.25,standard,3.00,30
CUI-9,Cuillère à miel,Vaisselle,4.10,standard,1.00,30
RAR-5,Théière rare,Vaisselle,80.00,standard,30.00,1'
sql "UPDATE accounts SET credit_limit = 10000000 WHERE code = 'DUPONT';
     INSERT INTO contract_prices(account_id, product_id, price, created_at)
     SELECT a.id, p.id, 1800, 'x' FROM accounts a, products p WHERE a.code = 'DUPONT' AND p.sku = 'CAF-1';"

# Every key sent to the console is counted.
keys=0
k() { n=$1; shift; keys=$((keys + $#)); e2e_keys "$n" "$@"; }
t() { keys=$((keys + $(printf '%s' "$2" | LC_ALL=C.UTF-8 wc -m))); e2e_type "$1" "$2"; }

# ---- the counted sale
e2e_start clerk 80x24 -- --as alice
e2e_wait clerk "Your accounts"
expect_screen "home: n is the quick order, in the key bar" clerk "n Quick order"
k clerk n
expect_screen "quick order: opens from Home with one key" clerk "Home › Quick order"
t clerk 9760
expect_screen "customer: 4 digits of the phone find her" clerk "Léa Fontaine · lea.fontaine@example.fr"
k clerk Enter
expect_screen "customer: Enter on the single match takes her" clerk "Customer                                  Léa Fontaine · lea.fon"
for sku in bol tas cui; do
    t clerk "$sku"
    e2e_wait clerk "in stock"
    k clerk Enter
done
expect_screen "cart: the third product is in" clerk "CUI-9"
expect_screen "cart: each line shows its price and source" clerk "15.00 € list"
expect_screen "cart: the total tax included, live" clerk "Total 34.72 €"
k clerk F3
expect_screen "shipping: F3 offers the methods" clerk "Express — 9.90"
k clerk e Enter
expect_screen "shipping: express in the totals" clerk "Shipping Express 9.90 €"
expect_screen "shipping: and in the promise (Monday or so)" clerk "Promised 20"
expect_screen "place: at 80 columns the bar says Enter places" clerk "Enter Place"
k clerk Enter
expect_screen "place: asks once, with the total" clerk "Place the order for Léa Fontaine: 39.72 € (card)?"
k clerk y
expect_screen "place: shows the new order" clerk "O-000003  allocated  B2C"
expect_screen "place: says it is placed" clerk "O-000003 placed for 39.72 €."
if [ "$keys" -le 30 ]; then ok "the whole sale took $keys keys (at most 30)"; else not_ok "the whole sale took $keys keys, more than 30"; fi
expect_sql "db: the order is what the screen showed" \
    "select shipping_method, total, source from orders where number = 'O-000003'" "express|3972|counter"
expect_sql "db: paid by card" "select method, amount from payments where order_id = (select id from orders where number = 'O-000003')" "card|3972"
expect_sql "db: the stock is reserved" "select stock_reserved from products where sku = 'BOL-7'" "1"
k clerk Escape
expect_screen "after: back to an empty quick order for the next sale" clerk "Empty: type part of a SKU"

# ---- a rep's order for an account, at its contract price
t clerk dupont
expect_screen "account: a rep may take an account" clerk "DUPONT — Dupont SA (account)"
k clerk Enter
expect_screen "account: prices excluding tax" clerk "Unit excl."
t clerk "10*caf-1"
k clerk Enter
expect_screen "account: the contract price and its source" clerk "18.00 € contract"
expect_screen "account: on account by default" clerk "Paid by account"
k clerk Enter y
expect_screen "account: placed" clerk "O-000004  allocated  B2B"
expect_sql "db: at the contract price" "select unit_price, price_source from order_lines where sku = 'CAF-1' and order_id = (select id from orders where number = 'O-000004')" "1800|contract"
k clerk Escape

# ---- a back-order, and the resize with the cart open
t clerk 9760
k clerk Enter
t clerk "3*rar"
e2e_wait clerk "in stock"
k clerk Enter
expect_screen "back-order: short stock is said" clerk "RAR-5: only 1 in stock (back-order the other 2?)"
k clerk Enter
expect_screen "back-order: placing is refused until asked" clerk "F8 back-orders it"
k clerk F8
expect_screen "back-order: F8 lets the rest wait" clerk "2 wait"
t clerk "2*"
e2e_resize clerk 200 50
expect_screen "resize: the cart is still there at 200x50" clerk "RAR-5"
expect_screen "resize: the typed text too" clerk "Product   2*"
e2e_resize clerk 80 24
expect_screen "resize: back at 80x24, the line" clerk "2 wait"
expect_screen "resize: and the text" clerk "Product   2*"
k clerk BSpace BSpace Enter y
expect_screen "back-order: placed, waiting for stock" clerk "O-000005  placed  B2C"
expect_sql "db: one reserved, two waiting" \
    "select allocated_qty, backorder_qty from order_lines where sku = 'RAR-5'" "1|2"
k clerk Escape

# ---- a new customer inline; a duplicate e-mail offers the one there is
t clerk "Hugo Lambert"
k clerk Enter
expect_screen "new: no match offers a new customer" clerk "No customer matches 'Hugo Lambert'"
k clerk Tab
t clerk "lea.fontaine@example.fr"
k clerk C-s
expect_screen "new: a duplicate e-mail offers the existing customer" clerk "Léa Fontaine already has the e-mail"
k clerk y
expect_screen "new: yes sells to her" clerk "Customer                                  Léa Fontaine · lea.fon"
expect_sql "new: nobody was created" "select count(*) from customers where name = 'Hugo Lambert'" "0"
k clerk Escape

# ---- several customers match: Enter takes the highlighted one (the first), ↓ another
e2e_wait clerk "Your accounts"
e2e_keys clerk n
e2e_wait clerk "Home › Quick order"
t clerk "léa g"
expect_screen "several: the matches are listed" clerk "Léa Garnier"
expect_screen "several: the bar says Enter takes" clerk "Enter Take"
e2e_screen clerk >"$T/several"
first=$(grep -A1 'Customers and accounts' "$T/several" | tail -1 | sed 's/^ *//; s/ ·.*//')
expect_eq "several: two match" "$(grep -c '^ Léa G' "$T/several")" "2"
k clerk Enter
expect_screen "several: Enter took the first, highlighted, at once" clerk "Customer                                  $first ·"
expect_screen "several: and the product field is next" clerk "Enter Place"
k clerk Tab
t clerk "léa g"
e2e_wait clerk "Léa Garnier"
k clerk Down Enter
expect_screen "several: ↓ then Enter takes the second" clerk "Customer                                  $( [ "$first" = "Léa Garnier" ] && echo "Léa Girard" || echo "Léa Garnier") ·"
k clerk Escape

# ---- support does not sell
e2e_start sup 80x24 -- --as chloe
e2e_wait sup "Latest orders"
expect_not_screen "support: no quick order key on Home" sup "Quick order"
e2e_keys sup :
e2e_type sup new
e2e_keys sup Enter
expect_screen "support: :new is refused by the core" sup "may not place orders"
