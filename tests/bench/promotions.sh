#!/bin/sh
# Promotions (issue 11 target): pricing a cart of 50 lines against 500 live
# promotions stays under 1 ms. tests/bench/promotions.c measures.
: "${COMPTOIR:?set COMPTOIR to the binary}"
ROOT=${COMPTOIR_ROOT:-.}
BUILD=$(cd "$(dirname "$COMPTOIR")" && pwd)
make -s -C "$ROOT" BUILD="$BUILD" "$BUILD/bench/promotions" >/dev/null || exit 1
"$BUILD/bench/promotions" "$BUILD"
