# The console on different terminals: NO_COLOR, vt100, the smallest and a
# large size, a too small one; and the terminal given back on every way out.
. "$(dirname "$0")/harness.sh"
e2e_setup
e2e_fixture

e2e_start nocolor 80x24 NO_COLOR=1
expect_screen "NO_COLOR=1: the console starts" nocolor "Latest orders"
e2e_keys nocolor c
expect_screen "NO_COLOR=1: keys work" nocolor "Crème Brûlée"
e2e_keys nocolor q q
expect_screen "NO_COLOR=1: q q quits" nocolor "[exit 0]"

e2e_start vt100 80x24 TERM=vt100
expect_screen "TERM=vt100: the console starts" vt100 "Latest orders"
e2e_keys vt100 p
expect_screen "TERM=vt100: keys work" vt100 "Thé vert Sencha"
e2e_keys vt100 ?
expect_screen "TERM=vt100: the help overlay draws" vt100 "Keys"
e2e_keys vt100 Escape q q
expect_screen "TERM=vt100: quits" vt100 "[exit 0]"
expect_screen "TERM=vt100: the terminal is restored" vt100 "[terminal restored]"

e2e_start big 200x50
expect_screen "200x50: the console starts" big "Latest orders"
e2e_keys big a
expect_screen "200x50: the accounts list uses the width" big "東京商事株式会社"
e2e_keys big ?
expect_screen "200x50: the help overlay opens" big "Everywhere"
expect_screen "200x50: help lists the list's keys" big "Next page"
e2e_keys big q
expect_screen "200x50: q closes the help" big "sorted by Name"

e2e_start small 70x20
expect_screen "70x20: asks for a larger terminal" small "Please enlarge the terminal"
e2e_resize small 80 24
expect_screen "70x20 → 80x24: the console appears" small "Latest orders"

e2e_start quit 80x24
e2e_wait quit "Latest orders"
e2e_keys quit a
e2e_wait quit "Dupont SA"
e2e_keys quit Q
expect_screen "Q quits from any screen" quit "[exit 0]"
expect_screen "quitting restores the terminal" quit "[terminal restored]"

for sig in TERM HUP INT; do
    e2e_start "sig$sig" 80x24
    e2e_wait "sig$sig" "Latest orders"
    kill -"$sig" "$(e2e_pid "sig$sig")"
    expect_screen "SIG$sig: the console leaves" "sig$sig" "[exit 1"
    expect_screen "SIG$sig: the terminal is restored" "sig$sig" "[terminal restored]"
done

e2e_start crash 80x24
e2e_wait crash "Latest orders"
kill -SEGV "$(e2e_pid crash)"
expect_screen "a crash still dies by its signal" crash "[exit 139]"
expect_screen "a crash restores the terminal" crash "[terminal restored]"
