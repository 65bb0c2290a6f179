# Helpers for the shell tests (CLI and end-to-end). Each check prints
# "ok - NAME" or "not ok - NAME"; tests/run.sh counts them.
# $COMPTOIR is the binary under test; every test gets a fresh temporary folder.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" COMPTOIR_DB="$T/test.db"
mkdir -p "$HOME"
unset COMPTOIR_TRACE NO_COLOR
: "${COMPTOIR:?set COMPTOIR to the binary}"
ROOT=${COMPTOIR_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# run CMD...: runs comptoir, keeps stdout in $T/out, stderr in $T/err, status in $rc.
run() { "$COMPTOIR" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# expect_rc NAME CODE: checks the status of the last run.
expect_rc() {
    if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1" "exit $rc, wanted $2" "stderr: $(head -c 600 "$T/err")" "stdout: $(head -c 600 "$T/out")"; fi
}
# expect_out NAME PATTERN [FILE]: grep -E PATTERN in stdout (or FILE).
expect_out() {
    f=${3:-$T/out}
    if grep -Eq -- "$2" "$f"; then ok "$1"; else not_ok "$1" "no /$2/ in $(basename "$f"):" "$(head -c 800 "$f")"; fi
}
expect_err() { expect_out "$1" "$2" "$T/err"; }
# expect_eq NAME GOT WANT
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', wanted '$3'"; fi
}
# sql QUERY: reads the test database directly (tests only).
sql() { sqlite3 -batch -noheader "$COMPTOIR_DB" "$1"; }

# A second person. Maker-checker counts people, not --as: the one Unix user
# running the tests, acting as alice then as david, is one person and may
# not approve what they made. Another real uid (54321, mapped onto the
# tester by a user namespace, so it reaches the same files) is another
# person; its login is OTHER (no passwd entry). Give it a comptoir user
# (`run user add "$OTHER" --role admin`) and act through it: run_other
# --as david quote approve Q.
OTHER=uid54321
as_other() { unshare --user --map-user=54321 --map-group=54321 "$@"; }
run_other() { as_other "$COMPTOIR" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
# need_other: ends the script with a skip when no user namespace can be made.
need_other() {
    as_other true 2>/dev/null && return 0
    ok "skipped: no user namespaces here for a second person (unshare --user)"
    exit 0
}

# demo_db PATH SEED: PATH becomes a new database of the demo data of SEED
# (the default size), the tester its admin. Under tests/run.sh it is a copy
# of one made once per run by the plain binary (COMPTOIR_FIXTURES,
# COMPTOIR_FIXTURE_BIN): the plain and the sanitizer runs of a test share it,
# and the demo generator runs under the sanitizers in the unit tests. Alone,
# the test makes it with $COMPTOIR. Returns non-zero when it could not.
demo_db() {
    if [ -z "${COMPTOIR_FIXTURES:-}" ] || [ ! -x "${COMPTOIR_FIXTURE_BIN:-}" ]; then
        "$COMPTOIR" --db "$1" init >/dev/null 2>&1 && "$COMPTOIR" --db "$1" demo --seed "$2" >/dev/null 2>&1
        return
    fi
    fx="$COMPTOIR_FIXTURES/demo-$2.db"
    # one maker at a time; the others wait for it (at most 5 minutes)
    n=0
    until mkdir "$fx.lock" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -lt 3000 ] || return 1
        sleep 0.1
    done
    if [ ! -f "$fx" ]; then
        rm -f "$fx.new"*
        "$COMPTOIR_FIXTURE_BIN" --db "$fx.new" init >/dev/null 2>&1 &&
            "$COMPTOIR_FIXTURE_BIN" --db "$fx.new" demo --seed "$2" >/dev/null 2>&1 &&
            sqlite3 "$fx.new" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null && # all of it in the one file
            mv "$fx.new" "$fx"
    fi
    rmdir "$fx.lock"
    [ -f "$fx" ] && cp "$fx" "$1"
}
