#!/bin/sh
# The audit log proves itself: `audit head` prints the latest hash; `check`
# recomputes the chain and names the first entry that does not match, even
# when the triggers were dropped, entries deleted and the triggers made
# again; a replace by id is refused; a trigger with the same name but other
# SQL is found; `check --head HASH` proves nothing before HASH changed.
. "$(dirname "$0")/../lib.sh"

run init
run demo --seed 4 --accounts 6 --customers 30 --products 10 --orders 40
expect_rc "setup: demo" 0
n=$(sql "SELECT count(*) FROM audit_log")

run audit head
expect_rc "audit head exits 0" 0
expect_out "audit head prints a hash" '^[0-9a-f]{64}$'
head1=$(cat "$T/out")
expect_eq "it is the latest entry's" "$head1" "$(sql 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')"
run --as alice audit head
expect_rc "a rep may not read it" 77
run audit frob
expect_rc "an unknown audit command exits 64" 64

run check --head "$head1"
expect_rc "check --head on an untouched log exits 0" 0
expect_out "it says nothing up to the head changed" "nothing up to it was changed"
run check --head 0000
expect_rc "check --head with a hash the log never had exits 65" 65

# The attack of the report: drop the triggers, delete most rows, recreate them.
work() { cp "$COMPTOIR_DB" "$T/w.db"; rm -f "$T/w.db-wal" "$T/w.db-shm" "$T/w.db-activity"; }
triggers="CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;"
work
sqlite3 "$T/w.db" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
    DELETE FROM audit_log WHERE id BETWEEN 3 AND $((n - 3)); $triggers"
run --db "$T/w.db" check
expect_rc "deleting entries behind the triggers' back fails check" 65
expect_out "check names the first entry after the hole" "audit entry $((n - 2)) .*does not follow the entry before it"

work
sqlite3 "$T/w.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_login = 'nobody' WHERE id = 2;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;"
run --db "$T/w.db" check
expect_rc "a changed entry fails check" 65
expect_out "check names it" "audit entry 2 .*does not match its hash"

work
if sqlite3 "$T/w.db" "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE id = 2" 2>/dev/null; then
    not_ok "INSERT OR REPLACE over an entry is refused"
else
    ok "INSERT OR REPLACE over an entry is refused"
fi
expect_eq "and the entry is still there" "$(sqlite3 "$T/w.db" 'SELECT count(*) FROM audit_log')" "$n"

work
sqlite3 "$T/w.db" "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN old.action = 'never' BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;"
run --db "$T/w.db" check
expect_rc "a trigger with the same name and other SQL fails check" 65
expect_out "check says it was changed" "trigger audit_log_no_delete was changed"

# The last entries removed: only the kept head shows it.
run user add zoe --role rep
run audit head
head2=$(cat "$T/out")
work
sqlite3 "$T/w.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;"
run --db "$T/w.db" check
expect_rc "the last entry removed passes a check without a head" 0
run --db "$T/w.db" check --head "$head2"
expect_rc "but not a check with the head kept before" 65
expect_out "which says the head is gone" "does not hold the head $head2"
run --db "$T/w.db" check --head "$head1"
expect_rc "an older head still proves what came before it" 0
exit 0
