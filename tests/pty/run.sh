#!/bin/sh
# run.sh — drive `houvast repl` in a real pseudo-terminal (tmux) and check
# what a consulent sees: the prompt, tab completion of commands, fact names
# and choice members, Ctrl-C, and the history file kept between runs.
# Ends with "pty: N passed, M failed"; exit 1 on any failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=pty
. "$top/tests/lib.sh"
rules="$top/examples/maatwerk_werk_inkomen.hv"
hist="$work/history"
run=0
sock="$work/tmux0.sock"
export TERM=xterm-256color
unset NO_COLOR

tm() { tmux -S "$sock" "$@"; }
screen() { tm capture-pane -t hv -p; }
# bad_screen NAME: a failure, with what the terminal shows
bad_screen() { screen | grep -v '^ *$' >"$work/screen"; bad "$1" "$work/screen"; }

# wait_for TEXT: poll the screen for up to 5 s
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -F -q -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

start() {
    tm kill-server 2>/dev/null
    run=$((run + 1))
    sock="$work/tmux$run.sock"      # a fresh server for every run
    tm new-session -d -s hv -x 120 -y 40 \
        "HOUVAST_HISTORY='$hist' '$hv' repl '$rules' --peildatum 2026-03-01; echo REPL-ENDED; sleep 5"
}

check() {   # check NAME TEXT
    if wait_for "$2"; then ok "$1"; else bad_screen "$1 (no '$2' on the screen)"; fi
}

if ! command -v tmux >/dev/null 2>&1; then
    bad "tmux is missing (make deps installs it)"
    summary
    exit 1
fi

start
check "prompt" "houvast>"

tm send-keys -t hv 'leef' Tab
check "tab completes a fact name" "houvast> leeftijd"
tm send-keys -t hv '= 34' Enter
check "a fact is set" "leeftijd = 34"

tm send-keys -t hv 'woonsituatie = ' Tab Tab
check "tab lists the choice members" "inwonend"
tm send-keys -t hv 'dak' Tab Enter
check "tab completes a choice member" "woonsituatie = dakloos"

tm send-keys -t hv 'waarom' ' ' 'onder' Tab
check "tab completes a decision after a command" "waarom ondersteuning"
tm send-keys -t hv C-u

tm send-keys -t hv 'besluit ondersteuning'
sleep 0.2
tm send-keys -t hv C-c
sleep 0.3
tm send-keys -t hv 'feiten' Enter
check "Ctrl-C abandons the line and the REPL stays" "woonsituatie = dakloos"

tm send-keys -t hv 'vraag' Enter
check "the interview asks a question" "antwoord>"
tm send-keys -t hv C-c
check "Ctrl-C stops the interview" "vraaggesprek gestopt"

tm send-keys -t hv '' Enter
tm send-keys -t hv '   ' Enter
tm send-keys -t hv 'stop' Enter
check "stop leaves the REPL" "REPL-ENDED"

if [ -f "$hist" ] && grep -q '^leeftijd = 34$' "$hist" && grep -q '^vraag$' "$hist" &&
   ! grep -q '^ *$' "$hist" && ! grep -q '^besluit ondersteuning$' "$hist"; then
    ok "history file keeps the entered non-empty lines"
else
    bad "history file" "$hist"
fi

start
check "prompt again" "houvast>"
tm send-keys -t hv Up
check "the history is there in the next run" "houvast> stop"
tm send-keys -t hv C-u C-d
check "Ctrl-D leaves the REPL" "REPL-ENDED"

tm kill-server 2>/dev/null
summary
