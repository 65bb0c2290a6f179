# Search finds the same way in every list, as typed: without accents
# (societe g, comte, creme brulee), Japanese of one or two characters (山田,
# 花子, 東京, 包丁), a name written without its space (山田花子), a phone by
# its last four digits or its first six (9760, 07 22 90); the rows come while
# one types, and a text that matches nothing says so.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
FRO-18,Comté 18 mois,Fromages,28.90,reduced,17.00,30
PAT-1,Crème brûlée,Pâtisserie,3.50,reduced,1.20,80
KNI-3,Santoku 三徳包丁,Cuisine,89.90,standard,40.00,5'
e2e_import customers 'name,email,phone,city,country
山田 花子,hanako@example.jp,+33 7 22 90 97 60,東京,Japan
Émile Zola,emile@example.fr,+33 1 45 00 00 00,Paris,France'

e2e_start s 80x24 -- --as david
expect_screen "search: Home is up" s "Latest orders"

# accounts: accents and a letter that starts a word
e2e_keys s a /
e2e_type s "societe g"
expect_screen "search: 'societe g' finds Société Générale" s "Société Générale"
expect_not_screen "search: and not the others" s "Dupont SA"
e2e_keys s C-u
e2e_type s "東京"
expect_screen "search: two Japanese characters find the account" s "東京商事株式会社"
e2e_keys s C-u
e2e_type s "zq"
expect_screen "search: two letters that match nothing say so" s "Nothing matches the filter."
e2e_keys s Escape q

# products: without accents, and Japanese inside a name
e2e_keys s p /
e2e_type s "comte"
expect_screen "search: 'comte' finds Comté" s "Comté 18 mois"
e2e_keys s C-u
e2e_type s "creme brulee"
expect_screen "search: 'creme brulee' finds Crème brûlée" s "Crème brûlée"
e2e_keys s C-u
e2e_type s "包丁"
expect_screen "search: 包丁 finds the knife" s "Santoku"
e2e_keys s Escape q

# customers: Japanese names with and without their space, phones in part
e2e_keys s c /
e2e_type s "山田"
expect_screen "search: 山田 finds 山田 花子" s "山田 花子"
expect_not_screen "search: and not the others" s "Émile Zola"
e2e_keys s C-u
e2e_type s "山田花子"
expect_screen "search: 山田花子 finds 山田 花子" s "山田 花子"
e2e_keys s C-u
e2e_type s "花子"
expect_screen "search: 花子 finds 山田 花子" s "山田 花子"
e2e_keys s C-u
e2e_type s "9760"
expect_screen "search: the last four digits of a phone find it" s "山田 花子"
expect_not_screen "search: and only it" s "Crème Brûlée"
e2e_keys s C-u
e2e_type s "07 22 90"
expect_screen "search: the first six digits, as said, find it" s "山田 花子"
e2e_keys s C-u
e2e_type s "emile"
expect_screen "search: 'emile' finds Émile" s "Émile Zola"
e2e_keys s Escape q

# orders: the support search by the phone's last digits
e2e_keys s o
e2e_type s "5678"
expect_screen "search: an order found by the last digits of its phone" s "O-000001"
