# A manager opens the Approvals queue (80x24), sees why each quote waits,
# approves one with a comment and rejects another: an empty rejection is
# refused with the core's message, then the comment goes in. The database
# holds both decisions. The same queue at 200x50 shows the reasons column.
# The manager is another person than the one who made the quotes (as alice).
. "$(dirname "$0")/harness.sh"
need_other
e2e_setup
"$COMPTOIR" user add "$OTHER" --role admin >>"$T/setup.log" 2>&1
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
TOKYO,東京商事株式会社,info@tokyo-shoji.example,+81 3 1234 5678,東京,Japan,alice'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120'
"$COMPTOIR" quote rule-add "rep limit" --condition line_discount --threshold 15 --role manager >>"$T/setup.log" 2>&1
# pending_quote ACCOUNT DISCOUNT: alice submits a quote that needs approval.
pending_quote() {
    n=$("$COMPTOIR" --as alice quote new --account "$1" 2>>"$T/setup.log")
    "$COMPTOIR" --as alice quote add-line "$n" CAF-1 10 --discount "$2" >>"$T/setup.log" 2>&1
    "$COMPTOIR" --as alice quote submit "$n" >>"$T/setup.log" 2>&1
}
pending_quote DUPONT 22
pending_quote TOKYO 25
expect_sql "setup: two quotes wait for approval" "select count(*) from quotes where status = 'pending'" "2"

e2e_start_other mgr 80x24 -- --as david
expect_screen "manager: Home shows the approvals waiting" mgr "2 approvals waiting"
e2e_keys mgr :
e2e_type mgr "approvals"
e2e_keys mgr Enter
expect_screen "manager: :approvals opens the queue" mgr "Home › Approvals"
expect_screen "manager: the oldest quote comes first" mgr "Q-001001  Dupont SA"
expect_screen "manager: the reasons show for the selected quote" mgr "line 1: 22 % > rep limit 15 %"
expect_screen "manager: what is needed shows" mgr "needs 0 of 1 manager approval"
e2e_keys mgr T
expect_screen "manager: T shows why in full, in a box" mgr "Why it needs approval"
e2e_keys mgr Escape
e2e_wait_gone mgr "Why it needs approval"
e2e_keys mgr v
expect_screen "manager: v opens the approval form" mgr "Approve Q-001001"
e2e_type mgr "Good customer, fine"
e2e_keys mgr C-s
expect_screen "manager: the approved quote leaves the queue" mgr "Q-001002  東京商事"
expect_screen "manager: the status line says what was done" mgr "Q-001001 approved."
expect_not_screen "manager: Q-001001 is gone from the queue" mgr "Q-001001  "
expect_sql "db: Q-001001 is approved" "select status from quotes where number = 'Q-001001'" "approved"
expect_sql "db: the approval carries the comment" \
    "select a.decision || ':' || a.comment from quote_approvals a join quotes q on q.id = a.quote_id
     where q.number = 'Q-001001'" "approve:Good customer, fine"
e2e_keys mgr j
expect_screen "manager: the second quote's reason shows" mgr "line 1: 25 % > rep limit 15 %"
expect_screen "manager: the Disc. column has two decimals, as margins" mgr "146.20 € 25.03 %  3.97 %"
e2e_keys mgr x
expect_screen "manager: x opens the rejection form" mgr "Reject Q-001002"
e2e_type mgr "   "
e2e_keys mgr C-s
expect_screen "manager: an empty rejection is refused with the core's message" mgr "a rejection needs a comment"
expect_sql "db: nothing was rejected" "select status from quotes where number = 'Q-001002'" "pending"
e2e_keys mgr C-u
e2e_type mgr "25 % is too much for this volume"
e2e_keys mgr C-s
expect_screen "manager: the queue is empty after the rejection" mgr "No quote waits for your approval."
expect_sql "db: Q-001002 is rejected with the comment" \
    "select q.status || ':' || a.comment from quote_approvals a join quotes q on q.id = a.quote_id
     where q.number = 'Q-001002'" "rejected:25 % is too much for this volume"
e2e_keys mgr Escape
expect_screen "manager: back on Home nothing waits" mgr "0 approvals waiting"

# the queue at 200x50 shows the reasons in a column, and Enter opens the quote
pending_quote DUPONT 20
e2e_start_other wide 200x50 -- --as david
e2e_keys wide :
e2e_type wide "approvals"
e2e_keys wide Enter
expect_screen "wide: the queue has a reasons column" wide "Why"
expect_screen "wide: the reason is in the row" wide "line 1: 20 % > rep limit 15 %"
e2e_keys wide Enter
expect_screen "wide: Enter opens the quote" wide "Home › Approvals › Q-001003"
expect_screen "wide: the quote takes v to approve, as the queue does" wide "v Approve"
expect_screen "wide: and x to reject" wide "x Reject"
e2e_keys wide n
expect_screen "wide: adding a line to a pending quote asks first" wide "takes it back to draft"
e2e_keys wide n
e2e_wait_gone wide "takes it back to draft"
expect_sql "wide: no leaves the quote pending" "select status from quotes where number = 'Q-001003'" "pending"
e2e_keys wide :
e2e_type wide "rules"
e2e_keys wide Enter
e2e_wait wide "Home › Approval rules"
e2e_keys wide E
expect_screen "rules: E asks before disabling a rule" wide "Disable the rule"
e2e_keys wide n
expect_sql "rules: no keeps it active" "select count(*) from approval_rules where active = 1" "1"
e2e_keys wide E y
expect_screen "rules: yes disables it" wide "disabled."
expect_sql "rules: and the rule is off" "select count(*) from approval_rules where active = 1" "0"
