# A resize in the middle of an edit keeps what was typed; names with accents
# and CJK line up in their columns.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture

e2e_start wide 80x24 -- --as david
e2e_keys wide a
expect_screen "columns: the accounts list opens" wide "東京商事株式会社"
expect_column "columns: an ASCII name's code starts at column 25" wide "DUPONT" 25
expect_column "columns: an accented name's code lines up with it" wide "SOCGEN" 25
expect_column "columns: a CJK name's code lines up with it" wide "TOKYO " 25
expect_column "columns: a CJK city lines up with the others" wide "東京" 0
expect_column "columns: the rep column lines up after a CJK city" wide "alice" 55
e2e_keys wide q c
expect_screen "columns: the customers list opens" wide "Zoë Davies"
# (the phone column takes its 17 columns whole: the names give one way)
expect_column "columns: e-mails line up after accented names" wide "creme.brulee@" 20
expect_column "columns: e-mails line up after other names" wide "zoe.davies@" 20

e2e_start edit 80x24 -- --as david
e2e_keys edit a /
e2e_type edit "Société"
e2e_keys edit Enter e
expect_screen "resize: the account form opens" edit "Account SOCGEN"
e2e_keys edit Tab Tab Tab Tab Tab Tab C-u
e2e_type edit "Défense 東京"
e2e_resize edit 120 40
expect_screen "resize: larger, the typed text is still there" edit "Défense 東京"
e2e_resize edit 60 20
expect_screen "resize: too small shows the notice" edit "Please enlarge the terminal"
e2e_type edit "Xy"
e2e_wait edit "Please enlarge the terminal"
expect_not_screen "resize: what is typed while too small waits" edit "東京Xy"
e2e_resize edit 80 24
expect_screen "resize: back to 80x24, the typed text is still there" edit "Défense 東京"
expect_screen "resize: and the keys typed meanwhile are kept, in order" edit "Défense 東京Xy"
e2e_type edit " Tower"
e2e_keys edit C-s
expect_screen "resize: the form saves after the resizes" edit "Saved."
expect_sql "resize: the typed text is in the database" "select city from accounts where code = 'SOCGEN'" \
    "Défense 東京Xy Tower"
