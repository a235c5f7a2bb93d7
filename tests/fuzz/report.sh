#!/bin/sh
# report.sh LOG... — sum up libFuzzer runs whose every line of output starts
# with the Unix time it was written (as tests/fuzz/run.sh writes them): how
# long, how many executions, the coverage (edges) when the corpus was loaded
# and at the end, when the coverage last grew, and any finding (a sanitizer's
# or libFuzzer's ERROR line, and the input it wrote).
for log in "$@"; do
awk -v name="$log" '
function mins(t) { return sprintf("%.0f", (t - t0) / 60) }
$1 !~ /^[0-9]+$/ { next }          # not a line of the run
!t0 { t0 = $1 }
{
    t = $1; tend = t
    if ($2 ~ /^#[0-9]+$/ && $4 == "cov:") {
        execs = substr($2, 2) + 0; c = $5 + 0
        if ($3 == "INITED") { tinit = t; cinit = c; cmax = c; tlast = t }
        else if (tinit && c > cmax) { cmax = c; tlast = t; grew++ }
    }
    if ($2 ~ /^stat::number_of_executed_units:/) execs = $3 + 0
    if ($0 ~ /ERROR|runtime error|Test unit written to/) bad = bad "\n    " substr($0, length($1) + 2)
}
END {
    if (!tinit) { printf "%s: no INITED line (the run did not start)\n", name; exit 1 }
    printf "%s: %.1f h, %d executions, coverage %d at start, %d at the end (%d %s)\n",
        name, (tend - t0) / 3600, execs, cinit, cmax, grew, grew == 1 ? "rise" : "rises"
    if (grew) printf "  coverage last grew after %s min of %s: nothing new for the last %s min\n",
        mins(tlast), mins(tend), sprintf("%.0f", (tend - tlast) / 60)
    else printf "  no new coverage after the corpus was loaded (%s min in), %s min in all\n",
        mins(tinit), mins(tend)
    if (bad != "") printf "  findings:%s\n", bad
}' "$log"
done
