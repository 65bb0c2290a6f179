# Home shows what needs the user now: a rep's open quotes (80x24) and counts,
# a manager's approvals waiting (200x50), today's orders, and this month's
# sales chart B2B against B2C, drawn with blocks in UTF-8 and with ASCII
# when the locale is not UTF-8.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
MULLER,Müller GmbH,kontakt@mueller.example,+49 30 1234567,Berlin,Germany,bruno'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120'
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
e2e_import orders "number,placed_at,channel,account_code,customer_email,sku,description,quantity,unit_price,tax_rate
O-000001,$now,b2b,DUPONT,,CAF-1,Café Arabica 250 g,100,19.50,5.5
O-000002,$now,b2b,MULLER,,CAF-1,Café Arabica 250 g,10,19.50,5.5"
"$COMPTOIR" quote rule-add "rep limit" --condition line_discount --threshold 15 --role manager >>"$T/setup.log" 2>&1
q1=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
"$COMPTOIR" --as alice quote add-line "$q1" CAF-1 10 --discount 22 >>"$T/setup.log" 2>&1
"$COMPTOIR" --as alice quote submit "$q1" >>"$T/setup.log" 2>&1
q2=$("$COMPTOIR" --as alice quote new --account DUPONT 2>>"$T/setup.log")
q3=$("$COMPTOIR" --as bruno quote new --account MULLER 2>>"$T/setup.log")

e2e_start rep 80x24 -- --as alice
expect_screen "rep: Home lists the rep's open quotes" rep "Your open quotes"
expect_screen "rep: the pending quote is there" rep "$q1  pending"
expect_screen "rep: the draft is there" rep "$q2  draft"
expect_not_screen "rep: another rep's quote is not" rep "$q3"
expect_screen "rep: the counts say two open quotes and one order today" rep "2 open quotes · 1 order today"
expect_screen "rep: the rep's accounts are below" rep "Your accounts"
expect_screen "rep: the month's sales chart shows B2B" rep "B2B █ 1,950"
e2e_keys rep Enter
expect_screen "rep: Enter opens the quote" rep "Home › $q2"

e2e_start mgr 200x50 -- --as david
expect_screen "manager: Home says one approval waits" mgr "1 approval waiting · 2 orders today · 2 open orders"
expect_screen "manager: the queue on Home lists it" mgr "Waiting for your approval"
expect_screen "manager: the pending quote is in it" mgr "$q1  pending"
expect_screen "manager: the latest orders are below" mgr "O-000002"
expect_screen "manager: the chart sums both accounts' B2B sales" mgr "B2B █ 2,145"

e2e_start ascii 80x24 LANG=C LC_ALL=C -- --as david
expect_screen "ascii: the chart falls back to ASCII" ascii "B2B # 2,145"
expect_not_screen "ascii: no block characters" ascii "█"
if e2e_screen ascii | LC_ALL=C grep -q '[^ -~]'; then
    not_ok "ascii: nothing but ASCII on the screen (separators, money, names)" "$(e2e_screen ascii | LC_ALL=C grep '[^ -~]' | head -3)"
else
    ok "ascii: nothing but ASCII on the screen (separators, money, names)"
fi
expect_screen "ascii: the separators and the currency have ASCII look-alikes" ascii "waiting | "
