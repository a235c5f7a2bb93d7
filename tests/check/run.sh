#!/bin/sh
# run.sh — the analysis in houvast check: warnings with a location and a
# witness case, --strict makes them errors, a clean file has none.
# Ends with "check: N passed, M failed"; exit 1 on any failure.
top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=check
. "$top/tests/lib.sh"
cd "$top/tests/check" || exit 1
out="$work/out"
"$hv" check waarschuwingen.hv >"$out" 2>&1
rc=$?
t "warnings do not fail the check" '[ $rc -eq 0 ]'
t "conflict possible, located" 'grep -q "waarschuwingen.hv:11:1: warning: conflict possible: rules .laag. (line 10) and .gezin. rank equally" "$out"'
t "conflict: a witness case" 'grep -q "hint: for example inkomen = €1499, kinderen = 2" "$out"'
t "gap without standaard" 'grep -q "warning: gap: no rule decides .hulp. in some cases, and it has no standaard" "$out"'
t "unused fact" 'grep -q "warning: fact .ongebruikt. is not used" "$out"'
t "value without rules" 'grep -q "warning: value .c. has no rules" "$out"'
t "summary counts them" 'grep -q "waarschuwingen.hv: ok (.*; 4 waarschuwingen)" "$out"'
"$hv" check --strict waarschuwingen.hv >"$out" 2>&1
rc=$?
t "--strict: exit 1" '[ $rc -eq 1 ]'
t "--strict: warnings become errors" 'grep -q "waarschuwingen.hv:11:1: error: conflict possible" "$out"'
"$hv" check --strict schoon.hv >"$out" 2>&1
rc=$?
t "a clean file: exit 0 under --strict" '[ $rc -eq 0 ]'
t "a clean file: no warnings" '! grep -q "warning" "$out"'
summary
