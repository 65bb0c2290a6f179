#!/bin/sh
# CSV import and export from the command line: exit codes, FILE:LINE errors,
# --map, --null, --rejects, --dry-run, --update, the export round trip, and
# the real exports of ../shared/realdata (Northwind, Online Retail).
. "$(dirname "$0")/../lib.sh"
S=$ROOT/assets/samples

count() { sql "SELECT count(*) FROM $1"; }

run init
expect_rc "init" 0
run user add alice --role rep
run user add bruno --role rep

# ------------------------------------------------------------ good files
for k in accounts contacts customers products orders; do
    run import "$k" "$S/$k.csv"
    expect_rc "import $k: the sample imports" 0
done
expect_out "import orders: says how many rows" "imported 5 rows into orders"
printf 'name,email\nAnna Einzeln,anna.einzeln@example.de\n' >"$T/one.csv"
COMPTOIR_DB="$T/one.db" run init
COMPTOIR_DB="$T/one.db" run import customers "$T/one.csv"
expect_out "one row is 'imported 1 row'" "^imported 1 row into customers"
# points brought in become each customer's opening row of the ledger, written
# in one statement at the end of the import (within its transaction)
printf 'name,email,loyalty_points\nPia Punkte,pia@example.de,1200\nNils Null,nils@example.de,0\nOda Ohne,oda@example.de,\nUli Und,uli@example.de,35\n' >"$T/points.csv"
COMPTOIR_DB="$T/one.db" run import customers "$T/points.csv"
expect_rc "points: imported" 0
one_sql() { sqlite3 -batch -noheader "$T/one.db" "$1"; }
expect_eq "points: an opening row per customer with points, none for the others" \
    "$(one_sql "SELECT group_concat(c.email || ':' || l.points || ':' || l.kind || ':' || l.bucket, ' ') FROM loyalty_ledger l JOIN customers c ON c.id = l.customer_id")" \
    "pia@example.de:1200:opening:available uli@example.de:35:opening:available"
expect_eq "points: dated when the customer was made, expiring 24 months later" \
    "$(one_sql "SELECT count(*) FROM loyalty_ledger l JOIN customers c ON c.id = l.customer_id WHERE l.at = c.created_at AND l.expires_on = date(c.created_at, 'localtime', '+24 months')")" "2"
expect_eq "points: the balances equal the ledger" \
    "$(one_sql "SELECT count(*) FROM customers c WHERE loyalty_points <> (SELECT coalesce(sum(points), 0) FROM loyalty_ledger WHERE customer_id = c.id)")" "0"
printf 'name,email,loyalty_points\nRia Rein,ria@example.de,500\nBad Row,not-an-email,10\n' >"$T/points-bad.csv"
COMPTOIR_DB="$T/one.db" run import customers "$T/points-bad.csv"
expect_rc "points: a file with a bad row" 65
expect_eq "points: imports nothing, no opening row either" \
    "$(one_sql "SELECT count(*) FROM loyalty_ledger l JOIN customers c ON c.id = l.customer_id WHERE c.email = 'ria@example.de'") $(one_sql "SELECT count(*) FROM loyalty_ledger")" "0 2"
COMPTOIR_DB="$T/one.db" run check
expect_rc "points: check is clean" 0
expect_eq "accounts: a quoted comma stays in its field" "$(sql "SELECT name FROM accounts WHERE code='ACME'")" "Acme, Inc."
expect_eq "products: 399,00 is 39900 cents" "$(sql "SELECT list_price FROM products WHERE sku='DESK-02'")" "39900"
expect_eq "orders: lines grouped by number" "$(sql "SELECT count(*) FROM order_lines l JOIN orders o ON o.id=l.order_id WHERE o.number='B-1001'")" "2"
expect_eq "import: one audit entry per import" "$(sql "SELECT count(*) FROM audit_log WHERE action='import'")" "5"

# ------------------------------------------------------------- bad files
before=$(count accounts)
run import accounts "$S/accounts_bad.csv"
expect_rc "bad accounts: exit 65" 65
expect_err "bad accounts: unquoted comma at its line" "accounts_bad.csv:3: 6 fields where the header has 5"
expect_err "bad accounts: column, reason and value" "accounts_bad.csv:5: column 'payment_terms_days': must be between 0 and 365 \(\"400\"\)"
expect_err "bad accounts: a key twice in one file" "accounts_bad.csv:8: column 'code': already exists"
expect_err "bad accounts: says nothing was imported" "6 errors; nothing was imported"
expect_eq "bad accounts: nothing written" "$(count accounts)" "$before"

run import customers "$S/customers_bad.csv"
expect_rc "bad customers: exit 65" 65
expect_err "bad customers: invalid UTF-8 names the column" "customers_bad.csv:4: column 'address': not valid UTF-8"
expect_err "bad customers: a multi-line record is reported where it starts" "customers_bad.csv:5: column 'name'"
run import products "$S/products_bad.csv"
expect_rc "bad products: exit 65" 65
expect_err "bad products: three decimals" "products_bad.csv:3: column 'list_price': more than 2 decimals"
run import orders "$S/orders_bad.csv"
expect_rc "bad orders: exit 65" 65
expect_err "bad orders: a return is refused at its line" "orders_bad.csv:3: column 'quantity': negative"

# existing keys, --update, --dry-run
run import customers "$S/customers.csv"
expect_rc "existing keys: exit 65" 65
expect_err "existing keys: named" "customers.csv:2: column 'email': already exists"
printf 'email,city\nana@example.com,Granada\n' >"$T/move.csv"
run import customers "$T/move.csv" --update
expect_rc "--update: exit 0" 0
expect_eq "--update: changes the column given" "$(sql "SELECT city FROM customers WHERE email='ana@example.com'")" "Granada"
expect_eq "--update: keeps the others" "$(sql "SELECT name FROM customers WHERE email='ana@example.com'")" "Ana Núñez"
printf 'name,email\nNew One,new@example.com\n' >"$T/new.csv"
run import customers "$T/new.csv" --dry-run
expect_rc "--dry-run: exit 0" 0
expect_out "--dry-run: says nothing was written" "nothing written"
expect_eq "--dry-run: writes nothing" "$(sql "SELECT count(*) FROM customers WHERE email='new@example.com'")" "0"
run import customers - <"$T/new.csv"
expect_rc "import from standard input" 0

# usage
run import gadgets "$S/accounts.csv"
expect_rc "unknown kind: exit 64" 64
run import accounts "$T/missing.csv"
expect_rc "missing file: exit 66" 66
run import accounts "$S/accounts.csv" --map nom=name
expect_rc "--map to a column we do not have: exit 64" 64
expect_err "--map: names the column" "'nom' is not one of our columns"

# ---------------------------------------------------------------- export
run export customers
expect_rc "export customers: exit 0" 0
expect_out "export: header is the import columns" '^"name","email","phone","address","city","country","loyalty_points","loyalty_tier"'
expect_out "export: a formula is written with a leading quote" "\"'=cmd\|' /C calc'!A0\""
run export nothing
expect_rc "export of an unknown kind: exit 64" 64
expect_err "the refusal names every kind export takes" "unknown kind 'nothing' \(accounts, contacts, customers, products, orders, prices, promotions\)"
run export users
expect_err "users is no kind of export either" "unknown kind 'users' \(.*prices, promotions\)"

# export → import into an empty database → export gives the same bytes
TWO=$T/two.db
"$COMPTOIR" --db "$TWO" init >/dev/null 2>&1
"$COMPTOIR" --db "$TWO" user add alice --role rep >/dev/null 2>&1
"$COMPTOIR" --db "$TWO" user add bruno --role rep >/dev/null 2>&1
for k in accounts contacts customers products orders; do
    "$COMPTOIR" export "$k" -o "$T/$k.1.csv" 2>"$T/err"
    "$COMPTOIR" --db "$TWO" import "$k" "$T/$k.1.csv" >"$T/out" 2>"$T/err"
    rc=$?
    "$COMPTOIR" --db "$TWO" export "$k" >"$T/$k.2.csv"
    if [ "$rc" -eq 0 ] && [ -s "$T/$k.1.csv" ] && cmp -s "$T/$k.1.csv" "$T/$k.2.csv"; then
        ok "round trip $k: export, import, export gives the same bytes"
    else
        not_ok "round trip $k: export, import, export gives the same bytes" "import rc $rc: $(head -c 400 "$T/err")" \
            "$(diff "$T/$k.1.csv" "$T/$k.2.csv" | head -5)"
    fi
done

# ------------------------------------------------------------- real data
RD=$ROOT/../shared/realdata
if [ ! -d "$RD/northwind" ] || [ ! -d "$RD/online_retail" ]; then
    ok "realdata: skipped, $RD is absent"
    exit 0
fi
NW=$RD/northwind
rm -f "$COMPTOIR_DB" "$COMPTOIR_DB-wal" "$COMPTOIR_DB-shm"
run init
NWMAP=code=customerID,name=companyName,billing_address=address
run import accounts "$NW/customers.csv" --map "$NWMAP" --null NULL
expect_rc "northwind customers: the broken rows fail the import (65)" 65
expect_err "northwind customers: unmapped columns named once" "warning: ignoring columns that map to nothing: 'contactName', 'contactTitle', 'region', 'postalCode', 'fax'"
want=$(awk -F, 'NR > 1 && NF != 11 { print NR }' "$NW/customers.csv" | tr '\n' ' ')
got=$(sed -n 's/.*customers\.csv:\([0-9]*\): 12 fields where the header has 11.*/\1/p' "$T/err" | tr '\n' ' ')
expect_eq "northwind customers: every row with an unquoted comma reported by line" "$got" "$want"
expect_eq "northwind customers: 24 such rows" "$(echo $got | wc -w)" "24"
expect_eq "northwind customers: nothing written" "$(count accounts)" "0"
run import accounts "$NW/customers.csv" --map "$NWMAP" --null NULL --rejects "$T/nw-rejects.csv"
expect_rc "northwind customers --rejects: exit 0" 0
expect_eq "northwind customers --rejects: the 67 good rows import" "$(count accounts)" "67"
expect_eq "northwind customers --rejects: 24 rows and a header in the rejects file" "$(wc -l <"$T/nw-rejects.csv" | tr -d ' ')" "25"
expect_eq "northwind: UTF-8 names and cities" "$(sql "SELECT name || '|' || city FROM accounts WHERE code='BERGS'")" "Berglunds snabbköp|Luleå"
expect_eq "northwind: NULL means no value" "$(sql "SELECT count(*) FROM accounts WHERE phone='NULL' OR city='NULL'")" "0"
run import products "$NW/products.csv" --null NULL \
    --map sku=productID,name=productName,list_price=unitPrice,stock_on_hand=unitsInStock,category=categoryID
expect_rc "northwind products: all import" 0
expect_eq "northwind products: 77" "$(count products)" "77"
expect_eq "northwind products: 18.00 is 1800" "$(sql "SELECT list_price FROM products WHERE name='Chai'")" "1800"

OR=$RD/online_retail/online_retail_head_sample.csv
ORMAP=number=InvoiceNo,sku=StockCode,description=Description,quantity=Quantity,placed_at=InvoiceDate,unit_price=UnitPrice
run import orders "$OR" --map "$ORMAP"
expect_rc "online retail: cancellations fail the import (65)" 65
expect_err "online retail: a C invoice's line is reported at its line" "online_retail_head_sample.csv:143: column 'quantity': negative: a return or a cancellation"
expect_err "online retail: all 119 returned lines counted" "119 errors; nothing was imported"
expect_err "online retail: more than 50 errors are summed up" "and 69 more errors"
expect_eq "online retail: nothing written" "$(count orders)" "0"
run import orders "$OR" --map "$ORMAP" --rejects "$T/or-rejects.csv"
expect_rc "online retail --rejects: exit 0" 0
expect_eq "online retail --rejects: 376 sales invoices" "$(count orders)" "376"
expect_eq "online retail --rejects: 7881 lines" "$(count order_lines)" "7881"
expect_eq "online retail --rejects: 119 rows and a header aside" "$(wc -l <"$T/or-rejects.csv" | tr -d ' ')" "120"
expect_err "online retail: non-product lines (POST, DOT …) are kept and counted" "order lines with a SKU not in the catalogue"
expect_eq "online retail: a quoted comma and doubled quotes" "$(sql "SELECT description FROM order_lines WHERE description LIKE 'RECORD FRAME 7\" SINGLE SIZE %' LIMIT 1")" 'RECORD FRAME 7" SINGLE SIZE '
expect_eq "online retail: dates as UTC ISO 8601" "$(sql "SELECT placed_at FROM orders WHERE number='536365'")" "2010-12-01T08:26:00Z"
expect_eq "online retail: totals equal their lines" "$(sql "SELECT count(*) FROM orders o WHERE o.subtotal != (SELECT sum(net_amount) FROM order_lines WHERE order_id=o.id)")" "0"
