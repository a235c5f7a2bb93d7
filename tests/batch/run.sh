#!/bin/sh
# run.sh — houvast run with a caseload: --cases, --out, --summary, bad rows
# skipped with exit 3, output in input order, constant memory on a big file.
# Ends with "batch: N passed, M failed"; exit 1 on any failure.
top=$(cd "$(dirname "$0")/../.." && pwd)
hv="${HOUVAST:-$top/houvast}"
rules="$top/examples/maatwerk_werk_inkomen.hv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top/tests/batch" || exit 1
export NO_COLOR=1
pass=0
fail=0
t() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

"$hv" run "$rules" --cases rijen.csv --peildatum 2026-03-01 >"$work/out" 2>"$work/err"
rc=$?
t "bad rows: exit 3" '[ $rc -eq 3 ]'
t "bad rows: reported with their line" 'grep -q "^rijen.csv:4:1: error: fact .leeftijd." "$work/err" && grep -q "^rijen.csv:5:1: error: this row has more cells" "$work/err"'
t "the rest decided: one JSON line each, in input order" '[ "$(grep -o "\"id\":\"[a-e]\"" "$work/out" | tr -d "\n")" = "\"id\":\"a\"\"id\":\"b\"\"id\":\"e\"" ]'
"$hv" run "$rules" --cases rijen.csv --out "$work/o.jsonl" --peildatum 2026-03-01 >"$work/out" 2>/dev/null
t "--out: the results in the file, nothing on stdout" '[ "$(wc -l <"$work/o.jsonl")" -eq 3 ] && [ ! -s "$work/out" ]'
"$hv" run "$rules" --cases rijen.csv --summary --peildatum 2026-03-01 >"$work/out" 2>/dev/null
t "--summary: counts and skipped rows" 'grep -q "^3 casussen besloten, 2 rijen overgeslagen" "$work/out"'
t "--summary: per decision, status and outcome" 'grep -q "^ *2  decided  *toekennen$" "$work/out" && grep -q "^ *1  undetermined" "$work/out"'
t "--summary: no per-case output" '! grep -q "ruleset" "$work/out"'
"$hv" run "$rules" --cases "$top/examples/cases/gezin_huisuitzetting.json" >/dev/null 2>&1
t "--cases wants a .csv or .jsonl" '[ $? -eq 2 ]'
# a big caseload in constant memory
awk 'BEGIN { print "leeftijd,minderjarige_kinderen,dreigende_huisuitzetting"; for (i = 0; i < 100000; i++) printf "%d,%d,%s\n", 18 + i % 60, i % 4, (i % 3 ? "nee" : "ja") }' >"$work/big.csv"
head -n 1001 "$work/big.csv" >"$work/small.csv"
if command -v /usr/bin/time >/dev/null 2>&1; then
    /usr/bin/time -f "%M" -o "$work/m1" "$hv" run "$rules" --cases "$work/small.csv" --summary --peildatum 2026-03-01 >/dev/null
    /usr/bin/time -f "%M" -o "$work/m2" "$hv" run "$rules" --cases "$work/big.csv" --summary --peildatum 2026-03-01 >"$work/out"
    t "100,000 cases decided" 'grep -q "^100000 casussen besloten" "$work/out"'
    t "memory does not grow with the caseload (1,000 vs 100,000 cases)" '[ "$(cat "$work/m2")" -le $(( $(cat "$work/m1") * 2 )) ]'
else
    "$hv" run "$rules" --cases "$work/big.csv" --summary --peildatum 2026-03-01 >"$work/out"
    t "100,000 cases decided" 'grep -q "^100000 casussen besloten" "$work/out"'
fi
echo "batch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
