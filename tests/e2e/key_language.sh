# One key language, as a user meets it: Esc never leaves the program and
# clears a filter before it goes back; q on Home quits as the key bar says;
# quitting with unsaved text asks (F10, Ctrl-C, Q); a rep pressing A is told
# why; Home says how many quotes it does not show; an empty approvals queue
# offers no approve or reject; the help scrolls to its end and no further,
# and lists the editing keys in a form; a `:` jump starts from Home; Orders
# narrow by status and channel.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
for i in 1 2 3 4 5 6; do
    "$COMPTOIR" --as alice quote new --account DUPONT >>"$T/setup.log" 2>&1
done

e2e_start home 80x24 -- --as alice
e2e_wait home "Your accounts"
expect_screen "home: the key bar says q quits on Home" home "q Quit"
e2e_keys home Escape Escape
expect_screen "home: Esc on Home says how to quit" home "This is Home: q or F10 quits."
expect_not_screen "home: and leaves nothing" home "[exit"
expect_screen "home: the quotes it cuts are counted" home "… 2 more (j scrolls, u lists them all)"
e2e_keys home A
expect_screen "home: a rep pressing A is told why nothing opens" home "approvals: alice (rep) may not"
expect_not_screen "home: and stays on Home" home "Home ›"

# Esc in a filtered list clears the filter first, then goes back
e2e_keys home a /
e2e_type home "Dupont"
e2e_keys home Enter
expect_screen "filter: the list is filtered" home "filter: Dupont"
expect_not_screen "filter: only what matches" home "SOCGEN"
e2e_keys home Escape
expect_screen "filter: Esc clears the filter" home "SOCGEN"
expect_screen "filter: and the list stays" home "Home › Accounts"
e2e_keys home Escape
expect_screen "filter: a second Esc goes back" home "Your accounts"

# unsaved text: F10 and Ctrl-C ask; n keeps the text; y quits
e2e_keys home a
e2e_wait home "Home › Accounts"
e2e_keys home e
e2e_wait home "Ctrl-S saves"
e2e_keys home F1
e2e_wait home "Keys — q or Esc closes"
e2e_keys home PgDn
expect_screen "help: in a form it lists the editing keys" home "Delete the word before"
expect_screen "help: Ctrl-U among them" home "C-u          Delete to the start"
e2e_keys home Escape
e2e_wait_gone home "Keys — q or Esc closes"
e2e_keys home Tab
e2e_type home "Dupont et Fils"
e2e_keys home F10
expect_screen "quit: F10 with unsaved text asks" home "is not saved."
e2e_keys home n
expect_screen "quit: no keeps the form and the text" home "Dupont et Fils"
e2e_keys home C-c
expect_screen "quit: Ctrl-C asks as well" home "Quit and lose it?"
e2e_keys home Escape
expect_screen "quit: Esc on the question keeps the text" home "Dupont et Fils"
e2e_keys home F10 y
expect_screen "quit: y quits" home "[exit 0]"
expect_sql "quit: nothing typed was saved" "select name from accounts where code = 'DUPONT'" "Dupont SA"

# an empty queue offers no decision; help scrolls to its end and back
e2e_start mgr 80x24 -- --as david
e2e_wait mgr "Waiting for your approval"
e2e_keys mgr A
expect_screen "approvals: the empty queue says so" mgr "No quote waits for your approval."
expect_not_screen "approvals: and offers no approve" mgr "v Approve"
expect_not_screen "approvals: nor reject" mgr "x Reject"
e2e_keys mgr '?'
expect_screen "help: opens on the screen's keys" mgr "Keys — q or Esc closes"
e2e_keys mgr G
expect_screen "help: G shows its last lines, the : names wrapped" mgr ":SKU"
e2e_screen mgr >"$T/end1"
e2e_keys mgr j j j
e2e_screen mgr >"$T/end2"
if cmp -s "$T/end1" "$T/end2"; then ok "help: j at the end scrolls no further"; else
    not_ok "help: j at the end scrolls no further" "$(cat "$T/end2")"; fi
e2e_keys mgr g
expect_screen "help: g goes back to its top" mgr "Everywhere"
e2e_keys mgr End
expect_screen "help: End as G" mgr ":SKU"
e2e_keys mgr Escape
e2e_wait_gone mgr "Keys — q or Esc closes"
expect_screen "help: Esc closes it" mgr "Home › Approvals"

# Orders: f and b narrow the search; a `:` jump starts from Home
e2e_start sup 80x24 -- --as chloe
e2e_wait sup "Home"
e2e_keys sup o
e2e_wait sup "Search:"
e2e_keys sup Escape
expect_screen "orders: both orders at first" sup "O-000001"
expect_screen "orders: the B2B one too" sup "O-000002"
e2e_keys sup b
expect_screen "orders: b keeps B2B" sup "channel: B2B only (b)"
expect_not_screen "orders: the B2C order is gone" sup "O-000001"
e2e_keys sup b f
expect_screen "orders: b again keeps B2C, f a status" sup "Status: placed (f) · channel: B2C only (b)"
expect_screen "orders: the B2C placed order" sup "O-000001"
e2e_keys sup f
expect_screen "orders: no allocated B2C order" sup "No order matches."
e2e_keys sup c
e2e_wait sup "Home › Customers"
e2e_keys sup Enter
e2e_wait sup "Home › Customers › "
e2e_keys sup :
e2e_type sup "O-000002"
e2e_keys sup Enter
expect_screen "jump: the order opens from Home, not under the customer" sup " Home › O-000002 "

# wider: the same keys, the bar shows more of them
e2e_start wide 200x50 -- --as david
e2e_wait wide "Waiting for your approval"
expect_screen "wide: Home's bar shows its keys" wide "A Approvals"
e2e_keys wide Escape
expect_screen "wide: Esc on Home leaves nothing either" wide "This is Home"
e2e_keys wide q
expect_screen "wide: q on Home quits" wide "[exit 0]"

# a refused key says why: a rep pressing v or x on their own pending quote
q=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q" CAF-1 10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as david quote rule-add "everything" --condition total --threshold 1 --role manager >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote submit "$q" >>"$T/setup.log" 2>&1
expect_sql "setup: the quote waits for a manager" "SELECT status FROM quotes WHERE number = '$q'" "pending"
e2e_start refuse 80x24 -- --as alice
e2e_wait refuse "Your accounts"
e2e_keys refuse :
e2e_type refuse "$q"
e2e_keys refuse Enter
e2e_wait refuse "$q  pending"
e2e_keys refuse v
expect_screen "refused: v says why" refuse "Approve: only a manager approves or rejects quotes; alice (rep) may not"
e2e_keys refuse x
expect_screen "refused: x says why" refuse "Reject: only a manager approves or rejects quotes; alice (rep) may not"
expect_sql "refused: nothing changed" "SELECT status FROM quotes WHERE number = '$q'" "pending"
