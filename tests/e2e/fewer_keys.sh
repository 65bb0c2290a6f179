# A rep builds a quote of five lines and submits it, from Home, counting every
# key: at most 45 (it took 87). The account screen lists the account's
# quotes and starts one with one key; each line is a product and Enter, a
# quantity and Enter; m Enter y submits (asking first). Then at 200x50 the
# same path for another account.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
MULLER,Müller GmbH,kontakt@mueller.example,+49 30 1234567,Berlin,Germany,bruno'
e2e_import contacts 'account_code,name,role,email,phone,title
DUPONT,Claire Martin,approver,claire.martin@dupont.example,+33 6 55 66 77 88,Directrice
DUPONT,Jean Dupont,buyer,jean.dupont@dupont.example,+33 6 11 22 33 44,Acheteur'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
FRO-COMTE,Comté AOP 18 mois,Fromages,24.90,reduced,14.00,300
FRO-BRIE,Brie de Meaux,Fromages,12.50,reduced,7.00,300
DES-CREME,Crème brûlée x4,Desserts,8.90,reduced,4.10,300
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,300
THE-2,Thé vert Sencha,Café & thé,7.90,reduced,3.10,300'

KEYS=0
# k NAME KEY...: named keys, each one counted; t NAME TEXT: typed, a key a character.
k() { n=$1; shift; KEYS=$((KEYS + $#)); e2e_keys "$n" "$@"; }
t() { KEYS=$((KEYS + $(printf '%s' "$2" | LC_ALL=C.UTF-8 wc -m))); e2e_type "$1" "$2"; }
# line NAME QUERY QTY: one line of the quote, waiting for the next line's form.
line() {
    t "$1" "$2"
    k "$1" Enter
    e2e_wait "$1" "Quantity" || true
    t "$1" "$3"
    k "$1" Enter
    e2e_wait "$1" "Next line, or Esc." || not_ok "line $2 was added" "$(e2e_screen "$1")"
}

e2e_start rep 80x24 -- --as alice
e2e_wait rep "Your accounts"
expect_screen "home: with no open quote the keys go to the accounts" rep "Your accounts  (Tab: the list above)"
k rep Enter
expect_screen "account: the screen lists its quotes (none yet)" rep "No quotes for this account."
expect_screen "account: n starts a quote, the bar says so" rep "n New quote"
k rep n
expect_screen "account: one key makes the quote and opens its first line" rep "Q-001001 — add a line"
expect_screen "account: the buyer is its contact" rep "contact Jean Dupont"
line rep "aop" 12
line rep "brie" 6
line rep "creme" 24
line rep "arab" 10
line rep "senc" 5
k rep Escape
expect_screen "quote: Esc leaves the empty form for the quote" rep "Q-001001  draft"
k rep m
e2e_wait rep "Submit for approval"
k rep Enter
expect_screen "quote: submitting asks first" rep "Submit Q-001001 for approval?"
k rep y
expect_screen "quote: submitted" rep "Q-001001  approved"
expect_sql "db: five lines with the quantities typed" \
    "select group_concat(l.quantity || ' ' || p.sku, ', ') from (select * from quote_lines order by line_no) l
     join products p on p.id = l.product_id join quote_revisions r on r.id = l.revision_id" \
    "12 FRO-COMTE, 6 FRO-BRIE, 24 DES-CREME, 10 CAF-1, 5 THE-2"
if [ "$KEYS" -le 45 ]; then ok "keys: a quote of 5 lines submitted from Home in $KEYS keys (at most 45)"; else
    not_ok "keys: a quote of 5 lines submitted from Home in $KEYS keys (at most 45)"; fi
k rep q
expect_screen "account: back on the account, the new quote is listed" rep "Q-001001  approved"

# wider, another rep: the same keys
KEYS=0
e2e_start wide 200x50 -- --as bruno
e2e_wait wide "Your accounts"
k wide Enter n
e2e_wait wide "Q-001002 — add a line"
line wide "comt" 3
line wide "sencha" 48
k wide Escape m Enter y
expect_screen "wide: the second quote is submitted the same way" wide "Q-001002  approved"
expect_screen "wide: its list price column shows at 200 columns" wide "List price"
expect_sql "db: its two lines" "select count(*) from quote_lines l join quote_revisions r on r.id = l.revision_id
    join quotes q on q.id = r.quote_id where q.number = 'Q-001002'" "2"
if [ "$KEYS" -le 25 ]; then ok "keys: two lines in $KEYS keys at 200x50"; else not_ok "keys: two lines in $KEYS keys"; fi
