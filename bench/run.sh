#!/bin/sh
# bench/run.sh — Houvast against hand-written C, CLIPS, json-rules-engine and
# @gorules/zen-engine on one generated workload (see bench/README.md).
#
#   sh bench/run.sh            (or: make bench)
#
# Sizes (environment):
#   BENCH_N        cases for Houvast and hand-written C   (default 1000000)
#   BENCH_CLIPS_N  cases for CLIPS                        (default 200000)
#   BENCH_ZEN_N    cases for zen-engine                   (default 100000)
#   BENCH_JRE_N    cases for json-rules-engine            (default 20000)
#   BENCH_TRACE_N  cases for Houvast --trace              (default 20000)
#   BENCH_STORE_N  cases for Houvast --store              (default 10000)
#   R V F SEED     the workload (default 100 rules, 10 values, 20 facts)
#   BENCH_DIR      scratch directory (default bench/work)
# Every peer size is capped at BENCH_N. Each engine's outcome tally must equal
# Houvast's --summary tally on the same cases, and Houvast's --out JSONL must
# equal the hand-written C's JSONL byte for byte; otherwise the bench fails.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
B="$ROOT/bench"
W=${BENCH_DIR:-$B/work}
HV="$ROOT/houvast"
PEILDATUM=2026-01-01

min() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }
N=${BENCH_N:-1000000}
CLIPS_N=$(min "${BENCH_CLIPS_N:-200000}" "$N")
ZEN_N=$(min "${BENCH_ZEN_N:-100000}" "$N")
JRE_N=$(min "${BENCH_JRE_N:-20000}" "$N")
TRACE_N=$(min "${BENCH_TRACE_N:-20000}" "$N")
STORE_N=$(min "${BENCH_STORE_N:-10000}" "$N")
export R="${R:-100}" V="${V:-10}" F="${F:-20}" SEED="${SEED:-20260301}"

say() { echo "bench: $*" >&2; }
fail() { echo "bench: FAIL: $*" >&2; exit 1; }

mkdir -p "$W"
rm -f "$W"/*.tally "$W"/*.jsonl "$W"/store.db*

# --- tools and peers ----------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }
APT_UPDATED=
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$W/apt.log" 2>&1
}
[ -x /usr/bin/time ] || apt_install time || fail "/usr/bin/time is missing and could not be installed"
command -v cc >/dev/null 2>&1 || fail "no C compiler (cc)"

HAVE_CLIPS=yes
if ! command -v clips >/dev/null 2>&1; then
    say "installing clips"
    apt_install clips || HAVE_CLIPS="not installed: apt-get install clips failed (see bench/work/apt.log)"
fi
HAVE_NODE=yes
if ! command -v node >/dev/null 2>&1; then
    say "installing nodejs and npm"
    apt_install nodejs npm || HAVE_NODE="not installed: no node here (apt-get install nodejs npm failed)"
fi
HAVE_JRE=$HAVE_NODE HAVE_ZEN=$HAVE_NODE
if [ "$HAVE_NODE" = yes ]; then
    if [ ! -d "$B/node/node_modules/json-rules-engine" ] || [ ! -d "$B/node/node_modules/@gorules/zen-engine" ]; then
        say "npm install into bench/node"
        npm install --prefix "$B/node" --no-audit --no-fund json-rules-engine @gorules/zen-engine >"$W/npm.log" 2>&1 || true
    fi
    [ -d "$B/node/node_modules/json-rules-engine" ] || HAVE_JRE="not installed: npm install json-rules-engine failed (see bench/work/npm.log)"
    [ -d "$B/node/node_modules/@gorules/zen-engine" ] || HAVE_ZEN="not installed: npm install @gorules/zen-engine failed (see bench/work/npm.log)"
fi

# --- build and generate -------------------------------------------------------
[ -x "$HV" ] || make -C "$ROOT" >/dev/null || fail "make failed"
cc -O2 -o "$B/gen" "$B/gen.c" || fail "cannot build bench/gen"
cc -O2 -o "$B/handwritten" "$B/handwritten.c" || fail "cannot build bench/handwritten"

say "generating R=$R V=$V F=$F N=$N"
N=$N "$B/gen" "$W" || fail "gen failed"
SHA=$(sha256sum "$W/workload.hv" | cut -d' ' -f1)
HVF="$W/workload.hv"
# The cases of a smaller size are the first rows of the big file.
cases_for() { # N -> path of a CSV with the first N cases
    if [ "$1" = "$N" ]; then echo "$W/cases.csv"; return; fi
    [ -f "$W/cases_$1.csv" ] || head -n "$(($1 + 1))" "$W/cases.csv" >"$W/cases_$1.csv"
    echo "$W/cases_$1.csv"
}

# --- measuring ----------------------------------------------------------------
# measure LABEL NCASES CMD... : runs CMD with stdout to $W/out.txt, stderr to
# $W/err.txt; sets SECS and MEMKB. A failing command fails the bench.
now_ns() { date +%s%N; }
measure() {
    label=$1; shift; shift
    t0=$(now_ns)
    if ! /usr/bin/time -f '%M' -o "$W/mem.txt" "$@" <"/dev/null" >"$W/out.txt" 2>"$W/err.txt"; then
        cat "$W/err.txt" >&2
        fail "$label: command failed: $*"
    fi
    t1=$(now_ns)
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    MEMKB=$(tail -n 1 "$W/mem.txt")
}

# Houvast's --summary, reduced to "OUTCOME COUNT" lines in a fixed order.
hv_tally() { awk 'NF == 3 && $1 ~ /^[0-9]+$/ && $2 ~ /^(decided|default)$/ { n[$3] += $1 } END { for (k in n) print k, n[k] }' "$1" | sort; }

ROWS="$W/rows.txt"
: >"$ROWS"
declare_ref() { eval "REF_$1=$2"; } # per size: Houvast --summary µs/decision
row() { # LABEL N SECS MEMKB [NOTE]
    ref=$(eval "echo \${REF_$2:-\${REF_$N:-}}")
    awk -v l="$1" -v n="$2" -v s="$3" -v m="$4" -v ref="$ref" -v note="${5:-}" 'BEGIN {
        us = s * 1e6 / n; rate = (s > 0) ? n / s : 0
        ratio = (ref != "" && ref > 0) ? sprintf("%.2f", us / ref) : "-"
        printf "| %s%s | %d | %.2f | %.0f | %.1f | %s |\n", l, (note != "" ? " (" note ")" : ""), n, us, rate, m / 1024, ratio
    }' >>"$ROWS"
}
row_na() { echo "| $1 ($2) | - | - | - | - | - |" >>"$ROWS"; }

check_tally() { # ENGINE NCASES TALLYFILE
    sort "$3" >"$3.sorted"
    if ! cmp -s "$3.sorted" "$W/houvast_$2.tally"; then
        echo "--- Houvast --summary (N=$2)" >&2; cat "$W/houvast_$2.tally" >&2
        echo "--- $1" >&2; cat "$3.sorted" >&2
        fail "the outcome tally of $1 differs from Houvast's on the same $2 cases"
    fi
}

# --- Houvast --summary at every size used (the reference tallies) -------------
SIZES=$(printf '%s\n' "$N" "$CLIPS_N" "$ZEN_N" "$JRE_N" "$TRACE_N" "$STORE_N" | sort -n -u -r)
for n in $SIZES; do
    say "houvast --summary, N=$n"
    measure "houvast --summary" "$n" "$HV" run "$HVF" --cases "$(cases_for "$n")" --summary --peildatum "$PEILDATUM"
    head -n 1 "$W/out.txt" | grep -q "^$n casussen besloten" || fail "houvast --summary did not decide $n cases: $(head -n 1 "$W/out.txt")"
    hv_tally "$W/out.txt" >"$W/houvast_$n.tally"
    declare_ref "$n" "$(awk -v s="$SECS" -v n="$n" 'BEGIN { printf "%.6f", s * 1e6 / n }')"
    eval "HVSUM_SECS_$n=$SECS HVSUM_MEM_$n=$MEMKB"
done

# --- hand-written C -----------------------------------------------------------
say "hand-written C, N=$N"
measure handwritten "$N" "$B/handwritten" "$W/rules.tbl" "$W/cases.csv"
cp "$W/out.txt" "$W/handwritten.tally"; check_tally "hand-written C" "$N" "$W/handwritten.tally"
row "hand-written C (first match by rank, tally)" "$N" "$SECS" "$MEMKB"

eval "row 'Houvast --summary' $N \$HVSUM_SECS_$N \$HVSUM_MEM_$N 'reference; default threads = $(nproc)'"
say "houvast --summary --threads 1, N=$N"
measure "houvast --summary --threads 1" "$N" "$HV" run "$HVF" --cases "$W/cases.csv" --summary --threads 1 --peildatum "$PEILDATUM"
hv_tally "$W/out.txt" >"$W/houvast1.tally"; check_tally "Houvast --threads 1" "$N" "$W/houvast1.tally"
row "Houvast --summary --threads 1" "$N" "$SECS" "$MEMKB"

say "hand-written C writing JSONL, N=$N"
measure "handwritten --json" "$N" "$B/handwritten" --json "$SHA" "$PEILDATUM" "$W/rules.tbl" "$W/cases.csv" "$W/handwritten.jsonl"
cp "$W/err.txt" "$W/handwritten_json.tally"; check_tally "hand-written C (JSONL)" "$N" "$W/handwritten_json.tally"
row "hand-written C writing the same JSONL" "$N" "$SECS" "$MEMKB"

say "houvast --out JSONL, N=$N"
measure "houvast --out" "$N" "$HV" run "$HVF" --cases "$W/cases.csv" --out "$W/houvast.jsonl" --peildatum "$PEILDATUM"
row "Houvast --out JSONL" "$N" "$SECS" "$MEMKB"
cmp -s "$W/houvast.jsonl" "$W/handwritten.jsonl" || fail "Houvast's --out JSONL differs from the hand-written C's (cmp $W/houvast.jsonl $W/handwritten.jsonl)"
rm -f "$W/houvast.jsonl" "$W/handwritten.jsonl"

say "houvast --trace --out /dev/null, N=$TRACE_N"
measure "houvast --trace" "$TRACE_N" "$HV" run "$HVF" --cases "$(cases_for "$TRACE_N")" --trace --out /dev/null --peildatum "$PEILDATUM"
row "Houvast --trace --out /dev/null" "$TRACE_N" "$SECS" "$MEMKB"

say "houvast --store, N=$STORE_N"
rm -f "$W/store.db" "$W/store.db-wal" "$W/store.db-shm"
measure "houvast --store" "$STORE_N" "$HV" run "$HVF" --cases "$(cases_for "$STORE_N")" --summary --store --db "$W/store.db" --actor bench --peildatum "$PEILDATUM"
hv_tally "$W/out.txt" >"$W/store.tally"; check_tally "Houvast --store" "$STORE_N" "$W/store.tally"
STORE_MB=$(du -m "$W/store.db" | cut -f1)
row "Houvast --store --summary (temp db)" "$STORE_N" "$SECS" "$MEMKB" "db ${STORE_MB} MB"
rm -f "$W/store.db" "$W/store.db-wal" "$W/store.db-shm"

for n in $SIZES; do
    [ "$n" = "$N" ] && continue
    eval "row 'Houvast --summary (memory at smaller N)' $n \$HVSUM_SECS_$n \$HVSUM_MEM_$n"
done

# --- peers --------------------------------------------------------------------
if [ "$HAVE_CLIPS" = yes ]; then
    say "CLIPS, N=$CLIPS_N"
    tail -n +2 "$(cases_for "$CLIPS_N")" | tr ',' ' ' >"$W/cases_clips.txt"
    printf '(load* "%s")\n(bench "%s")\n(exit)\n' "$W/rules.clp" "$W/cases_clips.txt" >"$W/run.clp"
    measure CLIPS "$CLIPS_N" clips -f2 "$W/run.clp"
    grep -E '^(o[0-9]+|geen) [0-9]+$' "$W/out.txt" >"$W/clips.tally" || true
    check_tally "CLIPS" "$CLIPS_N" "$W/clips.tally"
    row "CLIPS $(dpkg-query -W -f='${Version}' clips 2>/dev/null || true) (salience, assert + run per case)" "$CLIPS_N" "$SECS" "$MEMKB"
    rm -f "$W/cases_clips.txt"
else
    row_na "CLIPS" "$HAVE_CLIPS"
fi
if [ "$HAVE_ZEN" = yes ]; then
    say "zen-engine, N=$ZEN_N"
    measure zen "$ZEN_N" node "$B/node/zen.js" "$W/rules.tbl" "$(cases_for "$ZEN_N")" "$W/zen_table.json"
    cp "$W/out.txt" "$W/zen.tally"; check_tally "zen-engine" "$ZEN_N" "$W/zen.tally"
    row "@gorules/zen-engine $(node -p "require('$B/node/node_modules/@gorules/zen-engine/package.json').version") (decision table, first hit, 256 in flight)" "$ZEN_N" "$SECS" "$MEMKB"
else
    row_na "@gorules/zen-engine" "$HAVE_ZEN"
fi
if [ "$HAVE_JRE" = yes ]; then
    say "json-rules-engine, N=$JRE_N"
    measure json-rules-engine "$JRE_N" node "$B/node/json_rules.js" "$W/rules.tbl" "$(cases_for "$JRE_N")" "$W/json_rules.json"
    cp "$W/out.txt" "$W/jre.tally"; check_tally "json-rules-engine" "$JRE_N" "$W/jre.tally"
    row "json-rules-engine $(node -p "require('$B/node/node_modules/json-rules-engine/package.json').version") (priority, stop on first success)" "$JRE_N" "$SECS" "$MEMKB"
else
    row_na "json-rules-engine" "$HAVE_JRE"
fi

# --- compile time -------------------------------------------------------------
CROWS="$W/compile.txt"
: >"$CROWS"
for r in 10 1000 10000; do
    say "compile R=$r"
    mkdir -p "$W/compile_$r"
    R=$r N=0 "$B/gen" "$W/compile_$r" || fail "gen R=$r failed"
    measure "compile R=$r" 1 "$HV" run "$W/compile_$r/workload.hv" --cases "$W/compile_$r/cases.csv" --summary
    rs=$SECS cm=$MEMKB
    cs=$( (t0=$(now_ns); "$HV" check -q "$W/compile_$r/workload.hv" >/dev/null 2>&1 || true; t1=$(now_ns); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') )
    echo "| $r | $rs | $(awk -v m="$cm" 'BEGIN { printf "%.1f", m / 1024 }') | $cs |" >>"$CROWS"
done

# --- the table ----------------------------------------------------------------
CPU=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')
{
    echo "$("$HV" --version 2>/dev/null | head -n 1) (git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")), $(date -u +%Y-%m-%d), $(nproc) cores, ${CPU:-unknown CPU}."
    echo "Workload: R=$R rules, V=$V ranked values, F=$F integer facts, SEED=$SEED; all tallies agree with Houvast --summary, and Houvast's --out JSONL equals the hand-written C's byte for byte."
    echo
    echo "| engine | cases | µs/decision | decisions/s | peak MB | × Houvast time |"
    echo "|---|---:|---:|---:|---:|---:|"
    cat "$ROWS"
    echo
    echo "\"× Houvast time\": µs per decision divided by Houvast --summary's on the same number of cases (below 1: faster than Houvast)."
    echo
    echo "Compile time of generated rule files (V=$V, F=$F):"
    echo
    echo "| rules | houvast run, 0 cases (s) | peak MB | houvast check, with analysis (s) |"
    echo "|---:|---:|---:|---:|"
    cat "$CROWS"
} >"$B/results.md"
cat "$B/results.md"
