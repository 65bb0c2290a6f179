#!/bin/sh
# Win rate and discounts count a quote's final outcome: a rejection by an
# approver that the rep reworks and wins is one accepted quote, not a lost
# one; a rejection then cancelled is cancelled; one that stands is lost.
# `comptoir check` finds the summary tables equal to their recomputation
# after each step.
. "$(dirname "$0")/../lib.sh"

need_other
# one fixed time: every step in the same second, as a script runs them (the
# approvals' waits, 0017's, read a resubmission in the rejection's second as
# the one it answered; a clock that ticks between the steps makes them flaky)
export TZ=UTC COMPTOIR_NOW=2026-11-27T10:00:00Z LANG=C.UTF-8
unset LC_ALL LC_CTYPE
run init
for u in "alice rep" "david manager" "$OTHER admin"; do
    set -- $u
    run user add "$1" --role "$2"
done
sql "INSERT INTO accounts(code, name, rep_id, payment_terms_days, billing_address, city, country, created_at, updated_at)
       VALUES ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 30, '1 rue de la Paix',
               'Paris', 'France', 'x', 'x');
     INSERT INTO products(sku, name, list_price, unit_cost, created_at, updated_at) VALUES
       ('P1', 'Crème brûlée torch', 10000, 6000, 'x', 'x');"
run --as david quote rule-add "rep limit" --condition line_discount --threshold 15

check_clean() {
    run check
    if grep -q '^report_' "$T/out"; then
        not_ok "$1: check finds the summary tables equal to their recomputation" "$(grep '^report_' "$T/out")"
    else
        ok "$1: check finds the summary tables equal to their recomputation"
    fi
}
# new_rejected: a quote at 20 %, submitted, rejected by a manager; its number in $Q.
new_rejected() {
    run --as alice quote new --account ACME
    Q=$(cat "$T/out")
    run --as alice quote add-line "$Q" P1 10 --discount 20
    run --as alice quote submit "$Q"
    run_other --as david quote reject "$Q" --comment "too deep"
    expect_out "$1: rejected" "^$Q rejected"
}
# win_rate: the Total line of the win rate, its figures only.
win_rate() {
    run --as david report win-rate --csv
    grep '^"Total"' "$T/out" | head -1
}

# ---- rejected, reworked to 10 %, sent and won
new_rejected "rework"
check_clean "a standing rejection"
run --as david report win-rate
cp "$T/out" "$T/standing.txt"
expect_out "a standing rejection counts as rejected" '^Total +1 +0 +1 +0 +0'
run --as alice quote set-line "$Q" 1 --discount 10
expect_out "rework: back to a draft" 'approval needed again|draft'
check_clean "reworked"
run --as david report win-rate
expect_out "a reworked quote is no longer lost" '^\(nothing in this range\)$|^Total +0 +0 +0'
run --as alice quote send "$Q"
run --as alice quote accept "$Q"
expect_rc "rework: accepted" 0
check_clean "reworked and won"
run --as david report win-rate
expect_out "reworked and won: one accepted, none rejected" '^Total +1 +1 +0 +0 +0'
run --as david report discounts
cp "$T/out" "$T/discounts.txt"
expect_out "the discount is the won revision's 10 %, not the rejected 20 %" '^alice +1 +10\.0 % +10\.0 % +1 '

# ---- rejected, then cancelled
new_rejected "cancel"
run --as alice quote cancel "$Q" --comment "lost interest"
check_clean "rejected then cancelled"
run --as david report win-rate
expect_out "rejected then cancelled: counts as cancelled" '^Total +2 +1 +0 +0 +1'

# ---- rejected, reworked, rejected again: the second rejection stands
new_rejected "twice"
run --as alice quote set-line "$Q" 1 --discount 18
run --as alice quote submit "$Q"
run_other --as david quote reject "$Q" --comment "still too deep"
check_clean "rejected twice"
run --as david report win-rate
expect_out "rejected twice: one rejection" '^Total +3 +1 +1 +0 +1'

# ---- rejected, reworked, left as a draft until it expired
new_rejected "expire"
run --as alice quote set-line "$Q" 1 --discount 12
sql "UPDATE quotes SET valid_until = '2001-01-01' WHERE number = '$Q'"
run --as david quote expire
expect_out "expire: the reworked draft expires" '^1 quote expired'
check_clean "reworked then expired"
run --as david report win-rate
expect_out "reworked then expired: counts as expired" '^Total +4 +1 +1 +1 +1'
run --as david report discounts
expect_out "the discounts are the decided revisions' (10, 20 cancelled, 18, 12 expired)" \
    '^alice +4 +15\.0 % +20\.0 % +4 '

# ---- a clock that ticks: submitted at 10:00, rejected at 11:00 and, within
# that same second, reworked and submitted again, approved at 12:00. Each
# approval keeps the wait it had (1 h, then 1 h since the resubmission):
# times to the second no longer mistake which submission a decision answered.
at() { COMPTOIR_NOW="2026-11-28T$1Z"; export COMPTOIR_NOW; }
at 10:00:00
run --as alice quote new --account ACME
Q=$(cat "$T/out")
run --as alice quote add-line "$Q" P1 10 --discount 20
run --as alice quote submit "$Q"
at 11:00:00
run_other --as david quote reject "$Q" --comment "too deep"
expect_out "ticking clock: rejected" "^$Q rejected"
run --as alice quote set-line "$Q" 1 --discount 16
run --as alice quote submit "$Q"
check_clean "rejected, reworked and resubmitted in the same second"
at 12:00:00
run_other --as david quote approve "$Q"
check_clean "then approved an hour later"
expect_eq "each approval keeps the wait it had" \
    "$(sql "SELECT group_concat(waited_seconds, ' ') FROM (SELECT waited_seconds FROM quote_approvals a JOIN quotes q ON q.id = a.quote_id WHERE q.number = '$Q' ORDER BY a.id)")" "3600 3600"
