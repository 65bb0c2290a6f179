# Loyalty in the console: a customer's points (available, pending,
# expiring, tier and progress) and their ledger beside their orders (Tab),
# at 80x24 and 200x50; the Quick order's points key (F7 redeems the most
# the cart allows at once, F7 again types an amount), the points this sale
# earns shown live, and the order placed with them.
. "$(dirname "$0")/harness.sh"
export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z
e2e_setup
e2e_import customers 'name,email,phone,city,country,loyalty_points
Chloé Lefèvre,chloe.lefevre@example.fr,0612349761,Lyon,France,1500
山田花子,hanako@example.jp,0312345678,Tokyo,Japan,0'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
THE-1,Thé vert Sencha,Thé,50.00,zero,20.00,30'
"$COMPTOIR" --as david loyalty adjust chloe.lefevre@example.fr +200 --reason "colis abîmé" >>"$T/setup.log" 2>&1
COMPTOIR_NOW=2024-12-10T10:00:00Z "$COMPTOIR" --as david loyalty adjust chloe.lefevre@example.fr +120 \
    --reason "bienvenue" >>"$T/setup.log" 2>&1

# ---- the customer's points, at 80x24
e2e_start desk 80x24 -- --as chloe
e2e_wait desk "Home"
e2e_keys desk c
e2e_wait desk "Customers"
e2e_keys desk /
e2e_type desk "Lef"
e2e_wait desk "Chloé Lefèvre"
e2e_keys desk Enter Enter
expect_screen "customer: the points available and what they pay" desk "1820 available (18.20 €) · 0 pending"
expect_screen "customer: points expiring within 30 days (the first day, at 80 columns)" desk \
    "Expiring   120 from 2026-12-10"
expect_screen "customer: the tier and what is left to the next" desk "bronze x1 · 0.00 € in 12 months · 500.00 € more to silver"
expect_screen "customer: Tab says it shows the ledger" desk "Orders (Tab: points ledger)"
e2e_keys desk Tab
expect_screen "ledger: newest first, with who and why" desk "+200     1820           2028-11-27 david: colis"
expect_screen "ledger: the opening balance" desk "opening   +1500"
expect_screen "ledger: the running balance" desk "+200     1820"
e2e_resize desk 200 50
expect_screen "200x50: the ledger still shows after a resize, its reasons whole" desk "david: colis abîmé"
expect_screen "200x50: points expiring, in full" desk "120 within 30 days, from 2026-12-10"
e2e_keys desk /
e2e_type desk "bienv"
expect_screen "ledger: filtered by its reason" desk "david: bienvenue"
expect_not_screen "ledger: the others are left out" desk "colis abîmé"
e2e_keys desk Escape Escape

# ---- the Quick order's points key, at 80x24
e2e_start clerk 80x24 -- --as alice
e2e_wait clerk "Home"
e2e_keys clerk n
e2e_wait clerk "Quick order"
e2e_type clerk 9761
e2e_wait clerk "Chloé Lefèvre · chloe"
e2e_keys clerk Enter
e2e_type clerk "the-1"
e2e_wait clerk "in stock"
e2e_keys clerk Enter
expect_screen "cart: the points available and what this sale earns, live" clerk \
    "Points 1820 available · earns 50 when delivered"
e2e_keys clerk F7
expect_screen "F7: the most the cart allows, at once (half of 50.00)" clerk \
    "Points 1820 available · 1820 redeemed -18.20 € · earns 31 when delivered"
expect_screen "F7: the total after the points" clerk "Total 36.70 €"
e2e_keys clerk F7
expect_screen "F7 again: an amount to type" clerk "points available; this cart takes 1820 now"
e2e_type clerk "1000"
e2e_keys clerk C-s
expect_screen "the amount typed is redeemed" clerk "1000 redeemed -10.00 € · earns 40 when delivered"
e2e_keys clerk Enter
expect_screen "place: asks once" clerk "Place the order for Chloé Lefèvre: 44.90 € (card)?"
e2e_keys clerk y
expect_screen "placed" clerk "O-000001 placed for 44.90 €."
expect_sql "db: the points left the balance" \
    "select loyalty_points, loyalty_pending from customers where email = 'chloe.lefevre@example.fr'" "820|40"
expect_screen "the order shows its points, within 80 columns" clerk \
    "Points: 1000 redeemed -10.00 € · 40 earned, pending until delivered"
