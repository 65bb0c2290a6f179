#!/bin/sh
# `make bench`: every benchmark of the project, on the large generated data set.
# Each script prints its own figures; compare ratios within one run (the
# machines are small and noisy).
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export COMPTOIR="$(cd "$BUILD" && pwd)/comptoir" COMPTOIR_ROOT="$ROOT"
status=0
for b in "$ROOT"/tests/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "== $(basename "$b" .sh)"
    sh "$b" || status=1
done
exit $status
