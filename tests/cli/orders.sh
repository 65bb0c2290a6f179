#!/bin/sh
# `comptoir order find | show | status`: output, messages and exit codes.
. "$(dirname "$0")/../lib.sh"

run init
expect_rc "init" 0

# Parties and orders straight into the database (there is no order-entry command yet).
sql "INSERT INTO users(login, full_name, role, created_at) VALUES
  ('chloe', 'Chloé', 'support', 'x'), ('alice', 'Alice', 'rep', 'x'), ('bruno', 'Bruno', 'rep', 'x');
INSERT INTO customers(id, name, email, phone, created_at, updated_at) VALUES
  (1, 'Jean Dupont', 'jean.dupont@example.fr', '+33 6 12 34 56 78', 'x', 'x'),
  (2, '山田太郎', 'taro@example.jp', '03-1234-5678', 'x', 'x');
INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES
  (1, 'SOCGEN', 'Société Générale', (SELECT id FROM users WHERE login = 'bruno'), 'x', 'x');
INSERT INTO orders(id, number, channel, customer_id, account_id, status, placed_at, subtotal, tax_total, total) VALUES
  (1, 'O-000001', 'b2c', 1, NULL, 'placed', '2026-03-01T10:00:00Z', 2100, 420, 2520),
  (2, 'O-000002', 'b2c', 2, NULL, 'placed', '2026-03-02T10:00:00Z', 1000, 200, 1200),
  (3, 'O-000003', 'b2b', NULL, 1, 'delivered', '2026-03-03T10:00:00Z', 100000, 20000, 120000),
  (4, 'O-000004', 'b2c', 1, NULL, 'placed', '2026-03-04T10:00:00Z', 500, 100, 600);
INSERT INTO order_lines(order_id, line_no, sku, description, quantity, unit_price, tax_rate_bp, net_amount, tax_amount) VALUES
  (1, 1, 'CAFE-250', 'Café moulu 250 g', 2, 1050, 2000, 2100, 420),
  (2, 1, 'THE-100', 'Thé vert 100 g', 1, 1000, 2000, 1000, 200),
  (3, 1, 'PAPER-A4', 'Papier A4', 100, 1000, 2000, 100000, 20000),
  (4, 1, 'CAFE-250', 'Café moulu 250 g', 1, 500, 2000, 500, 100);
INSERT INTO order_status_history(order_id, from_status, to_status, at) VALUES
  (1, NULL, 'placed', '2026-03-01T10:00:00Z'), (2, NULL, 'placed', '2026-03-02T10:00:00Z'),
  (3, NULL, 'placed', '2026-03-03T10:00:00Z'), (4, NULL, 'placed', '2026-03-04T10:00:00Z');"
# Written by another program: the search indexes and sort keys are built again.
run check
expect_rc "rows written by another program: check finds the index out of step" 65
expect_out "check names the search index to repair" 'search index of customers is out of step.*check --repair'
run check --repair
expect_out "check --repair keeps naming what it does not repair" 'history ends at'
expect_eq "check --repair builds the indexes and sort keys again" \
    "$(grep -c 'out of step' "$T/out")" 0

# ---- find
run order find O-000002
expect_rc "find by number exits 0" 0
expect_out "find by number prints the order" '^O-000002 +2026-03-02 [0-9:]+ +b2c +placed +山田太郎 +12.00'
expect_out "find prints a header" '^NUMBER +DATE +CH +STATUS +PARTY +TOTAL'

run order find 2
expect_out "find by the number's digits" '^O-000002 '

run order find dupont@exa
expect_rc "find by partial e-mail exits 0" 0
expect_eq "find by partial e-mail finds both orders, newest first" \
    "$(grep '^O-' "$T/out" | cut -d' ' -f1 | tr '\n' ' ')" "O-000004 O-000001 "

run order find "06 12 34 56 78"
expect_out "find by phone typed differently" '^O-000004 .*Jean Dupont'

run order find "société générale"
expect_out "find by company name with accents" '^O-000003 .*b2b +delivered +Société Générale +1,?200.00'

run order find cafe-250
expect_eq "find by SKU in any case" "$(grep -c '^O-' "$T/out")" "2"

run order find zzqzz
expect_rc "no match still exits 0" 0
expect_err "no match says so on stderr" "no order matches 'zzqzz'"
expect_eq "no match prints nothing on stdout" "$(cat "$T/out")" ""

run order find dupont --limit 1
expect_eq "--limit 1 prints one order" "$(grep -c '^O-' "$T/out")" "1"
expect_err "a full page says how to get the next" 'next page: --after O-000004'
run order find dupont --limit 1 --after O-000004
expect_out "--after continues with the next page" '^O-000001 '
run order find dupont --limit 2
expect_eq "a page that ends the list does not promise more" "$(grep -c 'next page' "$T/err")" "0"

# Every row is as wide on screen, Japanese names included.
run order find taro
a=$(grep '^O-' "$T/out" | head -1 | LC_ALL=C.UTF-8 wc -L)
run order find jean
b=$(grep '^O-' "$T/out" | head -1 | LC_ALL=C.UTF-8 wc -L)
expect_eq "a Japanese name keeps the columns aligned" "$a" "$b"

run order find
expect_rc "find without TEXT is a usage error" 64
run order find x --limit lots
expect_rc "a bad --limit is a usage error" 64
expect_err "a bad --limit is named" "--limit takes a number"
run order frobnicate
expect_rc "an unknown order command is a usage error" 64

# ---- show
run order show O-000001
expect_rc "show exits 0" 0
expect_out "show names the order, channel and status" '^Order O-000001  b2c  placed'
expect_out "show names the customer" '^Customer: +Jean Dupont'
expect_out "show gives e-mail and phone" 'jean.dupont@example.fr +\+33 6 12 34 56 78'
expect_out "show lists the lines" '^ +1  CAFE-250 +Café moulu 250 g +2 +10.50 +21.00 +4.20'
expect_out "show gives the total" 'Total +25.20'
expect_out "show has the history" 'placed'

run order show O-999999
expect_rc "show of an unknown number exits 66" 66
expect_err "show of an unknown number says so" 'no order O-999999'

# ---- status: by hand only a cancel (nothing shipped) or a close (delivered);
# the rest follows the stock, the shipments and the deliveries (issue 13)
run order status O-000001 allocated --note "stock found"
expect_rc "a move that follows the stock is not made by hand" 65
expect_err "it says what makes it" 'O-000001 is placed: it becomes allocated when stock is allocated to it'
run order status O-000001 cancelled --note "customer called"
expect_rc "a legal move exits 0" 0
expect_out "a legal move says what changed" '^O-000001: placed → cancelled'
run order show O-000001
expect_out "the move is in the timeline with its note" 'placed → cancelled .*customer called'
expect_out "the order shows its new status" '^Order O-000001  b2c  cancelled'
expect_eq "the move is in the audit log" \
    "$(sql "SELECT action FROM audit_log WHERE object_type = 'order' AND object_key = 'O-000001'")" "cancel"

run order status O-000003 placed
expect_rc "an illegal move exits 65" 65
expect_err "an illegal move says why" 'O-000003 is delivered: it can only be closed'
expect_eq "an illegal move changes nothing" "$(sql "SELECT status FROM orders WHERE id = 3")" "delivered"

run order status O-000001 teleported
expect_rc "an unknown status is a usage error" 64
run order status O-000001
expect_rc "status without a STATUS is a usage error" 64

run --as chloe order status O-000004 cancelled
expect_rc "support may cancel an order" 0
run --as alice order status O-000003 closed
expect_rc "a rep may not move another rep's account's order" 77
run --as alice order show O-000003
expect_rc "a rep may not read another rep's account's order" 77
run --as bruno order status O-000003 closed
expect_rc "the account's rep may not move it either: status changes belong to support and managers" 77
expect_err "and is told so" "bruno \\(rep\\) may not move orders through their life cycle"
run --as chloe order status O-000003 closed
expect_rc "support may move it" 0
run order show O-000003
expect_out "the history says who acted as whom" "delivered → closed .*$(id -un) as chloe"

# ---- who sees what: a rep sees the orders of their accounts and those they placed
sql "UPDATE orders SET created_by = (SELECT id FROM users WHERE login = 'alice') WHERE number = 'O-000002'"
run --as alice order show O-000001
expect_rc "a rep does not read a consumer order someone else placed" 77
expect_err "and is told whose orders they see" "not one of yours: alice \\(rep\\) sees the orders of their accounts and those they placed"
run --as alice order show O-000002
expect_rc "a rep reads the consumer order they placed" 0
run --as alice order find example
expect_out "a rep finds the order they placed" '^O-000002 '
if grep -q '^O-000001 \|^O-000004 ' "$T/out"; then not_ok "a rep finds no one else's consumer order" "$(cat "$T/out")"; else ok "a rep finds no one else's consumer order"; fi
run --as bruno order find Générale
expect_out "a rep finds their account's order" '^O-000003 '
run --as chloe order find example
expect_out "support finds every order" '^O-000001 '
expect_out "support finds every order (2)" '^O-000004 '
