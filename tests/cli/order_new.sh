#!/bin/sh
# `comptoir order new | reorder | print` and `comptoir shipping`: the priced
# cart, the order number alone on the last line, --dry-run, the retry key,
# refusals with their exit codes (nothing written), the last unit sold by
# two processes at once (exactly one wins), reorder, the confirmation PDF.
. "$(dirname "$0")/../lib.sh"

# Friday 27 November 2026, 10:00 in the store's zone.
export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z

run init
expect_rc "init" 0
for u in "alice rep" "bruno rep" "chloe support" "david manager"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x'),
       ('山田花子', 'hanako@example.jp', '03-1234-5678', '', 'Tokyo', 'Japan', 'x', 'x');
     INSERT INTO accounts(code, name, rep_id, credit_limit, open_balance, created_at, updated_at) VALUES
       ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 100000, 0, 'x', 'x');
     INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at) VALUES
       ('CAF-001', 'Café moulu 250 g', 1666, 'standard', 800, 50, 'x', 'x'),
       ('THE-001', 'Thé vert 100 g', 1000, 'reduced', 400, 2, 'x', 'x'),
       ('LAST-1', 'Dernière théière', 4000, 'standard', 2000, 1, 'x', 'x'),
       ('OLD-1', 'Vieux modèle', 1000, 'standard', 500, 5, 'x', 'x');
     UPDATE products SET active = 0 WHERE sku = 'OLD-1';"

# ---- shipping methods as data
run shipping list
expect_rc "shipping list exits 0" 0
expect_out "standard: 4.90, free over 50.00, 3 days" '^standard +Standard +4.90 +50.00 +3 +-'
expect_out "express has a cut-off" '^express +Express +9.90 +- +1 +14:00'
run --as david shipping set express --fee 12.00
expect_rc "only an admin sets shipping" 77
run shipping set express --fee 10.90 --cutoff 15:00
expect_rc "an admin changes express" 0
run shipping list
expect_out "the change shows" '^express +Express +10.90 +- +1 +15:00'
run shipping set express --fee 9.90 --cutoff 14:00
run shipping set eco --fee 2.50 --days 6 --name "Économique"
expect_rc "a new method" 0
run shipping set bad --fee 1.00
expect_rc "a new method needs its days" 64
run shipping set slow --fee 1.00 --days 99
expect_rc "days beyond 60 are refused" 65

# ---- a counter sale, tax included: 3 × 19.99 incl. 20 % carries 10.00 of tax
run --as alice order new --customer zoe@example.fr CAF-001:3 --ship pickup --dry-run
expect_rc "a dry run exits 0" 0
expect_out "each line: SKU, quantity, unit price, source, total" '^CAF-001 +3 +19.99 +list +59.97$'
expect_out "the subtotal" '^Subtotal +59.97'
expect_out "tax per rate, included" '^VAT 20 % incl. +10.00'
expect_out "the total" '^Total +59.97'
expect_out "the promised date" '^Promised +2026-11-27$'
run sql "SELECT count(*) FROM orders"
expect_eq "a dry run places nothing" "$(sql 'SELECT count(*) FROM orders')" "0"

run --as alice order new --customer zoe@example.fr CAF-001:2 THE-001 --ship express --gift-wrap \
    --gift-message "Joyeux Noël" --pay cash:100
expect_rc "placing exits 0" 0
expect_eq "the order number alone on the last line" "$(tail -n 1 "$T/out")" "O-000001"
expect_out "shipping is a line of the cart" '^Shipping +Express +9.90'
expect_out "gift wrap is a fee" '^Fees +Gift wrap +3.50'
expect_out "cash gives the change" '^Change due +36.07'
expect_out "express before the cut-off on a Friday: Monday" '^Promised +2026-11-30$'
expect_eq "the order stores the total shown" "$(sql "SELECT total FROM orders WHERE number = 'O-000001'")" "6393"
expect_eq "the gift message is kept" "$(sql "SELECT gift_message FROM orders")" "Joyeux Noël"
expect_eq "the stock is reserved" "$(sql "SELECT stock_reserved FROM products WHERE sku = 'CAF-001'")" "2"
expect_eq "the cash payment keeps what was handed over" "$(sql "SELECT method, amount, tendered FROM payments")" \
    "cash|6393|10000"

run --as alice order show O-000001
expect_out "show: the shipping line" '^ +3  express +Express +1 +9.90'
expect_out "show: the gift" '^Gift: +wrapped — Joyeux Noël'
expect_out "show: the payment in the history" 'payment +63.93.*cash'

# ---- refusals change nothing
run --as alice order new --customer zoe@example.fr THE-001:5
expect_rc "short stock without --backorder is refused" 65
expect_out "and says how many are in stock" '! THE-001: only 1 in stock \(back-order the other 4\?\)'
run --as alice order new --customer zoe@example.fr THE-001:5 --backorder --dry-run
expect_out "a back-order says when stock is expected" '4 back-ordered, stock expected 2026-12-11'
expect_out "and pushes the promise" '^Promised +2026-12-16$'
run --as alice order new --customer zoe@example.fr OLD-1
expect_rc "an inactive product is refused" 65
expect_err "with a message" 'OLD-1 \(Vieux modèle\) is no longer sold'
run --as alice order new --customer zoe@example.fr CAF-001 --ship teleport
expect_rc "an unknown method is refused" 65
expect_err "naming those there are" "no shipping method 'teleport' \(there are: standard, express, pickup, eco\)"
run --as alice order new --customer zoe@example.fr CAF-001 --pay account
expect_rc "on account is for accounts" 65
run --as alice order new --customer nobody@example.fr CAF-001
expect_rc "an unknown customer" 66
run --as chloe order new --customer zoe@example.fr CAF-001
expect_rc "support does not sell" 77
run --as alice order new CAF-001
expect_rc "a party is needed" 64
run --as alice order new --customer zoe@example.fr CAF-001 --gift-message "$(printf '%0251d' 0)"
expect_rc "a gift message over 250 characters" 65
expect_eq "none of it placed anything" "$(sql 'SELECT count(*) FROM orders')" "1"

# ---- the retry key: the same cart places once
run --as alice order new --customer hanako@example.jp CAF-001 --key retry-1
expect_eq "placed with a key" "$(tail -n 1 "$T/out")" "O-000002"
run --as alice order new --customer hanako@example.jp CAF-001 --key retry-1
expect_rc "the retry exits 0" 0
expect_eq "the retry gives back the same order" "$(tail -n 1 "$T/out")" "O-000002"
expect_err "and says so" 'this key placed O-000002 already'
run --as alice order new --customer hanako@example.jp CAF-001:2 --key retry-1
expect_rc "the key with another cart is refused" 75
expect_eq "still two orders" "$(sql 'SELECT count(*) FROM orders')" "2"

# ---- an account: contract and credit
sql "INSERT INTO contract_prices(account_id, product_id, price, created_at)
     SELECT a.id, p.id, 1500, 'x' FROM accounts a, products p WHERE a.code = 'ACME' AND p.sku = 'CAF-001';
     UPDATE accounts SET credit_limit = 10000, open_balance = 9000 WHERE code = 'ACME';"
run --as alice order new --account ACME CAF-001:6 --dry-run
expect_out "a rep's account order at the contract price, excluding tax" '^CAF-001 +6 +15.00 +contract +90.00$'
expect_out "VAT added" '^VAT 20 % +18.00'
expect_out "beyond the credit limit is said" 'beyond the credit limit by 98.00'
run --as alice order new --account ACME CAF-001:6
expect_rc "a rep cannot place beyond the credit limit" 77
expect_err "the refusal says by how much" "exceeds ACME's credit limit by 98.00 .*; a manager may place it"
run --as bruno order new --account ACME CAF-001:6 --dry-run
expect_rc "another rep's account" 77
run --as david order new --account ACME CAF-001:6
expect_rc "a manager may" 0
expect_eq "the balance rose" "$(sql "SELECT open_balance FROM accounts WHERE code = 'ACME'")" "19800"

# ---- the last unit, sold by several processes at once: exactly one wins
for i in 1 2 3 4 5 6; do
    ( "$COMPTOIR" --as alice order new --customer zoe@example.fr LAST-1 --key "race-$i" >"$T/race-$i.out" 2>&1
      echo $? >"$T/race-$i.rc" ) &
done
wait
wins=0; losses=0
for i in 1 2 3 4 5 6; do
    # a loser is told before placing (65: priced after the winner placed) or
    # at placing (75: priced before, the stock gone meanwhile)
    case "$(cat "$T/race-$i.rc")" in 0) wins=$((wins + 1)) ;; 65 | 75) losses=$((losses + 1)) ;; esac
done
expect_eq "exactly one of six gets the last unit" "$wins $losses" "1 5"
expect_eq "one unit reserved" "$(sql "SELECT stock_reserved FROM products WHERE sku = 'LAST-1'")" "1"
expect_eq "one order for it" "$(sql "SELECT count(*) FROM order_lines WHERE sku = 'LAST-1'")" "1"
expect_eq "each of the others is told" "$(grep -l 'LAST-1.*in stock' "$T"/race-*.out | wc -l)" "5"

# ---- reorder at today's prices
sql "UPDATE products SET list_price = 1708 WHERE sku = 'CAF-001'"
run --as alice order reorder O-000001 --dry-run
expect_rc "reorder --dry-run exits 0" 0
expect_out "the price that moved is said" '^CAF-001 was 19.99, now 20.50$'
expect_out "today's price" '^CAF-001 +2 +20.50 +list +41.00$'
run --as alice order reorder O-000001
expect_rc "reorder places" 0
expect_out "the new number last" '^O-0000[0-9][0-9]$'

# ---- the confirmation
run --as alice order print O-000001 -o "$T/o1.pdf"
expect_rc "print exits 0" 0
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$T/o1.pdf" "$T/o1.txt"
    expect_out "the confirmation names the order" 'Order confirmation O-000001' "$T/o1.txt"
    expect_out "with its promise" 'Promised delivery: 2026-11-30' "$T/o1.txt"
    if grep -q "Joyeux" "$T/o1.txt"; then not_ok "never the gift message"; else ok "never the gift message"; fi
fi

run check
expect_rc "check finds nothing wrong after all this" 0
