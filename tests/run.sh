#!/bin/sh
# Runs every suite and ends with one line "N passed, N failed".
#   check — the tree's own checks: includes follow the layers (tools/check_layers.sh)
#   unit  — cmocka binaries in BUILD/tests
#   cli   — tests/cli/*.sh against BUILD/comptoir
#   e2e   — tests/e2e/*.sh in tmux against BUILD/comptoir
#   san   — unit and cli again, built with ASan + UBSan (BUILD/san)
#   fuzz  — the fuzzers of tests/fuzz: regression files replayed, a short run
# COMPTOIR_TEST_FAST=1 skips e2e, san and fuzz. COMPTOIR_TEST_ONLY=pattern runs matching files.
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LOG=$BUILD/test-logs
rm -rf "$LOG"; mkdir -p "$LOG"
passed=0; failed=0; failures=""

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
export COMPTOIR_ROOT="$ROOT"

want() { [ -z "$COMPTOIR_TEST_ONLY" ] || echo "$1" | grep -q "$COMPTOIR_TEST_ONLY"; }

# Each result line ends with the time its test took (" 12.3s"); the times
# also go to BUILD/test-logs/times (seconds NAME), slowest first at the end.
now_ms() { t=$(date +%s%N); echo $((t / 1000000)); }
took() { # $1 = start in ms, $2 = name; prints " N.Ns" and records it
    d=$(($(now_ms) - $1))
    printf '%d.%d %s\n' $((d / 1000)) $((d % 1000 / 100)) "$2" >>"$LOG/times"
    printf ' %d.%ds' $((d / 1000)) $((d % 1000 / 100))
}

run_unit() { # $1 = folder of binaries, $2 = label
    for t in "$1"/test_*; do
        [ -x "$t" ] || continue
        name="$2/$(basename "$t")"; want "$name" || continue
        out="$LOG/$(echo "$name" | tr / _).log"
        t0=$(now_ms)
        (cd "$BUILD" && "$t") >"$out" 2>&1; rc=$?
        dt=$(took "$t0" "$name")
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
        p=${p:-0}; f=${f:-0}
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed or sanitizer report
        passed=$((passed + p)); failed=$((failed + f))
        if [ "$f" -ne 0 ]; then
            failures="$failures $name"
            echo "FAIL $name ($p passed, $f failed)$dt — $out"; grep -E '^\[  (FAILED|ERROR)|ERROR:|runtime error' "$out" | head -5
        else
            echo "ok   $name ($p)$dt"
        fi
    done
}

run_shell() { # $1 = folder of scripts, $2 = binary, $3 = label
    for t in "$1"/*.sh; do
        [ -f "$t" ] || continue
        name="$3/$(basename "$t" .sh)"; want "$name" || continue
        out="$LOG/$(echo "$name" | tr / _).log"
        t0=$(now_ms)
        COMPTOIR="$2" sh "$t" >"$out" 2>&1; rc=$?
        dt=$(took "$t0" "$name")
        p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - script exited $rc" >>"$out"; fi
        passed=$((passed + p)); failed=$((failed + f))
        if [ "$f" -ne 0 ]; then
            failures="$failures $name"
            echo "FAIL $name ($p passed, $f failed)$dt — $out"; grep '^not ok' "$out" | head -5
        else
            echo "ok   $name ($p)$dt"
        fi
    done
}

run_check() { # $1 = name, then the command; one check each
    name="check/$1"; shift; want "$name" || return 0
    out="$LOG/$(echo "$name" | tr / _).log"
    t0=$(now_ms)
    "$@" >"$out" 2>&1; rc=$?
    dt=$(took "$t0" "$name")
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1)); echo "ok   $name (1)$dt"
    else
        failed=$((failed + 1)); failures="$failures $name"
        echo "FAIL $name$dt — $out"; head -5 "$out"
    fi
}

# fuzz/NAME: every corpus and crash file of tests/fuzz replayed, then
# FUZZ_SECONDS of fuzzing from the corpus (new inputs stay in BUILD). A
# crash leaves its input in BUILD/fuzz; copy it to tests/fuzz/crashes/NAME/
# so that it is replayed from then on. Skipped (said, not counted) when the
# fuzzers could not be built: clang is missing (make deps installs it).
run_fuzz() { # $1 = target
    bin=$BUILD/fuzz/fuzz_$1
    want "fuzz/$1" || return 0
    if [ ! -x "$bin" ]; then echo "skip fuzz/$1: not built (clang missing? make deps)"; return 0; fi
    work=$BUILD/fuzz/corpus-$1; mkdir -p "$work" "$BUILD/fuzz/found"
    run_check "fuzz/$1-regressions" "$bin" -runs=0 "$ROOT/tests/fuzz/corpus/$1" "$ROOT/tests/fuzz/crashes/$1"
    run_check "fuzz/$1-run" "$bin" -max_total_time="${FUZZ_SECONDS:-25}" -timeout=10 -rss_limit_mb=1024 \
        -artifact_prefix="$BUILD/fuzz/found/$1-" "$work" "$ROOT/tests/fuzz/corpus/$1"
}

# Two lanes side by side (the machines have two cores, and the end-to-end
# tests mostly wait on the terminal): lane 1 runs the checks, unit, CLI and
# end-to-end tests; lane 2 the sanitizer pass and the fuzzers. Each lane
# prints its lines as they finish and leaves its counts in a file.
lane_end() { echo "$passed $failed $failures" >"$LOG/lane-$1.counts"; }

start=$(date +%s)
(
    run_check layers sh "$ROOT/tools/check_layers.sh"
    run_check format make -s -C "$ROOT" format-check
    run_unit "$BUILD/tests" unit
    run_shell "$ROOT/tests/cli" "$BUILD/comptoir" cli
    [ -z "$COMPTOIR_TEST_FAST" ] && run_shell "$ROOT/tests/e2e" "$BUILD/comptoir" e2e
    lane_end 1
) &
lane1=$!
(
    if [ -z "$COMPTOIR_TEST_FAST" ]; then
        if [ -x "$BUILD/san/comptoir" ]; then
            run_unit "$BUILD/san/tests" san-unit
            run_shell "$ROOT/tests/cli" "$BUILD/san/comptoir" san-cli
        fi
        run_fuzz csv
        run_fuzz amount
    fi
    lane_end 2
) &
lane2=$!
wait $lane1 $lane2
for lane in 1 2; do
    if [ -f "$LOG/lane-$lane.counts" ]; then
        read -r p f fl <"$LOG/lane-$lane.counts"
        passed=$((passed + p)); failed=$((failed + f)); failures="$failures${fl:+ $fl}"
    else
        failed=$((failed + 1)); failures="$failures lane-$lane"; echo "FAIL lane $lane ended without its counts"
    fi
done
echo "suite took $(( $(date +%s) - start )) s; slowest:"
sort -rn "$LOG/times" 2>/dev/null | head -15 | sed 's/^/  /'

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
