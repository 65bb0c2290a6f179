# Two consoles on one database: one edits, the other's list shows the change
# by itself (PRAGMA data_version), its cursor still on the same record.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture

e2e_start watcher 80x24 -- --as david
e2e_keys watcher a
expect_screen "two consoles: the watcher lists the accounts" watcher "Société Générale"
e2e_keys watcher j j
e2e_start editor 80x24 -- --as david
e2e_keys editor a /
e2e_type editor "Dupont"
e2e_keys editor Enter e
expect_screen "two consoles: the editor opens the account form" editor "Account DUPONT"
e2e_keys editor C-u
e2e_type editor "Zénith SA"
e2e_keys editor C-s
expect_screen "two consoles: the editor saves" editor "Saved."
expect_screen "two consoles: the watcher's list shows the new name" watcher "Zénith SA" 4
expect_not_screen "two consoles: the old name is gone" watcher "Dupont SA"
e2e_keys watcher Enter
expect_screen "two consoles: the watcher's cursor stayed on its record" watcher "Home › Accounts › Société Générale"
# the other way round: the editor's open account follows an edit made elsewhere
e2e_keys editor Enter
e2e_wait editor "Contacts (Tab: orders)"
sql "update accounts set phone = '+33 1 99 99 99 99', version = version + 1 where code = 'DUPONT'"
expect_screen "two consoles: an open account follows a change made elsewhere" editor "+33 1 99 99 99 99" 4
