#!/bin/sh
# run.sh — houvast fmt: the canonical layout of a messy file, comments kept,
# idempotence (fmt of fmt is fmt) and the same program for every rule file in
# the repository, --check and --write, and a file with errors left alone.
# Ends with "fmt: N passed, M failed"; exit 1 on any failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=fmt
. "$top/tests/lib.sh"

# the layout of a messy file, exactly
if "$hv" fmt "$top/tests/fmt/rommelig.hv" >"$work/out" 2>"$work/err" && cmp -s "$work/out" "$top/tests/fmt/rommelig.expected"
then ok; else bad "rommelig.hv: layout"; diff -u "$top/tests/fmt/rommelig.expected" "$work/out" | head -20; fi

# every rule file: fmt succeeds (which checks the program is the same), is
# idempotent, and keeps every comment
for f in "$top"/examples/*.hv "$top"/tests/stdlib/*.hv "$top"/tests/golden/*/rules.hv "$top"/stdlib/*.hv; do
    name=${f#"$top"/}
    case "$name" in stdlib/*) continue ;; esac   # modules alone have no decisions
    if ! "$hv" fmt "$f" >"$work/once" 2>"$work/err"; then bad "$name: fmt failed"; sed 's/^/     /' "$work/err"; continue; fi
    # format the formatted text beside the original, so that its modules resolve
    copy="$(dirname "$f")/.fmt-check-$$.hv"
    cp "$work/once" "$copy"
    if "$hv" fmt --check "$copy" >/dev/null 2>&1; then ok; else bad "$name: fmt of fmt changes it"; fi
    rm -f "$copy"
    if [ "$(grep -c '#' "$f")" -le "$(grep -c '#' "$work/once")" ]; then ok; else bad "$name: a comment was lost"; fi
done

# --check and --write
cp "$top/tests/fmt/rommelig.hv" "$work/r.hv"
"$hv" fmt --check "$work/r.hv" >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "--check: a messy file exits 1"
"$hv" fmt --write "$work/r.hv" && cmp -s "$work/r.hv" "$top/tests/fmt/rommelig.expected" && ok || bad "--write: rewrites in place"
"$hv" fmt --check "$work/r.hv" && ok || bad "--check: a formatted file exits 0"

# a file with errors is left alone
printf 'feit a getal\n' >"$work/fout.hv"
cp "$work/fout.hv" "$work/fout.orig"
"$hv" fmt --write "$work/fout.hv" >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q "not formatted" "$work/err" && cmp -s "$work/fout.hv" "$work/fout.orig" && ok || bad "a file with errors: refused, untouched"

summary
