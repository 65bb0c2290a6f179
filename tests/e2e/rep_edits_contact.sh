# A rep filters their accounts, opens one, edits a contact: the change is in
# the database; another rep's account is not in the list.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture

e2e_start rep 80x24 -- --as alice
expect_screen "rep: Home shows the rep's accounts" rep "Your accounts"
e2e_keys rep a
expect_screen "rep: the accounts list opens" rep "Société Générale"
expect_not_screen "rep: another rep's account is not listed" rep "Müller GmbH"
e2e_keys rep /
e2e_type rep "dup"
e2e_wait_gone rep "Société Générale"
expect_not_screen "rep: the filter narrows the list as they type" rep "Société Générale"
e2e_keys rep Enter Enter
expect_screen "rep: Enter opens the account" rep "Home › Accounts › Dupont SA"
expect_screen "rep: the account shows its contacts" rep "Jean Dupont"
e2e_keys rep j Enter
expect_screen "rep: Enter on a contact opens its form" rep "Contact — Ctrl-S saves"
expect_screen "rep: the form holds the contact" rep "Jean Dupont"
e2e_keys rep Tab Tab C-u
e2e_type rep "Responsable achats Île-de-France"
e2e_keys rep C-s
expect_screen "rep: saving goes back to the account" rep "Saved."
expect_screen "rep: the list shows the new title" rep "Responsable ach"
expect_sql "rep: the new title is in the database" \
    "select title from contacts where name = 'Jean Dupont'" "Responsable achats Île-de-France"
expect_sql "rep: the change is in the audit log" \
    "select count(*) from audit_log where object_type = 'contact' and action = 'update'" "1"
e2e_keys rep e
expect_screen "rep: e opens the account form" rep "Account DUPONT"
e2e_keys rep Tab Tab C-u
e2e_type rep "jean at dupont"
e2e_keys rep C-s
expect_screen "rep: a bad e-mail is refused next to its field" rep "not an e-mail"
expect_screen "rep: what was typed is still there" rep "jean at dupont"
e2e_keys rep Escape
expect_screen "rep: leaving with changes asks first" rep "Discard changes?"
e2e_keys rep y
expect_screen "rep: y discards and goes back" rep "Contacts (Tab: quotes)"
expect_sql "rep: the refused e-mail was not saved" "select email from accounts where code = 'DUPONT'" \
    "contact@dupont.example"

# : opens an account by its code; another rep's account is refused by the core
e2e_keys rep :
e2e_type rep "SOCGEN"
e2e_keys rep Enter
expect_screen "rep: :SOCGEN opens the account by its code" rep "› Société Générale"
e2e_keys rep :
e2e_type rep "MULLER"
e2e_keys rep Enter
expect_screen "rep: :MULLER says whose account it is" rep "belongs to another rep"
