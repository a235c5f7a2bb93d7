#!/bin/sh
# run.sh — end-to-end transcripts of `houvast repl` without a terminal: a
# consulent's commands are piped in, and everything the REPL prints is
# compared byte for byte with what is expected.
#
#   tests/repl/NAME.script    the commands (and interview answers), one a line
#   tests/repl/NAME.args      the arguments of `houvast repl`, relative to
#                             tests/repl/ (e.g. ../../examples/x.hv --peildatum
#                             2026-03-01); may be empty or missing
#   tests/repl/NAME.expected  stdout and stderr together, exactly as from
#                             cd tests/repl && NO_COLOR=1 ../../houvast repl \
#                                 $(cat NAME.args) < NAME.script > out 2>&1
#   tests/repl/NAME.exit      the expected exit status, when not 0 (the REPL
#                             exits 1 without a terminal when a command failed)
#
# Scripts that save a case write it to /tmp/houvast-repl-*.json; those files
# are removed before each transcript.
#
# UPDATE=1 sh tests/repl/run.sh rewrites the expected files (and .exit):
# read every changed transcript as a consulent would before committing it.
# Ends with the line "repl: N passed, M failed"; exit 1 on any failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=repl
. "$top/tests/lib.sh"
dir="$top/tests/repl"
out=$work
unset HOUVAST_HISTORY

for script in "$dir"/*.script; do
    [ -f "$script" ] || continue
    name=$(basename "$script" .script)
    args=""
    [ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
    want_exit=0
    [ -f "$dir/$name.exit" ] && want_exit=$(cat "$dir/$name.exit")
    actual="$out/$name.out"
    rm -f /tmp/houvast-repl-*.json
    # shellcheck disable=SC2086
    (cd "$dir" && "$hv" repl $args <"$name.script" >"$actual" 2>&1)
    rc=$?
    if [ -n "$UPDATE" ]; then
        cp "$actual" "$dir/$name.expected"
        if [ "$rc" = 0 ]; then rm -f "$dir/$name.exit"; else echo "$rc" >"$dir/$name.exit"; fi
        ok "$name"
        continue
    fi
    if [ ! -f "$dir/$name.expected" ]; then
        bad "$name (no expected file $name.expected)"
        continue
    fi
    if ! cmp -s "$dir/$name.expected" "$actual"; then
        bad_diff "$name" "$dir/$name.expected" "$actual"
        continue
    fi
    if [ "$rc" != "$want_exit" ]; then
        bad "$name (exit $rc, expected $want_exit)"
        continue
    fi
    ok "$name"
done
rm -f /tmp/houvast-repl-*.json

summary
