# Units stand outside the editable text: the quote's order discount is a
# number with its unit (% or €) chosen beside it; the pre-filled number is
# replaced by the first character typed, and what is saved is what the form
# showed (7 over a 5 % discount saves 7 %, not 7.00 €).
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
q=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q" CAF-1 10 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote terms "$q" --order-discount 5% >>"$T/setup.log" 2>&1
disc() { sql "SELECT r.order_discount || '/' || r.order_discount_bp FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id AND r.number = q.revision WHERE q.number = '$q'"; }
expect_eq "setup: the quote has 5 %" "$(disc)" "0/500"

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
e2e_keys rep :
e2e_type rep "$q"
e2e_keys rep Enter
e2e_wait rep "$q"
e2e_keys rep t
expect_screen "terms: the label is whole" rep "Order discount  5.00"
expect_screen "terms: the unit is a choice beside the number" rep "Discount in     < % >"
expect_not_screen "terms: no unit inside the text" rep "5 %"
e2e_keys rep Tab Tab Tab Tab
e2e_type rep "7"
expect_screen "terms: the first character typed replaces the number" rep "Order discount  7"
expect_not_screen "terms: nothing of the old number is left" rep "5.00"
e2e_keys rep C-s
e2e_wait_gone rep "Discount in"
expect_eq "terms: 7 over 5 % saves 7 %" "$(disc)" "0/700"
e2e_keys rep t
expect_screen "terms: the form shows it again as 7.00 %" rep "Order discount  7.00"
e2e_keys rep Tab Tab Tab Tab Tab Right
expect_screen "terms: the unit turns to euros" rep "< € >"
e2e_keys rep C-s
e2e_wait_gone rep "Discount in"
expect_eq "terms: the same number in euros saves 7.00 €" "$(disc)" "700/0"
e2e_keys rep t
expect_screen "terms: an amount shows with € chosen" rep "< € >"
