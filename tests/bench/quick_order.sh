#!/bin/sh
# Quick order (issue 10 targets): placing an order of 5 lines costs at most
# 1.5 times a bare fsync'd commit on the same database (both measured in one
# run, alternately, on the disk of the build folder), and pricing a cart of
# 100 lines after a key stays under 1 ms. tests/bench/quick_order.c measures.
: "${COMPTOIR:?set COMPTOIR to the binary}"
ROOT=${COMPTOIR_ROOT:-.}
BUILD=$(cd "$(dirname "$COMPTOIR")" && pwd)
make -s -C "$ROOT" BUILD="$BUILD" "$BUILD/bench/quick_order" >/dev/null || exit 1
"$BUILD/bench/quick_order" "$BUILD"
