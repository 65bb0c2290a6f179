#!/bin/sh
# What comes in is read exactly or refused: amounts in the file's declared
# decimal format (--decimal), text that is text, nothing cut, CSV shapes
# that are named for what they are. Issue 8, "Amounts are never misread",
# "Text is text" and "Smaller".
. "$(dirname "$0")/../lib.sh"
S=$ROOT/assets/samples

count() { sql "SELECT count(*) FROM $1"; }

run init
# ------------------------------------------------------------ amounts
# Each value a tester found misread: refused at its line, with the column,
# the value and what was expected; nothing is imported.
amount_refused() { # NAME VALUE REASON
    printf 'sku,name,list_price\nOK-1,Fine,12.50\nBAD-1,Bad,"%s"\n' "$2" >"$T/amount.csv"
    run import products "$T/amount.csv"
    if [ "$rc" -eq 65 ] && grep -q "amount.csv:3: column 'list_price': $3" "$T/err" &&
        grep -q "expected an amount like 1234.50" "$T/err" && [ "$(count products)" = 0 ]; then
        ok "amount $1 is refused: $3"
    else
        not_ok "amount $1 is refused: $3" "rc $rc" "$(cat "$T/err")" "products: $(count products)"
    fi
}
amount_refused "1.000" "1.000" "more than 2 decimals"
amount_refused "1.5.0" "1.5.0" "more than one decimal mark"
amount_refused "1€2" "1€2" "a currency sign goes at either end"
amount_refused "." "." "no digits"
amount_refused "70 digits" "1234567890123456789012345678901234567890123456789012345678901234567890" "too large"
amount_refused "399,00" "399,00" "thousands separators must group the digits by three"
expect_err "a refused amount says what --decimal , would read" "with --decimal , it reads 399.00"

printf 'sku,name,list_price\nA,Thousand,"1,000"\nB,Two and a half thousand,"2,500"\nC,Grouped,"1,234,567.89"\n' >"$T/point.csv"
run import products "$T/point.csv"
expect_rc "1,000 and 2,500 with a decimal point import" 0
expect_eq "1,000 is a thousand, 2,500 two and a half thousand" \
    "$(sql "SELECT group_concat(list_price, ' ') FROM (SELECT list_price FROM products ORDER BY sku)")" \
    "100000 250000 123456789"

run import products "$S/products_fr.csv" --decimal ,
expect_rc "a French export imports with --decimal ," 0
expect_eq "1 234,50 €, 1.099,00 €, 12,90 € and € 18 read right" \
    "$(sql "SELECT group_concat(list_price || '/' || unit_cost, ' ') FROM (SELECT * FROM products WHERE sku IN ('CAFE-01','MACH-02','KAFF-03','TASSE-04') ORDER BY sku)")" \
    "1290/710 109900/64050 123450/81000 1800/900"
printf 'sku,name,list_price\nD,Deutsch,"1.000"\nE,Eins,"2.500,5"\n' >"$T/de.csv"
run import products "$T/de.csv" --decimal ,
expect_eq "with --decimal , 1.000 is a thousand" "$(sql "SELECT list_price FROM products WHERE sku='D'")" "100000"
printf 'sku,name,list_price\nF,Comma file,"1,000"\n' >"$T/de2.csv"
run import products "$T/de2.csv" --decimal ,
expect_rc "with --decimal , 1,000 is refused (three decimals)" 65
expect_err "and the message names the decimal comma" "de2.csv:2: column 'list_price': more than 2 decimals; expected an amount like 1234,50"
run import products "$S/products_fr.csv"
expect_rc "the French export without --decimal is refused, not misread" 65
run import products "$T/point.csv" --decimal x
expect_rc "--decimal takes , or ." 64

# prices and orders take the file's mark too
sql "INSERT INTO accounts(code, name, created_at, updated_at) VALUES ('ACME', 'Acme', 'x', 'x');"
printf 'kind,price_list,account,sku,category,name,tier,min_qty,price,discount,min_margin,valid_from,valid_to\ncontract,,ACME,A,,,,,"1.000",,,,\n' >"$T/p1.csv"
run import prices "$T/p1.csv"
expect_err "prices: 1.000 in a point file is refused with the reason" "p1.csv:2: column 'price': more than 2 decimals"
printf 'kind,price_list,account,sku,category,name,tier,min_qty,price,discount,min_margin,valid_from,valid_to\ncontract,,ACME,A,,,,,"1.234,50",,,,\ntier,,,A,,,,10,,"7,5",,,\n' >"$T/p2.csv"
run import prices "$T/p2.csv" --decimal ,
expect_rc "prices with --decimal , import" 0
expect_eq "prices: 1.234,50 and 7,5 %" "$(sql "SELECT (SELECT price FROM contract_prices) || '/' || (SELECT discount_bp FROM volume_tiers)")" "123450/750"
printf 'number,placed_at,sku,quantity,unit_price,tax_rate\nX-1,2024-01-02,A,2,"1.234,50","5,5"\n' >"$T/o1.csv"
run import orders "$T/o1.csv" --decimal ,
expect_rc "orders with --decimal , import" 0
expect_eq "orders: 1.234,50 at 5,5 %" "$(sql "SELECT unit_price || '/' || tax_rate_bp FROM order_lines")" "123450/550"
run import --help
expect_out "import --help documents --decimal" "--decimal , \| \."
