#!/bin/sh
# The Orders list reads a long status in full whenever there is room
# ("partially shipped" at 100 and 200 columns); at 80 columns the names keep
# their room and it reads "part. shipped" (README, Orders), never
# "partiall…"; amounts are never cut.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture
"$COMPTOIR" --as alice order new --customer creme.brulee@example.com CAF-1:3 THE-2:2 --backorder >>"$T/setup.log" 2>&1
"$COMPTOIR" --as chloe order ship O-000003 CAF-1:3 --carrier DHL >>"$T/setup.log" 2>&1
expect_sql "setup: O-000003 partly shipped" "select status from orders where number = 'O-000003'" \
    "partially_shipped"
total=$(sql "select printf('%.2f', total / 100.0) from orders where number = 'O-000003'")

e2e_start sup 80x24 -- --as chloe
e2e_wait sup "Latest orders"
e2e_keys sup o
e2e_wait sup "Search:"
e2e_keys sup Escape
e2e_keys sup f f f
expect_screen "80x24: the filter names the status in words" sup "Status: partially shipped (f)"
expect_screen "80x24: the documented short form" sup "part. shipped"
e2e_screen sup >"$T/s80"
expect_eq "80x24: never cut" "$(grep -c 'partiall…' "$T/s80")" "0"
expect_eq "80x24: the total whole" "$(grep 'O-000003' "$T/s80" | grep -c "$total €")" "1"
e2e_resize sup 200 50
expect_screen "200x50: in full" sup "partially shipped Crème Brûlée"
e2e_resize sup 100 30
expect_screen "100x30: in full too" sup "partially shipped Crème Brûlée"
e2e_keys sup q
expect_screen "Home's latest orders read it too" sup "partially shipped"
e2e_keys sup Q
e2e_keys sup y
expect_screen "quits cleanly" sup "[terminal restored]"
