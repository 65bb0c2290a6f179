#!/bin/sh
# Pricing speed (issue target: < 2 ms): a 200-line quote with price lists,
# contract prices and volume tiers, matched against 100 approval rules. The
# measuring lives in the unit tests (which also assert the target); this
# prints their figures with the other benchmarks.
: "${COMPTOIR:?set COMPTOIR to the binary}"
BUILD=$(dirname "$COMPTOIR")
make -s -C "${COMPTOIR_ROOT:-.}" "$BUILD/tests/test_pricing" "$BUILD/tests/test_quote" >/dev/null || exit 1
"$BUILD/tests/test_pricing" 2>&1 | grep ' ms'
"$BUILD/tests/test_quote" 2>&1 | grep ' ms'
