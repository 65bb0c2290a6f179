#!/bin/sh
# Pricing speed (issue target: < 2 ms): a 200-line quote with price lists,
# contract prices and volume tiers, matched against 100 approval rules. The
# measuring lives in the unit tests (which also assert the target); this
# prints their figures with the other benchmarks.
: "${COMPTOIR:?set COMPTOIR to the binary}"
ROOT=${COMPTOIR_ROOT:-.}
make -s -C "$ROOT" build/tests/test_pricing build/tests/test_quote >/dev/null 2>&1 || exit 1
"$ROOT/build/tests/test_pricing" 2>&1 | grep ' ms'
"$ROOT/build/tests/test_quote" 2>&1 | grep ' ms'
