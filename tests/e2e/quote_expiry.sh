# Quotes past their validity date become expired when a manager opens the
# console; a rep opening it changes nothing (they may not see every quote).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,rep
DUPONT,Dupont SA,alice'
e2e_import products 'sku,name,list_price,unit_cost
CAF-1,Café Arabica 250 g,19.50,14.04'
q=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q" CAF-1 10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote terms "$q" --valid-until 2020-01-31 >>"$T/setup.log" 2>&1 ||
    sqlite3 "$COMPTOIR_DB" "UPDATE quotes SET valid_until = '2020-01-31' WHERE number = '$q'"

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
expect_sql "db: a rep's start leaves the quote as it was" "select status from quotes where number = '$q'" "draft"

e2e_start mgr 80x24 -- --as david
e2e_wait mgr "Latest orders"
expect_sql "db: a manager's start expires the quote past its date" "select status from quotes where number = '$q'" "expired"
e2e_keys mgr :
e2e_type mgr "$q"
e2e_keys mgr Enter
expect_screen "manager: the quote shows as expired" mgr "$q  expired"
