#!/bin/sh
# run.sh NAME SECONDS [CORPUS...] — run the libFuzzer harness NAME (rules,
# cases or repl, built by `make fuzz` into $FUZZ_BUILD, default build-fuzz)
# for SECONDS, from the seeds in tests/fuzz/corpus/NAME and any further
# corpus folders given (a grown corpus of an earlier run). What it finds new
# goes to $FUZZ_BUILD/corpus/NAME, a crash, leak, hang or broken property to
# $FUZZ_BUILD/crashes/NAME-*. libFuzzer's output goes to the terminal as it
# comes and, each line headed by the Unix time it came, to $FUZZ_BUILD/NAME.log,
# which tests/fuzz/report.sh sums up at the end (docs/security.md records
# these reports). Exits non-zero when the harness found something.
set -u
if [ $# -lt 2 ]; then
    echo "usage: tests/fuzz/run.sh NAME SECONDS [CORPUS...]" >&2
    exit 2
fi
name=$1 secs=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
b=${FUZZ_BUILD:-build-fuzz}
if [ ! -x "$b/fuzz_$name" ]; then
    echo "run.sh: no harness $b/fuzz_$name (build it with make fuzz)" >&2
    exit 2
fi
mkdir -p "$b/corpus/$name" "$b/crashes" || exit 2
sh "$top/tests/fuzz/dict.sh" "$name" >"$b/$name.dict" || exit 2
log=$b/$name.log
: >"$log"
{
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$b/fuzz_$name" -max_total_time="$secs" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -dict="$b/$name.dict" \
        -artifact_prefix="$b/crashes/$name-" "$b/corpus/$name" "$top/tests/fuzz/corpus/$name" "$@" 2>&1
    echo "$?" >"$b/$name.status"
} | while IFS= read -r line; do
    printf '%s\n' "$line" >&2
    printf '%s %s\n' "$(date +%s)" "$line" >>"$log"
done
status=$(cat "$b/$name.status")
sh "$top/tests/fuzz/report.sh" "$log"
if [ "$status" != 0 ]; then
    echo "run.sh: fuzz_$name found something (exit $status): see $log and $b/crashes/" >&2
    exit 1
fi
