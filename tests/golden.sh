#!/bin/sh
# golden.sh — end-to-end tests of the houvast binary against expected output.
#
#   tests/golden/NAME/    rules.hv, case.json (or case.csv / case.jsonl),
#                         expected.json, optional `args` (extra options for
#                         `houvast run`, e.g. --trace) and `exit` (expected
#                         exit status, default 0). Compared byte for byte.
#   tests/bad/rules/X.hv  a bad rule file; X.err is the exact stderr of
#                         `houvast check X.hv` (exit 1).
#   tests/bad/cases/X.*   a bad case file for tests/bad/cases/rules.hv; X.err
#                         is the exact stderr of `houvast run` (exit 2).
#
# UPDATE=1 sh tests/golden.sh rewrites the expected files: review the diff.
# Ends with the line "N passed, M failed"; exit 1 on any failure.

top=$(cd "$(dirname "$0")/.." && pwd)
SUITE=golden
. "$top/tests/lib.sh"
out="$top/tests/out"          # kept after the run, to look at
rm -rf "$out"
mkdir -p "$out"

# compare NAME EXPECTED ACTUAL
compare() {
    if [ -n "$UPDATE" ]; then cp "$3" "$2"; ok "$1"; return; fi
    if [ ! -f "$2" ]; then bad "$1 (no expected file $2)"; return; fi
    if cmp -s "$2" "$3"; then ok "$1"; else bad_diff "$1" "$2" "$3"; fi
}

for dir in "$top"/tests/golden/*/; do
    [ -f "$dir/rules.hv" ] || continue
    name=golden/$(basename "$dir")
    case_file=$(ls "$dir" | grep -E '^case\.(json|jsonl|csv)$' | head -n 1)
    args=""
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    want_exit=0
    [ -f "$dir/exit" ] && want_exit=$(cat "$dir/exit")
    actual="$out/$(basename "$dir").json"
    # shellcheck disable=SC2086
    (cd "$dir" && "$hv" run rules.hv --case "$case_file" --json $args >"$actual" 2>"$actual.err")
    rc=$?
    if [ "$rc" != "$want_exit" ]; then
        bad "$name (exit $rc, expected $want_exit)" "$actual.err"
        continue
    fi
    compare "$name" "$dir/expected.json" "$actual"
done

for f in "$top"/tests/bad/rules/*.hv; do
    [ -f "$f" ] || continue
    base=$(basename "$f" .hv)
    actual="$out/bad-$base.err"
    (cd "$top/tests/bad/rules" && "$hv" check "$base.hv" >/dev/null 2>"$actual")
    rc=$?
    if [ "$rc" != 1 ]; then bad "bad/rules/$base.hv (exit $rc, expected 1)"; continue; fi
    compare "bad/rules/$base.hv" "${f%.hv}.err" "$actual"
done

for f in "$top"/tests/bad/cases/*; do
    case "$f" in *.json|*.jsonl|*.csv) ;; *) continue ;; esac
    file=$(basename "$f")
    base=${file%.*}
    actual="$out/badcase-$base.err"
    (cd "$top/tests/bad/cases" && "$hv" run rules.hv --case "$file" --json --peildatum 2026-03-01 >/dev/null 2>"$actual")
    rc=$?
    if [ "$rc" != 2 ]; then bad "bad/cases/$file (exit $rc, expected 2)"; continue; fi
    compare "bad/cases/$file" "$top/tests/bad/cases/$base.err" "$actual"
done

summary
