#!/bin/sh
# `comptoir quote …`: a quote from draft to order through approvals, a
# counter-offer, its diff and its PDF; refused moves exit non-zero, say why
# and change nothing.
. "$(dirname "$0")/../lib.sh"

need_other
ME=$(id -un)
run init
expect_rc "init" 0
for u in "alice rep" "bruno rep" "david manager" "emma manager" "$OTHER admin"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO accounts(code, name, rep_id, payment_terms_days, billing_address, city, country, created_at, updated_at)
       VALUES ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 30, '1 rue de la Paix',
               'Paris', 'France', 'x', 'x');
     INSERT INTO products(sku, name, list_price, unit_cost, created_at, updated_at) VALUES
       ('P1', 'Crème brûlée torch', 10000, 6000, 'x', 'x'), ('P2', 'Paper A4', 500, 300, 'x', 'x');"

run --as david quote rule-add "rep limit" --condition line_discount --threshold 15
expect_rc "a manager adds a rule" 0
run --as david quote rule-add "manager limit" --condition line_discount --threshold 30 --approvals 2 --level 2
run --as alice quote rule-add "mine" --condition margin --threshold 50
expect_rc "a rep cannot add rules" 77
run --as alice quote rules
expect_out "rules are listed" 'rep limit +line_discount +15 % +manager +1 +1 +yes'

# ---- build
run --as alice quote new --account ACME
expect_rc "new exits 0" 0
expect_eq "new prints the number" "$(cat "$T/out")" "Q-001001"
Q=Q-001001
run --as alice quote add-line $Q P1 10 --discount 22
expect_out "a line shows its price source" 'line 1: 10 × P1 at 78.00 \(manual −22 %\)'
run --as alice quote add-line $Q P2 100
expect_out "the list price is the source without anything else" 'at 5.00 \(list\)'
run --as alice quote add-line $Q NOPE 1
expect_rc "an unknown SKU is refused" 66
run --as bruno quote show $Q
expect_rc "another rep cannot see the quote" 77

# ---- approval
events() { sql "SELECT count(*) FROM quote_events"; }
before=$(events)
run --as alice quote send $Q
expect_rc "sending before approval is refused" 65
expect_err "the refusal says why, line by line" 'needs approval first \(line 1: 22 % > rep limit 15 %\)'
expect_eq "a refused move changes nothing" "$(events) $(sql "SELECT status FROM quotes")" "$before draft"
run --as alice quote submit $Q
expect_out "submit waits for a manager" '^Q-001001 pending: 0 of 1 manager approval'
expect_out "and says why" '^why: line 1: 22 % > rep limit 15 %'
run --as alice quote approve $Q
expect_rc "a rep cannot approve" 77
run_other --as david quote reject $Q
expect_rc "a rejection without a comment is refused" 65
expect_err "it asks for the comment" 'needs a comment'
# Whoever made the quote (here $ME, as alice) approves nothing of it, even as someone else.
run --as david quote approve $Q --comment "ok for Acme"
expect_rc "the person who made the quote cannot approve it through --as" 77
expect_err "and is told so" "nobody approves their own quote, even through --as: Q-001001 is $ME's \\(you are $ME as david\\)"
run_other --as david quote approve $Q --comment "ok for Acme"
expect_out "a manager approves" '^Q-001001 approved'
expect_eq "the approval records both people" \
    "$(sql "SELECT u.login || '/' || r.login FROM quote_approvals a JOIN users u ON u.id = a.approver_id JOIN users r ON r.id = a.real_approver_id")" \
    "david/$OTHER"
run --as alice quote show $Q
expect_out "the timeline shows who acted as whom" "$OTHER as david +approve"
expect_out "and the rep's steps as the admin's" "$ME as alice +submit"
expect_eq "the audit log records both" "$(sql "SELECT user_login FROM audit_log WHERE action = 'approve'")" "$OTHER as david"
run --as alice quote send $Q
expect_out "then it can be sent" '^Q-001001 sent'
run --as alice quote add-line $Q P2 1
expect_rc "a sent revision does not change" 65
expect_err "and the message says what to do" 'counter-offer'

# ---- negotiation
run --as alice quote counter $Q --line 1 --price 75 --comment "we want 75"
expect_out "a counter-offer is a new customer revision" '^Q-001001 draft revision 2 \(customer\)'
run --as alice quote diff $Q 1 2
expect_out "diff shows the changed price" '^~ +1 +P1 +10 → 10 +78.00 → 75.00'
expect_out "diff shows the total delta" 'total excl. tax 1,280.00 .* → 1,250.00 .*\(-30.00'
expect_out "diff shows the margins with the same decimals" '^margin 29.69 % → 28.00 % \(-1.69 %\)'
run --as alice quote show $Q
expect_out "show names the source of the customer's price" 'counter −25 %'
expect_out "show has the comment" '^comment: we want 75'
expect_out "show writes the line's discount with two decimals, as margins" '^ +1  P1 .* 25\.00 % '
run --as alice quote set-line $Q 1 --price 76.5
run --as alice quote set-line $Q 1 --price 75
run --as alice quote show $Q
expect_out "the timeline says a price in money, not in cents" 'line 1: 10 × P1 at 76.50 .* \(manual'
run --as alice quote submit $Q
run_other --as emma quote approve $Q
run --as alice quote send $Q
expect_out "revision 2 is sent after its own approval" '^Q-001001 sent'
run --as alice quote print $Q -o "$T/q.pdf"
expect_rc "print exits 0" 0
pdftotext -layout "$T/q.pdf" "$T/q.txt"
expect_out "the PDF names the quote and its revision" 'Quote Q-001001 +Revision 2' "$T/q.txt"
expect_out "the PDF has the customer" 'Société Acme' "$T/q.txt"
expect_out "the PDF has lines excluding tax" '1 +P1 +Crème brûlée torch +10 +75.00' "$T/q.txt"
expect_out "the PDF has the totals" 'Total incl. tax +1,500.00' "$T/q.txt"
expect_out "the PDF has validity and terms" 'Payment terms: 30 days net' "$T/q.txt"

run --as alice quote accept $Q
expect_rc "accept exits 0" 0
expect_eq "accept prints the order number" "$(cat "$T/out")" "O-000001"
expect_eq "the order has the quote's prices" \
    "$(sql "SELECT group_concat(sku || ':' || quantity || ':' || unit_price, ' ') FROM order_lines")" \
    "P1:10:7500 P2:100:500"
expect_eq "the order knows its quote" "$(sql "SELECT q.number FROM orders o JOIN quotes q ON q.id = o.quote_id")" "$Q"
run --as alice quote show $Q
expect_out "the quote shows its order" '^order: O-000001'
run --as alice quote list --status ordered
expect_out "list filters by status" '^Q-001001 +ordered +ACME +alice'

# ---- self-approval, expiry
run --as david quote new --account ACME
Q2=$(cat "$T/out")
run --as david quote add-line "$Q2" P1 5 --discount 20
run --as david quote submit "$Q2"
run --as david quote approve "$Q2"
expect_rc "nobody approves their own quote" 77
expect_err "and is told so" 'nobody approves their own quote'
sql "UPDATE quotes SET valid_until = '2001-01-01' WHERE number = '$Q2'"
run --as alice quote expire
expect_rc "a rep does not expire quotes" 77
expect_err "and is told who may" "alice \\(rep\\) may not expire quotes"
run --as david quote expire
expect_out "expire ends quotes past their date" '^1 quote expired'
run_other --as emma quote approve "$Q2"
expect_rc "an expired quote cannot be approved" 65

# ---- the admin owns a quote: no --as makes them its approver
run quote new --account ACME
Q4=$(cat "$T/out")
run quote add-line "$Q4" P1 5 --discount 20
run quote submit "$Q4"
run --as david quote approve "$Q4"
expect_rc "the admin's own quote is not approved by the admin as david" 77
expect_err "the refusal names the real person" "even through --as: $Q4 is $ME's"
run_other --as david quote approve "$Q4"
expect_out "another person, acting as david, approves it" "^$Q4 approved"
# two approvals are two people: one person as two managers counts once
run --as alice quote new --account ACME
Q5=$(cat "$T/out")
run --as alice quote add-line "$Q5" P1 5 --discount 35
run --as alice quote submit "$Q5"
run_other --as david quote approve "$Q5"
expect_out "the first of two manager approvals" "^$Q5 pending: 1 of 2 manager approvals"
run_other --as emma quote approve "$Q5"
expect_rc "the same person as another manager is refused" 65
expect_err "and told they approved already" "already approved"

# ---- an imported order number in our own form moves the numbering past it
printf 'number,placed_at,channel,account_code,sku,quantity,unit_price\nO-000007,2024-03-01,b2b,ACME,P2,1,5.00\n' >"$T/o.csv"
run import orders "$T/o.csv"
expect_rc "an order numbered O-000007 imports" 0
run --as alice quote new --account ACME
Q3=$(cat "$T/out")
run --as alice quote add-line "$Q3" P2 10
run --as alice quote submit "$Q3"
run --as alice quote send "$Q3"
run --as alice quote accept "$Q3"
expect_rc "accepting after the import exits 0" 0
expect_eq "and takes the number after the imported one" "$(cat "$T/out")" "O-000008"

# ---- the document carries Japanese names as text (pango falls back to a CJK font)
sql "INSERT INTO accounts(code, name, rep_id, payment_terms_days, created_at, updated_at)
       VALUES ('YAMADA', '株式会社山田商事', (SELECT id FROM users WHERE login = 'alice'), 30, 'x', 'x');
     INSERT INTO products(sku, name, list_price, unit_cost, created_at, updated_at)
       VALUES ('SEN-1', 'Thé vert Sencha 煎茶', 1500, 700, 'x', 'x');"
run --as alice quote new --account YAMADA
QJ=$(cat "$T/out")
run --as alice quote add-line "$QJ" SEN-1 3
run --as alice quote print "$QJ" -o "$T/jp.pdf"
expect_rc "a quote for a Japanese account prints" 0
pdftotext "$T/jp.pdf" "$T/jp.txt"
expect_out "its name is in the document" '株式会社山田商事' "$T/jp.txt"
expect_out "and so is the product's" 'Sencha 煎茶' "$T/jp.txt"

# ---- help
run quote --help
expect_rc "quote --help exits 0" 0
expect_out "and lists every sub-command with its flags" 'quote counter Q --line N'
