#!/bin/sh
# A shared host (issue 8): `make install` as root into a temporary prefix
# makes the group comptoir, a set-group-ID binary and the shared folder
# (2770); two Unix users then work through the program — the first creates
# the database and is its admin, the second is added as a rep — and neither
# can read or change the file directly. What the program writes for a
# person (exports, backups) is theirs alone (0600, their group), a --db
# path and a CSV to import are opened without the group, a personal
# database is 0600, and `check` names a database file opened to everyone
# (a personal database's folder others may only list is a warning; a shared
# database's folder reaches nobody else).
# Skipped (said) when not root or without useradd / runuser.
. "$(dirname "$0")/../lib.sh"

# ---- a personal database (anyone)
run init
expect_eq "a personal database is 0600, whatever the umask" "$(stat -c '%a' "$COMPTOIR_DB")" "600"
run export customers -o "$T/mine.csv"
expect_eq "an export is 0600" "$(stat -c '%a' "$T/mine.csv")" "600"
COMPTOIR_FILE_MODE=0640 "$COMPTOIR" export customers -o "$T/shared.csv" 2>/dev/null
expect_eq "unless asked otherwise (COMPTOIR_FILE_MODE)" "$(stat -c '%a' "$T/shared.csv")" "640"
run check
expect_rc "check is clean" 0
chmod o+r "$COMPTOIR_DB"
run check
[ "$rc" -ne 0 ] && ok "check fails on a database file readable by everyone" ||
    not_ok "check fails on a database file readable by everyone" "$(cat "$T/out")"
expect_out "and says what to do" "the database file $COMPTOIR_DB is readable by every user of this host \(mode 0604\): chmod o-rwx"
chmod o-r "$COMPTOIR_DB"
chmod o+w "$T"
run check
expect_rc "check fails on its folder writable by everyone" 65
expect_out "and says so" "the database's folder $T is writable by every user"
chmod 755 "$T" # a home folder as most are made: others may list it
run check
expect_rc "a personal database in a folder others may list passes" 0
expect_out "with a warning line" "^warning: the database's folder $T is readable by every user of this host \(mode 0755\)"
expect_out "and ok" '^ok$'
chmod 660 "$COMPTOIR_DB" # shared with a group by hand: the strict rule
run check
expect_rc "a database its group may use, in a folder others may list, fails" 65
expect_out "saying it is shared" "the database's folder $T is readable by every user of this host \(mode 0755\), and the database is shared"
chmod 600 "$COMPTOIR_DB"
chmod 700 "$T"

# ---- a shared host (root)
case "$COMPTOIR" in
*/san/*) ok "skipped under the sanitizers: LeakSanitizer cannot watch a set-group-ID process (the plain lane installs)"; exit 0 ;;
esac
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
    ok "skipped: the shared-host test needs root, useradd and runuser"
    exit 0
fi
A="cpa$$" B="cpb$$"
P=$(mktemp -d /tmp/comptoir-prefix.XXXXXX)
chmod 755 "$P"
W=$P/work # where the people write (sticky, like /tmp)
mkdir "$W" && chmod 1777 "$W"
cleanup() { userdel "$A" 2>/dev/null; userdel "$B" 2>/dev/null; rm -rf "$P" "$T"; }
trap cleanup EXIT
useradd -M -N -s /bin/sh "$A" && useradd -M -N -s /bin/sh "$B" || { not_ok "useradd"; exit 1; }
# as USER CMD...: runs CMD as USER (no COMPTOIR_DB: the installed program finds the shared one)
as() { u=$1; shift; (cd / && runuser -u "$u" -- env -u COMPTOIR_DB -u XDG_DATA_HOME HOME=/nonexistent "$@"); }
cas() { u=$1; shift; as "$u" "$P/bin/comptoir" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
mode() { stat -c '%a %G' "$1"; }

make --no-print-directory -C "$ROOT" install PREFIX="$P" BIN="$COMPTOIR" >"$T/install" 2>&1
rc=$?
expect_rc "make install into a temporary prefix as root" 0
expect_eq "the binary is set-group-ID to comptoir" "$(mode "$P/bin/comptoir")" "2755 comptoir"
expect_eq "the shared folder is the group's alone" "$(mode "$P/var/lib/comptoir")" "2770 comptoir"
DB=$P/var/lib/comptoir/comptoir.db

cas "$A" init
expect_rc "the first user creates the shared database" 0
expect_out "in the shared folder" "database created: $DB"
expect_out "and is its admin" "^$A is admin"
expect_eq "the file is 0660, group comptoir" "$(mode "$DB")" "660 comptoir"
cas "$A" user add "$B" --role rep
expect_rc "the admin adds the second user" 0
printf 'name,email,phone\nZoé Martin,zoe@example.fr,06 12 34 97 60\n' >"$P/customers.csv"
chmod 644 "$P/customers.csv"
cas "$A" import customers "$P/customers.csv"
expect_rc "the admin imports a CSV of theirs" 0
cas "$B" order find zoe@example.fr
expect_rc "the second user works through the program" 0
cas "$A" export customers -o "$W/export.csv"
expect_rc "the admin exports" 0
expect_eq "the export is theirs alone (0600, their own group)" \
    "$(stat -c '%a %U %G' "$W/export.csv" 2>&1)" "600 $A $(id -gn "$A")"

as "$B" cat "$DB" >/dev/null 2>&1
expect_eq "the second user cannot read the file directly" "$?" 1
as "$B" sqlite3 "$DB" "UPDATE users SET role = 'admin'" >/dev/null 2>&1
[ "$?" -ne 0 ] && ok "nor change it with sqlite3" || not_ok "nor change it with sqlite3"
expect_eq "so nobody was promoted" "$(sqlite3 "$DB" "SELECT role FROM users WHERE login = '$B'")" "rep"
cas "$B" --db "$DB" customer list
[ "$rc" -ne 0 ] && ok "a --db path is opened without the group" || not_ok "a --db path is opened without the group"
cas "$A" import customers "$DB"
[ "$rc" -ne 0 ] && ok "a CSV to import is read without the group" || not_ok "a CSV to import is read without the group"
expect_err "it says it cannot open it" "(denied|cannot|Permission)"
cas "$A" backup "$W/backup.db"
[ "$rc" -eq 0 ] && [ "$(stat -c '%a %U %G' "$W/backup.db" 2>&1)" = "600 $A $(id -gn "$A")" ] &&
    ok "a backup is the person's, 0600" || not_ok "a backup is the person's, 0600" "rc $rc $(cat "$T/err")"

cas "$A" check
expect_rc "check is clean on the shared database" 0
chmod o+rx "$P/var/lib/comptoir"
cas "$A" check
expect_rc "a shared database's folder others may list fails check" 65
expect_out "and names it" "database's folder $P/var/lib/comptoir is readable by every user of this host \(mode 2775\), and the database is shared"
chmod o-rx "$P/var/lib/comptoir"
chmod o+r "$DB"
cas "$A" check
[ "$rc" -ne 0 ] && ok "check fails when the file is opened to everyone" || not_ok "check fails when the file is opened to everyone"
expect_out "and names it" "database file $DB is readable by every user"
chmod o-r "$DB"
