#!/bin/sh
# `make bench`: the concurrency soak of tests/cli/soak.sh for 60 s (20
# processes: a long import, nine short writers, ten readers), with the p99
# latency of a short write.
: "${COMPTOIR:?set COMPTOIR to the binary}"
COMPTOIR_SOAK_SECONDS=${BENCH_SOAK_SECONDS:-60} sh "$COMPTOIR_ROOT/tests/cli/soak.sh"
