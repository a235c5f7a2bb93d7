#!/bin/sh
# dict.sh NAME — a libFuzzer dictionary for harness NAME (rules, cases or
# repl), made from the sources so that it never falls behind them: the
# keywords and their English aliases, the built-in functions, the REPL's
# commands, and the facts of the example rule sets.
top=$(cd "$(dirname "$0")/../.." && pwd)
quoted() { grep -o '"[^"]*"' "$@" | grep -v '^""$' | grep -v ' .* ' ; }
facts() { sed -n 's/^ *\(feit\|fact\) \([a-z_][a-z_0-9]*\).*/"\2"/p' "$top"/examples/*.hv; }
{
case "$1" in
rules)
    sed -n '/HV_KEYWORD_LIST/,/^$/p;/HV_KEYWORD2_LIST/,/^$/p' "$top/grammar/keywords.h" | quoted
    sed -n 's/^ *X([A-Z]*, *\("[^"]*"\), *\("[^"]*"\|NULL\).*/\1\n\2/p' "$top/stdlib/builtins.h" | grep -v NULL
    printf '%s\n' '"uitzondering op"' '"ter beoordeling"' '"niet in"' '">="' '"<="' '"<>"' '"=="' '"\xe2\x82\xac"' \
        '"2026-03-01"' '"gebruik stdlib."' '"kostendelersnorm"' '"verklaring_van_eindhoven"' '"omdat \""' '"{"' '"}"'
    ;;
cases)
    facts
    printf '%s\n' '"feiten"' '"peildatum"' '"id"' '"subject"' '"true"' '"false"' '"null"' '"ja"' '"nee"' \
        '"2026-03-01"' '"1234.56"' '"1.234,56"' '"\xe2\x82\xac "' '"\x0d\x0a"'
    ;;
repl)
    sed -n '/define HV_REPL_COMMANDS/,/^$/p' "$top/repl/cmdline.h" |
        sed -n 's/^ *X([A-Z_]*, *\("[^"]*"\|NULL\), *\("[^"]*"\|NULL\).*/\1\n\2/p' | grep -v NULL
    facts
    printf '%s\n' '"casus laad"' '"casus bewaar"' '" = "' '"ja"' '"nee"' '"onbekend"' '"2026-03-01"' '"vandaag"'
    ;;
*)
    echo "usage: dict.sh rules|cases|repl" >&2
    exit 2
    ;;
esac
} | sort -u
