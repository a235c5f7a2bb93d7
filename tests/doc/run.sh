#!/bin/sh
# tests/doc/run.sh — `houvast doc`: the rule book in Markdown and HTML.
#
# For the three examples and the rule files in tests/doc/ it checks that the
# book has its sections, that rules, conditions, amounts, dates, exceptions,
# omdat texts and the Algoritmeregister are written out in words (not code),
# that every text is escaped, and that the HTML is one self-contained file
# (no src, no external href, no link or script element, no url() or @import;
# every #anchor exists). Also the options and exit statuses.
#
#   HOUVAST=path/to/houvast sh tests/doc/run.sh   (default: ./houvast)
#   VERBOSE=1   print every check
#   VALGRIND=1  also run the examples under valgrind (needs valgrind)
#
# Ends with the line "doc: N passed, M failed"; exit 1 on any failure.

top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=doc
. "$top/tests/lib.sh"
dir="$top/tests/doc"

# has FILE TEXT: the file holds TEXT (fixed string)
has() {
    if grep -F -q -- "$2" "$1"; then ok "$(basename "$1"): $2"
    else bad "$(basename "$1"): missing: $2"; fi
}
# hasnt FILE TEXT
hasnt() {
    if grep -F -q -- "$2" "$1"; then bad "$(basename "$1"): must not contain: $2" "$(grep -F -n -- "$2" "$1" | head -3)"
    else ok "$(basename "$1"): no $2"; fi
}

# The text of an HTML file without tags, entities decoded: for content checks.
html_text() {
    sed -e 's/<[^>]*>//g' -e 's/&nbsp;/ /g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
        -e "s/&#39;/'/g" -e 's/&amp;/\&/g' "$1"
}

# doc NAME RULEFILE: writes $work/NAME.md, NAME.html and NAME.txt (the HTML's text)
doc() {
    if "$hv" doc "$2" >"$work/$1.md" 2>"$work/$1.md.err"; then ok "$1: doc md exits 0"
    else bad "$1: doc md exits $?" "$(head -3 "$work/$1.md.err")"; fi
    if "$hv" doc "$2" --format html >"$work/$1.html" 2>"$work/$1.html.err"; then ok "$1: doc html exits 0"
    else bad "$1: doc html exits $?" "$(head -3 "$work/$1.html.err")"; fi
    html_text "$work/$1.html" >"$work/$1.txt"
    [ -s "$work/$1.md.err" ] && bad "$1: md run wrote to stderr" "$(head -3 "$work/$1.md.err")"
    [ -s "$work/$1.html.err" ] && bad "$1: html run wrote to stderr" "$(head -3 "$work/$1.html.err")"
    return 0
}

# The sections every book has, in this order, in both formats.
sections() {
    name=$1
    for fmt in md txt; do
        f="$work/$name.$fmt"
        last=0
        for s in "Inhoud" "Hoe de regels werken" "Waarden in rangorde" "Besluiten" "Begrippen" \
                 "Gegevens" "Waarborgen" "Geldigheid" "Algoritmeregister"; do
            if [ "$fmt" = md ]; then line=$(grep -n -x -F -- "## $s" "$f" | head -1 | cut -d: -f1)
            else line=$(grep -n -x -F -- "$s" "$f" | head -1 | cut -d: -f1); fi
            if [ -z "$line" ]; then bad "$name.$fmt: no section $s"
            elif [ "$line" -lt "$last" ]; then bad "$name.$fmt: section $s out of order"
            else ok "$name.$fmt: section $s"; last=$line; fi
        done
        for s in "Naam" "Versie" "Doel" "Bron en wettelijke basis" "Menselijke tussenkomst" "Waarden" "Vingerafdruk"; do
            if [ "$fmt" = md ]; then grep -q -x -F -- "### $s" "$f" && ok "$name.md: field $s" || bad "$name.md: no Algoritmeregister field $s"
            else grep -q -x -F -- "$s" "$f" && ok "$name.txt: field $s" || bad "$name.txt: no Algoritmeregister field $s"; fi
        done
    done
}

# Rules, definitions and safeguards are words, not code: no operators or
# function calls in the sentences that spell them out.
no_code() {
    f="$work/$1.md"
    if grep -E '^(Als |Deze regel geldt altijd|Binnen die periode|Altijd moet gelden|- \*\*[A-Z][^*]*\*\* \()' "$f" |
        grep -E '(>=|<=|!=|<>| [<>=] |(^|[^a-z])(max|min|abs|bekend|known|leeftijd|afronden|afronden_omlaag|afronden_omhoog|begin_maand|eind_maand|dagen_tussen)\(|peildatum [+-]|€[0-9]|[a-z]_[a-z])' >"$work/$1.code"; then
        bad "$1.md: code in the rule sentences" "$(head -3 "$work/$1.code")"
    else ok "$1.md: rules in words"; fi
}

# One self-contained HTML file: nothing loaded from elsewhere, every anchor
# exists, every text escaped.
self_contained() {
    f="$work/$1.html"
    has "$f" "<!DOCTYPE html>"
    has "$f" '<html lang="nl">'
    has "$f" '<meta charset="utf-8">'
    has "$f" "<style>"
    has "$f" '<nav class="inhoud"'
    has "$f" "@media print"
    for pat in ' src=' '<link' '<script' '<iframe' '<img' '<object' '<embed' '@import' 'url(' ' style=' '<base'; do
        hasnt "$f" "$pat"
    done
    # every href is an anchor in this file
    grep -o 'href="[^"]*"' "$f" | sed 's/^href="//; s/"$//' | sort -u >"$work/$1.hrefs"
    if grep -v '^#' "$work/$1.hrefs" >"$work/$1.ext"; then bad "$1.html: external href" "$(head -3 "$work/$1.ext")"
    else ok "$1.html: every href is an anchor"; fi
    grep -o ' id="[^"]*"' "$f" | sed 's/^ id="//; s/"$//' | sort >"$work/$1.ids"
    if [ -n "$(uniq -d "$work/$1.ids")" ]; then bad "$1.html: duplicate ids" "$(uniq -d "$work/$1.ids" | head -3)"
    else ok "$1.html: ids unique"; fi
    missing=""
    while read -r h; do
        grep -q -x -F -- "${h#\#}" "$work/$1.ids" || missing="$missing $h"
    done <"$work/$1.hrefs"
    if [ -n "$missing" ]; then bad "$1.html: anchors without target:$missing"
    else ok "$1.html: every anchor has a target"; fi
    # the HTML elements are balanced (when python3 is there to parse it)
    if command -v python3 >/dev/null 2>&1; then
        if python3 - "$f" >"$work/$1.parse" 2>&1 <<'EOF'
import sys, html.parser
VOID = {'meta', 'br', 'hr', 'img', 'link', 'input', 'wbr'}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.err = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.err.append('</%s> closes <%s>' % (tag, self.stack[-1] if self.stack else ''))
        else:
            self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
if p.stack:
    p.err.append('unclosed: ' + ' '.join(p.stack))
print('\n'.join(p.err[:5]))
sys.exit(1 if p.err else 0)
EOF
        then ok "$1.html: elements balanced"
        else bad "$1.html: elements not balanced" "$(head -3 "$work/$1.parse")"; fi
    fi
}

# ---- the examples ------------------------------------------------------------------

doc maatwerk "$top/examples/maatwerk_werk_inkomen.hv"
doc bijstand "$top/examples/bijzondere_bijstand.hv"
doc kwijtschelding "$top/examples/english_keywords.hv"
for n in maatwerk bijstand kwijtschelding; do
    sections "$n"
    no_code "$n"
    self_contained "$n"
    has "$work/$n.md" "Deze regelset heeft geen beperkte geldigheid."
    has "$work/$n.txt" "Deze regelset heeft geen beperkte geldigheid."
done

# maatwerk_werk_inkomen.hv
m="$work/maatwerk.md"
t="$work/maatwerk.txt"
has "$m" "# Regelboek: Maatwerk Werk en Inkomen"
has "$m" "Versie 2026.1"
has "$m" "- **ondersteuning**: toekennen, afwijzen of doorverwijzen (of ter beoordeling van een consulent)"
has "$m" "- **eenmalige bijdrage**: een bedrag in euro (of ter beoordeling van een consulent)"
has "$m" "- **spoed**: ja of nee"
has "$m" "### 1. In onze gemeente zijn geen kinderen dakloos"
has "$m" "### 2. We komen in actie als iemand het zelf echt niet kan"
has "$m" "### 3. Werk staat boven inkomen"
has "$m" "### 4. We kiezen onze eigen toekomst"
has "$m" "Waarde \`geen_kinderen_dakloos\`. Bron: Collegeprogramma 2026-2030, hoofdstuk 3."
has "$m" "#### Regel: huisuitzetting met kinderen"
has "$m" "Als *dreigende huisuitzetting* is waar en *gezin met kinderen* is waar, dan wordt *ondersteuning* **toekennen**."
has "$t" "Als dreigende huisuitzetting is waar en gezin met kinderen is waar, dan wordt ondersteuning toekennen."
has "$m" "Als *woonsituatie* is dakloos en *gezin met kinderen* is waar"
has "$m" "Als *leeftijd* is kleiner dan 27 en *startkwalificatie* is niet waar, dan wordt *ondersteuning* **doorverwijzen**."
has "$m" "*sociaal netwerk* is beperkt, dan is *ondersteuning* **ter beoordeling van een consulent**."
has "$m" "Deze regel is een uitzondering op regel zelf werk zoeken: als hij geldt, telt zelf werk zoeken niet."
has "$m" "Op deze regel bestaat een uitzondering: regel eerst startkwalificatie."
has "$m" "Toelichting bij het besluit: “Er dreigt huisuitzetting en er wonen [*aantal minderjarige kinderen*] minderjarige kinderen in het huishouden.”"
has "$t" "er wonen [aantal minderjarige kinderen] minderjarige kinderen"
has "$m" "Bron: Participatiewet, art. 18 (maatwerk)."
has "$m" "*te vergoeden* is ten hoogste € 3.000,00, dan wordt *eenmalige bijdrage* ***te vergoeden***."
has "$t" "te vergoeden is ten hoogste € 3.000,00"
has "$m" "*ontruimingsdatum* ligt op of vóór 14 dagen na de peildatum, dan wordt *spoed* **ja**."
has "$m" "Het bedrag gaat uiterlijk [7 dagen na de peildatum] rechtstreeks naar de verhuurder."
has "$m" "Begrippen in deze regel: *gezin met kinderen* en *te vergoeden* (zie Begrippen)."
has "$m" "Standaard: als geen enkele regel geldt, wordt ondersteuning **doorverwijzen**, omdat: “Geen richtlijn is van toepassing.”"
has "$m" "- **ter beoordeling van een consulent** volgens regel schulden beperkt netwerk (rang 2: “We komen in actie als iemand het zelf echt niet kan”)"
has "$m" "- **Gezin met kinderen** (ja of nee): waar als *aantal minderjarige kinderen* is groter dan 0."
has "$m" "- **Inkomensgrens** (een bedrag in euro): € 1.600,00 plus (*aantal minderjarige kinderen* maal € 200,00)."
has "$m" "- **Eigen deel** (een bedrag in euro): (*netto inkomen* min *inkomensgrens*, maar ten minste € 0,00) maal 3."
has "$m" "- **aantal minderjarige kinderen** (\`minderjarige_kinderen\`): een getal. Vraag: “Hoeveel minderjarige kinderen wonen er in het huishouden?”"
has "$m" "- **woonsituatie** (\`woonsituatie\`): één van: huur, koop, inwonend of dakloos. Vraag: “Hoe woont de aanvrager?”"
has "$m" "### Zoek het zelf maar uit mag nooit een optie zijn"
has "$m" "Als het besluit *ondersteuning* is afwijzen, dan moet gelden: *doorverwezen* is waar."
has "$m" "Als *eenmalige bijdrage* is hoger dan € 0,00, dan moet gelden: het besluit *ondersteuning* is toekennen."
has "$m" "Deze regelset beslist over ondersteuning (toekennen, afwijzen of doorverwijzen), eenmalige bijdrage (een bedrag in euro) en spoed (ja of nee)."
has "$m" "- Participatiewet (jongeren tot 27 jaar)"
has "$m" "- Ketensexpeditie Werk & Inkomen, Waarden en waarborgen"
has "$m" "**Ondersteuning.** Kan niet uitlopen op een conflict tussen even hoge waarden. Komt ter beoordeling van een consulent door regel schulden beperkt netwerk"
has "$m" "gaat het terug naar de consulent"
has "$m" "**Eenmalige bijdrage.** Kan niet uitlopen op een conflict tussen even hoge waarden."
has "$m" "Dit besluit hangt af van het besluit ondersteuning"
has "$m" "- rang 4: “We kiezen onze eigen toekomst” (bron: Ketensexpeditie Werk & Inkomen, Waarden en waarborgen)"
has "$m" "SHA-256 van het regelbestand: \`"
sha=$("$hv" run "$top/examples/maatwerk_werk_inkomen.hv" --case "$top/examples/cases/gezin_huisuitzetting.json" --json 2>/dev/null |
      sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p' | head -1)
[ -n "$sha" ] && has "$m" "$sha"
has "$work/maatwerk.html" '<a class="naam" href="#gegeven-dreigende_huisuitzetting">dreigende huisuitzetting</a> is waar'
has "$work/maatwerk.html" '<a href="#regel-zelf_werk_zoeken">zelf werk zoeken</a>'
has "$work/maatwerk.html" '<h3 id="waarde-geen_kinderen_dakloos">1. In onze gemeente zijn geen kinderen dakloos</h3>'
has "$work/maatwerk.html" '<h4 id="regel-huisuitzetting_met_kinderen">Regel: huisuitzetting met kinderen</h4>'
has "$work/maatwerk.html" '<tr id="gegeven-leeftijd"><td>leeftijd (<code>leeftijd</code>)</td><td>een getal</td><td>Hoe oud is de aanvrager?</td>'
has "$work/maatwerk.html" '€&nbsp;3.000,00'
has "$work/maatwerk.html" 'Werk &amp; Inkomen'
has "$work/maatwerk.html" '<li><a href="#waarde-eigen_toekomst">4. We kiezen onze eigen toekomst</a></li>'

# bijzondere_bijstand.hv: equal ranks, a conflict, exceptions on exceptions
m="$work/bijstand.md"
t="$work/bijstand.txt"
has "$m" "# Regelboek: Bijzondere bijstand"
has "$m" "### 2. Een probleem lossen we op"
has "$m" "### 2. We stellen redelijkheid boven regels"
has "$m" "### 3. We voeren wet en regels zorgvuldig en voor iedereen gelijk uit"
has "$m" "Waarden met hetzelfde nummer staan even hoog"
has "$m" "Staat even hoog als “We stellen redelijkheid boven regels”."
has "$m" "Als *kosten noodzakelijk* is waar, *bijzondere omstandigheden* is waar en *kosten na draagkracht* is hoger dan € 0,00, dan wordt *bijzondere bijstand* **toekennen**."
has "$m" "Als *kosten noodzakelijk* is niet waar of *bijzondere omstandigheden* is niet waar, dan wordt *bijzondere bijstand* **afwijzen**."
has "$m" "Deze regel is een uitzondering op de regels noodzakelijke kosten en draagkracht toereikend: als hij geldt, tellen noodzakelijke kosten en draagkracht toereikend niet."
has "$m" "Op deze regel bestaan uitzonderingen: de regels voorliggende voorziening eerst en aanvraag achteraf (bij de waarde “We voeren wet en regels zorgvuldig en voor iedereen gelijk uit”)."
has "$m" "dan wordt *hoogte* ***kosten na draagkracht*, maar ten hoogste € 450,00**."
has "$t" "dan wordt hoogte kosten na draagkracht, maar ten hoogste € 450,00."
has "$m" "- **Inkomensdraagkracht** (een bedrag in euro): (*netto maandinkomen* min (*toepasselijke norm* maal 1,1), maar ten minste € 0,00) maal 0,35 maal 12."
has "$m" "- **Vrijgelaten vermogen** (een bedrag in euro): € 7.500,00."
has "$m" "Bron: Participatiewet, normen per 1 januari."
has "$m" "Als *acuut* is waar, dan moet gelden: het besluit *bijzondere bijstand* is toekennen of *verwezen naar hulp* is waar."
has "$m" "**Bijzondere bijstand.** Kan uitlopen op een conflict tussen even hoge waarden: regel acuut oplossen (“Een probleem lossen we op”) geeft toekennen en regel eerder vergoed zelfde kosten (“We stellen redelijkheid boven regels”) geeft afwijzen."
has "$m" "Komt ter beoordeling van een consulent door regel schrijnende situatie (“We stellen redelijkheid boven regels”), als *situatie schrijnend* is waar."
has "$m" "**Hoogte.** Kan niet uitlopen op een conflict tussen even hoge waarden."
has "$m" "- Participatiewet, art. 15"
has "$m" "- rang 2: “Een probleem lossen we op”"
has "$m" "- rang 2: “We stellen redelijkheid boven regels”"
has "$work/bijstand.html" '‘onoplosbare’'

# english_keywords.hv: English keywords, Dutch book
m="$work/kwijtschelding.md"
has "$m" "# Regelboek: Kwijtschelding gemeentelijke belastingen"
has "$m" "- **remission**: full, partial of refused (of ter beoordeling van een consulent)"
has "$m" "Als *capacity* is € 0,00 en *assets* is ten hoogste *asset limit*, dan wordt *remission* **full**."
has "$m" "Als *capacity* is ten minste *tax amount*, dan wordt *remission* **refused**."
has "$m" "Als *days since assessment* is groter dan 90 en *good reason for delay* is waar, dan is *remission* **ter beoordeling van een consulent**."
has "$m" "- **Days since assessment** (een getal): het aantal dagen van *assessment date* tot de peildatum."
has "$m" "- **Capacity** (een bedrag in euro): (*net income* min *applicable norm*, maar ten minste € 0,00) maal 12 maal 0,8."
has "$m" "Het verzoek is gedaan op [de peildatum]"
has "$m" "betaalt het huishouden [het kleinste van *capacity* en *tax amount*] zelf"
has "$m" "Altijd moet gelden: *remitted amount* is ten hoogste *tax amount*."
has "$m" "De peildatum is de datum waarop een aanvraag wordt beoordeeld."
has "$m" "Dit besluit hangt af van het besluit remission"

# ---- escaping, every form of expression ------------------------------------------------

doc alles "$dir/alles.hv"
sections alles
no_code alles
self_contained alles
m="$work/alles.md"
t="$work/alles.txt"
h="$work/alles.html"
has "$m" "# Regelboek: Alles \\<en\\> \\*meer\\* & \"zo\""
has "$m" "### 1. Eerste waarde met \\*sterretjes\\*, \\_lage streepjes\\_ en \\[haken\\] \\| pijp"
has "$m" "Bron: Verordening \\<script\\>alert(1)\\</script\\> & co."
has "$h" "Verordening &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
has "$h" "<title>Regelboek: Alles &lt;en&gt; *meer* &amp; &quot;zo&quot; (versie 0.1-test)</title>"
has "$h" "Art. 1 &lt;b&gt;lid&lt;/b&gt; 2"
hasnt "$h" "<b>"
has "$t" "Eerste waarde met *sterretjes*, _lage streepjes_ en [haken] | pijp"
has "$m" "Als *woonvorm* is huur woning of koop woning en *inkomen* is bekend"
has "$m" "Als *inkomen* is onbekend of *woonvorm* is niet inwonend, dan is *hulp* **ter beoordeling van een consulent**."
has "$m" "Als *ziek* is niet waar, *werkt* is niet waar, *aanvraagdatum* ligt op of na 1 maart 2026 en *aanvraagdatum* ligt vóór 30 dagen na de peildatum"
has "$m" "Als *leeftijd in dagen* is ten hoogste 6570 en *alleenstaand* is niet waar, *naam* is “Jan” en *naam* is niet “Piet”"
has "$m" "en wordt *bedrag hulp* **het kleinste van *netto*, € 1.500,50 en *huur*** en wordt *melden* **ja**."
has "$m" "**(*inkomen* maal 0,1) min € 5,00**"
has "$m" "Deze regel geldt altijd, dus wordt *brief* **“Beste {naam}”**."
has "$m" "Zie [*naam*\\](bijlage)."
has "$m" "Dit besluit heeft geen standaard: als geen enkele regel geldt, neemt de regelset geen besluit en beslist de consulent."
has "$m" "wordt brief **“Beste \"lezer\", geen brief.”**, omdat: “Standaard [*naam*].”"
has "$m" "- **Leeftijd in dagen** (een getal): het aantal dagen van *geboortedatum* tot de peildatum."
has "$m" "- **Netto** (een bedrag in euro): (de absolute waarde van (*inkomen* min *huur*)) gedeeld door 2."
has "$m" "- **Tegendeel** (een getal): ((min *factor*) maal 2) plus (10 gedeeld door 4)."
has "$m" "- **Laatste datum** (een datum): de laatste van *aanvraagdatum*, *geboortedatum* en 1 januari 2026."
has "$m" "- **Vroegst** (een datum): *aanvraagdatum*, maar uiterlijk 31 december 2026."
has "$m" "- **Termijn voorbij** (ja of nee): waar als 30 dagen vóór *aanvraagdatum* ligt vóór de peildatum."
has "$m" "- **Alleenstaand** (ja of nee): waar als *ziek* is niet waar of (*werkt* is niet waar en *kinderen* is ten hoogste 0)."
has "$m" "- **Vast** (ja of nee): ja."
has "$m" "- **aantal kinderen** (\`aantal_kinderen\`)"
has "$m" "- **kinderen** (\`kinderen\`)"
has "$m" "Altijd moet gelden: *bedrag hulp* is ten hoogste € 1.500,50."
has "$m" "### 2. Tweede waarde"
has "$m" "### 2. Derde waarde, even hoog"
has "$m" "### 3. Vierde waarde zonder regels"
has "$m" "Bij deze waarde staan geen regels."
has "$m" "**Hulp.** Kan uitlopen op een conflict tussen even hoge waarden: regel anders a (“Tweede waarde”) geeft nee helaas en regel anders b (“Derde waarde, even hoog”) geeft misschien."
has "$m" "Er is geen standaard: geldt geen enkele regel, dan neemt de regelset geen besluit en beslist de consulent."

# ---- validity and parameters ------------------------------------------------------------

doc tijd "$dir/tijd.hv"
sections tijd
no_code tijd
self_contained tijd
m="$work/tijd.md"
has "$m" "Versie 2, geldig vanaf 1 januari 2025 tot 1 januari 2027"
has "$m" "Deze regelset geldt vanaf 1 januari 2025 tot 1 januari 2027. Op een peildatum buiten die periode neemt de regelset geen enkel besluit."
hasnt "$m" "Deze regelset heeft geen beperkte geldigheid."
has "$m" "- regel oud: vanaf 1 januari 2025 tot 1 januari 2026"
has "$m" "- regel nieuw: vanaf 1 januari 2026"
has "$m" "Deze regel geldt vanaf 1 januari 2025 tot 1 januari 2026: op een peildatum daarbuiten telt hij niet."
has "$m" "- **Toeslag** (een bedrag in euro): vanaf 1 januari 2025 € 100,00 en vanaf 1 januari 2026 € 120,50."
has "$m" "- **Leeftijdsgrens** (een getal): vanaf 1 januari 2025 21."
has "$m" "Als de leeftijd in hele jaren op de peildatum bij geboortedatum *geboortedatum* is ten minste *leeftijdsgrens*, dan wordt *hoogte* ***toeslag***."
has "$m" "dan wordt *hoogte* ***toeslag* plus (*huur* maal 0,1), naar beneden afgerond op € 1,00**."
has "$m" "Ingang: [de eerste dag van de maand van de peildatum]."
has "$m" "Parameters in deze regel: *leeftijdsgrens* en *toeslag* (zie Geldigheid)."
has "$work/tijd.html" '<li id="parameter-toeslag">'
has "$work/tijd.html" '<a class="naam" href="#parameter-toeslag">toeslag</a>'

# ---- modules: values of the standard library that are not ranked ------------------------

doc eindhoven "$dir/eindhoven.hv"
sections eindhoven
self_contained eindhoven
m="$work/eindhoven.md"
has "$m" "### 1. Wie op onze hulp is aangewezen zetten we nooit onder druk"
has "$m" "### 2. Hulp leidt niet tot afhankelijkheid"
hasnt "$m" "### 3."
hasnt "$m" "rang 3"
has "$m" "Deze waarden komen uit een module, maar staan niet in de rangorde; er volgen geen regels uit:"
has "$m" "De uitkomst volgt uit 2 waarden van de gemeente, in rangorde"
has "$m" "- \`stdlib.verklaring_van_eindhoven\` (module uit de standaardbibliotheek van Houvast)"
has "$m" "SHA-256 van de regelbestanden samen"
hasnt "$m" "beginsel 1"
has "$work/eindhoven.html" "&#39;zoek het zelf maar uit&#39;"

# ---- options and exit statuses ----------------------------------------------------------

# the same book every time
"$hv" doc "$top/examples/bijzondere_bijstand.hv" >"$work/again.md" 2>/dev/null
cmp -s "$work/again.md" "$work/bijstand.md" && ok "deterministic" || bad "two runs give different books"

out="$work/boek.md"
"$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" --out "$out" >"$work/stdout" 2>"$work/stderr"
rc=$?
[ $rc -eq 0 ] && ok "--out: exit 0" || bad "--out: exit $rc" "$(head -3 "$work/stderr")"
[ -s "$work/stdout" ] && bad "--out: standard output not empty" || ok "--out: nothing on standard output"
cmp -s "$out" "$work/maatwerk.md" && ok "--out: the same book" || bad "--out: a different book"

"$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" -o "$work/boek.html" >/dev/null 2>&1
head -1 "$work/boek.html" | grep -q -F "<!DOCTYPE html>" && ok "--out FILE.html: html" || bad "--out FILE.html gives no html"
"$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" -f md -o "$work/boek2.html" >/dev/null 2>&1
head -1 "$work/boek2.html" | grep -q "^# Regelboek" && ok "--format md wins over .html" || bad "--format md with --out x.html"
"$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" --format=html --out - >"$work/dash.html" 2>/dev/null
cmp -s "$work/dash.html" "$work/maatwerk.html" && ok "--out - is standard output" || bad "--out - is not standard output"
"$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" --format markdown >"$work/mdlong.md" 2>/dev/null
cmp -s "$work/mdlong.md" "$work/maatwerk.md" && ok "--format markdown" || bad "--format markdown"

# exit 2: bad usage
expect() {   # expect CODE DESC CMD...
    code=$1; desc=$2; shift 2
    "$@" >"$work/x.out" 2>"$work/x.err"
    rc=$?
    if [ $rc -eq "$code" ]; then ok "$desc: exit $code"; else bad "$desc: exit $rc, expected $code" "$(head -3 "$work/x.err")"; fi
}
expect 0 "--help" "$hv" doc --help
grep -q -- "--format md|html" "$work/x.out" && ok "--help names --format" || bad "--help does not name --format"
grep -q -- "--out FILE" "$work/x.out" && ok "--help names --out" || bad "--help does not name --out"
grep -q "Algoritmeregister" "$work/x.out" && ok "--help describes the book" || bad "--help does not describe the sections"
expect 2 "no file" "$hv" doc
grep -q "no rule file" "$work/x.err" && ok "no file: says so" || bad "no file: no message"
expect 2 "unknown format" "$hv" doc --format pdf "$top/examples/maatwerk_werk_inkomen.hv"
grep -q "pdf" "$work/x.err" && ok "unknown format: named" || bad "unknown format: not named"
expect 2 "two files" "$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" "$top/examples/bijzondere_bijstand.hv"
expect 2 "unknown option" "$hv" doc --bogus "$top/examples/maatwerk_werk_inkomen.hv"
cp "$top/examples/english_keywords.hv" "$work/self.hv"
expect 2 "--out is the rule file" "$hv" doc "$work/self.hv" --out "$work/self.hv"
cmp -s "$work/self.hv" "$top/examples/english_keywords.hv" && ok "--out is the rule file: file intact" || bad "the rule file was overwritten"

# exit 1: errors in the rule file, printed like houvast check; nothing written
printf 'regelset "Fout"\nwaarde a "A"\nrangorde a\nfeit f: janee\nbesluit b: janee\nregel r volgens a als g dan b = ja\n' >"$work/fout.hv"
rm -f "$work/fout.md"
expect 1 "rule file with errors" "$hv" doc "$work/fout.hv" --out "$work/fout.md"
grep -q "fout.hv:6:.*error: unknown name 'g'" "$work/x.err" && ok "errors: reported as FILE:LINE:COL" || bad "errors: no diagnostic" "$(head -3 "$work/x.err")"
[ -e "$work/fout.md" ] && bad "errors: a book was written anyway" || ok "errors: no book written"
expect 1 "missing rule file" "$hv" doc "$work/bestaat-niet.hv"
expect 1 "unwritable --out" "$hv" doc "$top/examples/maatwerk_werk_inkomen.hv" --out "$work/geen/map/boek.md"
grep -q "cannot write" "$work/x.err" && ok "unwritable --out: says so" || bad "unwritable --out: no message"

# ---- optional: memory -----------------------------------------------------------------

if [ -n "$VALGRIND" ] && command -v valgrind >/dev/null 2>&1; then
    for f in "$top"/examples/*.hv "$dir"/*.hv; do
        for fmt in md html; do
            if valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
                "$hv" doc "$f" --format $fmt >/dev/null 2>"$work/vg.err"; then ok "valgrind $(basename "$f") $fmt"
            else bad "valgrind $(basename "$f") $fmt" "$(head -5 "$work/vg.err")"; fi
        done
    done
fi

summary
