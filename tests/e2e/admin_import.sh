# An admin imports CSV from the console: a file with bad rows shows its
# errors by line and writes nothing; a good file imports; export writes a file.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
printf '%s\n' 'sku,name,list_price' 'NEW-1,Good row,1.00' 'NEW-2,,2.00' 'NEW-3,Bad price,abc' >"$T/bad.csv"
printf '%s\n' 'sku,name,list_price' 'NEW-1,Thé noir Assam,4.20' 'NEW-2,Chocolat 東京,3.10' >"$T/good.csv"

e2e_start adm 80x24
e2e_keys adm i
expect_screen "admin: i opens import / export" adm "Import or export CSV"
e2e_keys adm Right Right Right Tab
e2e_type adm "$T/bad.csv"
e2e_keys adm C-s
expect_screen "admin: the import reports what it read" adm "rows read"
expect_screen "admin: errors are listed by line" adm "bad.csv:3"
expect_screen "admin: each error names its line" adm "bad.csv:4"
expect_sql "admin: a file with errors writes nothing" "select count(*) from products where sku like 'NEW-%'" "0"
e2e_keys adm C-u
e2e_type adm "$T/good.csv"
e2e_keys adm C-s
expect_screen "admin: a good file imports" adm "Import finished."
expect_screen "admin: counts in words that agree with them" adm "2 rows read, 2 written, 0 rejected, 0 errors"
expect_sql "admin: its rows are in the database" "select name from products where sku = 'NEW-2'" "Chocolat 東京"
e2e_keys adm C-u
e2e_type adm "$T/out.csv"
e2e_keys adm Tab Left
e2e_keys adm C-s
expect_screen "admin: export writes the file" adm "Exported products"
expect_eq "admin: the exported file holds the products" "$(grep -c 'NEW-' "$T/out.csv")" "2"
echo "kept" >"$T/out.csv"
e2e_keys adm C-s
expect_screen "admin: exporting over a file asks first" adm "Replace the file?"
e2e_keys adm n
expect_eq "admin: no keeps the file" "$(cat "$T/out.csv")" "kept"
e2e_keys adm C-s
e2e_wait adm "Replace the file?"
e2e_keys adm y
expect_screen "admin: yes replaces it" adm "Exported products"
expect_eq "admin: with the export" "$(grep -c 'NEW-' "$T/out.csv")" "2"

e2e_start rep 80x24 -- --as alice
e2e_keys rep :
e2e_type rep "admin"
e2e_keys rep Enter
expect_screen "admin: a rep is told import is not theirs" rep "may not"

# one row is said "1 row", never "1 rows"
printf '%s\n' 'sku,name,list_price' 'ONE-1,Un seul,1.00' >"$T/one.csv"
e2e_start one 80x24
e2e_keys one i
e2e_wait one "Import or export CSV"
e2e_keys one Right Right Right Tab
e2e_type one "$T/one.csv"
e2e_keys one C-s
expect_screen "admin: one row is one row" one "1 row read, 1 written, 0 rejected, 0 errors"
