#!/bin/sh
# coverage.sh NAME [CORPUS...] — which source lines the corpus of the
# libFuzzer harness NAME (rules, cases or repl) reaches. Runs cov_NAME, the
# harness built with clang's source-based coverage and no sanitizers (make
# fuzz-coverage builds it into $FUZZ_COV_BUILD, default build-fuzz-cov), once
# over every input of the seeds in tests/fuzz/corpus/NAME, the corpus the
# runs grew ($FUZZ_BUILD/corpus/NAME, default build-fuzz) and any further
# corpus folders given, without mutating anything. Writes the table of lines
# and functions reached per source file to $FUZZ_COV_BUILD/NAME.txt (and
# prints it), and the sources with the count of every line to
# $FUZZ_COV_BUILD/html/NAME/index.html. What a harness never reaches is where
# its seeds or its dictionary fall short.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/fuzz/coverage.sh NAME [CORPUS...]" >&2
    exit 2
fi
name=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
b=${FUZZ_COV_BUILD:-build-fuzz-cov}
grown=${FUZZ_BUILD:-build-fuzz}/corpus/$name
bin=$b/cov_$name
if [ ! -x "$bin" ]; then
    echo "coverage.sh: no harness $bin (build it with make fuzz-coverage)" >&2
    exit 2
fi
for tool in llvm-profdata llvm-cov; do
    command -v $tool >/dev/null || { echo "coverage.sh: $tool is missing (make deps installs llvm)" >&2; exit 2; }
done
set -- "$top/tests/fuzz/corpus/$name" "$@"
[ -d "$grown" ] && set -- "$grown" "$@"
for d in "$@"; do
    [ -d "$d" ] || { echo "coverage.sh: no corpus folder $d" >&2; exit 2; }
done
rm -f "$b/$name.profraw" "$b/$name.profdata"
# -runs=0: run every input of the folders once and stop; nothing is written
# to them. A harness that stops on an input (a broken property) says so here.
if ! LLVM_PROFILE_FILE=$b/$name.profraw "$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 "$@" \
        >"$b/$name.run.log" 2>&1; then
    echo "coverage.sh: cov_$name stopped on an input; see $b/$name.run.log" >&2
    tail -n 5 "$b/$name.run.log" >&2
    exit 1
fi
inputs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$b/$name.run.log")
llvm-profdata merge -sparse -o "$b/$name.profdata" "$b/$name.profraw" || exit 1
# the harness itself is not what is measured
skip='(^|/)tests/'
{
    echo "cov_$name over ${inputs:-?} inputs from: $*"
    llvm-cov report "$bin" -instr-profile="$b/$name.profdata" -ignore-filename-regex="$skip" \
        -show-region-summary=false -show-branch-summary=false -show-instantiation-summary=false |
        awk '/^$/ { blank = 1; next }
             /^Files which contain no functions/ { skip = 1; blank = 0; next }
             skip && /^---/ { skip = 0 }
             !skip { if (blank) print ""; blank = 0; print }'
} >"$b/$name.txt" || exit 1
rm -rf "$b/html/$name"
llvm-cov show "$bin" -instr-profile="$b/$name.profdata" -ignore-filename-regex="$skip" \
    -format=html -show-line-counts -output-dir="$b/html/$name" || exit 1
cat "$b/$name.txt"
echo "line by line: $b/html/$name/index.html"
