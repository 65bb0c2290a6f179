#!/bin/sh
# Runs every suite and ends with one line "N passed, N failed".
#   check — the tree's own checks: includes follow the layers (tools/check_layers.sh)
#   unit  — cmocka binaries in BUILD/tests
#   cli   — tests/cli/*.sh against BUILD/comptoir
#   e2e   — tests/e2e/*.sh in tmux against BUILD/comptoir
#   san   — unit and cli again, built with ASan + UBSan (BUILD/san)
#   fuzz  — the fuzzers of tests/fuzz: regression files replayed, a short run
# COMPTOIR_TEST_FAST=1 skips e2e, san and fuzz. COMPTOIR_TEST_ONLY=pattern runs matching files.
#
# Every test file is a job; COMPTOIR_TEST_JOBS of them run side by side (the
# number of cores, at least 2; and the jobs that mostly wait, one at a time,
# beside them), the longest first (their times of the last
# run on this machine, BUILD/test-times, else tests/times), each job's line
# printed as it ends. COMPTOIR_SAN_MAKE, when set (make test sets it), is the
# command that builds BUILD/san: it is a job too, so the sanitizer build
# runs while the plain tests do, and the san tests start once it is done.
# The temporary files go to a memory file system when there is one with
# room (SQLite syncs every commit to the disk, which was most of the wait);
# COMPTOIR_TEST_TMPDIR names another folder.
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LOG=$BUILD/test-logs
rm -rf "$LOG"
mkdir -p "$LOG/taken" "$LOG/results"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
export COMPTOIR_ROOT="$ROOT"

# A memory file system (tmpfs) with at least 512 MB free (a run takes 150 MB),
# else $TMPDIR.
memory_tmp() {
    for d in /dev/shm "${XDG_RUNTIME_DIR:-}"; do
        [ -n "$d" ] && [ -d "$d" ] && [ -w "$d" ] || continue
        [ "$(stat -f -c %T "$d" 2>/dev/null)" = tmpfs ] || continue
        [ "$(df -Pk "$d" | awk 'NR == 2 { print $4 }')" -ge 524288 ] 2>/dev/null || continue
        echo "$d"
        return 0
    done
    echo "${TMPDIR:-/tmp}"
}
TMPROOT=$(mktemp -d "${COMPTOIR_TEST_TMPDIR:-$(memory_tmp)}/comptoir.XXXXXX") || exit 1
trap 'rm -rf "$TMPROOT"' EXIT
trap 'exit 130' INT TERM HUP
export TMPDIR="$TMPROOT"
# Demo databases made once per run by the plain binary and copied by the
# tests that ask for them (demo_db in tests/lib.sh).
export COMPTOIR_FIXTURES="$TMPROOT/fixtures" COMPTOIR_FIXTURE_BIN="$BUILD/comptoir"
mkdir -p "$COMPTOIR_FIXTURES"

want() { [ -z "$COMPTOIR_TEST_ONLY" ] || echo "$1" | grep -q "$COMPTOIR_TEST_ONLY"; }

# Each result line ends with the time its test took (" 12.3s"); the times
# also go to BUILD/test-logs/times (seconds NAME), slowest first at the end,
# and to BUILD/test-logs/timeline (START END NAME, seconds into the run).
now_ms() {
    t=$(date +%s%N)
    echo $((t / 1000000))
}
took() { # $1 = start in ms, $2 = name; prints " N.Ns" and records it
    t=$(now_ms)
    d=$((t - $1))
    printf '%d.%d %s\n' $((d / 1000)) $((d % 1000 / 100)) "$2" >>"$LOG/times"
    # when it started and ended, in seconds from the start of the run
    echo "$((($1 - start_ms) / 1000)) $(((t - start_ms) / 1000)) $2" >>"$LOG/timeline"
    printf ' %d.%ds' $((d / 1000)) $((d % 1000 / 100))
}
logfile() { echo "$LOG/$(echo "$1" | tr / _).log"; }
# result NAME PASSED FAILED LINE: a job's counts, and its line printed whole.
result() {
    echo "$2 $3 $1" >>"$LOG/results/$(echo "$1" | tr / _)"
    printf '%s\n' "$4"
}

run_unit() { # $1 = binary, $2 = name
    out=$(logfile "$2")
    t0=$(now_ms)
    (cd "$BUILD" && "$1") >"$out" 2>&1
    rc=$?
    dt=$(took "$t0" "$2")
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
    p=${p:-0} f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed or sanitizer report
    if [ "$f" -ne 0 ]; then
        result "$2" "$p" "$f" "FAIL $2 ($p passed, $f failed)$dt — $out
$(grep -E '^\[  (FAILED|ERROR)|ERROR:|runtime error' "$out" | head -5)"
    else
        result "$2" "$p" 0 "ok   $2 ($p)$dt"
    fi
}

run_shell() { # $1 = script, $2 = binary, $3 = name
    out=$(logfile "$3")
    t0=$(now_ms)
    COMPTOIR="$2" sh "$1" >"$out" 2>&1
    rc=$?
    dt=$(took "$t0" "$3")
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - script exited $rc" >>"$out"
    fi
    if [ "$f" -ne 0 ]; then
        result "$3" "$p" "$f" "FAIL $3 ($p passed, $f failed)$dt — $out
$(grep '^not ok' "$out" | head -5)"
    else
        result "$3" "$p" 0 "ok   $3 ($p)$dt"
    fi
}

run_check() { # $1 = name, then the command; one check each
    name="check/$1"
    shift
    out=$(logfile "$name")
    t0=$(now_ms)
    "$@" >"$out" 2>&1
    rc=$?
    dt=$(took "$t0" "$name")
    if [ "$rc" -eq 0 ]; then
        result "$name" 1 0 "ok   $name (1)$dt"
    else
        result "$name" 0 1 "FAIL $name$dt — $out
$(head -5 "$out")"
    fi
}

# fuzz/NAME: every corpus and crash file of tests/fuzz replayed, then
# FUZZ_SECONDS of fuzzing from the corpus (new inputs stay in BUILD). A
# crash leaves its input in BUILD/fuzz; copy it to tests/fuzz/crashes/NAME/
# so that it is replayed from then on. Skipped (said, not counted) when the
# fuzzers could not be built: clang is missing (make deps installs it).
run_fuzz() { # $1 = target, $2 = regressions | run
    bin=$BUILD/fuzz/fuzz_$1
    if [ ! -x "$bin" ]; then
        [ "$2" = run ] && echo "skip fuzz/$1: not built (clang missing? make deps)"
        return 0
    fi
    work=$BUILD/fuzz/corpus-$1
    mkdir -p "$work" "$BUILD/fuzz/found"
    if [ "$2" = regressions ]; then
        run_check "fuzz/$1-regressions" "$bin" -runs=0 "$ROOT/tests/fuzz/corpus/$1" "$ROOT/tests/fuzz/crashes/$1"
    else
        run_check "fuzz/$1-run" "$bin" -max_total_time="${FUZZ_SECONDS:-25}" -timeout=10 -rss_limit_mb=1024 \
            -artifact_prefix="$BUILD/fuzz/found/$1-" "$work" "$ROOT/tests/fuzz/corpus/$1"
    fi
}

# The sanitizer build, when make test hands it over: its output in the log,
# its gate (BUILD/test-logs/gate.san) open once it is done or failed.
build_san() {
    out=$(logfile build/san)
    t0=$(now_ms)
    sh -c "$COMPTOIR_SAN_MAKE" >"$out" 2>&1
    rc=$?
    dt=$(took "$t0" build/san)
    if [ "$rc" -eq 0 ]; then
        echo ok >"$LOG/gate.san"
        printf 'built san%s\n' "$dt"
    else
        result build/san 0 1 "FAIL build/san (the san tests are not run)$dt — $out
$(grep -E 'error|Error' "$out" | head -5)"
        echo failed >"$LOG/gate.san"
    fi
}

# ---- the jobs: GATE|KIND|ARG|NAME, one a line; GATE is "-" or a build the
# job waits for. Then sorted longest first by their last times.
{
    want check/layers && echo "-|check|layers sh $ROOT/tools/check_layers.sh|check/layers"
    want check/format && echo "-|check|format make -s -C $ROOT format-check|check/format"
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] && [ -f "$t" ] && want "unit/${t##*/}" && echo "-|unit|$t|unit/${t##*/}"
    done
    for t in "$ROOT"/tests/cli/*.sh; do
        n=$(basename "$t" .sh)
        want "cli/$n" && echo "-|cli|$t|cli/$n"
    done
    if [ -z "$COMPTOIR_TEST_FAST" ]; then
        for t in "$ROOT"/tests/e2e/*.sh; do
            n=$(basename "$t" .sh)
            want "e2e/$n" && echo "-|e2e|$t|e2e/$n"
        done
        # the san tests wait for the san build when this run makes it
        gate=-
        [ -n "$COMPTOIR_SAN_MAKE" ] && gate=san
        if [ "$gate" = san ] || [ -x "$BUILD/san/comptoir" ]; then
            for t in "$ROOT"/tests/unit/test_*.c; do
                n=$(basename "$t" .c)
                want "san-unit/$n" && echo "$gate|san-unit|$BUILD/san/tests/$n|san-unit/$n"
            done
            for t in "$ROOT"/tests/cli/*.sh; do
                n=$(basename "$t" .sh)
                want "san-cli/$n" && echo "$gate|san-cli|$t|san-cli/$n"
            done
        fi
        for f in csv amount; do
            want "fuzz/$f" || continue
            echo "-|fuzz|$f regressions|check/fuzz/$f-regressions"
            echo "-|fuzz|$f run|check/fuzz/$f-run"
        done
    fi
} >"$LOG/jobs"
grep -q '^san|' "$LOG/jobs" && echo "-|build|san|build/san" >>"$LOG/jobs"
times_file="$BUILD/test-times"
[ -s "$times_file" ] || times_file="$ROOT/tests/times"
# Builds first, then by time, longest first; a test without a time counts 5 s.
awk -F'|' -v times="$times_file" '
    BEGIN { while ((getline l < times) > 0) { split(l, a, " "); t[a[2]] = a[1] } }
    { w = ($2 == "build") ? 1e9 : (($4 in t) ? t[$4] : 5); printf "%s|%s\n", w, $0 }' "$LOG/jobs" |
    sort -t'|' -k1,1 -rn | cut -d'|' -f2- >"$LOG/queue"

# cpu_ms FILE: the CPU time (ms) of a shell's children, from what its
# `times` wrote to FILE (called in $(…), `times` would be another shell's).
cpu_ms() {
    sed -n 2p "$1" | awk '{ for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } }
                          END { printf "%d", s * 1000 }'
}

# run_job GATE|KIND|ARG|NAME WORKER: runs it; its CPU time goes to
# BUILD/test-logs/cpu (NAME cpu SECONDS).
run_job() {
    IFS='|' read -r gate kind arg name <<EOF
$1
EOF
    times >"$LOG/times.$2"
    c0=$(cpu_ms "$LOG/times.$2")
    case " $STORMS " in
    *" $name "*) # the waiting jobs hold off: first say so, then wait for the one running
        : >"$LOG/storm"
        while [ -e "$LOG/light.busy" ]; do sleep 0.1; done
        run_kind
        rm -f "$LOG/storm"
        ;;
    *) run_kind ;;
    esac
    times >"$LOG/times.$2"
    c1=$(cpu_ms "$LOG/times.$2")
    echo "$((c1 - c0))" | awk -v n="$name" '{ printf "%s cpu %.1f\n", n, $1 / 1000 }' >>"$LOG/cpu"
}
run_kind() {
    case $kind in
    build) build_san ;;
    check) run_check $arg ;;
    unit) run_unit "$arg" "$name" ;;
    cli | e2e) run_shell "$arg" "$BUILD/comptoir" "$name" ;;
    san-unit) run_unit "$arg" "$name" ;;
    san-cli) run_shell "$arg" "$BUILD/san/comptoir" "$name" ;;
    fuzz) run_fuzz $arg ;;
    esac
}

# A worker takes the first job of the queue nobody took (mkdir is the lock)
# whose gate is open, runs it, and again; it waits while the only jobs left
# wait for a build, and ends when none is left. The jobs that mostly wait
# (the end-to-end tests wait on the terminal, test_waiting on its holders)
# go to a worker of their own beside the others: it uses little CPU. They
# time what they wait for, so they never run beside a storm of processes
# (STORMS: the soak's twenty).
STORMS="cli/soak"
light() {
    case $1 in
    *"|e2e|"* | *"/test_waiting") return 0 ;;
    *) return 1 ;;
    esac
}
worker() { # $1 = light: the jobs that mostly wait; heavy: the others; $2 = its number
    while :; do
        job="" waiting=0 i=0
        while IFS= read -r line; do
            i=$((i + 1))
            [ -d "$LOG/taken/$i" ] && continue
            if light "$line"; then [ "$1" = light ] || continue; else [ "$1" = heavy ] || continue; fi
            gate=${line%%|*}
            if [ "$gate" != - ] && [ ! -f "$LOG/gate.$gate" ]; then
                waiting=1
                continue
            fi
            mkdir "$LOG/taken/$i" 2>/dev/null || continue
            [ "$gate" = - ] || [ "$(cat "$LOG/gate.$gate")" = ok ] || continue # its build failed: said once
            job=$line
            break
        done <"$LOG/queue"
        if [ -n "$job" ] && [ "$1" = light ]; then
            # busy first, then look for a storm (which, first said, waits for busy to go)
            while :; do
                : >"$LOG/light.busy"
                [ -e "$LOG/storm" ] || break
                rm -f "$LOG/light.busy"
                sleep 0.2
            done
            run_job "$job" "$2" </dev/null
            rm -f "$LOG/light.busy"
        elif [ -n "$job" ]; then
            run_job "$job" "$2" </dev/null
        elif [ "$waiting" -eq 1 ]; then
            sleep 0.2
        else
            return 0
        fi
    done
}

jobs=${COMPTOIR_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$jobs" -ge 2 ] 2>/dev/null || jobs=2
start=$(date +%s)
start_ms=$(now_ms)
worker light 0 &
pids=$!
w=0
while [ "$w" -lt "$jobs" ]; do
    worker heavy $((w + 1)) &
    pids="$pids $!"
    w=$((w + 1))
done
for p in $pids; do wait "$p"; done

passed=0 failed=0 failures=""
for r in "$LOG"/results/*; do
    [ -f "$r" ] || continue
    while read -r p f name; do
        passed=$((passed + p)) failed=$((failed + f))
        [ "$f" -eq 0 ] || failures="$failures $name"
    done <"$r"
done
# A job that was taken but left no counts (its worker died) fails.
i=0
while IFS='|' read -r gate kind arg name; do
    i=$((i + 1))
    [ "$kind" = build ] && continue
    [ "$gate" = - ] || [ "$(cat "$LOG/gate.$gate" 2>/dev/null)" = ok ] || continue
    case $kind in fuzz) [ -x "$BUILD/fuzz/fuzz_${arg%% *}" ] || continue ;; esac
    if [ ! -f "$LOG/results/$(echo "$name" | tr / _)" ]; then
        failed=$((failed + 1)) failures="$failures $name"
        echo "FAIL $name ended without its counts"
    fi
done <"$LOG/queue"
# This run's times, with the last run's for the tests it did not run.
if [ -f "$LOG/times" ]; then
    touch "$BUILD/test-times"
    awk 'FNR == NR { seen[$2] = 1; print; next } !($2 in seen)' "$LOG/times" "$BUILD/test-times" 2>/dev/null |
        sort -rn >"$BUILD/test-times.new" && mv "$BUILD/test-times.new" "$BUILD/test-times"
fi
echo "suite took $(($(date +%s) - start)) s ($jobs jobs at once, and one that waits); slowest:"
sort -rn "$LOG/times" 2>/dev/null | head -15 | sed 's/^/  /'
[ -f "$LOG/cpu" ] && awk '{ split($1, p, "/"); c[p[1]] += $3; t += $3 }
    END { printf "CPU seconds: %d in all;", t; for (k in c) printf " %s %d", k, c[k]; print "" }' "$LOG/cpu"
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
