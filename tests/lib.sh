# lib.sh — what the shell test runners share. A runner sets `top` (the top
# of the tree) and SUITE (its name in the summary line) and sources this
# file; it then has:
#
#   hv                      the binary under test: $HOUVAST, else ./houvast
#   work                    a fresh temporary folder, removed at the end
#                           (also when a test left parts of it read-only)
#   ok NAME                 a check that passed (shown with VERBOSE=1)
#   bad NAME [WHY...]       a check that failed; each WHY is a file whose
#                           start is shown, or a text shown as it is
#   bad_diff NAME WANT GOT  a check that failed, with the difference of the
#                           two files
#   t NAME TEST             eval TEST: ok NAME when it holds, else bad NAME
#   skip NAME               a check that cannot run on this machine
#   summary                 prints "SUITE: N passed, M failed" and is the
#                           status of the run (0 when nothing failed)
#
# NO_COLOR is set, so that messages are plain text.

pass=0
fail=0
skipped=0
hv="${HOUVAST:-$top/houvast}"
export NO_COLOR=1

if [ ! -x "$hv" ]; then
    echo "$SUITE: no houvast binary at $hv (run make first)"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/houvast-$SUITE.XXXXXX") || exit 1
cleanup() {
    chmod -R u+w "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

ok() { pass=$((pass + 1)); [ -n "$VERBOSE" ] && echo "ok   $1"; return 0; }

bad() {
    fail=$((fail + 1))
    echo "FAIL $1"
    shift
    for why in "$@"; do
        if [ -f "$why" ]; then head -n 25 "$why" | sed 's/^/     /'
        elif [ -n "$why" ]; then printf '%s\n' "$why" | sed 's/^/     /'
        fi
    done
    return 0
}

bad_diff() {
    fail=$((fail + 1))
    echo "FAIL $1"
    [ -f "$2" ] && [ -f "$3" ] && diff -u "$2" "$3" | head -n 60 | sed 's/^/     /'
    return 0
}

t() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

skip() { skipped=$((skipped + 1)); echo "skip $1"; return 0; }

summary() {
    [ "$skipped" -gt 0 ] && echo "($skipped skipped)"
    echo "$SUITE: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
