# A rep builds a quote with a 22 % line discount, sees why it needs approval
# and submits; a manager approves; the rep sends it, records the customer's
# counter-offer, compares the revisions, gets the new revision approved, and
# the customer accepts: the order exists at exactly those prices.
. "$(dirname "$0")/harness.sh"
need_other
e2e_setup
# the manager is another person than the one at the rep's console
"$COMPTOIR" user add "$OTHER" --role admin >>"$T/setup.log" 2>&1
# accounts and products only: imported orders do not move the order counter
# yet, so an order made by accepting would take an imported order's number
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
TOKYO,東京商事株式会社,info@tokyo-shoji.example,+81 3 1234 5678,東京,Japan,alice'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120
THE-2,Thé vert Sencha,Café & thé,7.90,reduced,3.10,40'
"$COMPTOIR" quote rule-add "rep limit" --condition line_discount --threshold 15 --role manager >>"$T/setup.log" 2>&1
"$COMPTOIR" quote rule-add "margin floor" --condition margin --threshold 10 --role manager >>"$T/setup.log" 2>&1

# manager_approves COMMENT: david approves the quote in his Approvals queue,
# where it shows why it needs him, then opens it to see the approval.
manager_approves() {
    e2e_keys mgr :
    e2e_type mgr "approvals"
    e2e_keys mgr Enter
    e2e_wait mgr "Waiting for your approval"
    expect_screen "manager: the queue shows the quote and why it waits" mgr "> rep limit 15 %"
    e2e_keys mgr v
    e2e_wait mgr "Approve Q-001001"
    e2e_type mgr "$1"
    e2e_keys mgr C-s
    e2e_wait mgr "Q-001001 approved."
    e2e_keys mgr :
    e2e_type mgr "Q-1001"
    e2e_keys mgr Enter
}

e2e_start rep 80x24 -- --as alice
e2e_start_other mgr 200x50 -- --as david
e2e_wait rep "Your accounts"
e2e_keys rep :
e2e_type rep "quotes"
e2e_keys rep Enter
expect_screen "rep: :quotes opens the list" rep "Quotes: mine"
e2e_keys rep n
e2e_wait rep "New quote"
e2e_type rep "Dupont"
e2e_keys rep Enter C-s
expect_screen "rep: n creates a quote for the account found by name" rep "Q-001001 — add a line"
e2e_type rep "arabica"
e2e_keys rep Enter
expect_screen "rep: the product is found by part of its name" rep "CAF-1"
e2e_type rep "10"
e2e_keys rep Tab
e2e_type rep "22"
e2e_keys rep C-s
expect_screen "rep: the line shows its price source" rep "manual −22 %"
expect_screen "rep: the editor says why approval is needed" rep "line 1: 22 % > rep limit 15 %"
expect_screen "rep: and that a manager must approve" rep "0 of 1 manager approval"
e2e_keys rep m
expect_screen "rep: m offers the status moves" rep "Submit for approval"
expect_not_screen "rep: no Send while approval is missing" rep "Send to the customer"
e2e_keys rep Enter
expect_screen "rep: submitting asks first" rep "Submit Q-001001 for approval?"
expect_sql "db: nothing moved before the answer" "select status from quotes where number = 'Q-001001'" "draft"
e2e_keys rep y
expect_screen "rep: y submits" rep "Q-001001  pending"

manager_approves "ok for Dupont"
expect_screen "manager: the approval is recorded, with the person behind --as" mgr "approved by $OTHER as david"
expect_screen "manager: 200x50 shows the list price column" mgr "List price"

expect_screen "rep: the editor reloads with the approval" rep "Q-001001  approved"
e2e_keys rep m
e2e_wait rep "Send to the customer"
e2e_type rep "s"
e2e_keys rep Enter
expect_screen "rep: sending asks first" rep "Send revision 1 of Q-001001"
e2e_keys rep y
expect_screen "rep: m, Send, y sends" rep "Q-001001  sent"
e2e_keys rep r
e2e_wait rep "counter-offer on line 1"
e2e_type rep "14.50"
e2e_keys rep Tab Tab
e2e_type rep "trop cher"
e2e_keys rep C-s
expect_screen "rep: the counter-offer is a new revision marked theirs" rep "revision 2 (customer's)"
expect_screen "rep: the new price needs approval again" rep "25.64 % > rep limit 15 %"
e2e_keys rep D
expect_screen "rep: D compares the last two revisions" rep "B  revision 2 — the customer's"
expect_screen "rep: the changed line is marked and its price move shown" rep "15.21 € → 14.50 €"
expect_screen "rep: the total and margin deltas show" rep "152.10 € → 145.00 € (-7.10 €)"
e2e_screen rep >"$T/screen"
if grep -q '^~ ' "$T/screen"; then ok "rep: the changed line carries the ~ marker"; else
    not_ok "rep: the changed line carries the ~ marker" "$(cat "$T/screen")"; fi
e2e_keys rep q m
e2e_wait rep "Submit for approval"
e2e_keys rep Enter y
expect_screen "rep: the new revision is submitted" rep "Q-001001  pending"

e2e_keys mgr q
manager_approves "14.50 is fine"
expect_screen "manager: the second revision is approved" mgr "Q-001001  approved"

expect_screen "rep: sees the approval" rep "Q-001001  approved"
e2e_keys rep m
e2e_wait rep "Send to the customer"
e2e_type rep "s"
e2e_keys rep Enter y
expect_screen "rep: sends revision 2" rep "Q-001001  sent"
e2e_keys rep m
e2e_wait rep "Customer accepts"
e2e_keys rep Enter
expect_screen "rep: accepting asks first" rep "Customer accepts revision 2"
e2e_keys rep y
expect_screen "rep: accepting shows the new order number" rep "Order O-000001 created"
e2e_keys rep Enter
# The stock is there: accepting reserved it (issue 10), so the order is allocated.
expect_screen "rep: Enter on it opens the order" rep "O-000001  allocated  B2B"
expect_sql "db: the quote is ordered" "select status from quotes where number = 'Q-001001'" "ordered"
expect_sql "db: the order has exactly the accepted prices" \
    "select l.sku || ' ' || l.quantity || ' ' || l.unit_price from order_lines l join orders o on o.id = l.order_id
     join quotes q on q.order_id = o.id where q.number = 'Q-001001'" "CAF-1 10 1450"
expect_sql "db: two approvals by david, one per revision" \
    "select count(distinct revision_id) from quote_approvals a join users u on u.id = a.approver_id where u.login = 'david'" "2"
