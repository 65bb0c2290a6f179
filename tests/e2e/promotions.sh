# Promotions in the console: a clerk's counted sale with a coupon (F6, the
# code, Enter: at most 2 keys plus the code's characters over the sale), the
# cart saying which promotions applied with their amounts and why each other
# did not, the order screen listing the order's promotions; a manager's
# Promotions screen at 200x50 and 80x24 — the list by state with uses and
# budget spent, the editor refusing a bad value next to its field and keeping
# what was typed, disabling (asks first), a batch of single-use codes written
# as CSV; a rep may not open it.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
e2e_import customers 'name,email,phone,city,country
Léa Fontaine,lea.fontaine@example.fr,0612349760,Nantes,France'
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
BOL-7,Bol en grès,Vaisselle,12.50,standard,5.00,30
TAS-8,Tasse à thé,Vaisselle,8.25,standard,3.00,30
CUI-9,Cuillère à miel,Vaisselle,4.10,standard,1.00,30'
promo() { "$COMPTOIR" --as david promo add "$@" >>"$T/setup.log" 2>&1 || { not_ok "setup: promo add $1"; exit 1; }; }
promo "Noël −10 %" --kind percent --value 10 --code NOEL10
promo "VIP 山田" --kind percent --value 15 --tier gold --code VIP15
promo "Gros panier" --kind fixed --value 5 --min-subtotal 100 --code BULK
promo "Vaisselle 2+1" --kind buy-get --buy 2 --get 1 --on category:Vaisselle --auto --limit 50 --budget 200

keys=0
k() { n=$1; shift; keys=$((keys + $#)); e2e_keys "$n" "$@"; }
t() { keys=$((keys + $(printf '%s' "$2" | LC_ALL=C.UTF-8 wc -m))); e2e_type "$1" "$2"; }

# ---- the counted sale, with a coupon
e2e_start clerk 80x24 -- --as alice
e2e_wait clerk "Your accounts"
k clerk n
t clerk 9760
e2e_wait clerk "Léa Fontaine · lea.fontaine@example.fr"
k clerk Enter
for sku in bol tas cui; do
    t clerk "$sku"
    e2e_wait clerk "in stock"
    k clerk Enter
done
expect_screen "cart: an automatic promotion shows with its amount" clerk "applied: Vaisselle 2+1"
expect_screen "cart: the cheapest unit of three is free" clerk "-4.92 €"
sale=$keys
k clerk F6
expect_screen "F6 opens the coupon box" clerk "Coupon"
expect_screen "the box lists the cart's promotions" clerk "Promotions of this cart"
t clerk noel10
k clerk Enter
expect_screen "the code applies, with its amount, on the status line" clerk "applied: Noël −10 % (NOEL10) -2.49 €"
coupon=$((keys - sale))
keys_at_noel_end=$keys
if [ "$coupon" -le $((2 + 6)) ]; then ok "the coupon cost $coupon keys (2 + the code's 6 characters)"
else not_ok "the coupon cost $coupon keys, more than 2 + 6"; fi
k clerk F6
t clerk VIP15
k clerk Enter
expect_screen "a tier promotion says why it did not apply" clerk "not applied: VIP15 — for gold tier"
k clerk F6
t clerk bulk
k clerk Enter
expect_screen "a minimum says how much is left to go" clerk "not applied: BULK — 29.82 € of 100.00 € minimum, 70.18 € to go"
k clerk F6
t clerk NOPE1
k clerk Enter
expect_screen "an unknown code is said, never ignored" clerk "not applied: NOPE1 — unknown code"
k clerk F6
t clerk nope1
k clerk Enter
expect_screen "typed again, a code comes out of the cart" clerk "nope1 taken out of the cart."
expect_not_screen "and its note with it" clerk "NOPE1 — unknown code"
expect_screen "the total after the promotions" clerk "Total 27.31 €"
keys_after_noel=$keys
e2e_resize clerk 200 50
expect_screen "200x50: every note of the cart shows" clerk "not applied: BULK — 29.82 €"
expect_screen "200x50: with the applied ones" clerk "applied: Noël −10 % (NOEL10)"
e2e_resize clerk 80 24
k clerk Enter
expect_screen "place: asks once, with the total" clerk "Place the order for Léa Fontaine: 27.31 €"
k clerk y
# the sale with its coupon (the other codes and the resize aside): at most the
# quick order's 30 keys plus F6, Enter and the code's characters
total=$((keys - (keys_after_noel - keys_at_noel_end)))
if [ "$total" -le $((30 + 2 + 6)) ]; then ok "the sale with a coupon took $total keys (at most 30 + 2 + 6)"
else not_ok "the sale with a coupon took $total keys, more than 30 + 2 + 6"; fi
expect_screen "the order screen lists its promotions" clerk "Noël −10 % (NOEL10) -2.49 €"
expect_screen "the order is placed" clerk "placed for 27.31 €."
expect_sql "db: each promotion's share is stored per line" \
    "select group_concat(l.sku || ':' || a.amount, ' ') from (select * from order_line_adjustments order by order_line_id, source_id) a join order_lines l on l.id = a.order_line_id" \
    "BOL-7:150 TAS-8:99 CUI-9:492"
expect_sql "db: each promotion counted once" "select group_concat(promotion_id || ':' || amount, ' ') from (select * from promotion_uses order by promotion_id)" "1:249 4:492"
expect_sql "db: the counters" "select uses, granted from promotions where id = 4" "1|492"
k clerk Escape

# ---- the manager's Promotions screen at 200x50
e2e_start mgr 200x50 -- --as david
e2e_wait mgr "Home"
e2e_keys mgr :
e2e_type mgr promotions
e2e_keys mgr Enter
expect_screen "promotions: the active ones by default" mgr "State: active (f)"
expect_screen "promotions: uses against the limit" mgr "1 of 50"
expect_screen "promotions: budget spent of the budget" mgr "4.92 € of 200.00"
expect_screen "promotions: a CJK name" mgr "VIP 山田"
e2e_keys mgr n
expect_screen "n opens the editor" mgr "New promotion. Value"
e2e_type mgr "Soldes d'hiver 冬"
e2e_keys mgr Tab Right Tab
e2e_type mgr "dix"
e2e_keys mgr C-s
expect_screen "a bad value is refused next to its field" mgr "an amount like 10.00, not 'dix'"
expect_sql "nothing was written" "select count(*) from promotions" "4"
expect_screen "what was typed is kept" mgr "Soldes d'hiver 冬"
e2e_keys mgr C-u
e2e_type mgr "7.50"
e2e_keys mgr Tab
e2e_type mgr "category:Vaisselle"
e2e_keys mgr C-s
expect_screen "saved, back on the list" mgr "Promotion 5 \"Soldes d'hiver 冬\" saved."
expect_screen "in the list with what it gives" mgr "7.50 off"
expect_sql "db: as typed" "select name, kind, value, target, category, activation from promotions where id = 5" \
    "Soldes d'hiver 冬|fixed|750|category|Vaisselle|code"
e2e_keys mgr B
expect_screen "B: a batch of single-use codes" mgr "Single-use codes of"
e2e_keys mgr C-u
e2e_type mgr 25
e2e_keys mgr Tab
e2e_type mgr "HIVER-"
e2e_keys mgr Tab C-u
e2e_type mgr "$T/hiver.csv"
e2e_keys mgr C-s
expect_screen "the batch is written" mgr "Batch 1: 25 codes in"
expect_eq "the file: a header and 25 codes" "$(wc -l <"$T/hiver.csv" | tr -d ' ')" "26"
expect_eq "with the prefix" "$(grep -c '^"HIVER-' "$T/hiver.csv")" "25"
e2e_keys mgr E
expect_screen "E asks before disabling" mgr "Disable \"Soldes d'hiver 冬\"?"
e2e_keys mgr y
expect_screen "disabled" mgr "disabled: no cart gets it from now on"
expect_sql "db: disabled" "select disabled_at is not null from promotions where id = 5" "1"
expect_not_screen "it leaves the active list" mgr "7.50 off"
e2e_keys mgr f f f
expect_screen "f: the disabled ones" mgr "State: disabled (f)"
expect_screen "f: it is there" mgr "Soldes d'hiver 冬"
e2e_resize mgr 80 24
expect_screen "80x24: the list still reads" mgr "Soldes d'hive"
e2e_keys mgr Enter
expect_screen "80x24: the editor of a disabled one is read only" mgr "disabled: it stays as it was"

# ---- a rep may not open it
e2e_keys clerk Escape
e2e_wait clerk "Your accounts"
e2e_keys clerk :
e2e_type clerk promotions
e2e_keys clerk Enter
expect_screen "a rep may not open the promotions" clerk "promotions: "
expect_not_screen "nothing opened" clerk "State: active (f)"
