#!/bin/sh
# The audit chain at scale: a database of the schema before the chain with
# N audit entries (1,000,000 by default; BENCH_AUDIT=N to change), then
#   - the migration that chains them (the first `check` of the new program),
#   - the chain's verification alone (the target: under 10 s for 1,000,000),
#   - the whole `check` (SQLite's integrity check of the file included).
set -u
: "${COMPTOIR:?set COMPTOIR to the binary}"
N=${BENCH_AUDIT:-1000000}
HELPER=$(dirname "$COMPTOIR")/bench/audit_v7
T=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" COMPTOIR_DB="$T/audit.db"
mkdir -p "$HOME"
now_ms() { date +%s%3N; }

"$HELPER" "$COMPTOIR_DB" "$N" || { echo "bench audit: could not make the database"; exit 1; }
t0=$(now_ms)
"$COMPTOIR" check >"$T/first" 2>&1 || { echo "bench audit: the first check failed"; cat "$T/first"; exit 1; }
t1=$(now_ms)
"$COMPTOIR" check >"$T/second" 2>&1 || { echo "bench audit: check failed"; cat "$T/second"; exit 1; }
t2=$(now_ms)
"$HELPER" verify "$COMPTOIR_DB" >"$T/verify" || exit 1
verify_ms=$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$T/verify")
echo "audit chain:            $(cat "$T/verify")"
echo "migration + first check: $((t1 - t0)) ms"
echo "whole check:            $((t2 - t1)) ms (integrity of the file, invariants, the chain)"
[ "$N" -lt 1000000 ] || [ "$verify_ms" -lt 10000 ] || { echo "bench audit: verifying took 10 s or more"; exit 1; }
