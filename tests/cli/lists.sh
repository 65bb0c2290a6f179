#!/bin/sh
# Nothing is cut: every list the commands print is whole, and a page that
# ends the list does not promise more. Each check has one row more than a
# limit the program used to have.
. "$(dirname "$0")/../lib.sh"

run init
expect_rc "init" 0
sql "INSERT INTO users(login, full_name, role, created_at) VALUES ('alice', 'Alice', 'rep', 'x'), ('david', 'David', 'manager', 'x');
INSERT INTO accounts(code, name, rep_id, payment_terms_days, created_at, updated_at)
  VALUES ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 30, 'x', 'x');
INSERT INTO products(sku, name, list_price, unit_cost, created_at, updated_at) VALUES ('P2', 'Paper A4', 500, 300, 'x', 'x');"

# ---- the bug: 105 added lines and a submit are 107 events; quote show stopped at 99
run --as alice quote new --account ACME
Q=$(cat "$T/out")
i=1
while [ $i -le 105 ]; do
    "$COMPTOIR" --as alice quote add-line "$Q" P2 "$i" >/dev/null 2>&1 || echo "not ok - add-line $i"
    i=$((i + 1))
done
run --as alice quote submit "$Q"
expect_out "the quote is submitted" "^$Q approved"
run --as alice quote show "$Q"
expect_eq "quote show prints all 107 events" "$(sed -n '/^timeline:/,$p' "$T/out" | grep -c '^  [0-9]')" "107"
expect_out "the last event is the submit, by the admin as alice" "^  .* r1 +$(id -un) as alice +submit +→ approved"
expect_eq "and all 105 lines" "$(grep -c '^ *[0-9]\+  P2 ' "$T/out")" "105"

# ---- 501 status changes: order show stopped at 500
sql "INSERT INTO orders(id, number, channel, status, placed_at, subtotal, tax_total, total)
       VALUES (1, 'O-000001', 'b2c', 'placed', '2026-03-01T10:00:00Z', 100, 20, 120);
     INSERT INTO order_lines(order_id, line_no, sku, description, quantity, unit_price, tax_rate_bp, net_amount, tax_amount)
       VALUES (1, 1, 'P2', 'Paper', 1, 100, 2000, 100, 20);
     WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 501)
     INSERT INTO order_status_history(order_id, from_status, to_status, at, note)
       SELECT 1, NULL, 'placed', printf('2026-03-01T10:%02d:%02dZ', i / 60, i % 60), 'event ' || i FROM k;"
run order show O-000001
expect_eq "order show prints all 501 events" "$(grep -c 'event [0-9]' "$T/out")" "501"
expect_out "the newest is there" 'event 501$'

# ---- 2001 users: user list stopped at 2000
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1998)
     INSERT INTO users(login, full_name, role, created_at) SELECT printf('user%04d', i), 'U', 'rep', 'x' FROM k;"
expect_eq "there are 2001 users" "$(sql 'SELECT count(*) FROM users')" "2001"
run user list
expect_eq "user list prints all 2001" "$(grep -vc '^LOGIN' "$T/out")" "2001"

# ---- 501 approval rules: quote rules stopped at 500
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 501)
     INSERT INTO approval_rules(name, condition, threshold, approver_role, approvals_needed, level, active, created_at, updated_at)
       SELECT 'rule ' || i, 'total', 100000000 + i, 'manager', 1, 1, 1, 'x', 'x' FROM k;"
run --as david quote rules
expect_eq "quote rules prints all 501" "$(grep -c ' rule [0-9]' "$T/out")" "501"

# ---- a full page that is the whole list does not promise more
run --as alice quote list --limit 1
expect_eq "--limit 1 over one quote prints it" "$(grep -c '^Q-' "$T/out")" "1"
expect_eq "and does not say more follow" "$(grep -c 'more quotes' "$T/err")" "0"
run --as alice quote new --account ACME
run --as alice quote list --limit 1
expect_err "two quotes, --limit 1: says how to get the next" 'more quotes; next page: --after Q-'

# ---- check lists every problem, past the 64 KB it used to stop at
sql "WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < 1201)
     INSERT INTO orders(id, number, channel, status, placed_at, subtotal, tax_total, total)
       SELECT i, printf('O-%06d', i), 'b2c', 'placed', '2026-03-01T10:00:00Z', 1, 0, 1 FROM k;
     UPDATE counters SET value = 1201 WHERE name = 'order';"
run check
expect_rc "check finds the orders without lines" 65
expect_eq "and lists every one of them" "$(grep -c 'has no lines' "$T/out")" "1200"
expect_out "the count agrees" '^[0-9]+ problems found'

# ---- tax classes past the 16 an import used to read
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 17)
     INSERT INTO tax_classes(code, name, rate_bp) SELECT printf('class%02d', i), 'Class ' || i, 100 * i FROM k;"
printf 'number,placed_at,sku,quantity,unit_price,tax_class\nT-1,2026-03-01,P2,1,10.00,class17\n' >"$T/orders.csv"
run import orders "$T/orders.csv"
expect_rc "an order line of the 20th tax class imports" 0
expect_eq "at that class's rate" "$(sql "SELECT tax_rate_bp FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = 'T-1'")" "1700"

# ---- price lists past the 500 an export used to write
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 501)
     INSERT INTO price_lists(code, name, discount_bp, created_at, updated_at) SELECT printf('PL%03d', i), 'List ' || i, 0, 'x', 'x' FROM k;"
run export prices
expect_rc "export prices" 0
expect_eq "writes all 501 price lists" "$(grep -c '^"price_list"' "$T/out")" "501"
