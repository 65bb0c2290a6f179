#!/bin/sh
# kill -9 in the middle of imports, order placing and quote acceptance,
# round after round (COMPTOIR_KILLS rounds: 10 in `make test`, 100 in
# `make bench`), each followed by `check`: no kill leaves a half-written
# database, an import is all or nothing, an order is there with all its
# lines or not at all, a quote is accepted with its order or still sent.
. "$(dirname "$0")/../lib.sh"
case "$COMPTOIR" in
*/san/*) ok "skipped under the sanitizers: the kill loop runs in the plain lane (and in make bench)"; exit 0 ;;
esac
KILLS=${COMPTOIR_KILLS:-10}

run init
expect_rc "init" 0
run user add alice --role rep
sql "INSERT INTO customers(name, email, phone, address, city, country, created_at, updated_at) VALUES
       ('Zoé Martin', 'zoe@example.fr', '06 12 34 97 60', '3 rue Haute', 'Lyon', 'France', 'x', 'x');
     INSERT INTO accounts(code, name, rep_id, payment_terms_days, credit_limit, open_balance, billing_address,
                          city, country, created_at, updated_at)
       VALUES ('ACME', 'Société Acme', (SELECT id FROM users WHERE login = 'alice'), 30, 100000000, 0,
               '1 rue de la Paix', 'Paris', 'France', 'x', 'x');
     INSERT INTO products(sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at, updated_at) VALUES
       ('CAF-001', 'Café moulu 250 g', 1666, 'standard', 800, 100000, 'x', 'x'),
       ('THE-001', 'Thé vert 100 g', 1000, 'reduced', 400, 100000, 'x', 'x');"
"$COMPTOIR" check --repair >/dev/null 2>&1 # rows written around the stores: their search indexes
awk 'BEGIN { print "name,email,phone"
             for (i = 1; i <= 1000; i++) printf "Zoé Client %d,zoe%d@kill.example,+33 6 12 34 %02d %02d\n", i, i, i % 100, i % 97 }' >"$T/big.csv"

# kill_after MS CMD...: starts comptoir CMD, kills it -9 after MS milliseconds.
kill_after() {
    ms=$1; shift
    "$COMPTOIR" "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}
# A delay that moves through the operation from round to round: from 0 to a
# quarter past the time the operation takes here, uninterrupted (so nearly
# every kill lands in it, a few just after it).
delay() { awk -v r="$1" -v max="$2" 'BEGIN { srand(r * 7919); printf "%d", rand() * max }'; }
# span CMD...: runs comptoir CMD to its end; prints 5/4 of the milliseconds it took.
span() {
    t0=$(date +%s%3N)
    "$COMPTOIR" "$@" >/dev/null 2>&1
    echo $((($(date +%s%3N) - t0) * 5 / 4 + 10))
}
import_ms=$(span import customers "$T/big.csv")
order_ms=$(span --as alice order new --customer zoe@example.fr CAF-001:2 THE-001:1)
"$COMPTOIR" --as alice quote new --account ACME >"$T/q" 2>&1
q=$(cat "$T/q")
"$COMPTOIR" --as alice quote add-line "$q" CAF-001 3 >/dev/null 2>&1
"$COMPTOIR" --as alice quote send "$q" >/dev/null 2>&1
accept_ms=$(span --as alice quote accept "$q")
echo "# kills within $import_ms ms of an import, $order_ms ms of an order, $accept_ms ms of an acceptance"

bad=0 partial=0
checked() { # $1 = what was killed
    if ! "$COMPTOIR" check >"$T/check" 2>&1; then
        bad=$((bad + 1)); echo "# check after a kill in $1: $(head -3 "$T/check")"
    fi
}
i=0
while [ "$i" -lt "$KILLS" ]; do
    i=$((i + 1))
    # an import
    sql "DELETE FROM customers WHERE email LIKE '%@kill.example'" 2>/dev/null
    "$COMPTOIR" check --repair >/dev/null 2>&1 # the rows went around the store: their search index too
    kill_after "$(delay "$i" "$import_ms")" import customers "$T/big.csv"
    checked "an import"
    n=$(sql "SELECT count(*) FROM customers WHERE email LIKE '%@kill.example'")
    [ "$n" -eq 0 ] || [ "$n" -eq 1000 ] || { partial=$((partial + 1)); echo "# import left $n rows"; }
    # placing an order of two lines
    kill_after "$(delay "$i" "$order_ms")" --as alice order new --customer zoe@example.fr CAF-001:2 THE-001:1
    checked "order placing"
    # accepting a sent quote (made, lined and sent before the kill)
    "$COMPTOIR" --as alice quote new --account ACME >"$T/q" 2>&1
    q=$(cat "$T/q")
    "$COMPTOIR" --as alice quote add-line "$q" CAF-001 3 >/dev/null 2>&1
    "$COMPTOIR" --as alice quote send "$q" >/dev/null 2>&1
    kill_after "$(delay "$i" "$accept_ms")" --as alice quote accept "$q"
    checked "quote acceptance"
    st=$(sql "SELECT status FROM quotes WHERE number = '$q'")
    orders=$(sql "SELECT count(*) FROM orders o JOIN quotes q ON q.id = o.quote_id WHERE q.number = '$q'")
    echo "# round $i: the import left $n rows, $q is $st with $orders order(s), $(sql "SELECT count(*) FROM orders") orders in all"
    case "$st:$orders" in
    sent:0 | accepted:1 | ordered:1) ;;
    *) partial=$((partial + 1)); echo "# quote $q is $st with $orders orders" ;;
    esac
done
expect_eq "check passes after each of $KILLS kills of an import, an order and an acceptance" "$bad" 0
expect_eq "no kill leaves half an import or an accepted quote without its order" "$partial" 0
expect_eq "every order has all its lines" \
    "$(sql "SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) = 0")" 0
run --as alice order new --customer zoe@example.fr CAF-001:1
expect_rc "placing works after the kills" 0
