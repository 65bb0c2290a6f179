# Nothing is cut on screen: a quote of 105 lines and a submit shows all 107
# events in its timeline (newest first, scrolling to the oldest), and an
# order of 150 lines shows its last line (the detail used to stop at a page).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120'
"$COMPTOIR" --as alice quote new --account DUPONT >>"$T/setup.log" 2>&1
i=1
while [ $i -le 105 ]; do
    "$COMPTOIR" --as alice quote add-line Q-001001 CAF-1 "$i" >>"$T/setup.log" 2>&1
    i=$((i + 1))
done
"$COMPTOIR" --as alice quote submit Q-001001 >>"$T/setup.log" 2>&1
# As if alice had typed them herself: the timeline then reads "alice", not
# "$ME as alice", and each event fits one line of the 80-column dialog.
sql "UPDATE quote_events SET real_user_id = user_id"
sql "INSERT INTO orders(id, number, channel, status, placed_at, subtotal, tax_total, total)
       VALUES (1, 'O-000001', 'b2c', 'placed', '2026-11-20T10:00:00Z', 15000, 3000, 18000);
     WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 150)
     INSERT INTO order_lines(order_id, line_no, sku, description, quantity, unit_price, tax_rate_bp, net_amount, tax_amount)
       SELECT 1, i, printf('SKU-%03d', i), 'Line ' || i, 1, 100, 2000, 100, 20 FROM k;
     INSERT INTO order_status_history(order_id, from_status, to_status, at) VALUES (1, NULL, 'placed', '2026-11-20T10:00:00Z');"
expect_sql "setup: the quote has 107 events" "SELECT count(*) FROM quote_events" "107"

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
e2e_keys rep :
e2e_type rep "Q-1001"
e2e_keys rep Enter
e2e_wait rep "Q-001001"
e2e_keys rep T
expect_screen "the timeline opens on the newest event" rep "submit → approved"
expect_screen "and says how much there is" rep "of 107"
e2e_keys rep G
expect_screen "G scrolls to the oldest: the quote's creation" rep "create → draft"
expect_screen "the last of the 107 lines is in view" rep "-107 of 107"
e2e_keys rep Enter
e2e_wait_gone rep "of 107"
e2e_keys rep F10
e2e_wait rep "[exit"

e2e_start admin 80x24
e2e_wait admin "Home"
e2e_keys admin :
e2e_type admin "O-000001"
e2e_keys admin Enter
expect_screen "the order opens with its first lines" admin "SKU-001"
e2e_keys admin G
expect_screen "G reaches its 150th line" admin "SKU-150"
e2e_keys admin F10
e2e_wait admin "[exit"
