#!/bin/sh
# run.sh — houvast run with a caseload: --cases, --out, --summary, bad rows
# skipped with exit 3, output in input order, constant memory on a big file.
# Ends with "batch: N passed, M failed"; exit 1 on any failure.
top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=batch
. "$top/tests/lib.sh"
rules="$top/examples/maatwerk_werk_inkomen.hv"
cd "$top/tests/batch" || exit 1

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
# the file's ending in capitals (a file from Windows): a caseload all the same
cp rijen.csv "$work/RIJEN.CSV"
"$hv" run "$rules" --cases "$work/RIJEN.CSV" --peildatum 2026-03-01 >"$work/upper" 2>/dev/null
"$hv" run "$rules" --cases rijen.csv --peildatum 2026-03-01 >"$work/lower" 2>/dev/null
t "--cases X.CSV: read as a caseload, like x.csv" '[ -s "$work/upper" ] && cmp -s "$work/upper" "$work/lower"'
"$hv" run "$rules" --case "$work/RIJEN.CSV" --peildatum 2026-03-01 >"$work/upper1" 2>/dev/null
"$hv" run "$rules" --case rijen.csv --peildatum 2026-03-01 >"$work/lower1" 2>/dev/null
t "--case X.CSV: each case under its own heading, like x.csv" '[ "$(grep -c "^== casus op regel" "$work/upper1")" -eq 3 ] && cmp -s "$work/upper1" "$work/lower1"'
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
# threads: the same lines in the same order as one thread
head -n 3001 "$work/big.csv" >"$work/mid.csv"
"$hv" run "$rules" --cases "$work/mid.csv" --threads 1 --peildatum 2026-03-01 >"$work/t1" 2>/dev/null
"$hv" run "$rules" --cases "$work/mid.csv" --threads 4 --peildatum 2026-03-01 >"$work/t4" 2>/dev/null
t "--threads 4 gives the output of --threads 1, in input order" 'cmp -s "$work/t1" "$work/t4" && [ "$(wc -l <"$work/t1")" -eq 3000 ]'
"$hv" run "$rules" --cases "$work/mid.csv" --threads 0 >/dev/null 2>&1
t "--threads 0 is refused" '[ $? -eq 2 ]'
# a stored caseload: one record per case, in input order, a whole chain
( cd "$work" && "$hv" audit init >/dev/null 2>&1 &&
  HOUVAST_ACTOR=batch "$hv" run "$rules" --cases mid.csv --store --threads 2 --peildatum 2026-03-01 >stored.jsonl 2>stored.err )
t "--store: every case stored" '[ "$(sqlite3 "$work/houvast.db" "SELECT count(*) FROM record")" = 3000 ]'
t "--store: reported after the commit" 'grep -q "stored 3000 records, up to record 3000" "$work/stored.err"'
t "--store: the chain verifies" '( cd "$work" && "$hv" audit verify >/dev/null 2>&1 )'
t "--store: records follow the input order" '[ "$(sqlite3 "$work/houvast.db" "SELECT facts FROM record WHERE id = 2")" = "{\"dreigende_huisuitzetting\":false,\"leeftijd\":19,\"minderjarige_kinderen\":1}" ]'

# --summary alone skips the rules ranked below the deciding ones; with
# --store every rule is evaluated. The tallies must be the same.
awk -f willekeurig.awk >"$work/g.csv"
bb="$top/examples/bijzondere_bijstand.hv"
"$hv" run "$bb" --cases "$work/g.csv" --summary --peildatum 2026-03-02 >"$work/fast" 2>/dev/null
"$hv" run "$bb" --cases "$work/g.csv" --summary --peildatum 2026-03-02 --store --db "$work/g.db" --actor test >"$work/full" 2>/dev/null
t "--summary shortcut: the same tally as evaluating every rule" 'grep -q "^600 casussen besloten" "$work/fast" && cmp -s "$work/fast" "$work/full"'
t "--summary shortcut: the caseload has every kind of status" '(for st in decided undetermined judgement conflict default; do grep -q " $st " "$work/fast" || exit 1; done)'

# A tally of texts and amounts: counted by value in any thread, printed in
# the order of first appearance, the same with one thread or three.
awk 'BEGIN { print "id,n,naam"; for (i = 0; i < 5000; i++) printf "%d,%d,naam%d\n", i, (i + 5) % 12, (i + 5) % 11 }' >"$work/t.csv"
"$hv" run teksten.hv --cases "$work/t.csv" --summary --threads 1 >"$work/t1" 2>/dev/null
"$hv" run teksten.hv --cases "$work/t.csv" --summary --threads 3 >"$work/t3" 2>/dev/null
t "--summary of texts: the same with three threads as with one" 'cmp -s "$work/t1" "$work/t3"'
t "--summary of texts: by value, in the order of first appearance" '[ "$(sed -n 4,5p "$work/t1" | tr -s " ")" = " 417 decided naam5
 417 decided naam6" ] && grep -q "^ *417  default  *niemand$" "$work/t1" && grep -q "^ *417  decided  *16.50$" "$work/t1" && [ "$(grep -c decided "$work/t1")" -eq 22 ]'

# The quick parse in the threads and the careful one that reports must read
# every cell alike: a caseload with every kind of cell, quoted cells over two
# lines, blank lines and mistakes, read one case at a time (--case: only the
# careful path) and as a caseload, also with Windows and old Mac line ends,
# ';' as the delimiter and as JSON Lines.
same_reading() {
    "$hv" run soorten.hv --case "$1" --json >"$work/one.out" 2>"$work/one.err"
    "$hv" run soorten.hv --cases "$1" --threads 2 >"$work/many.out" 2>"$work/many.err"
    [ -s "$work/one.out" ] && cmp -s "$work/one.out" "$work/many.out" &&
        cmp -s "$work/one.err" "$work/many.err" && grep -q "error" "$work/many.err"
}
t "CSV: the quick and the careful reading agree" 'same_reading soorten.csv'
cp soorten.csv "$work/crlf.csv" && sed -i 's/$/\r/' "$work/crlf.csv"
t "CSV with CRLF line ends: the same reading" 'same_reading "$work/crlf.csv" && cmp -s "$work/many.out" "$work/one.out"'
"$hv" run soorten.hv --cases soorten.csv --threads 1 >"$work/lf.out" 2>/dev/null
"$hv" run soorten.hv --cases "$work/crlf.csv" --threads 1 >"$work/crlf.out" 2>/dev/null
t "CSV with CRLF line ends: the same cases as with LF" 'cmp -s "$work/lf.out" "$work/crlf.out"'
tr '\n' '\r' <soorten.csv >"$work/cr.csv"
t "CSV with old Mac line ends (CR): the same reading" 'same_reading "$work/cr.csv"'
t "CSV with old Mac line ends (CR): the same cases as with LF" '[ "$(grep -c . "$work/many.out")" -eq "$(grep -c . "$work/lf.out")" ]'
awk 'BEGIN { FS = ","; OFS = ";" } { $1 = $1; print }' soorten.csv >"$work/semi.csv"
t "CSV with ';' (a Dutch spreadsheet): the same reading" 'same_reading "$work/semi.csv"'
awk -F, 'NR > 1 && NF == 8 && $0 !~ /"/ { printf "{\"id\": \"%s\", \"feiten\": {\"n\": %s}}\n", $1, ($2 == "" ? "null" : $2) }' soorten.csv >"$work/s.jsonl"
printf '{"id": "kapot", "feiten": {"n": "twee"}}\n{niet eens json\n' >>"$work/s.jsonl"
t "JSON Lines: the quick and the careful reading agree" 'same_reading "$work/s.jsonl"'

summary
