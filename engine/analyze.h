/* analyze.h — static analysis of a compiled rule set, for `houvast check`.
 *
 * hv_analyze() looks at the rules of every decision and adds warnings
 * (HV_SEV_WARNING) with a location:
 *
 *   conflict possible: rules 'a' (line 12) and 'b' rank equally and can give
 *       'd' different outcomes: x and y
 *     — some case makes the engine report a conflict between a and b: both
 *     count (apply, not set aside), no higher-ranked rule counts and no
 *     ter-beoordeling rule of their rank does. A ter-beoordeling rule is
 *     never in a conflict. The hint is such a case ("for example leeftijd =
 *     30, kan_zelf_werk_vinden = ja"): it holds whatever KNOWN values the
 *     facts it does not name have (and "on peildatum D" when the date
 *     matters).
 *   rule 'r' never applies: no case makes its condition true
 *   rule 'r' never decides 'd': whenever it applies, higher-ranked rule 'h'
 *       (line 7) applies too[, or exception 'e' (line 9) sets it aside]
 *     — its condition implies that a higher-ranked rule for d counts (also a
 *     ter-beoordeling one) or that an exception to it applies; the rules
 *     named are a minimal set that always wins.
 *   gap: no rule decides 'd' in some cases, and it has no standaard
 *     — the hint gives such a case, with a value for every fact the rules
 *     of d (and their exceptions) read.
 *   fact 'f' is not used / definition 'x' is not used / value 'v' has no
 *     rules / rule 'r' has no omdat / fact 'f' is read by the rules but has
 *     no vraag. A fact is used when a rule, a used definition, a standaard,
 *     a waarborg or an omdat text reads it. Declarations of modules
 *     (gebruik: every file but the first) may offer more than a rule set
 *     uses: they are not reported as unused.
 *
 * EXACT (no false alarm, nothing missed) for conditions made of `en`, `of`,
 * `niet`, janee facts, and comparisons of a fact or the peildatum with a
 * constant or a parameter: `< <= > >= = !=` on getal, bedrag and datum (in
 * whole millionths, cents and days: `x > 3` on a getal starts at 3.000001),
 * `= != in, niet in` on keuze and janee facts (finite domains), with
 * definitions inlined, constant expressions folded, geldig periods of
 * rules and the regelset, and parameters (a parameter read before its first
 * date fails, as in the engine, evaluated left to right). The analysis is
 * about cases in which the facts it looks at are KNOWN: with unknown facts
 * rules are open, which the engine reports at run time (undetermined).
 *
 * Beyond that fragment (arithmetic on facts, two facts compared, a decision
 * read, a function, a text) the analysis never guesses:
 *   - an opaque expression compared with a constant is one unknown quantity
 *     (a definition or decision read in several places is the same one), so
 *     that impossibility can still be proved (`rest > €0` vs `rest = €0`);
 *   - a conflict or gap is reported only with a case that the engine itself
 *     confirms (found among values taken from the rule set's constants);
 *   - otherwise nothing is concluded, and one note (HV_SEV_NOTE) per
 *     decision says "could not decide: rule 'r' computes with facts or
 *     dates, so decision 'd' is only partly checked", at the construct.
 *   A computation that fails (a division by zero) in a rule the witness
 *   does not involve is not modelled.
 * The work is bounded (tableau steps, engine evaluations); beyond the bound
 * the note says "too large to analyse".
 *
 * The diagnostics are added in source order. d->src must be the program's
 * sources (hv_compile_* leaves it so). Returns the number of warnings added
 * (notes not counted), or -1 when memory ran out.
 */
#ifndef HV_ANALYZE_H
#define HV_ANALYZE_H

#include "houvast.h"

enum { HV_ANALYZE_ALL = 0 };     /* flags: reserved */

int hv_analyze(const hv_program *p, hv_diags *d, int flags);

#endif
