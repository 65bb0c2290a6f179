#!/bin/sh
# `make bench`: the kill -9 loop of tests/cli/kill_loop.sh, 100 rounds
# (an import, an order and a quote acceptance killed in each, `check` after
# every kill).
: "${COMPTOIR:?set COMPTOIR to the binary}"
COMPTOIR_KILLS=${BENCH_KILLS:-100} sh "$COMPTOIR_ROOT/tests/cli/kill_loop.sh" | grep -v '^# round'
