# Nothing cut, nothing lost, as users met it: amounts in full at 80 columns;
# an account saved by someone else meanwhile names who and when, and Ctrl-R
# reloads it under what was typed so the form shows what will be saved; the
# quote line that showed 100 but saved 150; a discount pre-filled without its
# unit; a new customer shown in the list; the order timeline's newest rows;
# the timeline pop-up wider at 200 columns.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
e2e_import orders 'number,placed_at,channel,account_code,customer_email,status,sku,description,quantity,unit_price,tax_rate
O-000003,2026-11-22T09:00:00Z,b2b,DUPONT,,allocated,CAF-1,Café Arabica 250 g en gros,10000,65.01,20'
# it ships, arrives and is closed (the moves follow the shipment and its delivery)
"$COMPTOIR" order ship O-000003 --carrier Geodis >>"$T/setup.log" 2>&1
"$COMPTOIR" order deliver O-000003 >>"$T/setup.log" 2>&1
"$COMPTOIR" order status O-000003 closed --note "step closed" >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote new --account DUPONT >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote add-line Q-001001 CAF-1 100 --discount 10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote set-notes Q-001001 "$(printf 'n%.0s' $(seq 1 150))" >>"$T/setup.log" 2>&1 || true

e2e_start adm 80x24
e2e_wait adm "Home"
e2e_keys adm :
e2e_type adm "O-000003"
e2e_keys adm Enter
expect_screen "80 cols: the order total is whole" adm "Total 780,120.00 €"
expect_screen "80 cols: the net of the line is whole" adm "650,100.00 €"
expect_screen "80 cols: its tax is whole" adm "130,020.00 €"
expect_screen "80 cols: the timeline shows its newest status first" adm "delivered → closed"
expect_screen "80 cols: and the rows before it" adm "allocated → shipped"
e2e_keys adm o
e2e_wait adm "Search:"
e2e_type adm "O-000003"
expect_screen "80 cols: the orders list shows the total whole" adm "780,120.00 €"

# a new customer: once saved, the list shows it under the cursor
e2e_keys adm Escape c n
e2e_wait adm "New customer"
e2e_type adm "Nadia Kowalski"
e2e_keys adm Tab
e2e_type adm "nadia.k@example.pl"
e2e_keys adm C-s
expect_screen "customer: the list shows the customer just saved" adm "nadia.k@example.pl"
e2e_keys adm Enter
expect_screen "customer: the cursor is on it: Enter opens it" adm "Home › Customers › Nadia Kowalski"

# the account: david saves first in his console; alice is told who and when and keeps her text
e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
e2e_keys rep a
e2e_wait rep "Home › Accounts"
e2e_keys rep e
e2e_wait rep "Account DUPONT"
e2e_keys rep Tab Tab Tab Tab Tab Tab
e2e_type rep "Lyon"
e2e_start mgr 80x24 -- --as david
e2e_wait mgr "Home"
e2e_keys mgr a
e2e_wait mgr "Home › Accounts"
e2e_keys mgr e
e2e_wait mgr "Account DUPONT"
e2e_keys mgr Tab Tab Tab
e2e_type mgr "+33 4 72 00 00 00"
e2e_keys mgr C-s
e2e_wait mgr "Saved."
e2e_keys rep C-s
expect_screen "account: the refusal names who saved first" rep " as david at"
expect_screen "account: and offers Ctrl-R" rep "C-r Reload, keep my text"
expect_screen "account: what was typed stays" rep "Lyon"
e2e_keys rep C-r
expect_screen "account: Ctrl-R reloads under the form" rep "Reloaded: account DUPONT was changed by"
expect_screen "account: the field alice did not touch shows david's value" rep "+33 4 72 00 00 00"
expect_screen "account: and hers is still there" rep "Lyon"
e2e_keys rep C-s
expect_screen "account: then it saves" rep "Saved."
expect_sql "db: both changes are kept, as the form showed" \
    "select phone || ' · ' || city from accounts where code = 'DUPONT'" "+33 4 72 00 00 00 · Lyon"

# the quote line: after Ctrl-R the form shows what Ctrl-S saves
e2e_keys rep u
e2e_wait rep "Q-001001"
e2e_keys rep Enter
e2e_wait rep "Q-001001  draft"
e2e_keys rep Enter
e2e_wait rep "Q-001001 — line 1"
expect_screen "line: the discount is pre-filled without its unit" rep "10  "
e2e_keys rep Tab Tab Tab
e2e_type rep "urgent"
"$COMPTOIR" --as david quote set-line Q-001001 1 --qty 150 >>"$T/setup.log" 2>&1
e2e_keys rep C-s
expect_screen "line: the save is refused with who changed it" rep "changed by david"
e2e_keys rep C-r
expect_screen "line: after Ctrl-R the quantity shown is david's" rep "Quantity    150"
e2e_keys rep BTab BTab
e2e_type rep "20"
e2e_keys rep C-s
e2e_wait_gone rep "Q-001001 — line 1" || not_ok "line: the form closes on saving" "$(e2e_screen rep)"
expect_screen "line: saved" rep "Q-001001"
expect_sql "db: what was saved is what was shown, with the typed discount" \
    "select l.quantity || ' ' || l.manual_value || ' ' || l.note from quote_lines l join quote_revisions r
     on r.id = l.revision_id join quotes q on q.id = r.quote_id and r.number = q.revision where q.number = 'Q-001001'" \
    "150 2000 urgent"

# the timeline pop-up takes the room a wide terminal has
e2e_start wide 200x50 -- --as alice
e2e_wait wide "Your"
e2e_keys wide :
e2e_type wide "Q-1001"
e2e_keys wide Enter
e2e_wait wide "Q-001001  draft"
e2e_keys wide T
expect_screen "wide: the timeline opens" wide "Timeline"
e2e_screen wide >"$T/wide"
line=$(grep -F "Timeline" "$T/wide" | head -1)
width=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -L)
if [ "$width" -gt 120 ]; then ok "wide: the pop-up is wider than at 80 columns ($width)"; else
    not_ok "wide: the pop-up is wider than at 80 columns ($width)" "$(cat "$T/wide")"; fi
