#!/bin/sh
# run.sh — end-to-end tests of the audit store through the houvast binary:
# audit init, run --store (one case, a batch), verify (clean, an altered
# record, a deleted record), replay one record and the impact of changed
# rules (text and JSON), consistency before and after an override, list
# with its filters, export as JSON Lines and CSV, the REPL's bewaar and
# afwijken, concurrent writers, a writer killed mid-batch (--case and
# --cases), a read-only database, a full disk (ulimit -f; --case and
# --cases), a damaged database file (not a database, every page wiped in
# turn, cut short), hostile record contents, pseudonymised subjects and the
# actor.
#
# Everything happens in a fresh temporary directory, removed afterwards.
# Uses the sqlite3 shell to look behind the store's back (and to tamper);
# jq or python3 to check JSON when present. As root, the read-only checks
# run as the user nobody (setpriv, else su), or are skipped.
#
# Ends with the line "audit: N passed, M failed"; exit 1 on any failure.
# VERBOSE=1 also prints the checks that pass.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=audit
. "$top/tests/lib.sh"
fix="$top/tests/audit"
rules="$top/examples/maatwerk_werk_inkomen.hv"
cases="$top/examples/cases"
export HOUVAST_ACTOR=consulent-a
unset HOUVAST_KEY_FILE HOUVAST_HISTORY
have_sqlite=1
command -v sqlite3 >/dev/null 2>&1 || have_sqlite=0
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1

out="$work/out"
err="$work/err"

# hv ARGS...: run houvast in the current directory; stdout in $out, stderr
# in $err, the exit status in $rc
hv() {
    "$hv" "$@" >"$out" 2>"$err"
    rc=$?
}

# expect NAME RC [PATTERN_IN_OUT [PATTERN_IN_ERR]]: the exit status and
# (fixed-string) patterns in stdout and stderr
expect() {
    _name=$1 _rc=$2 _po=$3 _pe=$4
    if [ "$rc" != "$_rc" ]; then bad "$_name (exit $rc, expected $_rc)" "$out" "$err"; return 1; fi
    if [ -n "$_po" ] && ! grep -qF -- "$_po" "$out"; then bad "$_name (no '$_po' in stdout)" "$out" "$err"; return 1; fi
    if [ -n "$_pe" ] && ! grep -qF -- "$_pe" "$err"; then bad "$_name (no '$_pe' in stderr)" "$out" "$err"; return 1; fi
    ok "$_name"
    return 0
}

# same NAME GOT WANT
same() {
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got '$2', expected '$3')"; fi
}

# sql DB QUERY: the answer of the sqlite3 shell
sql() { sqlite3 -batch "$1" "$2" 2>&1; }
records() { sql "${1:-houvast.db}" "SELECT count(*) FROM record"; }

# mode FILE: the permission bits as ls shows them (-rw-------)
mode() { ls -l "$1" | cut -c1-10; }

# a JSON Lines file of N cases, all different (leeftijd and kinderen vary)
make_jsonl() {
    awk -v n="$1" -v tag="$3" 'BEGIN {
        for (i = 1; i <= n; i++)
            printf "{\"id\": \"%s-%d\", \"peildatum\": \"2026-03-01\", \"feiten\": {\"leeftijd\": %d, \"minderjarige_kinderen\": %d, \"dreigende_huisuitzetting\": %s, \"kan_zelf_werk_vinden\": %s, \"huurachterstand\": \"%d.%02d\", \"netto_inkomen\": 1700}}\n", tag, i, 18 + i % 50, i % 4, (i % 2 ? "true" : "false"), (i % 3 ? "true" : "false"), 500 + i % 3000, i % 100
    }' >"$2"
}
# the same as CSV
make_csv() {
    awk -v n="$1" -v tag="$3" 'BEGIN {
        print "id,peildatum,leeftijd,minderjarige_kinderen,dreigende_huisuitzetting,kan_zelf_werk_vinden,netto_inkomen"
        for (i = 1; i <= n; i++)
            printf "%s-%d,2026-03-01,%d,%d,%s,%s,%d\n", tag, i, 18 + i % 50, i % 4, (i % 2 ? "ja" : "nee"), (i % 3 ? "ja" : "nee"), 1200 + i
    }' >"$2"
}

# json_ok FILE: every line is valid JSON
json_lines_ok() {
    if [ $have_jq = 1 ]; then
        jq -c . "$1" >/dev/null 2>&1 && [ "$(jq -c . "$1" | wc -l)" -eq "$(wc -l <"$1")" ]
    elif [ $have_py = 1 ]; then
        python3 -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$1" 2>/dev/null
    else
        ! grep -qv '^{.*}$' "$1"
    fi
}

if [ $have_sqlite = 0 ]; then
    echo "audit: the sqlite3 shell is needed (apt-get install sqlite3)"
    exit 1
fi

# ==== init ===========================================================================

mkdir "$work/main" && cd "$work/main" || exit 1
hv audit init
expect "init: exit 0, database and key" 0 "schema 2"
if [ -f houvast.db ] && [ -f houvast.key ]; then ok "init: files made"; else bad "init: files made"; fi
same "init: key file mode 0600" "$(mode houvast.key)" "-rw-------"
if grep -Eqx '[0-9a-f]{64}' houvast.key && [ "$(wc -l <houvast.key)" -eq 1 ]; then ok "init: key is 64 hex characters"
else bad "init: key is 64 hex characters"; fi
same "init: schema version 2" "$(sql houvast.db 'PRAGMA user_version')" 2
same "init: WAL journal" "$(sql houvast.db 'PRAGMA journal_mode')" wal
cp houvast.key "$work/key.copy"
hv audit init
expect "init again: the key is kept" 0 "exists already"
if cmp -s houvast.key "$work/key.copy"; then ok "init again: key unchanged"; else bad "init again: key unchanged"; fi
hv audit verify
expect "verify: empty store" 0 "0 records"
hv audit verify --db nothere.db
expect "verify: no database" 1 "" "audit init"
if [ -e nothere.db ]; then bad "verify: no database made"; else ok "verify: no database made"; fi

# ==== storing ========================================================================

hv run "$rules" --case "$cases/gezin_huisuitzetting.json" --store
expect "store one case" 0 "ondersteuning" "stored as record 1 in houvast.db"
hv run "$rules" --case "$cases/werk_inkomen.csv" --store
expect "store a CSV batch" 0 "" "stored 8 records, up to record 9"
hv run "$rules" --case "$cases/werk_inkomen.jsonl" --store --json
expect "store a JSON Lines batch" 0 "" "stored 3 records, up to record 12"
hv run "$rules" --case "$cases/gezin_huisuitzetting.json" --store --actor consulent-b
expect "store with --actor" 0 "" "stored as record 13"
same "records after storing" "$(records)" 13
same "actor from --actor" "$(sql houvast.db 'SELECT actor FROM record WHERE id = 13')" consulent-b
same "actor from HOUVAST_ACTOR" "$(sql houvast.db 'SELECT actor FROM record WHERE id = 1')" consulent-a
same "case id kept" "$(sql houvast.db 'SELECT case_id FROM record WHERE id = 1')" voorbeeld-2026-0001
same "outcome table indexed" "$(sql houvast.db 'SELECT count(*) FROM outcome')" 39

# no actor: refused, nothing stored
(unset HOUVAST_ACTOR; "$hv" run "$rules" --case "$cases/gezin_huisuitzetting.json" --store >"$out" 2>"$err")
rc=$?
if [ $rc -ne 0 ] && grep -q "actor" "$err" && ! grep -q "stored" "$err"; then ok "no actor: refused"
else bad "no actor: refused (exit $rc)" "$err"; fi
(unset HOUVAST_ACTOR; "$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store --actor "" >"$out" 2>"$err")
rc=$?
if [ $rc -ne 0 ] && grep -q "actor" "$err"; then ok "empty actor: refused"; else bad "empty actor: refused (exit $rc)" "$err"; fi
same "no actor: nothing stored" "$(records)" 13

# a batch with a bad row: the good rows are decided and stored (exit 2)
mkdir "$work/badrow"
printf 'id,leeftijd,minderjarige_kinderen,dreigende_huisuitzetting\nr1,30,1,ja\nr2,dertig,1,ja\nr3,40,2,nee\n' >"$work/badrow/b.csv"
hv run "$rules" --case "$work/badrow/b.csv" --store --db "$work/badrow/b.db"
expect "a bad row: the others stored" 2 "" "stored 2 records, up to record 2"
same "a bad row: the good rows" "$(sql "$work/badrow/b.db" "SELECT group_concat(case_id, ',') FROM record")" "r1,r3"

# ==== subjects and pseudonyms =========================================================

hv run "$rules" --case "$fix/subject.json" --store
expect "subject: stored with the key in the folder" 0 "" "stored as record 14"
pseudo=$(sql houvast.db 'SELECT subject_pseudonym FROM record WHERE id = 14')
if printf '%s\n' "$pseudo" | grep -Eqx '[0-9a-f]{64}'; then ok "subject: a 64-hex pseudonym"; else bad "subject: a 64-hex pseudonym (got '$pseudo')"; fi
hv run "$rules" --case "$fix/subjects.csv" --store
expect "subject: CSV column" 0 "" "stored 3 records, up to record 17"
same "subject: same person, same pseudonym" "$(sql houvast.db 'SELECT count(DISTINCT subject_pseudonym) FROM record WHERE id IN (14, 15, 17)')" 1
same "subject: another person, another pseudonym" "$(sql houvast.db "SELECT count(*) FROM record WHERE id = 16 AND subject_pseudonym <> '$pseudo'")" 1
found=""
for f in houvast.db houvast.db-wal houvast.db-shm; do
    [ -f "$f" ] && grep -q 123456789 "$f" && found="$found $f"
    [ -f "$f" ] && grep -q 987654321 "$f" && found="$found $f"
done
if [ -z "$found" ]; then ok "subject: never in the database file"; else bad "subject: found in$found"; fi
hv audit export --format jsonl
if grep -q 123456789 "$out"; then bad "subject: not in the export"; else ok "subject: not in the export"; fi
# another key is refused: one person must not get two pseudonyms in one database
mkdir "$work/key2" && (cd "$work/key2" && "$hv" audit init --db k2.db >/dev/null 2>&1)
hv run "$rules" --case "$fix/subject.json" --store --key-file "$work/key2/houvast.key"
expect "subject: another key is refused" 1 "" "not the key this database's pseudonyms were made with"
# ... and in a database of its own, another key gives another pseudonym
(cd "$work/key2" && HOUVAST_ACTOR=tester "$hv" run "$rules" --case "$fix/subject.json" --store --db k2.db >/dev/null 2>&1)
same "subject: another key, another pseudonym" "$(sql "$work/key2/k2.db" "SELECT count(*) FROM record WHERE subject_pseudonym <> '$pseudo'")" 1
# with its own key again, the same person gets the same pseudonym
hv run "$rules" --case "$fix/subject.json" --store
expect "subject: stored again under the database's key" 0 "" "stored as record 18"
same "subject: the same pseudonym again" "$(sql houvast.db "SELECT count(*) FROM record WHERE id = 18 AND subject_pseudonym = '$pseudo'")" 1
# no key: refused
mkdir "$work/nokey"
(cd "$work/nokey" && "$hv" run "$rules" --case "$fix/subject.json" --store --db "$work/main/houvast.db" >"$out" 2>"$err")
rc=$?
if [ $rc -ne 0 ] && grep -q "key" "$err" && ! grep -q "stored as" "$err"; then ok "subject without a key: refused"
else bad "subject without a key: refused (exit $rc)" "$err"; fi
# a key others can read: refused
cp houvast.key "$work/open.key" && chmod 644 "$work/open.key"
hv run "$rules" --case "$fix/subject.json" --store --key-file "$work/open.key"
expect "key file mode 0644: refused" 1 "" "chmod 600"
printf 'not a key\n' >"$work/bad.key" && chmod 600 "$work/bad.key"
hv run "$rules" --case "$fix/subject.json" --store --key-file "$work/bad.key"
expect "malformed key file: refused" 1 "" "64 hexadecimal"
same "refused subjects: nothing stored" "$(records)" 18

# ==== verify and tampering ===========================================================

hv audit verify
expect "verify: clean store" 0 "the chain is whole"
grep -qF "18 records" "$out" && ok "verify: counts the records" || bad "verify: counts the records" "$out"
head=$(sql houvast.db 'SELECT hash FROM record WHERE id = 18')
grep -qF "last hash: $head" "$out" && ok "verify: names the last hash" || bad "verify: names the last hash" "$out"

# tamper CHECKNAME SQL: alter a copy of the store, verify it
tamper() {
    rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
    sql houvast.db ".backup '$work/t.db'" >/dev/null
    sql "$work/t.db" "$2" >/dev/null
    hv audit verify --db "$work/t.db"
}
tamper altered "UPDATE record SET actor = 'mallory' WHERE id = 5"
expect "verify: altered actor found" 1 "record 5: the record was altered"
grep -q "^record [0-9]*:" "$out" && ! grep -q "^record [^5]" "$out" && ok "verify: only record 5 named" || bad "verify: only record 5 named" "$out"
grep -q "NOT VERIFIED" "$out" && ok "verify: says NOT VERIFIED" || bad "verify: says NOT VERIFIED" "$out"
tamper outcome "UPDATE record SET result = replace(result, '\"afwijzen\"', '\"toekennen\"') WHERE id = 2"
expect "verify: altered outcome found" 1 "record 2:"
tamper facts "UPDATE record SET facts = replace(facts, '\"leeftijd\":34', '\"leeftijd\":19') WHERE id = 1"
expect "verify: altered facts found" 1 "record 1: the record was altered"
tamper deleted "DELETE FROM outcome WHERE record_id = 7; DELETE FROM record WHERE id = 7"
expect "verify: deleted record is a broken link" 1 "record 8: broken link"
grep -q "record 8: the chain skips" "$out" && ok "verify: deleted record: records missing" || bad "verify: deleted record: records missing" "$out"
tamper prev "UPDATE record SET prev_hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 10"
expect "verify: rewritten prev_hash found" 1 "record 10:"
# the store itself was not touched
hv audit verify
expect "verify: the original is still whole" 0 "the chain is whole"

# hostile contents: a record altered into anything (NULL, not JSON, JSON of
# the wrong shape, deeply nested) must not crash any command that reads it;
# verify must call it altered. (Under check-asan, any undefined behaviour in
# reading it fails the run too.)
vals="NULL|''|'['|5|1.5|'{\"decisions\": [5, \"x\", null, {\"outcome\": [1], \"decision\": 3}]}'|'{\"decisions\": {\"a\": {\"outcome\": {\"x\": 1}, \"status\": 7}}}'|printf('%.*c', 3000, '[')"
[ -n "$HOUVAST_SLOW" ] && vals="'['"   # under valgrind: one of them
crashed="" missed=""
for col in facts result peildatum case_id decision outcome value kind ref_id ruleset_sha256; do
    old_ifs=$IFS; IFS='|'
    for v in $vals; do
        IFS=$old_ifs
        rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
        sql houvast.db ".backup '$work/t.db'" >/dev/null
        sqlite3 -batch "$work/t.db" "UPDATE record SET $col = $v WHERE id = 1" >/dev/null 2>&1 || continue
        hv audit verify --db "$work/t.db"
        # (the override fields of a decision are NULL already)
        case $col=$v in decision=NULL|outcome=NULL|value=NULL|ref_id=NULL) ;; *) grep -q "record 1:" "$out" || missed="$missed $col=$v" ;; esac
        for c in "audit show 1" "replay 1" "audit list" "audit export --format jsonl" "audit export --format csv" \
                 "audit consistency" "audit override 1 ondersteuning = toekennen volgens geen_kinderen_dakloos omdat x" \
                 "replay --all --rules $rules"; do
            hv $c --db "$work/t.db"
            [ "$rc" -ge 99 ] && { crashed="$crashed [$col=$v: $c: exit $rc]"; cat "$err" >&2; }
        done
        IFS='|'
    done
    IFS=$old_ifs
done
same "hostile record: no command crashes" "$crashed" ""
same "hostile record: verify names it" "$missed" ""

# ==== replay ===========================================================================

hv replay 6
expect "replay one record" 0 "opnieuw berekend"
grep -q "bewaard" "$out" && grep -q "gelijk" "$out" && grep -q "ondersteuning" "$out" && ok "replay: stored beside replayed" || bad "replay: stored beside replayed" "$out"
hv replay 999
expect "replay: no such record" 1 "" "no record 999"
hv replay nul
expect "replay: not an id" 2 "" "not a record id"

# impact: a store with the example cases, and rules with another rangorde
mkdir "$work/impact" && cd "$work/impact" || exit 1
"$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store >/dev/null 2>&1
"$hv" run "$rules" --case "$cases/gezin_huisuitzetting.json" --store >/dev/null 2>&1
sed 's/^rangorde geen_kinderen_dakloos > zelf_niet_kunnen > werk_boven_inkomen$/rangorde werk_boven_inkomen > geen_kinderen_dakloos > zelf_niet_kunnen/' "$rules" >swapped.hv
sed 's/te_vergoeden <= €3000/te_vergoeden <= €2000/; s/te_vergoeden > €3000/te_vergoeden > €2000/' "$rules" >amount.hv
if cmp -s "$rules" swapped.hv || cmp -s "$rules" amount.hv; then bad "impact: the changed rule sets differ from the example"; fi
hv replay --all --rules swapped.hv
expect "impact: swapped rangorde" 0 "voor 9 bewaarde casussen"
grep -q "^ondersteuning: 4 van 9 uitkomsten veranderen" "$out" && ok "impact: 4 of 9 ondersteuning change" || bad "impact: 4 of 9 ondersteuning change" "$out"
for id in 3 4 6 9; do
    grep -q "^  record $id: .*-> afwijzen" "$out" || { bad "impact: record $id named" "$out"; continue; }
    ok "impact: record $id named"
done
grep -q "^spoed: 0 van 9" "$out" && ok "impact: spoed unchanged" || bad "impact: spoed unchanged" "$out"
hv replay --all --rules swapped.hv --json
expect "impact: --json" 0 '"decisions"'
if [ $have_jq = 1 ]; then
    same "impact json: cases" "$(jq '.cases' "$out")" 9
    same "impact json: ondersteuning changed" "$(jq '.decisions[] | select(.decision == "ondersteuning") | .changed' "$out")" 4
    same "impact json: which records" "$(jq -c '[.decisions[] | select(.decision == "ondersteuning") | .records[].record]' "$out")" "[3,4,6,9]"
elif [ $have_py = 1 ]; then
    same "impact json: which records" "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
o = [x for x in d["decisions"] if x["decision"] == "ondersteuning"][0]
print(d["cases"], o["changed"], [r["record"] for r in o["records"]])' "$out")" "9 4 [3, 4, 6, 9]"
else
    grep -q '"changed": 4' "$out" && ok "impact json: changed" || bad "impact json: changed" "$out"
fi
hv replay --all --rules amount.hv
expect "impact: a changed amount" 0 "eenmalige_bijdrage: 1 van 9 uitkomsten veranderen"
grep -q "^  record 6: 2150.75 .*-> judgement" "$out" && ok "impact: amount: record 6 to judgement" || bad "impact: amount: record 6 to judgement" "$out"
grep -q "^ondersteuning: 0 van 9" "$out" && ok "impact: amount: ondersteuning unchanged" || bad "impact: amount: ondersteuning unchanged" "$out"
hv replay --all
expect "impact: --all needs --rules" 2
hv replay --all --rules "$rules"
expect "impact: the same rules change nothing" 0 "ondersteuning: 0 van 9"

# ==== consistency and overrides ============================================================

mkdir "$work/cons" && cd "$work/cons" || exit 1
"$hv" run "$rules" --case "$cases/gezin_huisuitzetting.json" --store >/dev/null 2>&1
HOUVAST_ACTOR=consulent-b "$hv" run "$rules" --case "$cases/gezin_huisuitzetting.json" --store >/dev/null 2>&1
hv audit consistency
expect "consistency: equal cases, equal outcomes" 0 "gelijk behandeld"
hv audit override 2 ondersteuning = afwijzen volgens werk_boven_inkomen omdat "de aanvrager heeft inmiddels vast werk"
expect "override: stored" 0 "stored override as record 3 (of record 2)"
same "override: linked" "$(sql houvast.db "SELECT kind, ref_id, decision, outcome, value FROM record WHERE id = 3")" "override|2|ondersteuning|afwijzen|werk_boven_inkomen"
hv audit consistency
expect "consistency: after an override" 1 "de aanvrager heeft inmiddels vast werk"
grep -q "record 1:" "$out" && grep -q "record 2:" "$out" && ok "consistency: names both records" || bad "consistency: names both records" "$out"
hv audit show 3
expect "show: the override" 0 "de aanvrager heeft inmiddels vast werk"
grep -q "de engine besliste: toekennen" "$out" && ok "show: the engine's outcome beside it" || bad "show: the engine's outcome beside it" "$out"
hv audit show 2
expect "show: the decision with its override" 0 "Afwijking"
hv replay 3
expect "replay: an override is not replayed" 1 "" "override of record 2"
# the explanation is worked out again: the first false condition with the
# value of its fact (read from the replayed case, which must still be there)
for i in 1 2 3; do
    hv audit show 1
    if [ $rc = 0 ] && grep -qF "onwaar: leeftijd < 27  (leeftijd = 34)" "$out"; then ok "show: the explanation of a decision (run $i)"
    else
        grep -a "onwaar: leeftijd" "$out" >"$work/show.line"
        bad "show: the explanation of a decision (run $i, exit $rc)" "$work/show.line" "$err"
    fi
done
hv audit override 2 ondersteuning = afwijzen volgens werk_boven_inkomen
expect "override: needs a motivation" 2
hv audit override 9 ondersteuning = afwijzen volgens werk_boven_inkomen omdat "x y"
expect "override: unknown record" 1 "" "no record 9"
hv audit override 3 ondersteuning = afwijzen volgens werk_boven_inkomen omdat "x y"
expect "override: of an override" 1 "" "override"
hv audit override 2 ondersteuning = misschien volgens werk_boven_inkomen omdat "x y"
expect "override: not an outcome" 1 "" "misschien"
hv audit override 2 ondersteuning = afwijzen volgens geld omdat "x y"
expect "override: not a value" 1 "" "geld"
(unset HOUVAST_ACTOR; "$hv" audit override 2 ondersteuning = afwijzen volgens werk_boven_inkomen omdat "x y" >"$out" 2>"$err")
rc=$?
expect "override: needs an actor" 1 "" "actor"
same "override: refusals store nothing" "$(records)" 3
hv audit verify
expect "verify: with an override" 0 "2 decisions, 1 override)"
# a fraction or a text in place of the number of the decision overridden:
# read as that number (or as none), it used to hash as the original did
tamper ref_fraction "UPDATE record SET ref_id = ref_id + 0.25 WHERE id = 3"
expect "verify: an override's ref_id made a fraction is found" 1 "record 3: the record was altered"
tamper ref_text "UPDATE record SET ref_id = 'x' || ref_id WHERE id = 3"
expect "verify: an override's ref_id made a text is found" 1 "record 3: the record was altered"
hv audit show 3 --db "$work/t.db"
expect "show: an override whose ref_id is a text" 0 "Afwijking van record -1"

# the REPL: bewaar, afwijken
printf '%s\n' bewaar bewaar 'afwijken ondersteuning = afwijzen volgens werk_boven_inkomen omdat "heeft al werk gevonden"' >repl.script
"$hv" repl "$rules" --case "$cases/gezin_huisuitzetting.json" --actor consulent-r <repl.script >"$out" 2>"$err"
rc=$?
expect "repl: bewaar and afwijken" 0 "bewaard als record 4"
grep -q "al bewaard als record 4" "$out" && ok "repl: bewaar twice stores once" || bad "repl: bewaar twice stores once" "$out"
same "repl: the records" "$(sql houvast.db "SELECT group_concat(id || ':' || kind || ':' || ifnull(ref_id, '-') || ':' || actor, ' ') FROM record WHERE id >= 4")" "4:decision:-:consulent-r 5:override:4:consulent-r"

# ==== list =============================================================================

cd "$work/main" || exit 1
first_day=$(sql houvast.db 'SELECT substr(min(created_at), 1, 10) FROM record')
# the record lines of a listing (not the header, not the count)
rows() { grep -E '^ *[0-9]+  [0-9]{4}-' "$out"; }
total=$(records)
hv audit list
expect "list: every record" 0 "$total records"
all_undet=$(grep -c "undetermined" "$out")
all_toek=$(grep -c "=toekennen" "$out")
hv audit list --status undetermined
expect "list --status undetermined" 0 "$all_undet record"
if [ "$all_undet" -gt 0 ] && [ "$(rows | wc -l)" -eq "$all_undet" ] && ! rows | grep -qv undetermined; then
    ok "list --status: only undetermined"
else bad "list --status: only undetermined ($all_undet expected)" "$out"; fi
hv audit list --outcome toekennen
expect "list --outcome toekennen" 0 "$all_toek record"
if [ "$all_toek" -gt 0 ] && [ "$(rows | wc -l)" -eq "$all_toek" ] && ! rows | grep -qv "=toekennen"; then ok "list --outcome: only toekennen"
else bad "list --outcome: only toekennen" "$out"; fi
hv audit list --since "$first_day"
expect "list --since the first day" 0 "$total records"
hv audit list --since 2999-01-01
expect "list --since the future" 0 "0 records"
hv audit list --since 1-3-2026
expect "list --since: a bad date" 2 "" "YYYY-MM-DD"
hv audit list --actor consulent-b
expect "list --actor" 0 "1 record"
grep -q "^ *13 .*consulent-b" "$out" && ok "list --actor: record 13" || bad "list --actor: record 13" "$out"

# ==== export ===========================================================================

hv audit export --format jsonl
expect "export jsonl" 0
same "export jsonl: one line per record" "$(wc -l <"$out" | tr -d ' ')" "$total"
if json_lines_ok "$out"; then ok "export jsonl: every line is JSON"; else bad "export jsonl: every line is JSON" "$out"; fi
if [ $have_jq = 1 ]; then
    same "export jsonl: ids in order" "$(jq -r .id "$out" | tr '\n' ' ')" "$(seq 1 "$total" | tr '\n' ' ')"
    same "export jsonl: the hash" "$(jq -r 'select(.id == 5) | .hash' "$out")" "$(sql houvast.db 'SELECT hash FROM record WHERE id = 5')"
fi
hv audit export --format csv
expect "export csv" 0 "id,kind,created_at,actor"
same "export csv: header and one line per record" "$(wc -l <"$out" | tr -d ' ')" "$((total + 1))"
if [ $have_py = 1 ]; then
    same "export csv: rows parse" "$(python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
print(len(rows) - 1, len(set(len(r) for r in rows)))' "$out")" "$total 1"
fi
hv audit export --format csv --out "$work/export.csv"
expect "export --out" 0
same "export --out: the file" "$(wc -l <"$work/export.csv" | tr -d ' ')" "$((total + 1))"
hv audit export --format xml
expect "export: unknown format" 2

# ==== concurrent writers =================================================================

# under valgrind (HOUVAST_SLOW) each writer is so slow that eight of 500
# would wait for each other past the 30 s busy timeout: 50 each there
conc=500
[ -n "$HOUVAST_SLOW" ] && conc=50
make_jsonl "$conc" "$work/c.jsonl" conc
make_csv "$conc" "$work/c.csv" conc
prior=$(records)
pids=""
for w in 1 2 3 4 5 6 7 8; do
    if [ $((w % 2)) = 0 ]; then f="$work/c.jsonl"; else f="$work/c.csv"; fi
    HOUVAST_ACTOR=writer-$w "$hv" run "$rules" --case "$f" --store >/dev/null 2>"$work/w$w.err" &
    pids="$pids $!"
done
wfail=0
for p in $pids; do wait "$p" || wfail=$((wfail + 1)); done
same "concurrent: every writer succeeds" "$wfail" 0
same "concurrent: exactly 8 x $conc more records" "$(records)" "$((prior + 8 * conc))"
same "concurrent: ids without gaps" "$(sql houvast.db 'SELECT max(id) - count(*) FROM record')" 0
same "concurrent: $conc per writer, each in one piece" \
    "$(sql houvast.db "SELECT count(*) FROM (SELECT actor FROM record WHERE actor LIKE 'writer-%' GROUP BY actor HAVING count(*) = $conc AND max(id) - min(id) = $((conc - 1)))")" 8
same "concurrent: each says stored" "$(grep -l "stored $conc records" "$work"/w*.err | wc -l | tr -d ' ')" 8
same "concurrent: the time never goes back along the chain" \
    "$(sql houvast.db 'SELECT count(*) FROM record a JOIN record b ON b.id = a.id + 1 WHERE b.created_at < a.created_at')" 0
hv audit verify
expect "concurrent: one valid chain" 0 "the chain is whole"

# ==== a writer killed mid-batch ============================================================

# killed DIR LABEL UNIT N ARGS...: in a fresh folder with a few records,
# start `houvast run RULES ARGS FILE --store` on N new cases, kill -9 it once
# a UNIT of records is stored (or after a minute: valgrind on a busy
# machine), and check that only whole units were kept, the chain verifies,
# and storing goes on where it stopped
killed() {
    dir=$1 label=$2 unit=$3 total=$4
    shift 4
    mkdir "$work/$dir" && cd "$work/$dir" || exit 1
    "$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store >/dev/null 2>&1
    prior=$(records)
    make_jsonl "$total" big.jsonl "$dir"
    "$hv" run "$rules" "$@" big.jsonl --store >/dev/null 2>kill.err &
    pid=$!
    tries=0
    while [ "$tries" -lt 600 ]; do
        n=$(records 2>/dev/null)
        case $n in ''|*[!0-9]*) n=0 ;; esac
        [ "$n" -ge $((prior + unit)) ] && break
        sleep 0.1 2>/dev/null || sleep 1
        tries=$((tries + 1))
    done
    if ! kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null
        bad "$label: the writer finished before it could be killed"
        return
    fi
    wait "$pid" 2>/dev/null
    added=$(($(records) - prior))
    if [ "$added" -lt "$total" ] && [ "$added" -ge "$unit" ]; then ok "$label: stopped mid-way ($added stored)"
    else bad "$label: stopped mid-way ($added stored)" kill.err; fi
    same "$label: whole units only" "$((added % unit))" 0
    hv audit verify
    expect "$label: verify" 0 "the chain is whole"
    hv run "$rules" "$@" "$cases/werk_inkomen.jsonl" --store
    expect "$label: storing goes on" 0 "" "stored 3 records"
    same "$label: the chain goes on" "$(sql houvast.db 'SELECT max(id) - count(*) FROM record')" 0
}
killed kill "killed, --case" 500 20000 --case                    # chunks of 500
killed killc "killed, --cases" 1024 30000 --threads 2 --cases    # blocks of 1,024 on two threads

# ==== a read-only database ==================================================================

mkdir "$work/ro" "$work/ro/in" && cd "$work/ro" || exit 1
"$hv" run "$rules" --case "$cases/gezin_huisuitzetting.json" --store --db "$work/ro/ro.db" >/dev/null 2>&1
cp "$rules" "$cases/werk_inkomen.csv" "$work/ro/in/"
chmod 755 "$work" "$work/ro" "$work/ro/in" && chmod 644 "$work/ro/in/"*
as=""
if [ "$(id -u)" != 0 ]; then
    as="plain"
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as="setpriv"
elif su nobody -s /bin/sh -c true 2>/dev/null; then
    as="su"
fi
# as_user CMD ARGS...: run as the unprivileged user (as root: nobody)
as_user() {
    case $as in
    plain) "$@" ;;
    setpriv) setpriv --reuid=65534 --regid=65534 --clear-groups "$@" ;;
    su) su nobody -s /bin/sh -c 'cd "$0" && exec "$@"' "$PWD" "$@" ;;
    esac
}
if [ -n "$as" ] && ! as_user test -x "$hv" 2>/dev/null; then as=""; fi
if [ -z "$as" ]; then
    skip "read-only database: running as root, and neither setpriv nor su can switch to nobody"
else
    chmod 444 ro.db && chmod 555 "$work/ro"
    cd "$work/ro/in" || exit 1
    as_user env NO_COLOR=1 HOUVAST_ACTOR=a "$hv" run maatwerk_werk_inkomen.hv --case werk_inkomen.csv --store --db "$work/ro/ro.db" >"$out" 2>"$err"
    rc=$?
    expect "read-only: storing refused" 1 "" "read-only"
    grep -q "stored as\|stored [0-9]" "$err" && bad "read-only: no stored message" "$err" || ok "read-only: no stored message"
    as_user env NO_COLOR=1 "$hv" audit verify --db "$work/ro/ro.db" >"$out" 2>"$err"
    rc=$?
    expect "read-only: the auditor can still verify" 0 "the chain is whole"
    chmod 755 "$work/ro" && chmod 644 "$work/ro/ro.db"
    cd "$work/ro" || exit 1
    same "read-only: no partial record" "$(records ro.db)" 1
    # a writable folder, a read-only file
    chmod 444 ro.db && chmod 777 "$work/ro"
    cd "$work/ro/in" || exit 1
    as_user env NO_COLOR=1 HOUVAST_ACTOR=a "$hv" run maatwerk_werk_inkomen.hv --case werk_inkomen.csv --store --db "$work/ro/ro.db" >"$out" 2>"$err"
    rc=$?
    expect "read-only file: storing refused" 1 "" "read-only"
    cd "$work/ro" || exit 1
    chmod 755 "$work/ro" && chmod 644 ro.db
    same "read-only file: no partial record" "$(records ro.db)" 1
fi

# ==== a full disk ===========================================================================

mkdir "$work/full" && cd "$work/full" || exit 1
"$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store >/dev/null 2>&1
prior=$(records)
make_jsonl 2000 full.jsonl full
# RLIMIT_FSIZE of 3000 blocks (1.5 or 3 MB): the database cannot grow far
(ulimit -f 3000 && exec "$hv" run "$rules" --case full.jsonl --store >/dev/null 2>"$err")
rc=$?
if [ $rc -ne 0 ] && [ $rc -lt 128 ]; then ok "full disk: an error, not a signal (exit $rc)"; else bad "full disk: an error, not a signal (exit $rc)" "$err"; fi
grep -qi "disk.*full\|full.*disk" "$err" && ok "full disk: says so" || bad "full disk: says so" "$err"
added=$(($(records) - prior))
if [ "$added" -lt 2000 ] && [ $((added % 500)) = 0 ]; then ok "full disk: whole chunks only ($added)"; else bad "full disk: whole chunks only ($added)"; fi
if grep -q "stored [0-9]* records" "$err" && [ "$added" = 0 ]; then bad "full disk: says stored but stored nothing" "$err"; fi
hv audit verify
expect "full disk: verify afterwards" 0 "the chain is whole"
hv run "$rules" --case "$cases/werk_inkomen.jsonl" --store
expect "full disk: storing goes on with space" 0 "" "stored 3 records"

# the same with a caseload: --cases commits blocks of 1,024, decided by two
# threads; what it says it stored must be there, up to the record it names
mkdir "$work/fullc" && cd "$work/fullc" || exit 1
make_jsonl 8000 fullc.jsonl fullc
# 6000 blocks (3 MB in dash, 6 MB in bash): room for some blocks, not all
(ulimit -f 6000 && exec "$hv" run "$rules" --cases fullc.jsonl --store --threads 2 >/dev/null 2>"$err")
rc=$?
if [ $rc -ne 0 ] && [ $rc -lt 128 ]; then ok "full disk, --cases: an error, not a signal (exit $rc)"
else bad "full disk, --cases: an error, not a signal (exit $rc)" "$err"; fi
grep -qi "disk.*full\|full.*disk" "$err" && ok "full disk, --cases: says so" || bad "full disk, --cases: says so" "$err"
n=$(records)
if [ "$n" -gt 0 ] && [ "$n" -lt 8000 ] && [ $((n % 1024)) = 0 ]; then ok "full disk, --cases: some whole blocks ($n)"
else bad "full disk, --cases: some whole blocks ($n)" "$err"; fi
said=$(sed -n 's/.*stored \([0-9]*\) records, up to record \([0-9]*\).*/\1 \2/p' "$err")
same "full disk, --cases: says what it stored, up to the last record kept" "$said" \
    "$n $(sql houvast.db 'SELECT max(id) FROM record')"
hv audit verify
expect "full disk, --cases: verify afterwards" 0 "the chain is whole"

# ==== migration from version 1, by several processes at once =====================================

mkdir "$work/migrate" && cd "$work/migrate" || exit 1
"$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store >/dev/null 2>&1
want=$(sql houvast.db "SELECT group_concat(x, ';') FROM (SELECT record_id || decision || status || ifnull(outcome, '-') AS x FROM outcome ORDER BY 1)")
sql houvast.db "DROP TABLE outcome; PRAGMA user_version = 1;" >/dev/null
same "migration: a version-1 store" "$(sql houvast.db 'PRAGMA user_version')" 1
pids=""
for i in 1 2 3 4; do
    "$hv" audit list --status undetermined >"$work/m$i.out" 2>&1 &
    pids="$pids $!"
done
mfail=0
for p in $pids; do wait "$p" || mfail=$((mfail + 1)); done
same "migration: every opener succeeds" "$mfail" 0
same "migration: version 2" "$(sql houvast.db 'PRAGMA user_version')" 2
same "migration: the outcomes filled again, once" \
    "$(sql houvast.db "SELECT group_concat(x, ';') FROM (SELECT record_id || decision || status || ifnull(outcome, '-') AS x FROM outcome ORDER BY 1)")" "$want"
grep -q "^1 record$" "$work/m1.out" && ok "migration: the filter works at once" || bad "migration: the filter works at once" "$work/m1.out"

# ==== a database from a newer houvast ===========================================================

cd "$work/main" || exit 1
sql "$work/new.db" "CREATE TABLE x (a); PRAGMA user_version = 99;" >/dev/null
hv audit verify --db "$work/new.db"
expect "newer schema: refused" 1 "" "newer houvast"
hv run "$rules" --case "$cases/gezin_huisuitzetting.json" --store --db "$work/new.db"
expect "newer schema: nothing stored" 1 "" "99"
same "newer schema: untouched" "$(sql "$work/new.db" 'PRAGMA user_version')" 99

# ==== a damaged database file ====================================================================

mkdir "$work/damaged" && cd "$work/damaged" || exit 1
# a file that is no database at all: every command refuses it and leaves it be
yes 'dit is geen database' | head -c 40000 >garbage.db
cp garbage.db garbage.orig
for c in "audit init" "audit verify" "audit list" "audit show 1" "audit export" "audit consistency"; do
    hv $c --db garbage.db
    expect "not a database: $c refused" 1 "" "damaged or not a Houvast database"
done
hv run "$rules" --case "$cases/werk_inkomen.csv" --store --db garbage.db
expect "not a database: nothing stored" 1 "" "damaged or not a Houvast database"
cmp -s garbage.db garbage.orig && ok "not a database: the file is untouched" || bad "not a database: the file is untouched"

# a real store with one page wiped, each page in turn: verify finds it, and a
# writer either stores (and says so) or says nothing was stored (or that it
# cannot open the database: then nothing was decided either)
"$hv" audit init >/dev/null 2>&1 && for i in 1 2 3 4 5 6; do
    "$hv" run "$rules" --case "$cases/werk_inkomen.csv" --store >/dev/null 2>&1
done
sql houvast.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
pages=$(sql houvast.db "PRAGMA page_count")
psize=$(sql houvast.db "PRAGMA page_size")
missed="" crashed="" unclear=""
for p in $(seq 1 "$pages"); do
    cp houvast.db wiped.db
    head -c "$psize" /dev/zero | dd of=wiped.db bs="$psize" seek=$((p - 1)) count=1 conv=notrunc 2>/dev/null
    hv audit verify --db wiped.db
    [ "$rc" -ge 128 ] && crashed="$crashed $p"
    if [ "$rc" != 1 ] || ! grep -qi "damaged\|altered\|broken\|missing\|does not match" "$out" "$err"; then missed="$missed $p"; fi
    hv run "$rules" --case "$cases/werk_inkomen.csv" --store --db wiped.db
    [ "$rc" -ge 128 ] && crashed="$crashed $p"
    if ! { [ "$rc" = 0 ] && grep -q "stored 8 records" "$err"; } && ! { [ "$rc" = 1 ] && grep -q "nothing was stored\|damaged or not a Houvast database" "$err"; }; then
        unclear="$unclear $p"
    fi
done
same "wiped page: verify finds every one of $pages" "$missed" ""
same "wiped page: no crash" "$crashed" ""
same "wiped page: a writer stores and says so, or says nothing was stored" "$unclear" ""
# cut short, as by a copy that did not finish
cp houvast.db cut.db && truncate -s $((psize * pages / 2)) cut.db
hv audit verify --db cut.db
expect "cut short: verify says damaged" 1 "" "damaged"
# the original was never touched by all this
hv audit verify
expect "damaged copies: the original still verifies" 0 "the chain is whole"

# ==== text that is not UTF-8 cannot slip out of the hash ============================================

hv audit override 1 ondersteuning = toekennen volgens geen_kinderen_dakloos omdat "$(printf 'reden \377')"
expect "override: a motivation that is not UTF-8 is refused" 1 "" "not valid UTF-8"
hv audit override 1 ondersteuning = toekennen volgens geen_kinderen_dakloos omdat "goede reden" --actor "$(printf 'jos\351')"
expect "override: an actor that is not UTF-8 is refused" 1 "" "not valid UTF-8"
n=$(records)
tamper "not UTF-8 in a record" "UPDATE record SET actor = CAST(X'6D616C6C6F7279FF' AS TEXT) WHERE id = 2"
expect "verify: a field made not UTF-8 is an altered record" 1 "record 2: the record was altered"
same "not UTF-8: nothing stored" "$(records)" "$n"

summary
