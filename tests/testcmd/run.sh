#!/bin/sh
# run.sh — end-to-end tests of `houvast test`: --coverage (exact numbers
# and never-decided lists, failing casus counted, after every result),
# --junit (parsed with python3's xml.etree: counts, names, classnames,
# failure messages, escaping; written atomically), a casus with its own
# peildatum, the exit statuses and --help.
#
# The rule files are the small ones beside this script: cover.hv (the
# coverage), peil.hv (peildatum), fail.hv (failing casus, names that need
# escaping) and bad.hv (a rule file with an error). Output goes to a fresh
# temporary directory, removed afterwards.
#
# Ends with the line "testcmd: N passed, M failed"; exit 1 on any failure.
# VERBOSE=1 also prints the checks that pass.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=testcmd
. "$top/tests/lib.sh"
fix="$top/tests/testcmd"
have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1

# hvt NAME ARGS...: run `houvast test ARGS` in the fixture directory (so
# that file names in the output are short); stdout in $work/NAME.out,
# stderr in $work/NAME.err, the exit status in $rc.
hvt() {
    name=$1
    shift
    (cd "$fix" && "$hv" test "$@") >"$work/$name.out" 2>"$work/$name.err"
    rc=$?
}
# expect_rc NAME WANT: the exit status of the last hvt
expect_rc() {
    if [ "$rc" = "$2" ]; then ok "$1: exit $2"; else bad "$1: exit $rc, want $2" "$work/$1.out" "$work/$1.err"; fi
}
# expect_same NAME EXPECTED-FILE: stdout of the last hvt, byte for byte
expect_same() {
    if cmp -s "$2" "$work/$1.out"; then ok "$1: output"
    else
        bad "$1: output differs (- want, + got)"
        diff -u "$2" "$work/$1.out" | head -40 | sed 's/^/     /'
    fi
}
# expect_last NAME LINE: the last line of stdout
expect_last() {
    last=$(tail -n 1 "$work/$1.out")
    if [ "$last" = "$2" ]; then ok "$1: last line '$2'"; else bad "$1: last line '$last', want '$2'" "$work/$1.out"; fi
}
# expect_grep NAME FILE PATTERN (fixed string)
expect_grep() {
    if grep -F -q -e "$3" "$2"; then ok "$1: has '$3'"; else bad "$1: no '$3'" "$2"; fi
}
expect_no_grep() {
    if grep -F -q -e "$3" "$2"; then bad "$1: has '$3'" "$2"; else ok "$1: no '$3'"; fi
}

# ---- --help ------------------------------------------------------------------

hvt help --help
expect_rc help 0
expect_grep help "$work/help.out" "--coverage"
expect_grep help "$work/help.out" "--junit FILE"
expect_grep help "$work/help.out" "nooit beslist"
expect_grep help "$work/help.out" "peildatum"
hvt junit_noarg cover.hv --junit
expect_rc junit_noarg 2

# ---- --coverage: exact numbers and lists --------------------------------------

cat >"$work/cover.want" <<'EOF'
ok   cover.hv:62:1: hoog wint
ok   cover.hv:65:1: gelijk en eens
ok   cover.hv:68:1: gelijk en oneens
ok   cover.hv:71:1: laag
ok   cover.hv:74:1: beoordeling
ok   cover.hv:77:1: standaard
ok   cover.hv:80:1: beoordeling met een alternatief
ok   cover.hv:83:1: twee beoordelingen
cover.hv: dekking: 6 van 11 regels en 4 van 5 waarden besloten minstens één casus
nooit beslist:
  regel r_c1 (waarde gelijk1) cover.hv:37
  regel r_c2 (waarde gelijk2) cover.hv:40
  regel r_overstemd (waarde laag) cover.hv:46
  regel r_alternatief (waarde laag) cover.hv:55
  regel r_nooit (waarde ongebruikt) cover.hv:58
  waarde ongebruikt cover.hv:13
8 passed, 0 failed
EOF
hvt cover --coverage cover.hv
expect_rc cover 0
expect_same cover "$work/cover.want"

# without --coverage: no coverage at all
hvt nocover cover.hv
expect_rc nocover 0
expect_no_grep nocover "$work/nocover.out" "dekking"
expect_last nocover "8 passed, 0 failed"

# several files, --quiet: the failures, then the coverage of every file
# (a failing casus counts: v decides only in the failing casus of fail.hv),
# then the closing line
cat >"$work/multi.want" <<'EOF'
FAIL fail.hv:25:1: Tom & Jerry <"zeggen"> 'hallo'
      hoogte: verwacht 3, kreeg 2 volgens v
FAIL fail.hv:28:1: twee fouten
      hoogte: verwacht 2 volgens w, kreeg 2 volgens v
      toekennen: verwacht ja, kreeg nee volgens v
peil.hv: dekking: 2 van 2 regels en 1 van 1 waarden besloten minstens één casus
nooit beslist: geen
fail.hv: dekking: 2 van 2 regels en 2 van 2 waarden besloten minstens één casus
nooit beslist: geen
cover.hv: dekking: 6 van 11 regels en 4 van 5 waarden besloten minstens één casus
nooit beslist:
  regel r_c1 (waarde gelijk1) cover.hv:37
  regel r_c2 (waarde gelijk2) cover.hv:40
  regel r_overstemd (waarde laag) cover.hv:46
  regel r_alternatief (waarde laag) cover.hv:55
  regel r_nooit (waarde ongebruikt) cover.hv:58
  waarde ongebruikt cover.hv:13
12 passed, 2 failed
EOF
hvt multi --quiet --coverage --peildatum 2026-06-01 peil.hv fail.hv cover.hv
expect_rc multi 1
expect_same multi "$work/multi.want"

# a rule file without casus: nothing decided
cat >"$work/geen_casus.hv" <<'EOF'
regelset "Leeg" versie "1"
waarde w "W"
rangorde w
feit a: janee
besluit d: janee
regel r volgens w
    als a
    dan d = ja
EOF
hvt nocasus --coverage "$work/geen_casus.hv"
expect_rc nocasus 0
cat >"$work/nocasus.want" <<EOF
$work/geen_casus.hv: dekking: 0 van 1 regels en 0 van 1 waarden besloten minstens één casus
nooit beslist:
  regel r (waarde w) $work/geen_casus.hv:6
  waarde w $work/geen_casus.hv:2
0 passed, 0 failed
EOF
expect_same nocasus "$work/nocasus.want"
expect_grep nocasus "$work/nocasus.err" "no casus blocks"

# ---- exit statuses ----------------------------------------------------------------

hvt failing fail.hv
expect_rc failing 1
expect_last failing "1 passed, 2 failed"
hvt failing_cov --coverage fail.hv
expect_rc failing_cov 1
expect_last failing_cov "1 passed, 2 failed"
hvt broken --coverage bad.hv cover.hv
expect_rc broken 1
expect_last broken "8 passed, 0 failed"
expect_grep broken "$work/broken.err" "bad.hv: not tested"

# ---- peildatum -------------------------------------------------------------------

# the same facts, decided on each casus's own date; the casus without one
# follows --peildatum
hvt peil_late --peildatum 2026-06-01 peil.hv
expect_rc peil_late 0
expect_last peil_late "3 passed, 0 failed"
hvt peil_early --peildatum 2020-01-01 peil.hv
expect_rc peil_early 1
cat >"$work/peil_early.want" <<'EOF'
ok   peil.hv:19:1: op de dag zelf begonnen
ok   peil.hv:22:1: de dag ervoor nog niet begonnen
FAIL peil.hv:25:1: zonder eigen peildatum
      gestart: verwacht ja, kreeg nee volgens w
2 passed, 1 failed
EOF
expect_same peil_early "$work/peil_early.want"
# the casus's own date wins over --peildatum in both directions
hvt peil_mid --peildatum 2026-02-28 peil.hv
expect_rc peil_mid 1
expect_grep peil_mid "$work/peil_mid.out" "ok   peil.hv:19:1: op de dag zelf begonnen"
expect_grep peil_mid "$work/peil_mid.out" "FAIL peil.hv:25:1: zonder eigen peildatum"

# ---- --junit ------------------------------------------------------------------------

xml="$work/rapport.xml"
echo "oud" >"$xml"
(umask 022 && cd "$fix" && "$hv" test --junit "$xml" --peildatum 2026-06-01 cover.hv fail.hv peil.hv bad.hv) \
    >"$work/junit.out" 2>"$work/junit.err"
rc=$?
expect_rc junit 1
expect_last junit "12 passed, 2 failed"
expect_no_grep junit "$work/junit.out" "dekking"
left=$(ls "$work" | grep -c '^rapport\.xml\.')
if [ "$left" = 0 ]; then ok "junit: no temporary file left"; else bad "junit: $left temporary files left"; fi
mode=$(ls -l "$xml" | cut -c1-10)
if [ "$mode" = "-rw-r--r--" ]; then ok "junit: mode follows the umask"; else bad "junit: mode $mode, want -rw-r--r--"; fi
# the escaping is ours, not only the parser's
expect_grep junit "$xml" 'name="Tom &amp; Jerry &lt;&quot;zeggen&quot;&gt; &apos;hallo&apos;"'
expect_grep junit "$xml" 'message="hoogte: verwacht 2 volgens w, kreeg 2 volgens v&#10;toekennen: verwacht ja, kreeg nee volgens v"'

cat >"$work/check.py" <<'EOF'
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)

root = ET.parse(path).getroot()
want(root.tag == "testsuites", "root is <%s>, want <testsuites>" % root.tag)
want(root.get("tests") == "15", "testsuites tests=%s, want 15" % root.get("tests"))
want(root.get("failures") == "2", "testsuites failures=%s, want 2" % root.get("failures"))
want(root.get("errors") == "1", "testsuites errors=%s, want 1" % root.get("errors"))

cover = ["hoog wint", "gelijk en eens", "gelijk en oneens", "laag", "beoordeling",
         "standaard", "beoordeling met een alternatief", "twee beoordelingen"]
tom = "Tom & Jerry <\"zeggen\"> 'hallo'"
suites = {
    "cover.hv": (cover, {}),
    "fail.hv": (["goed", tom, "twee fouten"], {
        tom: "hoogte: verwacht 3, kreeg 2 volgens v",
        "twee fouten": "hoogte: verwacht 2 volgens w, kreeg 2 volgens v\n"
                       "toekennen: verwacht ja, kreeg nee volgens v",
    }),
    "peil.hv": (["op de dag zelf begonnen", "de dag ervoor nog niet begonnen",
                 "zonder eigen peildatum"], {}),
}
found = root.findall("testsuite")
want([s.get("name") for s in found] == ["cover.hv", "fail.hv", "peil.hv", "bad.hv"],
     "suite names %r" % [s.get("name") for s in found])
for s in found:
    name = s.get("name")
    for attr in ("name", "tests", "failures", "time"):
        want(s.get(attr) is not None, "%s: no %s attribute" % (name, attr))
    try:
        want(float(s.get("time")) >= 0, "%s: time < 0" % name)
    except (TypeError, ValueError):
        problems.append("%s: time %r is not a number" % (name, s.get("time")))
    cases = s.findall("testcase")
    want(s.get("tests") == str(len(cases)), "%s: tests=%s but %d testcases" % (name, s.get("tests"), len(cases)))
    nfail = sum(1 for c in cases if c.find("failure") is not None)
    want(s.get("failures") == str(nfail), "%s: failures=%s but %d failures" % (name, s.get("failures"), nfail))
    for c in cases:
        want(c.get("classname") == name, "%s: classname %r" % (name, c.get("classname")))
    if name == "bad.hv":
        want(s.get("errors") == "1", "bad.hv: errors=%s, want 1" % s.get("errors"))
        want(len(cases) == 1 and cases[0].find("error") is not None, "bad.hv: no testcase in error")
        continue
    names, failures = suites[name]
    want([c.get("name") for c in cases] == names, "%s: testcase names %r" % (name, [c.get("name") for c in cases]))
    want(s.get("errors") == "0", "%s: errors=%s, want 0" % (name, s.get("errors")))
    for c in cases:
        f = c.find("failure")
        if c.get("name") in failures:
            if f is None:
                problems.append("%s: %s has no failure" % (name, c.get("name")))
                continue
            want(f.get("message") == failures[c.get("name")],
                 "%s: %s: message %r" % (name, c.get("name"), f.get("message")))
            want(failures[c.get("name")] in (f.text or ""), "%s: %s: failure text %r" % (name, c.get("name"), f.text))
            want((f.text or "").startswith("fail.hv:"), "%s: %s: failure text lacks FILE:LINE" % (name, c.get("name")))
        else:
            want(f is None, "%s: %s fails" % (name, c.get("name")))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
if [ "$have_py" = 1 ]; then
    if python3 "$work/check.py" "$xml" >"$work/check.out" 2>&1; then ok "junit: XML parses, counts, names and messages"
    else bad "junit: XML check" "$work/check.out" "$xml"; fi
else
    skip "junit: XML check (no python3)"
fi

# a clean run: failures="0", exit 0
(cd "$fix" && "$hv" test --quiet --junit "$work/schoon.xml" cover.hv) >"$work/junit_clean.out" 2>"$work/junit_clean.err"
rc=$?
expect_rc junit_clean 0
expect_grep junit_clean "$work/schoon.xml" '<testsuites name="houvast test" tests="8" failures="0" errors="0"'
if [ "$have_py" = 1 ]; then
    if python3 -c 'import sys, xml.etree.ElementTree as ET; r = ET.parse(sys.argv[1]).getroot(); sys.exit(0 if len(r.findall("testsuite/testcase")) == 8 else 1)' \
        "$work/schoon.xml" 2>"$work/clean.py.err"; then ok "junit_clean: parses, 8 testcases"
    else bad "junit_clean: XML check" "$work/clean.py.err" "$work/schoon.xml"; fi
fi

# the JUnit file cannot be written: exit 1, said on stderr, nothing left
# behind, the closing line still last
mkdir "$work/isdir"
(cd "$fix" && "$hv" test --junit "$work/isdir" cover.hv) >"$work/junit_dir.out" 2>"$work/junit_dir.err"
rc=$?
expect_rc junit_dir 1
expect_grep junit_dir "$work/junit_dir.err" "cannot write $work/isdir"
expect_last junit_dir "8 passed, 0 failed"
left=$(ls "$work" | grep -c '^isdir\.')
if [ "$left" = 0 ] && [ -d "$work/isdir" ]; then ok "junit_dir: nothing left behind"; else bad "junit_dir: $left temporary files left"; fi
(cd "$fix" && "$hv" test --junit "$work/nergens/r.xml" cover.hv) >"$work/junit_nodir.out" 2>"$work/junit_nodir.err"
rc=$?
expect_rc junit_nodir 1
expect_grep junit_nodir "$work/junit_nodir.err" "cannot write $work/nergens/r.xml"

summary
