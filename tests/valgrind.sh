#!/bin/sh
# valgrind.sh — run ./houvast under valgrind's memcheck, for `make
# check-valgrind`, which points the end-to-end tests at this script (HOUVAST).
# An error or a leak ends the process with status 99 (Houvast never exits
# with it) and is written to a file in $HOUVAST_VG_LOG, one per process;
# check-valgrind fails when any of them is not empty.
top=$(cd "$(dirname "$0")/.." && pwd)
log=${HOUVAST_VG_LOG:-$top/build/valgrind}
mkdir -p "$log"
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --log-file="$log/vg.%p" \
    "$top/houvast" "$@"
