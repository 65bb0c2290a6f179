# A rep cannot approve their own quote: the editor offers no approve action
# and the key does nothing. Two people on one quote: the second save is
# refused with who changed it and when, the text typed stays, Ctrl-R reloads
# and the same text saves.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,email,phone,city,country,rep
TOKYO,東京商事株式会社,info@tokyo-shoji.example,+81 3 1234 5678,東京,Japan,alice'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120
THE-2,Thé vert Sencha,Café & thé,7.90,reduced,3.10,40'
"$COMPTOIR" quote rule-add "rep limit" --condition line_discount --threshold 15 --role manager >>"$T/setup.log" 2>&1
{
    "$COMPTOIR" --as alice quote new --account TOKYO
    "$COMPTOIR" --as alice quote add-line Q-001001 CAF-1 10 --discount 22
    "$COMPTOIR" --as alice quote submit Q-001001
    "$COMPTOIR" --as alice quote new --account TOKYO
    "$COMPTOIR" --as alice quote add-line Q-001002 THE-2 5
} >>"$T/setup.log" 2>&1 || { not_ok "setup: quotes" "$(tail -5 "$T/setup.log")"; exit 1; }

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
e2e_keys rep :
e2e_type rep "q1001"
e2e_keys rep Enter
expect_screen "rep: :q1001 opens the quote" rep "Q-001001  pending"
expect_screen "rep: the CJK account name is shown" rep "東京商事株式会社 (TOKYO)"
expect_column "rep: the account code after CJK lines up" rep "(TOKYO)" 27
expect_not_screen "rep: no approve action on their own quote" rep "Approve"
e2e_keys rep '?'
expect_screen "rep: the help lists the quote's keys" rep "Status… (asks first)"
expect_not_screen "rep: and no approve among them" rep "Approve"
e2e_keys rep q m
expect_screen "rep: m offers the recall of their pending quote" rep "Recall to draft"
expect_not_screen "rep: and no approval" rep "Approve"
e2e_keys rep Escape v
sleep 0.3
expect_not_screen "rep: v opens nothing" rep "approve this revision"
expect_sql "db: no approval was recorded" "select count(*) from quote_approvals" "0"
expect_sql "db: the quote is still pending" "select status from quotes where number = 'Q-001001'" "pending"

# two people on Q-001002: alice types a new quantity while david saves first
e2e_keys rep q :
e2e_type rep "Q-001002"
e2e_keys rep Enter
e2e_wait rep "Q-001002  draft"
e2e_keys rep Enter
e2e_wait rep "Q-001002 — line 1"
e2e_keys rep C-u
e2e_type rep "40"
e2e_keys rep Tab Tab Tab
e2e_type rep "livraison à Ōsaka"
"$COMPTOIR" --as david quote set-line Q-001002 1 --qty 12 >>"$T/setup.log" 2>&1
e2e_keys rep C-s
expect_screen "rep: the second save is refused with who changed it" rep "changed by david at"
expect_screen "rep: what was typed stays in the form" rep "livraison à Ōsaka"
expect_screen "rep: the form offers a reload" rep "C-r"
expect_screen "rep: the message reads like the other forms', once" rep "was changed by david at"
e2e_screen rep >"$T/screen"
if tr '\n' ' ' <"$T/screen" | grep -q "Ctrl-R reloads it under what you typed\." && ! grep -q -- "— reload" "$T/screen"; then
    ok "rep: the refusal says Ctrl-R once, without '— reload' before it"
else not_ok "rep: the refusal says Ctrl-R once, without '— reload' before it" "$(cat "$T/screen")"; fi
expect_sql "db: david's quantity stands" "select l.quantity from quote_lines l join quote_revisions r on r.id = l.revision_id
    join quotes q on q.id = r.quote_id and r.number = q.revision where q.number = 'Q-001002'" "12"
e2e_keys rep C-r
expect_screen "rep: Ctrl-R reloads the quote under the form" rep "Reloaded Q-001002"
e2e_keys rep C-s
expect_screen "rep: the same text then saves" rep "Edit line: done"
expect_sql "db: alice's quantity and note are saved" "select l.quantity || ' ' || l.note from quote_lines l join quote_revisions r
    on r.id = l.revision_id join quotes q on q.id = r.quote_id and r.number = q.revision where q.number = 'Q-001002'" \
    "40 livraison à Ōsaka"

e2e_resize rep 200 50
expect_screen "rep: at 200x50 the lines show list price and margin" rep "List price"
# 200 columns: "Line total" takes the last 14, "Margin" the 8 before (right-aligned)
expect_column "rep: the wide table puts Margin before the line total" rep "Margin " 179
