#!/bin/sh
# The operational commands: --version, --help, init, demo, backup, check,
# user add/list/disable/passwd, passwords and --as; exit codes and messages.
. "$(dirname "$0")/../lib.sh"
ME=$(id -un)

# ---- version, help, usage
run --version
expect_rc "--version exits 0" 0
expect_out "--version prints the version" '^comptoir [0-9]+\.[0-9]+\.[0-9]+$'

run --help
expect_rc "--help exits 0" 0
cp "$T/out" "$T/help"
for c in init demo import export order user backup check console; do
    expect_out "--help lists $c" "^  $c " "$T/help"
    run "$c" --help
    expect_rc "$c --help exits 0" 0
    expect_out "$c --help shows its usage" "^usage: comptoir $c"
done

run frobnicate
expect_rc "an unknown command exits 64" 64
expect_err "an unknown command is named" "unknown command 'frobnicate'"
run --frob
expect_rc "an unknown option exits 64" 64

# ---- before init
run check
expect_rc "check without a database exits 66" 66
expect_err "check without a database says what to do" "no database at .*comptoir init"
[ ! -e "$COMPTOIR_DB" ] && ok "check without a database creates none" || not_ok "check without a database creates none"

# ---- init
run init
expect_rc "init exits 0" 0
expect_out "init prints the database path" "$COMPTOIR_DB"
expect_out "init names the admin" "^$ME is admin$"
v1=$(sql "PRAGMA user_version")
run init
expect_rc "init again exits 0" 0
expect_eq "init again keeps one user" "$(sql 'SELECT count(*) FROM users')" 1
expect_eq "init again keeps the schema version" "$(sql 'PRAGMA user_version')" "$v1"
expect_eq "init again writes no second audit entry" "$(sql 'SELECT count(*) FROM audit_log')" 1

# ---- demo
run demo --size medium
expect_rc "demo with a bad size exits 64" 64
run demo --orders -5
expect_rc "demo with a negative count exits 64" 64
run demo --seed 5 --accounts 12 --customers 60 --products 24 --orders 150
expect_rc "demo exits 0" 0
expect_out "demo sums up what it made" "12 accounts, 60 customers, 24 products, 150 orders"
expect_eq "demo made the orders" "$(sql 'SELECT count(*) FROM orders WHERE quote_id IS NULL AND exchange_of IS NULL')" 150
expect_eq "demo made the demo users" "$(sql "SELECT group_concat(login || ':' || role, ' ') FROM (SELECT * FROM users WHERE login <> '$ME' ORDER BY login)")" \
    "alice:rep bruno:rep chloe:support david:manager emma:manager"
run demo
expect_rc "demo on a database with data exits 65" 65
expect_err "demo on a database with data says why" "already holds data"
expect_eq "the refused demo changed nothing" "$(sql 'SELECT count(*) FROM orders WHERE quote_id IS NULL AND exchange_of IS NULL')" 150

run --db "$T/fresh.db" demo --accounts 3 --customers 5 --products 6 --orders 10
expect_rc "demo on a new path creates the database" 0
expect_eq "the created database has you as admin" \
    "$(sqlite3 "$T/fresh.db" "SELECT role FROM users WHERE login = '$ME'")" admin

# ---- check
run check
expect_rc "check on a healthy database exits 0" 0
expect_out "check on a healthy database says ok" '^ok$'

# ---- backup
run backup
expect_rc "backup without a file exits 64" 64
run backup "$T/copy.db"
expect_rc "backup exits 0" 0
expect_out "backup names the copy" "copy.db"
expect_eq "the copy has the orders" "$(sqlite3 "$T/copy.db" 'SELECT count(*) FROM orders WHERE quote_id IS NULL AND exchange_of IS NULL')" 150
run --db "$T/copy.db" check
expect_rc "check of the copy exits 0" 0
run backup "$T/copy.db"
expect_rc "backup onto an existing file exits 73" 73
expect_err "backup onto an existing file names --force" "exists; use --force"
run backup "$T/copy.db" --force
expect_rc "backup --force replaces the file" 0
run backup "$COMPTOIR_DB" --force
expect_rc "backup onto the database itself is refused" 64
expect_eq "no partial file is left behind" "$(ls "$T" | grep -c partial)" 0

# ---- check finds a tampered total
cp "$T/copy.db" "$T/bad.db"
sqlite3 "$T/bad.db" "UPDATE orders SET subtotal = subtotal + 1, total = total + 1 WHERE number = 'O-000042'"
run --db "$T/bad.db" check
expect_rc "check on a tampered total exits 65" 65
expect_out "check names the tampered order" "O-000042"
expect_out "check counts the problems" "^1 problem found"

# ---- a database from a newer comptoir
cp "$T/copy.db" "$T/new.db"
sqlite3 "$T/new.db" "PRAGMA user_version = 999"
before=$(cksum <"$T/new.db")
run --db "$T/new.db" check
expect_rc "a newer database is refused with 78" 78
expect_err "the refusal says why" "newer comptoir"
expect_eq "the newer database is unchanged" "$(cksum <"$T/new.db")" "$before"
expect_eq "its schema version is untouched" "$(sqlite3 "$T/new.db" 'PRAGMA user_version')" 999
run --db "$T/new.db" init
expect_rc "init refuses a newer database too" 78

# ---- users
run user add zoe --role rep --full-name "Zoé Lefèvre"
expect_rc "user add exits 0" 0
expect_out "user add confirms" "added zoe \(rep\)"
run user add zoe --role rep
expect_rc "adding a duplicate exits 65" 65
expect_err "a duplicate is named" "zoe.*already exists"
run user add yann --role king
expect_rc "an unknown role exits 64" 64
run user add yann
expect_rc "user add without a role exits 64" 64
run user add "Bad Name" --role rep
expect_rc "a login with spaces exits 65" 65
run user frob
expect_rc "an unknown user command exits 64" 64
run user list
expect_rc "user list exits 0" 0
expect_out "user list has a header" '^LOGIN +ROLE +ACTIVE +PASSWORD +NAME$'
expect_out "user list shows zoe" '^zoe +rep +yes +no +Zoé Lefèvre$'
expect_out "user list shows the admin" "^$ME +admin +yes +no "
run user disable zoe
expect_rc "user disable exits 0" 0
run user list
expect_out "a disabled user is listed inactive" '^zoe +rep +no +no +Zoé'
run user disable nobody
expect_rc "disabling an unknown user exits 66" 66
run user disable "$ME"
expect_rc "nobody disables themselves" 65

# ---- --as
run --as alice user add yves --role rep
expect_rc "acting as alice, an admin cannot add users" 77
expect_err "alice may not manage users" "alice \(rep\) may not"
run --as alice check
expect_rc "an admin acting as alice can check" 0
run --as nobody check
expect_rc "--as an unknown user exits 77" 77
sql "UPDATE users SET role = 'rep' WHERE login = '$ME'"
run --as alice check
expect_rc "--as by a non-admin exits 77" 77
expect_err "--as by a non-admin says who may" "only an admin"
sql "UPDATE users SET role = 'admin' WHERE login = '$ME'"

# ---- passwords
COMPTOIR_PASSWORD=kiosk-secret-1 run user add kiosk --role rep --password
expect_rc "user add --password from COMPTOIR_PASSWORD" 0
expect_eq "kiosk has a password" "$(sql "SELECT password_hash LIKE '\$argon2id\$%' FROM users WHERE login = 'kiosk'")" 1
COMPTOIR_PASSWORD=short run user add shorty --role rep --password
expect_rc "a short password is refused" 65
COMPTOIR_PASSWORD=my-long-password run user passwd "$ME"
expect_rc "user passwd for yourself" 0
run user list </dev/null
expect_rc "no password given exits 64" 64
expect_err "no password given says how to give one" "COMPTOIR_PASSWORD"
COMPTOIR_PASSWORD=wrong-password run user list
expect_rc "a wrong password exits 77" 77
expect_err "a wrong password is said" "wrong password for $ME"
COMPTOIR_PASSWORD=my-long-password run user list
expect_rc "the right password from the environment" 0
expect_out "your password shows in the list" "^$ME +admin +yes +yes "
echo my-long-password | "$COMPTOIR" user list >"$T/out" 2>"$T/err"; rc=$?
expect_rc "the right password on stdin" 0
exit 0
