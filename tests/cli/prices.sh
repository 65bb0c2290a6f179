#!/bin/sh
# `comptoir import prices FILE` / `export prices`: lists, items, accounts,
# contracts, tiers and floors in one CSV; errors by line and nothing written.
. "$(dirname "$0")/../lib.sh"

run init
run user add alice --role rep
sql "INSERT INTO accounts(code, name, rep_id, created_at, updated_at)
       VALUES ('ACME', 'Acme', (SELECT id FROM users WHERE login = 'alice'), 'x', 'x'),
              ('GLOBEX', 'Globex', NULL, 'x', 'x');
     UPDATE accounts SET tier = 'silver' WHERE code = 'GLOBEX';
     INSERT INTO products(sku, name, category, list_price, unit_cost, created_at, updated_at) VALUES
       ('P1', 'Torch', 'tools', 10000, 6000, 'x', 'x'), ('P2', 'Paper', 'office', 500, 300, 'x', 'x');"

cat >"$T/prices.csv" <<'CSV'
kind,price_list,account,sku,category,name,tier,min_qty,price,discount,min_margin,valid_from,valid_to
price_list,GOLD,,,,Gold accounts,,,,5,,,
price_list,SILVER,,,,Silver accounts,silver,,,2,,,
item,GOLD,,P1,,,,,90.00,,,,
account,GOLD,ACME,,,,,,,,,,
contract,,ACME,P2,,,,,4.50,,,2020-01-01,
tier,,,P1,,,,100,,7,,,
floor,,,,tools,,,,,,10,,
CSV
run import prices "$T/prices.csv"
expect_rc "a good prices file imports" 0
expect_out "it says how many rows" '^imported 7 price rows'
expect_eq "every kind of row is stored" \
    "$(sql "SELECT (SELECT count(*) FROM price_lists) || (SELECT count(*) FROM price_list_items) ||
                   (SELECT count(*) FROM account_price_lists) || (SELECT count(*) FROM contract_prices) ||
                   (SELECT count(*) FROM volume_tiers) || (SELECT count(*) FROM price_floors)")" "211111"

run --as alice quote new --account ACME
run --as alice quote add-line Q-001001 P1 10
expect_out "the account's own list prices the line" 'at 90.00 \(price list GOLD\)'
run --as alice quote add-line Q-001001 P1 100
expect_out "the volume tier lowers it further" 'at 83.70 \(tier 100\+\)'
run --as alice quote add-line Q-001001 P2 10
expect_out "the contract price wins" 'at 4.50 \(contract\)'

cat >"$T/bad.csv" <<'CSV'
kind,price_list,account,sku,category,name,tier,min_qty,price,discount,min_margin,valid_from,valid_to
item,GOLD,,P2,,,,,4.00,,,,
item,GOLD,,NOPE,,,,,4.00,,,,
tier,,,P2,,,,1,3.00,,,,
coupon,,,,,,,,,,,,
CSV
before=$(sql "SELECT count(*) FROM price_list_items")
run import prices "$T/bad.csv"
expect_rc "a bad file exits 65" 65
expect_err "errors name the file, line and column" "bad.csv:3: column 'sku': no product with this SKU"
expect_err "a bad quantity break is named" "bad.csv:4: column 'min_qty'"
expect_err "an unknown kind is named" "bad.csv:5: column 'kind'"
expect_err "and nothing is written" 'nothing was imported'
expect_eq "the good row of a bad file is not written either" "$(sql "SELECT count(*) FROM price_list_items")" "$before"

run --as alice import prices "$T/prices.csv"
expect_rc "a rep cannot import prices" 77

run export prices -o "$T/out.csv"
expect_rc "export exits 0" 0
expect_out "export has the header" '^"?kind"?,"?price_list"?' "$T/out.csv"
expect_eq "export has every row" "$(($(wc -l <"$T/out.csv") - 1))" "7"
run import prices "$T/out.csv"
expect_rc "its own export imports again" 0
expect_eq "and changes nothing" \
    "$(sql "SELECT (SELECT count(*) FROM price_lists) || (SELECT count(*) FROM price_list_items) ||
                   (SELECT count(*) FROM volume_tiers) || (SELECT group_concat(price) FROM contract_prices)")" "211450"
