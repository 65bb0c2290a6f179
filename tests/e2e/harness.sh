# End-to-end harness: the real binary in a detached tmux session of a fixed
# size on a fresh database; keys sent with send-keys, the screen read with
# capture-pane, waits with a time-out, checks on the screen and the database.
# Scenario scripts source this file; run on its own, it checks itself.
. "$(dirname "$0")/../lib.sh"

E2E_SOCKET="comptoir-e2e-$$"
E2E_TIMEOUT=${E2E_TIMEOUT:-5}
cat >"$T/tmux.conf" <<'CONF'
set -g status off
set -g escape-time 0
set -g default-terminal "screen-256color"
set -g remain-on-exit off
CONF
tm() { tmux -L "$E2E_SOCKET" -f "$T/tmux.conf" "$@"; }
e2e_cleanup() { tm kill-server >/dev/null 2>&1; rm -rf "$T"; }
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM HUP

# e2e_setup: a fresh database whose admin is the Unix user running the tests,
# plus alice (rep), bruno (rep), chloe (support) and david (manager).
e2e_setup() {
    "$COMPTOIR" init >"$T/setup.log" 2>&1 || { not_ok "setup: comptoir init" "$(cat "$T/setup.log")"; exit 1; }
    for u in alice:rep bruno:rep chloe:support david:manager; do
        "$COMPTOIR" user add "${u%%:*}" --role "${u#*:}" >>"$T/setup.log" 2>&1 ||
            { not_ok "setup: user add $u" "$(cat "$T/setup.log")"; exit 1; }
    done
}

# e2e_import KIND CSV-TEXT: imports rows given on stdin-like text.
e2e_import() {
    printf '%s\n' "$2" >"$T/import-$1.csv"
    "$COMPTOIR" import "$1" "$T/import-$1.csv" >>"$T/setup.log" 2>&1 ||
        { not_ok "setup: import $1" "$(tail -5 "$T/setup.log")"; exit 1; }
}

# e2e_fixture: a small known data set with accents and CJK, through the CLI import.
e2e_fixture() {
    e2e_import accounts 'code,name,email,phone,city,country,rep
DUPONT,Dupont SA,contact@dupont.example,+33 1 40 00 00 01,Paris,France,alice
SOCGEN,Société Générale,contact@socgen.example,+33 1 40 00 00 02,Paris,France,alice
TOKYO,東京商事株式会社,info@tokyo-shoji.example,+81 3 1234 5678,東京,Japan,alice
MULLER,Müller GmbH,kontakt@mueller.example,+49 30 1234567,Berlin,Germany,bruno'
    e2e_import contacts 'account_code,name,role,email,phone,title
DUPONT,Jean Dupont,buyer,jean.dupont@dupont.example,+33 6 11 22 33 44,Acheteur
DUPONT,Claire Martin,approver,claire.martin@dupont.example,+33 6 55 66 77 88,Directrice
TOKYO,山田太郎,buyer,yamada@tokyo-shoji.example,+81 90 1111 2222,部長'
    e2e_import customers 'name,email,phone,city,country
Crème Brûlée,creme.brulee@example.com,+33 6 12 34 56 78,Lyon,France
Zoë Davies,zoe.davies@example.co.uk,+44 7700 900123,London,UK'
    e2e_import products 'sku,name,category,list_price,tax_class,unit_cost,stock_on_hand
CAF-1,Café Arabica 250 g,Café & thé,19.50,reduced,14.04,120
THE-2,Thé vert Sencha,Café & thé,7.90,reduced,3.10,40'
    e2e_import orders 'number,placed_at,channel,account_code,customer_email,sku,description,quantity,unit_price,tax_rate
O-000001,2026-11-20T10:00:00Z,b2c,,creme.brulee@example.com,CAF-1,Café Arabica 250 g,2,19.50,5.5
O-000002,2026-11-21T11:00:00Z,b2b,DUPONT,,THE-2,Thé vert Sencha,10,7.90,5.5'
}

# e2e_start NAME COLSxLINES [VAR=value ...] [-- ARGS]: starts the console in a
# shell that, once it ends, prints its exit status and whether the terminal
# modes came back as they were before it started.
e2e_start() {
    name=$1 size=$2
    shift 2
    run="$T/$name.run"
    {
        echo "trap : INT # Ctrl-C is the console's (it asks); the shell stays to report"
        echo "stty -g >'$T/$name.stty-before'"
        printf '%senv LANG=C.UTF-8' "${E2E_PREFIX:-}"
        while [ $# -gt 0 ] && [ "$1" != "--" ]; do printf " '%s'" "$1"; shift; done
        [ "${1:-}" = "--" ] && shift
        printf " '%s'" "$COMPTOIR" "$@"
        echo
        echo 'rc=$?'
        echo "stty -g >'$T/$name.stty-after'"
        echo 'clear; echo "[exit $rc]"'
        echo "cmp -s '$T/$name.stty-before' '$T/$name.stty-after' && echo '[terminal restored]'"
        echo 'exec sleep 600'
    } >"$run"
    tm new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
        -e "COMPTOIR_DB=$COMPTOIR_DB" -e "HOME=$HOME" -e "XDG_DATA_HOME=$XDG_DATA_HOME" "sh '$run'" ||
        { not_ok "start $name"; return 1; }
}

# e2e_start_other: e2e_start for the second person of tests/lib.sh (another
# real uid: maker-checker does not count --as as another person).
e2e_start_other() { E2E_PREFIX="unshare --user --map-user=54321 --map-group=54321 " e2e_start "$@"; }

e2e_keys() { n=$1; shift; tm send-keys -t "$n" "$@"; }
# e2e_type NAME TEXT: types text literally (UTF-8 included).
e2e_type() { tm send-keys -t "$1" -l "$2"; }
e2e_screen() { tm capture-pane -p -t "$1"; }
e2e_resize() { tm resize-window -t "$1" -x "$2" -y "$3"; }
# The pid of the program running in the pane (the child of its shell).
e2e_pid() { pgrep -P "$(tm display-message -p -t "$1" '#{pane_pid}')" | head -1; }

# e2e_wait NAME TEXT [SECONDS]: waits until TEXT (fixed string) is on screen.
e2e_wait() {
    deadline=$(( $(date +%s) + ${3:-$E2E_TIMEOUT} ))
    while :; do
        e2e_screen "$1" >"$T/screen" 2>/dev/null
        grep -qF -- "$2" "$T/screen" && return 0
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        sleep 0.05
    done
}

# e2e_wait_gone NAME TEXT [SECONDS]: waits until TEXT has left the screen.
e2e_wait_gone() {
    deadline=$(( $(date +%s) + ${3:-$E2E_TIMEOUT} ))
    while :; do
        e2e_screen "$1" >"$T/screen" 2>/dev/null
        grep -qF -- "$2" "$T/screen" || return 0
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        sleep 0.05
    done
}

# expect_screen LABEL NAME TEXT [SECONDS]: ok when TEXT shows up in time.
expect_screen() {
    if e2e_wait "$2" "$3" "${4:-}"; then ok "$1"; else not_ok "$1" "no '$3' on the screen:" "$(cat "$T/screen")"; fi
}

expect_not_screen() {
    e2e_screen "$2" >"$T/screen"
    if grep -qF -- "$3" "$T/screen"; then not_ok "$1" "'$3' is on the screen:" "$(cat "$T/screen")"; else ok "$1"; fi
}

# expect_sql LABEL QUERY WANT: the database answers WANT.
expect_sql() { expect_eq "$1" "$(sql "$2")" "$3"; }

# expect_column LABEL NAME TEXT COLUMN: TEXT starts at display column COLUMN
# (0-based) on its screen line, counting wide characters as two.
expect_column() {
    e2e_screen "$2" >"$T/screen"
    line=$(grep -F -m1 -- "$3" "$T/screen")
    if [ -z "$line" ]; then
        col=-1
    else
        prefix=${line%%"$3"*}
        col=$(printf '%s' "$prefix" | LC_ALL=C.UTF-8 wc -L)
    fi
    expect_eq "$1" "$col" "$4"
}

# Run on its own: the console starts, shows Home, and q leaves it.
if [ "$(basename "$0")" = harness.sh ]; then
    e2e_setup
    e2e_start self 80x24
    expect_screen "harness: the console starts on Home" self "Home"
    e2e_keys self q
    expect_screen "harness: q on Home quits with status 0" self "[exit 0]"
fi
