/* doc.c — the rule book: the rule set in plain Dutch, as Markdown or as one
 * self-contained HTML file (see doc.h).
 *
 * Two layers. The first turns compiled expressions (p->nodes) into Dutch
 * words, as plain UTF-8 text: `leeftijd < 27` reads "leeftijd is kleiner dan
 * 27", `max(€0, a - b)` reads "a min b, maar ten minste € 0,00". The second
 * writes the book through a small writer that knows the two formats: every
 * text from the rule file goes through its escaping (Markdown backslashes or
 * HTML entities), markup is only ever added by this file.
 *
 * Nothing here evaluates a case: the book is about the rules, not a case. */
#include "doc.h"
#include "program.h"
#include "builtins.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ======================================================================
 * Part 1: expressions in words (plain text into an hv_buf)
 * ====================================================================== */

/* A name as words: "minderjarige_kinderen" -> "minderjarige kinderen"
 * (as hv_value_nl shows choice members; a leading or doubled _ stays). */
static void human(hv_buf *b, const char *name)
{
    for (const char *s = name; *s; s++) {
        if (*s == '_' && s > name && s[1] && s[1] != '_' && s[-1] != '_') hv_buf_putc(b, ' ');
        else hv_buf_putc(b, *s);
    }
}

/* A name in words is marked, so that the writer can show it as a name: a
 * link to where it is explained (HTML) or in italics (Markdown). The marks
 * are control characters, which no text of a rule file holds (the lexer
 * refuses them, and text constants are cleaned in const_words).
 *   MK_OPEN anchor MK_MID words MK_CLOSE */
#define MK_OPEN '\x01'
#define MK_MID '\x02'
#define MK_CLOSE '\x03'

static void ref_open(hv_buf *b, const char *prefix, const char *name)
{
    hv_buf_putc(b, MK_OPEN);
    hv_buf_puts(b, prefix);
    hv_buf_puts(b, name);
    hv_buf_putc(b, MK_MID);
}

static void ref_close(hv_buf *b) { hv_buf_putc(b, MK_CLOSE); }

/* The same with a capital first letter, for headings. */
static void human_cap(hv_buf *b, const char *name)
{
    size_t at = b->len;
    human(b, name);
    if (b->data && at < b->len && b->data[at] >= 'a' && b->data[at] <= 'z') b->data[at] = (char)(b->data[at] - 'a' + 'A');
}

/* How a fact is named in a sentence. A number asked with "Hoeveel ..." is a
 * count: "aantal minderjarige kinderen" reads better than the bare name. */
static int name_taken(const hv_program *p, const char *prefix, const char *name)
{
    size_t np = strlen(prefix);
    for (int i = 0; i < p->nfacts; i++)
        if (strncmp(p->facts[i].name, prefix, np) == 0 && strcmp(p->facts[i].name + np, name) == 0) return 1;
    for (int i = 0; i < p->ndefs; i++)
        if (strncmp(p->defs[i].name, prefix, np) == 0 && strcmp(p->defs[i].name + np, name) == 0) return 1;
    for (int i = 0; i < p->ndecs; i++)
        if (strncmp(p->decs[i].name, prefix, np) == 0 && strcmp(p->decs[i].name + np, name) == 0) return 1;
    return 0;
}

static void fact_label(hv_buf *b, const hv_program *p, int f)
{
    const hv_fact *fa = &p->facts[f];
    if (fa->ty.kind == HV_TY_NUM && fa->vraag && strncmp(fa->vraag, "Hoeveel ", 8) == 0 &&
        strncmp(fa->name, "aantal", 6) != 0 && !name_taken(p, "aantal_", fa->name))
        hv_buf_puts(b, "aantal ");
    human(b, fa->name);
}

/* A fact, definition or decision named in a sentence (marked). */
static void fact_ref(hv_buf *b, const hv_program *p, int f)
{
    ref_open(b, "gegeven-", p->facts[f].name);
    fact_label(b, p, f);
    ref_close(b);
}

static void def_ref(hv_buf *b, const hv_program *p, int d)
{
    ref_open(b, "begrip-", p->defs[d].name);
    human(b, p->defs[d].name);
    ref_close(b);
}

static void param_ref(hv_buf *b, const hv_program *p, int i)
{
    ref_open(b, "parameter-", p->params[i].name);
    human(b, p->params[i].name);
    ref_close(b);
}

static void dec_ref(hv_buf *b, const hv_program *p, int d)
{
    ref_open(b, "besluit-", p->decs[d].name);
    human(b, p->decs[d].name);
    ref_close(b);
}

/* A list of words: "a", "a of b", "a, b of c". */
static void list_sep(hv_buf *b, int i, int n, const char *last)
{
    if (i == 0) return;
    hv_buf_puts(b, i == n - 1 ? last : ", ");
}

/* What a type takes, in words: "een bedrag in euro", "toekennen, afwijzen of
 * doorverwijzen". */
static void type_words(hv_buf *b, const hv_program *p, hv_type t, int lead)
{
    switch ((hv_tykind)t.kind) {
    case HV_TY_BOOL: hv_buf_puts(b, "ja of nee"); break;
    case HV_TY_NUM: hv_buf_puts(b, "een getal"); break;
    case HV_TY_MONEY: hv_buf_puts(b, "een bedrag in euro"); break;
    case HV_TY_DATE: hv_buf_puts(b, "een datum"); break;
    case HV_TY_TEXT: hv_buf_puts(b, "een tekst"); break;
    case HV_TY_CHOICE: {
        const hv_choice_set *cs = &p->choices[t.choice];
        if (cs->n > 1 && lead) hv_buf_puts(b, "één van: ");
        for (int i = 0; i < cs->n; i++) {
            list_sep(b, i, cs->n, " of ");
            human(b, p->syms[cs->members[i]]);
        }
        break;
    }
    default: hv_buf_puts(b, "onbekend soort"); break;
    }
}

static int is_const(const hv_program *p, int32_t n) { return p->nodes[n].op == HV_OP_CONST_; }

static hv_value const_of(const hv_program *p, int32_t n) { return p->consts[p->nodes[n].a]; }

static int is_arith(int op)
{
    switch (op) {
    case HV_OP_NEG_NUM_: case HV_OP_NEG_MONEY_:
    case HV_OP_ADD_NUM_: case HV_OP_ADD_MONEY_: case HV_OP_SUB_NUM_: case HV_OP_SUB_MONEY_:
    case HV_OP_MUL_NUM_: case HV_OP_MUL_MONEY_: case HV_OP_DIV_NUM_: case HV_OP_DIV_MONEY_:
    case HV_OP_RATIO_MONEY_:
    case HV_OP_ADD_DATE_: case HV_OP_SUB_DATE_: case HV_OP_DIFF_DATE_:
        return 1;
    default:
        return 0;
    }
}

/* Operators that read the same belong to one family: a chain of them needs
 * no parentheses on the left ("a plus b min c"). */
static int family(int op)
{
    switch (op) {
    case HV_OP_ADD_NUM_: case HV_OP_ADD_MONEY_: case HV_OP_SUB_NUM_: case HV_OP_SUB_MONEY_: return 1;
    case HV_OP_MUL_NUM_: case HV_OP_MUL_MONEY_: case HV_OP_DIV_NUM_: case HV_OP_DIV_MONEY_:
    case HV_OP_RATIO_MONEY_: return 2;
    default: return 0;
    }
}

/* min/max of two operands of which one is a constant: said as a limit,
 * "kosten, maar ten hoogste € 450,00". */
static int is_limit(const hv_program *p, int32_t n)
{
    const hv_node *nd = &p->nodes[n];
    if ((nd->op != HV_OP_MIN_ && nd->op != HV_OP_MAX_) || nd->n != 2) return 0;
    return is_const(p, p->kids[nd->a]) != is_const(p, p->kids[nd->a + 1]);
}

static int is_round(int op) { return op == HV_OP_ROUND_ || op == HV_OP_ROUNDDOWN_ || op == HV_OP_ROUNDUP_; }

/* Said with a comma ("a, maar ten minste b", "a, afgerond op b"): inside
 * anything else it needs parentheses. */
static int is_comma(const hv_program *p, int32_t n) { return is_limit(p, n) || is_round(p->nodes[n].op); }

/* The operations that make a statement (janee) of their operands. */
static int is_clause_op(int op)
{
    switch (op) {
    case HV_OP_NOT_: case HV_OP_AND_: case HV_OP_OR_:
    case HV_OP_EQ_: case HV_OP_NE_: case HV_OP_LT_: case HV_OP_LE_: case HV_OP_GT_: case HV_OP_GE_:
    case HV_OP_IN_: case HV_OP_NOTIN_: case HV_OP_KNOWN_:
        return 1;
    default:
        return 0;
    }
}

/* An expression the words below do not know (a newer operation): its
 * source text, as written, between quotes. Never wrong, only less plain. */
static void source_words(hv_buf *b, const hv_program *p, int32_t n)
{
    size_t len = 0;
    const char *s = hv_src_slice((hv_srcset *)&p->src, p->nodes[n].loc, &len);
    hv_buf_puts(b, "‘");
    int space = 0;
    for (size_t i = 0; s && i < len; i++) {
        int sp = (unsigned char)s[i] < 0x20 || s[i] == ' ';
        if (sp && space) continue;
        hv_buf_putc(b, sp ? ' ' : s[i]);
        space = sp;
    }
    hv_buf_puts(b, "’");
}

enum { W_LIMIT = 1, W_ARITH = 2 };   /* what must be put between parentheses */
enum { J_NONE = 0, J_AND = 1, J_OR = 2, J_ANY = 3 };   /* the list a clause stands in */

static void noun(hv_buf *b, const hv_program *p, int32_t n, int wrap);
static void clause(hv_buf *b, const hv_program *p, int32_t n, int neg, int nested);

static void const_words(hv_buf *b, const hv_program *p, hv_value v)
{
    char tmp[64];
    if (v.k == HV_V_TEXT) {
        hv_buf_puts(b, "“");
        int space = 0;
        for (const char *s = v.s ? v.s : ""; *s; s++) {
            int sp = (unsigned char)*s < 0x20 || *s == ' ';
            if (sp && space) continue;
            hv_buf_putc(b, sp ? ' ' : *s);
            space = sp;
        }
        hv_buf_puts(b, "”");
        return;
    }
    hv_buf_puts(b, hv_value_nl(p, v, tmp));
}

/* "14 dagen", "1 dag" for a constant number of days. */
static void days_words(hv_buf *b, hv_value v)
{
    char tmp[64];
    int64_t x = v.i < 0 ? -v.i : v.i;
    hv_fmt_num_nl(x, tmp);
    hv_buf_printf(b, "%s %s", tmp, x == HV_NUM_SCALE ? "dag" : "dagen");
}

static void binary_words(hv_buf *b, const hv_program *p, int32_t n, const char *word)
{
    const hv_node *nd = &p->nodes[n];
    int32_t first = nd->a, second = nd->b;
    /* `aantal * €200` is compiled with the amount first; say it as written */
    if ((nd->op == HV_OP_MUL_MONEY_ || nd->op == HV_OP_MUL_NUM_ || nd->op == HV_OP_ADD_NUM_ ||
         nd->op == HV_OP_ADD_MONEY_) &&
        p->nodes[second].loc.file == p->nodes[first].loc.file &&
        p->nodes[second].loc.start < p->nodes[first].loc.start) {
        first = nd->b;
        second = nd->a;
    }
    int fam = family(nd->op);
    noun(b, p, first, W_LIMIT | (family(p->nodes[first].op) == fam && fam ? 0 : W_ARITH));
    hv_buf_printf(b, " %s ", word);
    noun(b, p, second, W_LIMIT | W_ARITH);
}

static void noun_body(hv_buf *b, const hv_program *p, int32_t n)
{
    const hv_node *nd = &p->nodes[n];
    switch ((hv_opcode)nd->op) {
    case HV_OP_CONST_: const_words(b, p, p->consts[nd->a]); return;
    case HV_OP_FACT_: fact_ref(b, p, nd->a); return;
    case HV_OP_DEF_: def_ref(b, p, nd->a); return;
    case HV_OP_DEC_:
        if (p->decs[nd->a].ty.kind == HV_TY_CHOICE || p->decs[nd->a].ty.kind == HV_TY_BOOL)
            hv_buf_puts(b, "het besluit ");
        dec_ref(b, p, nd->a);
        return;
    case HV_OP_PEIL_: hv_buf_puts(b, "de peildatum"); return;
    case HV_OP_NEG_NUM_: case HV_OP_NEG_MONEY_:
        hv_buf_puts(b, "min ");
        noun(b, p, nd->a, W_LIMIT | W_ARITH);
        return;
    case HV_OP_ADD_NUM_: case HV_OP_ADD_MONEY_: binary_words(b, p, n, "plus"); return;
    case HV_OP_SUB_NUM_: case HV_OP_SUB_MONEY_: binary_words(b, p, n, "min"); return;
    case HV_OP_MUL_NUM_: case HV_OP_MUL_MONEY_: binary_words(b, p, n, "maal"); return;
    case HV_OP_DIV_NUM_: case HV_OP_DIV_MONEY_: case HV_OP_RATIO_MONEY_:
        binary_words(b, p, n, "gedeeld door");
        return;
    case HV_OP_ADD_DATE_: case HV_OP_SUB_DATE_: {
        int later = nd->op == HV_OP_ADD_DATE_;
        if (is_const(p, nd->b)) {
            hv_value d = const_of(p, nd->b);
            if (d.i < 0) later = !later;
            days_words(b, d);
            hv_buf_puts(b, later ? " na " : " vóór ");
            noun(b, p, nd->a, W_LIMIT | W_ARITH);
        } else {
            noun(b, p, nd->a, W_LIMIT | W_ARITH);
            hv_buf_puts(b, later ? " plus " : " min ");
            noun(b, p, nd->b, W_LIMIT | W_ARITH);
            hv_buf_puts(b, " dagen");
        }
        return;
    }
    case HV_OP_DIFF_DATE_:
        hv_buf_puts(b, "het aantal dagen van ");
        noun(b, p, nd->b, W_LIMIT);
        hv_buf_puts(b, " tot ");
        noun(b, p, nd->a, W_LIMIT);
        return;
    case HV_OP_MIN_: case HV_OP_MAX_: {
        int is_min = nd->op == HV_OP_MIN_, date = nd->ty == HV_TY_DATE;
        if (nd->n == 1) { noun(b, p, p->kids[nd->a], W_LIMIT); return; }
        if (is_limit(p, n)) {
            int32_t k0 = p->kids[nd->a], k1 = p->kids[nd->a + 1];
            int32_t c = is_const(p, k0) ? k0 : k1, other = c == k0 ? k1 : k0;
            noun(b, p, other, W_LIMIT);
            hv_buf_puts(b, is_min ? (date ? ", maar uiterlijk " : ", maar ten hoogste ")
                                  : (date ? ", maar niet eerder dan " : ", maar ten minste "));
            noun(b, p, c, 0);
            return;
        }
        hv_buf_puts(b, is_min ? (date ? "de vroegste van " : "het kleinste van ")
                              : (date ? "de laatste van " : "het grootste van "));
        for (int i = 0; i < nd->n; i++) {
            list_sep(b, i, nd->n, " en ");
            noun(b, p, p->kids[nd->a + i], W_LIMIT | W_ARITH);
        }
        return;
    }
    case HV_OP_ABS_NUM_: case HV_OP_ABS_MONEY_:
        hv_buf_puts(b, "de absolute waarde van ");
        noun(b, p, nd->a, W_LIMIT | W_ARITH);
        return;
    case HV_OP_PARAM_: param_ref(b, p, nd->a); return;
    case HV_OP_AGE_:
        hv_buf_puts(b, "de leeftijd in hele jaren op ");
        if (nd->b >= 0) noun(b, p, nd->b, W_LIMIT | W_ARITH);
        else hv_buf_puts(b, "de peildatum");
        hv_buf_puts(b, " bij geboortedatum ");
        noun(b, p, nd->a, W_LIMIT | W_ARITH);
        return;
    case HV_OP_YEARS_: case HV_OP_MONTHS_: case HV_OP_DAYS_:
        hv_buf_puts(b, nd->op == HV_OP_YEARS_ ? "het aantal hele jaren van "
                       : nd->op == HV_OP_MONTHS_ ? "het aantal hele maanden van " : "het aantal dagen van ");
        noun(b, p, nd->a, W_LIMIT | W_ARITH);
        hv_buf_puts(b, " tot ");
        noun(b, p, nd->b, W_LIMIT | W_ARITH);
        return;
    case HV_OP_MSTART_: case HV_OP_MEND_:
        hv_buf_puts(b, nd->op == HV_OP_MSTART_ ? "de eerste dag van de maand van " : "de laatste dag van de maand van ");
        noun(b, p, nd->a, W_LIMIT | W_ARITH);
        return;
    case HV_OP_ROUND_: case HV_OP_ROUNDDOWN_: case HV_OP_ROUNDUP_:
        noun(b, p, nd->a, W_LIMIT);
        hv_buf_puts(b, nd->op == HV_OP_ROUND_ ? ", afgerond op "
                       : nd->op == HV_OP_ROUNDDOWN_ ? ", naar beneden afgerond op " : ", naar boven afgerond op ");
        noun(b, p, nd->b, W_LIMIT | W_ARITH);
        return;
    default:
        /* a janee expression where a value is expected (an outcome, an
         * omdat text): the statement itself */
        if (is_clause_op(nd->op)) clause(b, p, n, 0, J_ANY);
        else source_words(b, p, n);
        return;
    }
}

/* An expression that gives a value, as a noun phrase. */
/* Said with words that leave its end unclear inside a calculation: "de
 * absolute waarde van a min b", "het kleinste van a en b maal 2". */
static int is_compound(const hv_program *p, int32_t n)
{
    const hv_node *nd = &p->nodes[n];
    switch (nd->op) {
    case HV_OP_ABS_NUM_: case HV_OP_ABS_MONEY_: case HV_OP_AGE_: case HV_OP_YEARS_: case HV_OP_MONTHS_:
    case HV_OP_DAYS_: case HV_OP_MSTART_: case HV_OP_MEND_:
        return 1;
    default:
        break;
    }
    if (is_arith(nd->op)) return 1;
    return (nd->op == HV_OP_MIN_ || nd->op == HV_OP_MAX_) && nd->n > 1 && !is_limit(p, n);
}

static void noun(hv_buf *b, const hv_program *p, int32_t n, int wrap)
{
    int paren = ((wrap & W_LIMIT) && is_comma(p, n)) || ((wrap & W_ARITH) && is_compound(p, n));
    if (paren) hv_buf_putc(b, '(');
    noun_body(b, p, n);
    if (paren) hv_buf_putc(b, ')');
}

/* "is kleiner dan" and friends, by the type compared. op is LT/LE/GT/GE. */
static const char *cmp_words(int op, int ty)
{
    static const char *const num[] = {"is kleiner dan", "is ten hoogste", "is groter dan", "is ten minste"};
    static const char *const money[] = {"is lager dan", "is ten hoogste", "is hoger dan", "is ten minste"};
    static const char *const date[] = {"ligt vóór", "ligt op of vóór", "ligt na", "ligt op of na"};
    int i = op == HV_OP_LT_ ? 0 : op == HV_OP_LE_ ? 1 : op == HV_OP_GT_ ? 2 : 3;
    return ty == HV_TY_MONEY ? money[i] : ty == HV_TY_DATE ? date[i] : num[i];
}

/* A janee expression as a statement. neg: say its negation (`niet` is
 * pushed inward: comparisons flip, en/of swap, which says the same under
 * the three-valued logic). nested: inside a list joined by en (J_AND) or
 * of (J_OR), so a list joined by the other word gets parentheses — a
 * reader should never have to know that `en` binds tighter than `of`. */
static void clause(hv_buf *b, const hv_program *p, int32_t n, int neg, int nested)
{
    const hv_node *nd = &p->nodes[n];
    switch ((hv_opcode)nd->op) {
    case HV_OP_AND_: case HV_OP_OR_: {
        int and = (nd->op == HV_OP_AND_) != neg;
        if (nd->n == 1) { clause(b, p, p->kids[nd->a], neg, nested); return; }
        int paren = nested && nested != (and ? J_AND : J_OR);
        if (paren) hv_buf_putc(b, '(');
        for (int i = 0; i < nd->n; i++) {
            list_sep(b, i, nd->n, and ? " en " : " of ");
            clause(b, p, p->kids[nd->a + i], neg, and ? J_AND : J_OR);
        }
        if (paren) hv_buf_putc(b, ')');
        return;
    }
    case HV_OP_NOT_:
        clause(b, p, nd->a, !neg, nested);
        return;
    case HV_OP_EQ_: case HV_OP_NE_: {
        int isneg = (nd->op == HV_OP_NE_) != neg;
        int32_t x = nd->a, y = nd->b;
        if (p->nodes[x].ty == HV_TY_BOOL) {
            if (is_const(p, y) && const_of(p, y).k == HV_V_BOOL) {
                clause(b, p, x, isneg != !const_of(p, y).i, nested);
                return;
            }
            if (is_const(p, x) && const_of(p, x).k == HV_V_BOOL) {
                clause(b, p, y, isneg != !const_of(p, x).i, nested);
                return;
            }
            hv_buf_puts(b, "(");
            clause(b, p, x, 0, 0);
            hv_buf_puts(b, isneg ? ") is niet gelijk aan (" : ") is gelijk aan (");
            clause(b, p, y, 0, 0);
            hv_buf_puts(b, ")");
            return;
        }
        noun(b, p, x, W_LIMIT);
        int plain = is_const(p, y) || p->nodes[y].ty == HV_TY_CHOICE;
        hv_buf_puts(b, isneg ? (plain ? " is niet " : " is niet gelijk aan ") : (plain ? " is " : " is gelijk aan "));
        noun(b, p, y, W_LIMIT);
        return;
    }
    case HV_OP_LT_: case HV_OP_LE_: case HV_OP_GT_: case HV_OP_GE_: {
        int op = nd->op;
        if (neg) op = op == HV_OP_LT_ ? HV_OP_GE_ : op == HV_OP_GE_ ? HV_OP_LT_ : op == HV_OP_LE_ ? HV_OP_GT_ : HV_OP_LE_;
        noun(b, p, nd->a, W_LIMIT);
        hv_buf_printf(b, " %s ", cmp_words(op, p->nodes[nd->a].ty));
        noun(b, p, nd->b, W_LIMIT);
        return;
    }
    case HV_OP_IN_: case HV_OP_NOTIN_: {
        int isneg = (nd->op == HV_OP_NOTIN_) != neg;
        noun(b, p, nd->a, W_LIMIT);
        hv_buf_puts(b, " is ");
        for (int i = 0; i < nd->n; i++) {
            list_sep(b, i, nd->n, isneg ? " en " : " of ");
            if (isneg) hv_buf_puts(b, "niet ");
            noun(b, p, p->kids[nd->b + i], W_LIMIT | W_ARITH);
        }
        return;
    }
    case HV_OP_KNOWN_:
        noun(b, p, nd->a, W_LIMIT);
        hv_buf_puts(b, neg ? " is onbekend" : " is bekend");
        return;
    case HV_OP_FACT_:
        fact_ref(b, p, nd->a);
        hv_buf_puts(b, neg ? " is niet waar" : " is waar");
        return;
    case HV_OP_DEF_:
        def_ref(b, p, nd->a);
        hv_buf_puts(b, neg ? " is niet waar" : " is waar");
        return;
    case HV_OP_PARAM_:
        param_ref(b, p, nd->a);
        hv_buf_puts(b, neg ? " is niet waar" : " is waar");
        return;
    case HV_OP_DEC_:
        hv_buf_puts(b, "het besluit ");
        dec_ref(b, p, nd->a);
        hv_buf_puts(b, neg ? " is nee" : " is ja");
        return;
    case HV_OP_CONST_: {
        hv_value v = p->consts[nd->a];
        if (v.k == HV_V_BOOL) { hv_buf_puts(b, (v.i != 0) != neg ? "altijd waar" : "nooit waar"); return; }
        break;
    }
    default:
        break;
    }
    if (neg) hv_buf_puts(b, "het is niet zo dat ");
    if (is_clause_op(nd->op)) source_words(b, p, n);   /* not reached: every clause operation is above */
    else noun(b, p, n, W_LIMIT);
}

/* An outcome: an expression of the decision's type, or -1 (ter beoordeling). */
static void outcome_words(hv_buf *b, const hv_program *p, int32_t e)
{
    if (e < 0) { hv_buf_puts(b, "ter beoordeling van een consulent"); return; }
    if (p->nodes[e].ty == HV_TY_BOOL && !is_const(p, e)) {
        hv_buf_puts(b, "ja als ");
        clause(b, p, e, 0, 0);
        hv_buf_puts(b, ", anders nee");
        return;
    }
    noun(b, p, e, 0);
}

/* The operand nodes of a node (not constants, slots or indices). */
static int node_kids(const hv_program *p, int32_t n, int32_t *out, int max)
{
    const hv_node *nd = &p->nodes[n];
    int k = 0;
    switch ((hv_opcode)nd->op) {
    case HV_OP_CONST_: case HV_OP_FACT_: case HV_OP_DEF_: case HV_OP_DEC_: case HV_OP_PEIL_: case HV_OP_PARAM_:
        return 0;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < nd->n && k < max; i++) out[k++] = p->kids[nd->a + i];
        return k;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        if (k < max) out[k++] = nd->a;
        for (int i = 0; i < nd->n && k < max; i++) out[k++] = p->kids[nd->b + i];
        return k;
    default:
        if (nd->a >= 0 && k < max) out[k++] = nd->a;
        if (nd->b >= 0 && k < max) out[k++] = nd->b;
        return k;
    }
}

/* Do two expressions say the same, structurally? */
static int same_expr(const hv_program *p, int32_t x, int32_t y)
{
    if (x == y) return 1;
    const hv_node *a = &p->nodes[x], *c = &p->nodes[y];
    if (a->op != c->op || a->n != c->n) return 0;
    switch ((hv_opcode)a->op) {
    case HV_OP_CONST_: return hv_value_equal(p->consts[a->a], p->consts[c->a]);
    case HV_OP_FACT_: case HV_OP_DEF_: case HV_OP_DEC_: case HV_OP_PARAM_: return a->a == c->a;
    case HV_OP_PEIL_: return 1;
    default: break;
    }
    int32_t ka[64], kc[64];
    int na = node_kids(p, x, ka, 64), nc = node_kids(p, y, kc, 64);
    if (na != nc || na == 64) return 0;
    for (int i = 0; i < na; i++)
        if (!same_expr(p, ka[i], kc[i])) return 0;
    return 1;
}

/* The definitions (op HV_OP_DEF_) or parameters (HV_OP_PARAM_) an
 * expression names itself (not through others), each once, in reading
 * order; returns the new count. */
static int names_used(const hv_program *p, int op, int32_t n, int32_t *out, int cnt, int max)
{
    if (n < 0) return cnt;
    const hv_node *nd = &p->nodes[n];
    if (nd->op == op) {
        for (int i = 0; i < cnt; i++)
            if (out[i] == nd->a) return cnt;
        if (cnt < max) out[cnt++] = nd->a;
        return cnt;
    }
    int32_t k[64];
    int nk = node_kids(p, n, k, 64);
    if (nk == 64 && (nd->op == HV_OP_AND_ || nd->op == HV_OP_OR_ || nd->op == HV_OP_MIN_ || nd->op == HV_OP_MAX_)) {
        for (int i = 0; i < nd->n; i++) cnt = names_used(p, op, p->kids[nd->a + i], out, cnt, max);
        return cnt;
    }
    if (nk == 64 && (nd->op == HV_OP_IN_ || nd->op == HV_OP_NOTIN_)) {
        cnt = names_used(p, op, nd->a, out, cnt, max);
        for (int i = 0; i < nd->n; i++) cnt = names_used(p, op, p->kids[nd->b + i], out, cnt, max);
        return cnt;
    }
    for (int i = 0; i < nk; i++) cnt = names_used(p, op, k[i], out, cnt, max);
    return cnt;
}

/* Mark every decision an expression reads, also through definitions. */
static void decisions_read(const hv_program *p, int32_t n, unsigned char *dec, unsigned char *def_seen)
{
    if (n < 0) return;
    const hv_node *nd = &p->nodes[n];
    if (nd->op == HV_OP_DEC_) { dec[nd->a] = 1; return; }
    if (nd->op == HV_OP_DEF_) {
        if (!def_seen[nd->a]) {
            def_seen[nd->a] = 1;
            decisions_read(p, p->defs[nd->a].expr, dec, def_seen);
        }
        return;
    }
    if (nd->op == HV_OP_AND_ || nd->op == HV_OP_OR_ || nd->op == HV_OP_MIN_ || nd->op == HV_OP_MAX_) {
        for (int i = 0; i < nd->n; i++) decisions_read(p, p->kids[nd->a + i], dec, def_seen);
        return;
    }
    if (nd->op == HV_OP_IN_ || nd->op == HV_OP_NOTIN_) {
        decisions_read(p, nd->a, dec, def_seen);
        for (int i = 0; i < nd->n; i++) decisions_read(p, p->kids[nd->b + i], dec, def_seen);
        return;
    }
    int32_t k[2];
    int nk = node_kids(p, n, k, 2);
    for (int i = 0; i < nk; i++) decisions_read(p, k[i], dec, def_seen);
}

/* ======================================================================
 * Part 2: the writer (Markdown or HTML)
 * ====================================================================== */

typedef struct dw {
    const hv_program *p;
    hv_buf *b;
    int html;
    int *order;            /* the values in rank order */
    int nranked;           /* the first nranked of order are in the rangorde */
    unsigned char *ranked; /* per value: in the rangorde */
    hv_buf tmp;            /* scratch for words */
} dw;

/* Markup, as is. */
static void raw(dw *w, const char *s) { hv_buf_puts(w->b, s); }

/* Text from the rule file or from words: escaped for the format. Line
 * breaks and tabs (a text may hold \n) become spaces. With `marks`, the
 * name marks of the words (MK_OPEN ...) become links or italics. */
static void put_text(dw *w, const char *s, size_t n, int marks)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (marks && c == MK_OPEN) {
            size_t j = i + 1;
            while (j < n && s[j] != MK_MID) j++;
            if (w->html) {
                raw(w, "<a class=\"naam\" href=\"#");
                put_text(w, s + i + 1, j - i - 1, 0);
                raw(w, "\">");
            } else {
                hv_buf_putc(w->b, '*');
            }
            i = j;
            continue;
        }
        if (marks && c == MK_CLOSE) {
            raw(w, w->html ? "</a>" : "*");
            continue;
        }
        if ((unsigned char)c < 0x20) c = ' ';
        if (w->html && c == ' ' && i >= 3 && memcmp(s + i - 3, "\xe2\x82\xac", 3) == 0) {
            hv_buf_puts(w->b, "&nbsp;");       /* "€ 450,00" stays on one line */
            continue;
        }
        if (w->html) {
            switch (c) {
            case '&': hv_buf_puts(w->b, "&amp;"); continue;
            case '<': hv_buf_puts(w->b, "&lt;"); continue;
            case '>': hv_buf_puts(w->b, "&gt;"); continue;
            case '"': hv_buf_puts(w->b, "&quot;"); continue;
            case '\'': hv_buf_puts(w->b, "&#39;"); continue;
            default: break;
            }
        } else if (strchr("\\`*_[]<>|#", c)) {
            hv_buf_putc(w->b, '\\');
        }
        hv_buf_putc(w->b, c);
    }
}

static void put_n(dw *w, const char *s, size_t n) { put_text(w, s, n, 0); }

static void put(dw *w, const char *s) { if (s) put_n(w, s, strlen(s)); }

static void putf(dw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(dw *w, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { put_n(w, small, (size_t)n); return; }
    char *big = hv_mem_alloc((size_t)n + 1);
    if (!big) { w->b->failed = 1; return; }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put_n(w, big, (size_t)n);
    hv_mem_free(big);
}


/* The scratch buffer, emptied, for building words. */
static hv_buf *scratch(dw *w)
{
    w->tmp.len = 0;
    if (w->tmp.data) w->tmp.data[0] = 0;
    return &w->tmp;
}

static void put_scratch(dw *w)
{
    if (w->tmp.failed) w->b->failed = 1;
    if (w->tmp.data) put_text(w, w->tmp.data, w->tmp.len, 1);
}

static void bold_scratch(dw *w)
{
    raw(w, w->html ? "<strong>" : "**");
    put_scratch(w);
    raw(w, w->html ? "</strong>" : "**");
}

static void code(dw *w, const char *s)
{
    if (w->html) {
        raw(w, "<code>");
        put(w, s);
        raw(w, "</code>");
    } else {
        /* names are letters, digits and _; a file name may hold anything */
        for (const char *c = s; *c; c++)
            if (*c == '`' || (unsigned char)*c < 0x20) { put(w, s); return; }
        raw(w, "`");
        raw(w, s);
        raw(w, "`");
    }
}

static void heading(dw *w, int level, const char *id, const char *text)
{
    if (w->html) {
        hv_buf_printf(w->b, "<h%d", level);
        if (id) { raw(w, " id=\""); put(w, id); raw(w, "\""); }
        raw(w, ">");
        put(w, text);
        hv_buf_printf(w->b, "</h%d>\n", level);
    } else {
        for (int i = 0; i < level; i++) hv_buf_putc(w->b, '#');
        hv_buf_putc(w->b, ' ');
        put(w, text);
        raw(w, "\n\n");
    }
}

/* A heading from the scratch buffer. */
static void heading_scratch(dw *w, int level, const char *id)
{
    char *t = hv_mem_strdup(w->tmp.data ? w->tmp.data : "");
    if (!t) { w->b->failed = 1; return; }
    heading(w, level, id, t);
    hv_mem_free(t);
}

static void p_open(dw *w, const char *cls)
{
    if (!w->html) return;
    if (cls) hv_buf_printf(w->b, "<p class=\"%s\">", cls);
    else raw(w, "<p>");
}

static void p_close(dw *w) { raw(w, w->html ? "</p>\n" : "\n\n"); }

/* A paragraph. In Markdown a text from the rule file at the start of a line
 * must not read as a list ("- ", "1. ") or an underline ("==="). */
static void para(dw *w, const char *cls, const char *text)
{
    p_open(w, cls);
    if (!w->html && text) {
        const char *t = text;
        while (*t >= '0' && *t <= '9') t++;
        if (*text == '-' || *text == '+' || *text == '=' || (t > text && (*t == '.' || *t == ')'))) {
            put_n(w, text, (size_t)(t > text ? t - text : 0));
            hv_buf_putc(w->b, '\\');
            put(w, t > text ? t : text);
            p_close(w);
            return;
        }
    }
    put(w, text);
    p_close(w);
}

static void ul_open(dw *w, const char *cls)
{
    if (!w->html) return;
    if (cls) hv_buf_printf(w->b, "<ul class=\"%s\">\n", cls);
    else raw(w, "<ul>\n");
}
static void ul_close(dw *w) { raw(w, w->html ? "</ul>\n" : "\n"); }
static void ol_open(dw *w) { if (w->html) raw(w, "<ol>\n"); }
static void ol_close(dw *w) { raw(w, w->html ? "</ol>\n" : "\n"); }

/* A list item; num > 0 for a numbered item (Markdown needs the number). */
static void li_open(dw *w, const char *id, int num)
{
    if (w->html) {
        raw(w, "<li");
        if (id) { raw(w, " id=\""); put(w, id); raw(w, "\""); }
        raw(w, ">");
    } else if (num > 0) {
        hv_buf_printf(w->b, "%d. ", num);
    } else {
        raw(w, "- ");
    }
}
static void li_close(dw *w) { raw(w, w->html ? "</li>\n" : "\n"); }

/* A link inside the document (HTML only; Markdown gets the text). */
static void link_open(dw *w, const char *prefix, const char *name)
{
    if (!w->html) return;
    raw(w, "<a href=\"#");
    put(w, prefix);
    put(w, name);
    raw(w, "\">");
}
static void link_close(dw *w) { if (w->html) raw(w, "</a>"); }

static void anchor_id(char *out, size_t len, const char *prefix, const char *name)
{
    snprintf(out, len, "%s%s", prefix, name);
}

static void section_open(dw *w, const char *id)
{
    if (w->html) hv_buf_printf(w->b, "<section id=\"%s\">\n", id);
}
static void section_close(dw *w) { if (w->html) raw(w, "</section>\n"); }

static void div_open(dw *w, const char *cls, const char *id)
{
    if (!w->html) return;
    hv_buf_printf(w->b, "<div class=\"%s\"", cls);
    if (id) { raw(w, " id=\""); put(w, id); raw(w, "\""); }
    raw(w, ">\n");
}
static void div_close(dw *w) { if (w->html) raw(w, "</div>\n"); }

/* Words of an expression, escaped. */
static void put_noun(dw *w, int32_t n) { noun(scratch(w), w->p, n, 0); put_scratch(w); }
static void put_clause(dw *w, int32_t n) { clause(scratch(w), w->p, n, 0, 0); put_scratch(w); }
static void put_human(dw *w, const char *name) { human(scratch(w), name); put_scratch(w); }

/* An omdat text with its {expressions} as [words]. */
static void put_tmpl(dw *w, const hv_tmpl *t)
{
    for (int i = 0; i < t->n; i++) {
        const hv_tmpl_part *pt = &t->parts[i];
        if (pt->text) { put(w, pt->text); continue; }
        if (pt->expr < 0) continue;
        if (w->html) {
            raw(w, "<span class=\"expr\">[");
            put_noun(w, pt->expr);
            raw(w, "]</span>");
        } else {
            raw(w, "[");
            put_noun(w, pt->expr);
            /* "[x](" or "[x][" would read as a link in Markdown */
            const char *next = i + 1 < t->n ? t->parts[i + 1].text : NULL;
            raw(w, next && (next[0] == '(' || next[0] == '[') ? "\\]" : "]");
        }
    }
}

/* A rule's name, linked to the rule (HTML). */
static void rule_ref(dw *w, int r)
{
    link_open(w, "regel-", w->p->rules[r].name);
    put_human(w, w->p->rules[r].name);
    link_close(w);
}

static void value_ref(dw *w, int v)
{
    const hv_vdecl *vd = &w->p->values[v];
    link_open(w, "waarde-", vd->name);
    raw(w, "“");
    put(w, vd->text ? vd->text : vd->name);
    raw(w, "”");
    link_close(w);
}

/* ======================================================================
 * Part 3: the book
 * ====================================================================== */

static int has_period(int32_t from, int32_t to) { return from != HV_NO_START || to != HV_NO_END; }

/* "vanaf 1 januari 2020 tot 1 januari 2026" (tot: the first day on which it
 * no longer holds). */
static void period_words(hv_buf *b, int32_t from, int32_t to)
{
    char d[64];
    if (from != HV_NO_START) {
        hv_fmt_date_nl(from, d);
        hv_buf_printf(b, "vanaf %s", d);
    }
    if (to != HV_NO_END) {
        hv_fmt_date_nl(to, d);
        hv_buf_printf(b, "%stot %s", from != HV_NO_START ? " " : "", d);
    }
}

static int is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Does a `rangorde` (`ranking`) declaration of the source name value v? */
static int named_in_rangorde(const hv_program *p, const char *name)
{
    size_t nlen = strlen(name);
    for (int i = 0; i < p->ndeclpos; i++) {
        hv_loc at = p->declpos[i];
        if (at.file < 0 || at.file >= p->src.n) continue;
        const hv_source *f = &p->src.files[at.file];
        const char *t = f->text;
        size_t start = at.start, end = f->len, kw;
        if (start >= end) continue;
        if (end - start > 8 && strncmp(t + start, "rangorde", 8) == 0) kw = 8;
        else if (end - start > 7 && strncmp(t + start, "ranking", 7) == 0) kw = 7;
        else continue;
        if (is_ident_char(t[start + kw])) continue;
        for (int j = 0; j < p->ndeclpos; j++)
            if (p->declpos[j].file == at.file && p->declpos[j].start > at.start && p->declpos[j].start < end)
                end = p->declpos[j].start;
        for (size_t k = start + kw; k < end;) {
            if (t[k] == '#') { while (k < end && t[k] != '\n') k++; continue; }
            if (!is_ident_char(t[k])) { k++; continue; }
            size_t b = k;
            while (k < end && is_ident_char(t[k])) k++;
            if (k - b == nlen && memcmp(t + b, name, nlen) == 0) return 1;
        }
    }
    return 0;
}

/* Is value v part of the ranking? A value that a module offers (gebruik)
 * need only be ranked when a rule goes by it; unranked, it is placed below
 * all others by the compiler but takes no part, and the book leaves it out
 * of the ranking. The program does not keep the rangorde itself, so its
 * declarations are read from the source. */
static int value_ranked(const hv_program *p, int v)
{
    if (p->values[v].loc.file <= 0) return 1;
    for (int r = 0; r < p->nrules; r++)
        if (p->rules[r].value == v) return 1;
    return named_in_rangorde(p, p->values[v].name);
}

static int has_equal_ranks(const hv_program *p, const unsigned char *ranked)
{
    for (int i = 0; i < p->nvalues; i++)
        for (int j = i + 1; j < p->nvalues; j++)
            if (ranked[i] && ranked[j] && p->values[i].rank == p->values[j].rank) return 1;
    return 0;
}

static int uses_peildatum(const hv_program *p)
{
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].op == HV_OP_PEIL_) return 1;
    return 0;
}

static int tmpl_has_expr(const hv_tmpl *t)
{
    for (int i = 0; i < t->n; i++)
        if (!t->parts[i].text && t->parts[i].expr >= 0) return 1;
    return 0;
}

static int omdat_has_expr(const hv_program *p)
{
    for (int r = 0; r < p->nrules; r++)
        if (p->rules[r].has_omdat && tmpl_has_expr(&p->rules[r].omdat)) return 1;
    for (int d = 0; d < p->ndecs; d++)
        if (p->decs[d].has_dflt_omdat && tmpl_has_expr(&p->decs[d].dflt_omdat)) return 1;
    return 0;
}

static int decision_has_judgement(const hv_program *p, int d)
{
    for (int i = 0; i < p->decs[d].nrules; i++)
        if (p->decs[d].rule_expr[i] < 0) return 1;
    return 0;
}

/* "toekennen, afwijzen of doorverwijzen" (and the judgement, if a rule can
 * give it). */
static void outcomes_words(hv_buf *b, const hv_program *p, int d)
{
    type_words(b, p, p->decs[d].ty, 0);
    if (decision_has_judgement(p, d)) hv_buf_puts(b, " (of ter beoordeling van een consulent)");
}

/* "ondersteuning (toekennen, afwijzen of doorverwijzen), ... en spoed (ja of nee)" */
static void decisions_sentence(hv_buf *b, const hv_program *p)
{
    for (int d = 0; d < p->ndecs; d++) {
        list_sep(b, d, p->ndecs, " en ");
        human(b, p->decs[d].name);
        hv_buf_puts(b, " (");
        type_words(b, p, p->decs[d].ty, 0);
        hv_buf_puts(b, ")");
    }
}

/* ---- title and introduction ------------------------------------------------------ */

static void book_title(dw *w)
{
    const hv_program *p = w->p;
    hv_buf *t = scratch(w);
    hv_buf_printf(t, "Regelboek: %s", p->name ? p->name : "");
    heading_scratch(w, 1, NULL);
    if (p->version || has_period(p->valid_from, p->valid_to)) {
        p_open(w, "sub");
        if (p->version) putf(w, "Versie %s", p->version);
        if (has_period(p->valid_from, p->valid_to)) {
            put(w, p->version ? ", geldig " : "Geldig ");
            period_words(scratch(w), p->valid_from, p->valid_to);
            put_scratch(w);
        }
        p_close(w);
    }
    p_open(w, NULL);
    putf(w, "Dit regelboek beschrijft in gewone taal hoe de regelset “%s” beslist. "
            "Het is gemaakt uit de regels zelf: het zegt wat de regels doen, niet meer en niet minder.",
         p->name ? p->name : "");
    p_close(w);
    p_open(w, NULL);
    if (p->ndecs == 1) put(w, "De regelset neemt één besluit:");
    else putf(w, "De regelset neemt %d besluiten:", p->ndecs);
    p_close(w);
    ul_open(w, NULL);
    for (int d = 0; d < p->ndecs; d++) {
        li_open(w, NULL, 0);
        link_open(w, "besluit-", p->decs[d].name);
        human(scratch(w), p->decs[d].name);
        bold_scratch(w);
        link_close(w);
        put(w, ": ");
        outcomes_words(scratch(w), p, d);
        put_scratch(w);
        li_close(w);
    }
    ul_close(w);
}

static const struct { const char *id, *title; } sections[] = {
    {"hoe-de-regels-werken", "Hoe de regels werken"},
    {"waarden-in-rangorde", "Waarden in rangorde"},
    {"besluiten", "Besluiten"},
    {"begrippen", "Begrippen"},
    {"gegevens", "Gegevens"},
    {"waarborgen", "Waarborgen"},
    {"geldigheid", "Geldigheid"},
    {"algoritmeregister", "Algoritmeregister"},
};
enum { S_WERKING, S_WAARDEN, S_BESLUITEN, S_BEGRIPPEN, S_GEGEVENS, S_WAARBORGEN, S_GELDIGHEID, S_REGISTER, S_COUNT };

static void toc(dw *w)
{
    const hv_program *p = w->p;
    if (w->html) raw(w, "<nav class=\"inhoud\" aria-label=\"Inhoud\">\n");
    heading(w, 2, NULL, "Inhoud");
    ol_open(w);
    for (int s = 0; s < S_COUNT; s++) {
        li_open(w, NULL, s + 1);
        if (w->html) hv_buf_printf(w->b, "<a href=\"#%s\">", sections[s].id);
        else hv_buf_printf(w->b, "[%s](#%s)", sections[s].title, sections[s].id);
        if (w->html) { put(w, sections[s].title); raw(w, "</a>"); }
        if (w->html && s == S_WAARDEN && w->nranked) {
            raw(w, "\n<ol class=\"sub\">\n");
            for (int k = 0; k < w->nranked; k++) {
                int v = w->order[k];
                raw(w, "<li>");
                link_open(w, "waarde-", p->values[v].name);
                putf(w, "%d. %s", p->values[v].rank + 1, p->values[v].text ? p->values[v].text : p->values[v].name);
                link_close(w);
                raw(w, "</li>\n");
            }
            raw(w, "</ol>\n");
        }
        li_close(w);
    }
    ol_close(w);
    if (w->html) raw(w, "</nav>\n");
}

static void how_it_works(dw *w)
{
    section_open(w, sections[S_WERKING].id);
    heading(w, 2, NULL, sections[S_WERKING].title);
    para(w, NULL,
         "De waarden van de gemeente, bijvoorbeeld uit het collegeprogramma, staan in een rangorde. Bij elke waarde horen regels. "
         "Een regel zegt: als deze voorwaarden gelden, dan wordt het besluit zo. Voor een aanvraag gaat het zo:");
    ul_open(w, NULL);
    static const char *const steps[] = {
        "Gelden er voor een besluit meer regels, dan gaat de regel van de hoogste waarde voor. "
        "Regels van lagere waarden worden overstemd.",
        "Staan twee waarden even hoog en zeggen hun regels iets anders, dan beslist de regelset niet: "
        "er is een conflict en een consulent weegt de waarden af.",
        "Een regel kan een uitzondering zijn op een andere regel. Geldt de uitzondering, dan telt die andere regel niet.",
        "Een regel kan een besluit ter beoordeling van een consulent leggen (een kan-bepaling). "
        "Dan weegt een persoon het geval.",
        "Geldt geen enkele regel, dan geldt de standaard van het besluit.",
        "Ontbreken gegevens die de uitkomst nog kunnen veranderen, dan is het besluit onbepaald: "
        "eerst moeten die gegevens er zijn.",
        "Na de besluiten worden de waarborgen gecontroleerd. Is een waarborg geschonden of niet te controleren, "
        "dan moet een persoon het besluit beoordelen.",
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        li_open(w, NULL, 0);
        put(w, steps[i]);
        li_close(w);
    }
    ul_close(w);
    if (uses_peildatum(w->p))
        para(w, NULL, "De peildatum is de datum waarop een aanvraag wordt beoordeeld.");
    if (omdat_has_expr(w->p))
        para(w, NULL, "Bij elke regel staat de toelichting die de aanvrager bij het besluit krijgt. Wat tussen [ ] "
                      "staat, wordt voor de aanvraag ingevuld, bijvoorbeeld een bedrag of een datum.");
    section_close(w);
}

/* ---- values and their rules -------------------------------------------------------- */

/* "dan wordt ondersteuning **toekennen** en is bijdrage **ter beoordeling ...**" */
static void rule_then(dw *w, const hv_rule *rl)
{
    const hv_program *p = w->p;
    for (int k = 0; k < rl->nassign; k++) {
        const hv_rassign *a = &rl->assign[k];
        if (k) put(w, " en");
        put(w, a->expr < 0 ? (k ? " is " : "is ") : (k ? " wordt " : "wordt "));
        dec_ref(scratch(w), p, a->decision);
        put_scratch(w);
        put(w, " ");
        outcome_words(scratch(w), p, a->expr);
        bold_scratch(w);
    }
}

static void rule_block(dw *w, int r)
{
    const hv_program *p = w->p;
    const hv_rule *rl = &p->rules[r];
    char id[300];
    anchor_id(id, sizeof id, "regel-", rl->name);
    div_open(w, "regel", NULL);
    hv_buf_puts(scratch(w), "Regel: ");
    human(&w->tmp, rl->name);
    heading_scratch(w, 4, id);

    if (rl->nexc) {
        p_open(w, "uitzondering");
        put(w, rl->nexc == 1 ? "Deze regel is een uitzondering op regel " : "Deze regel is een uitzondering op de regels ");
        for (int k = 0; k < rl->nexc; k++) {
            list_sep(scratch(w), k, rl->nexc, " en ");
            put_scratch(w);
            rule_ref(w, rl->exc[k]);
        }
        put(w, ": als hij geldt, ");
        put(w, rl->nexc == 1 ? "telt " : "tellen ");
        for (int k = 0; k < rl->nexc; k++) {
            list_sep(scratch(w), k, rl->nexc, " en ");
            put_scratch(w);
            put_human(w, p->rules[rl->exc[k]].name);
        }
        put(w, " niet.");
        p_close(w);
    }

    int dated = has_period(rl->valid_from, rl->valid_to);
    if (dated) {
        p_open(w, "geldig");
        put(w, "Deze regel geldt ");
        period_words(scratch(w), rl->valid_from, rl->valid_to);
        put_scratch(w);
        put(w, ": op een peildatum daarbuiten telt hij niet.");
        p_close(w);
    }
    p_open(w, "als");
    if (rl->cond >= 0) {
        put(w, "Als ");
        put_clause(w, rl->cond);
        put(w, ", dan ");
    } else {
        put(w, dated ? "Binnen die periode geldt deze regel altijd, dus " : "Deze regel geldt altijd, dus ");
    }
    rule_then(w, rl);
    put(w, ".");
    for (int k = 0; k < rl->nassign; k++)
        if (rl->assign[k].expr < 0) {
            put(w, " De regelset beslist dan niet zelf: een persoon weegt het geval.");
            break;
        }
    p_close(w);

    for (int kind = 0; kind < 2; kind++) {
        int op = kind ? HV_OP_PARAM_ : HV_OP_DEF_;
        int32_t used[32];
        int nused = names_used(p, op, rl->cond, used, 0, 32);
        for (int k = 0; k < rl->nassign; k++) nused = names_used(p, op, rl->assign[k].expr, used, nused, 32);
        if (!nused) continue;
        p_open(w, "meta");
        if (kind) put(w, nused == 1 ? "Parameter in deze regel: " : "Parameters in deze regel: ");
        else put(w, nused == 1 ? "Begrip in deze regel: " : "Begrippen in deze regel: ");
        hv_buf *t = scratch(w);
        for (int k = 0; k < nused; k++) {
            list_sep(t, k, nused, " en ");
            if (kind) param_ref(t, p, used[k]);
            else def_ref(t, p, used[k]);
        }
        put_scratch(w);
        put(w, " (zie ");
        if (w->html) raw(w, kind ? "<a href=\"#geldigheid\">" : "<a href=\"#begrippen\">");
        put(w, kind ? "Geldigheid" : "Begrippen");
        link_close(w);
        put(w, ").");
        p_close(w);
    }

    if (rl->has_omdat && rl->omdat.n) {
        p_open(w, "toelichting");
        put(w, "Toelichting bij het besluit: “");
        put_tmpl(w, &rl->omdat);
        put(w, "”");
        p_close(w);
    }
    if (rl->nexc_by) {
        p_open(w, "uitzondering");
        put(w, rl->nexc_by == 1 ? "Op deze regel bestaat een uitzondering: regel " : "Op deze regel bestaan uitzonderingen: de regels ");
        for (int k = 0; k < rl->nexc_by; k++) {
            list_sep(scratch(w), k, rl->nexc_by, " en ");
            put_scratch(w);
            rule_ref(w, rl->exc_by[k]);
            if (rl->exc_by[k] >= 0 && p->rules[rl->exc_by[k]].value != rl->value && p->rules[rl->exc_by[k]].value >= 0) {
                put(w, " (bij de waarde ");
                value_ref(w, p->rules[rl->exc_by[k]].value);
                put(w, ")");
            }
        }
        put(w, ".");
        p_close(w);
    }
    p_open(w, "meta");
    if (rl->bron) {
        put(w, "Bron: ");
        put(w, rl->bron);
        put(w, ". ");
    }
    put(w, "Naam in het regelbestand: ");
    code(w, rl->name);
    put(w, ".");
    p_close(w);
    div_close(w);
}

static void values_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_WAARDEN].id);
    heading(w, 2, NULL, sections[S_WAARDEN].title);
    p_open(w, NULL);
    put(w, "De waarden staan hieronder van hoog naar laag. Een regel van een hogere waarde gaat voor een regel "
           "van een lagere waarde.");
    if (has_equal_ranks(p, w->ranked)) put(w, " Waarden met hetzelfde nummer staan even hoog: zeggen hun regels iets anders, "
                                   "dan weegt een consulent af.");
    p_close(w);
    if (!w->nranked) para(w, NULL, "Deze regelset heeft geen waarden in de rangorde.");
    for (int k = 0; k < w->nranked; k++) {
        int v = w->order[k];
        const hv_vdecl *vd = &p->values[v];
        char id[300];
        anchor_id(id, sizeof id, "waarde-", vd->name);
        div_open(w, "waarde", NULL);
        hv_buf_printf(scratch(w), "%d. %s", vd->rank + 1, vd->text ? vd->text : vd->name);
        heading_scratch(w, 3, id);
        p_open(w, "meta");
        put(w, "Waarde ");
        code(w, vd->name);
        put(w, ".");
        if (vd->bron) {
            put(w, " Bron: ");
            put(w, vd->bron);
            put(w, ".");
        }
        int first = 1;
        for (int j = 0; j < p->nvalues; j++) {
            if (j == v || !w->ranked[j] || p->values[j].rank != vd->rank) continue;
            put(w, first ? " Staat even hoog als " : " en ");
            value_ref(w, j);
            first = 0;
        }
        if (!first) put(w, ".");
        p_close(w);
        int n = 0;
        for (int r = 0; r < p->nrules; r++)
            if (p->rules[r].value == v) { rule_block(w, r); n++; }
        if (!n) para(w, NULL, "Bij deze waarde staan geen regels.");
        div_close(w);
    }
    if (w->nranked < p->nvalues) {
        p_open(w, NULL);
        put(w, w->nranked + 1 == p->nvalues ? "Deze waarde komt uit een module, maar staat niet in de rangorde; er volgt geen regel uit: "
                                             : "Deze waarden komen uit een module, maar staan niet in de rangorde; er volgen geen regels uit: ");
        for (int k = w->nranked; k < p->nvalues; k++) {
            list_sep(scratch(w), k - w->nranked, p->nvalues - w->nranked, " en ");
            put_scratch(w);
            raw(w, "“");
            put(w, p->values[w->order[k]].text ? p->values[w->order[k]].text : p->values[w->order[k]].name);
            raw(w, "”");
        }
        put(w, ".");
        p_close(w);
    }
    section_close(w);
}

/* ---- decisions ------------------------------------------------------------------- */

static void decisions_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_BESLUITEN].id);
    heading(w, 2, NULL, sections[S_BESLUITEN].title);
    para(w, NULL, "Een besluit is wat de regelset voor een aanvraag vaststelt. Per besluit staan hier de mogelijke "
                  "uitkomsten, de standaard en de regels die erover gaan.");
    for (int d = 0; d < p->ndecs; d++) {
        const hv_decision *dc = &p->decs[d];
        char id[300];
        anchor_id(id, sizeof id, "besluit-", dc->name);
        human_cap(scratch(w), dc->name);
        heading_scratch(w, 3, id);

        p_open(w, NULL);
        put(w, "Mogelijke uitkomsten: ");
        outcomes_words(scratch(w), p, d);
        put_scratch(w);
        put(w, ".");
        p_close(w);

        p_open(w, NULL);
        if (dc->dflt >= 0) {
            put(w, "Standaard: als geen enkele regel geldt, wordt ");
            put_human(w, dc->name);
            put(w, " ");
            outcome_words(scratch(w), p, dc->dflt);
            bold_scratch(w);
            if (dc->has_dflt_omdat && dc->dflt_omdat.n) {
                put(w, ", omdat: “");
                put_tmpl(w, &dc->dflt_omdat);
                put(w, "”");
            } else {
                put(w, ".");
            }
        } else {
            put(w, "Dit besluit heeft geen standaard: als geen enkele regel geldt, neemt de regelset geen besluit "
                   "en beslist de consulent.");
        }
        p_close(w);

        if (dc->nrules) {
            p_open(w, NULL);
            put(w, "Regels voor dit besluit, van de hoogste waarde naar de laagste:");
            p_close(w);
            ul_open(w, NULL);
            for (int k = 0; k < p->nvalues; k++) {
                int v = w->order[k];
                for (int i = 0; i < dc->nrules; i++) {
                    int r = dc->rules[i];
                    if (p->rules[r].value != v) continue;
                    li_open(w, NULL, 0);
                    outcome_words(scratch(w), p, dc->rule_expr[i]);
                    bold_scratch(w);
                    put(w, " volgens regel ");
                    rule_ref(w, r);
                    putf(w, " (rang %d: ", p->values[v].rank + 1);
                    value_ref(w, v);
                    put(w, ")");
                    li_close(w);
                }
            }
            ul_close(w);
        }
    }
    section_close(w);
}

/* ---- definitions and facts ----------------------------------------------------------- */

static void definitions_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_BEGRIPPEN].id);
    heading(w, 2, NULL, sections[S_BEGRIPPEN].title);
    if (!p->ndefs) {
        para(w, NULL, "Deze regelset gebruikt geen begrippen.");
        section_close(w);
        return;
    }
    para(w, NULL, "Een begrip is een tussenuitkomst die de regels gebruiken. Het wordt voor elke aanvraag "
                  "uitgerekend uit de gegevens; ontbreekt een gegeven dat nodig is, dan is het begrip onbekend.");
    ul_open(w, "begrippen");
    for (int i = 0; i < p->ndefs; i++) {
        const hv_def *df = &p->defs[i];
        char id[300];
        anchor_id(id, sizeof id, "begrip-", df->name);
        li_open(w, id, 0);
        human_cap(scratch(w), df->name);
        bold_scratch(w);
        put(w, " (");
        type_words(scratch(w), p, df->ty, 0);
        put_scratch(w);
        put(w, "): ");
        if (df->ty.kind == HV_TY_BOOL && !is_const(p, df->expr)) {
            put(w, "waar als ");
            put_clause(w, df->expr);
        } else {
            put_noun(w, df->expr);
        }
        put(w, ".");
        li_close(w);
    }
    ul_close(w);
    section_close(w);
}

/* HTML: a table, one row per fact. */
static void facts_table(dw *w)
{
    const hv_program *p = w->p;
    raw(w, "<table class=\"gegevens\">\n<thead><tr><th>Gegeven</th><th>Soort</th><th>Vraag</th><th>Bron</th></tr></thead>\n<tbody>\n");
    for (int f = 0; f < p->nfacts; f++) {
        const hv_fact *fa = &p->facts[f];
        char id[300];
        anchor_id(id, sizeof id, "gegeven-", fa->name);
        raw(w, "<tr id=\"");
        put(w, id);
        raw(w, "\"><td>");
        fact_label(scratch(w), p, f);
        put_scratch(w);
        put(w, " (");
        code(w, fa->name);
        put(w, ")");
        raw(w, "</td><td>");
        type_words(scratch(w), p, fa->ty, 1);
        put_scratch(w);
        raw(w, "</td><td>");
        put(w, fa->vraag ? fa->vraag : "—");
        raw(w, "</td><td>");
        put(w, fa->bron ? fa->bron : "—");
        raw(w, "</td></tr>\n");
    }
    raw(w, "</tbody>\n</table>\n");
}

/* Markdown: a list, one item per fact (plain CommonMark has no tables). */
static void facts_list(dw *w)
{
    const hv_program *p = w->p;
    for (int f = 0; f < p->nfacts; f++) {
        const hv_fact *fa = &p->facts[f];
        li_open(w, NULL, 0);
        fact_label(scratch(w), p, f);
        bold_scratch(w);
        put(w, " (");
        code(w, fa->name);
        put(w, "): ");
        type_words(scratch(w), p, fa->ty, 1);
        put_scratch(w);
        put(w, ".");
        if (fa->vraag) { put(w, " Vraag: “"); put(w, fa->vraag); put(w, "”"); }
        if (fa->bron) { put(w, " Bron: "); put(w, fa->bron); put(w, "."); }
        li_close(w);
    }
    ul_close(w);
}

static void facts_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_GEGEVENS].id);
    heading(w, 2, NULL, sections[S_GEGEVENS].title);
    if (!p->nfacts) {
        para(w, NULL, "Deze regelset gebruikt geen gegevens.");
        section_close(w);
        return;
    }
    para(w, NULL, "Dit zijn de gegevens die voor een aanvraag nodig kunnen zijn, met de vraag die ze beantwoordt. "
                  "Een gegeven dat niet bekend is, blijft onbekend: de regelset vult het nooit zelf in.");
    if (w->html) facts_table(w);
    else facts_list(w);
    section_close(w);
}

/* ---- safeguards ------------------------------------------------------------------- */

static void safeguards_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_WAARBORGEN].id);
    heading(w, 2, NULL, sections[S_WAARBORGEN].title);
    if (!p->nsafe) {
        para(w, NULL, "Deze regelset heeft geen waarborgen.");
        section_close(w);
        return;
    }
    para(w, NULL, "Een waarborg moet gelden na elk besluit. Is een waarborg geschonden, of kan hij niet worden "
                  "gecontroleerd omdat gegevens ontbreken, dan moet een persoon het besluit beoordelen. "
                  "Een waarborg verandert zelf geen besluit.");
    for (int s = 0; s < p->nsafe; s++) {
        const hv_safeguard *sg = &p->safe[s];
        char id[300];
        anchor_id(id, sizeof id, "waarborg-", sg->name);
        div_open(w, "waarborg", NULL);
        heading(w, 3, id, sg->text ? sg->text : sg->name);
        p_open(w, NULL);
        if (sg->cond >= 0) {
            put(w, "Als ");
            put_clause(w, sg->cond);
            put(w, ", dan moet gelden: ");
        } else {
            put(w, "Altijd moet gelden: ");
        }
        put_clause(w, sg->expr);
        put(w, ".");
        p_close(w);
        p_open(w, "meta");
        put(w, "Naam in het regelbestand: ");
        code(w, sg->name);
        put(w, ".");
        p_close(w);
        div_close(w);
    }
    section_close(w);
}

/* ---- validity ----------------------------------------------------------------------- */

/* The parameters: values that change on a date. */
static void params_list(dw *w)
{
    const hv_program *p = w->p;
    ul_open(w, "parameters");
    for (int i = 0; i < p->nparams; i++) {
        const hv_param *pa = &p->params[i];
        char id[300], d[64];
        anchor_id(id, sizeof id, "parameter-", pa->name);
        li_open(w, id, 0);
        human_cap(scratch(w), pa->name);
        bold_scratch(w);
        put(w, " (");
        type_words(scratch(w), p, pa->ty, 0);
        put_scratch(w);
        put(w, "): ");
        for (int k = 0; k < pa->n; k++) {
            hv_fmt_date_nl(pa->from[k], d);
            hv_buf *t = scratch(w);
            list_sep(t, k, pa->n, " en ");
            hv_buf_printf(t, "vanaf %s ", d);
            const_words(t, p, pa->values[k]);
            put_scratch(w);
        }
        if (pa->n) {
            hv_fmt_date_nl(pa->from[0], d);
            putf(w, ". Voor een peildatum vóór %s heeft deze parameter geen waarde: een besluit dat hem nodig "
                    "heeft, kan de regelset dan niet nemen.", d);
        }
        li_close(w);
    }
    ul_close(w);
}

static void validity_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_GELDIGHEID].id);
    heading(w, 2, NULL, sections[S_GELDIGHEID].title);
    p_open(w, NULL);
    if (has_period(p->valid_from, p->valid_to)) {
        put(w, "Deze regelset geldt ");
        period_words(scratch(w), p->valid_from, p->valid_to);
        put_scratch(w);
        put(w, ". Op een peildatum buiten die periode neemt de regelset geen enkel besluit.");
    } else {
        put(w, "Deze regelset heeft geen beperkte geldigheid.");
    }
    p_close(w);

    int nrules = 0;
    for (int r = 0; r < p->nrules; r++) nrules += has_period(p->rules[r].valid_from, p->rules[r].valid_to);
    if (nrules) {
        para(w, NULL, nrules == 1 ? "Deze regel geldt alleen in een periode; op een peildatum daarbuiten telt hij niet:"
                                  : "Deze regels gelden alleen in een periode; op een peildatum daarbuiten tellen ze niet:");
        ul_open(w, NULL);
        for (int r = 0; r < p->nrules; r++) {
            const hv_rule *rl = &p->rules[r];
            if (!has_period(rl->valid_from, rl->valid_to)) continue;
            li_open(w, NULL, 0);
            put(w, "regel ");
            rule_ref(w, r);
            put(w, ": ");
            period_words(scratch(w), rl->valid_from, rl->valid_to);
            put_scratch(w);
            li_close(w);
        }
        ul_close(w);
    }

    if (p->nparams) {
        para(w, NULL, "Deze bedragen en getallen veranderen op een datum (parameters). Voor een aanvraag geldt de "
                      "waarde van de laatste datum op of vóór de peildatum.");
        params_list(w);
    }
    section_close(w);
}

/* ---- the Algoritmeregister ----------------------------------------------------------- */

/* Can rules x and y (for the same decision) never count together? One is
 * an exception to the other: when both apply, that one is set aside. */
static int excludes(const hv_program *p, int x, int y)
{
    for (int k = 0; k < p->rules[x].nexc; k++) if (p->rules[x].exc[k] == y) return 1;
    for (int k = 0; k < p->rules[y].nexc; k++) if (p->rules[y].exc[k] == x) return 1;
    return 0;
}

/* Human involvement for decision d: conflicts between values of equal rank,
 * judgement rules, undetermined, no standaard, decisions it depends on. */
static void involvement(dw *w, int d, unsigned char *dec, unsigned char *def_seen)
{
    const hv_program *p = w->p;
    const hv_decision *dc = &p->decs[d];
    p_open(w, NULL);
    human_cap(scratch(w), dc->name);
    hv_buf_putc(&w->tmp, '.');
    bold_scratch(w);
    put(w, " ");

    /* conflicts: rules of different values of equal rank whose outcomes can differ */
    int nconf = 0;
    for (int i = 0; i < dc->nrules; i++)
        for (int j = i + 1; j < dc->nrules; j++) {
            int ri = dc->rules[i], rj = dc->rules[j];
            const hv_rule *a = &p->rules[ri], *c = &p->rules[rj];
            if (a->value == c->value || a->rank != c->rank || excludes(p, ri, rj)) continue;
            int32_t ei = dc->rule_expr[i], ej = dc->rule_expr[j];
            if (ei < 0 || ej < 0 || same_expr(p, ei, ej)) continue;
            if (!nconf) put(w, "Kan uitlopen op een conflict tussen even hoge waarden: regel ");
            else put(w, "; regel ");
            rule_ref(w, ri);
            put(w, " (");
            value_ref(w, a->value);
            put(w, ") geeft ");
            outcome_words(scratch(w), p, ei);
            put_scratch(w);
            put(w, " en regel ");
            rule_ref(w, rj);
            put(w, " (");
            value_ref(w, c->value);
            put(w, ") geeft ");
            outcome_words(scratch(w), p, ej);
            put_scratch(w);
            nconf++;
        }
    if (nconf) put(w, ". Gelden zulke regels tegelijk, dan beslist de regelset niet en weegt een consulent de waarden af. ");
    else put(w, "Kan niet uitlopen op een conflict tussen even hoge waarden. ");

    /* judgement */
    int njudge = 0;
    for (int i = 0; i < dc->nrules; i++) {
        if (dc->rule_expr[i] >= 0) continue;
        const hv_rule *rl = &p->rules[dc->rules[i]];
        put(w, njudge ? " Ook regel " : "Komt ter beoordeling van een consulent door regel ");
        rule_ref(w, dc->rules[i]);
        if (rl->value >= 0) {
            put(w, " (");
            value_ref(w, rl->value);
            put(w, ")");
        }
        if (rl->cond >= 0) {
            put(w, ", als ");
            put_clause(w, rl->cond);
        } else {
            put(w, ", altijd");
        }
        put(w, ".");
        njudge++;
    }
    if (njudge) put(w, " ");

    put(w, "Ontbreken gegevens die de uitkomst kunnen veranderen, dan is het besluit onbepaald en gaat het terug "
           "naar de consulent om die gegevens te verzamelen.");
    if (dc->dflt < 0)
        put(w, " Er is geen standaard: geldt geen enkele regel, dan neemt de regelset geen besluit en beslist de consulent.");

    /* decisions this one reads */
    memset(dec, 0, (size_t)p->ndecs + 1);
    memset(def_seen, 0, (size_t)p->ndefs + 1);
    for (int i = 0; i < dc->nrules; i++) {
        decisions_read(p, p->rules[dc->rules[i]].cond, dec, def_seen);
        decisions_read(p, dc->rule_expr[i], dec, def_seen);
    }
    decisions_read(p, dc->dflt, dec, def_seen);
    dec[d] = 0;
    int nd = 0, total = 0;
    for (int e = 0; e < p->ndecs; e++) total += dec[e];
    for (int e = 0; e < p->ndecs; e++) {
        if (!dec[e]) continue;
        put(w, nd ? (nd == total - 1 ? " en " : ", ") : " Dit besluit hangt af van het besluit ");
        link_open(w, "besluit-", p->decs[e].name);
        put_human(w, p->decs[e].name);
        link_close(w);
        nd++;
    }
    if (nd) put(w, nd == 1 ? ": komt dat niet vast te staan, dan kan ook dit besluit onbepaald blijven."
                           : ": komen die niet vast te staan, dan kan ook dit besluit onbepaald blijven.");
    p_close(w);
}

static void register_section(dw *w)
{
    const hv_program *p = w->p;
    section_open(w, sections[S_REGISTER].id);
    heading(w, 2, NULL, sections[S_REGISTER].title);
    para(w, NULL, "De velden hieronder zijn bedoeld voor de beschrijving van deze regelset in het Algoritmeregister.");

    heading(w, 3, NULL, "Naam");
    para(w, NULL, p->name ? p->name : "");
    heading(w, 3, NULL, "Versie");
    para(w, NULL, p->version ? p->version : "Geen versie opgegeven.");

    heading(w, 3, NULL, "Doel");
    p_open(w, NULL);
    hv_buf *t = scratch(w);
    hv_buf_puts(t, "Deze regelset beslist over ");
    decisions_sentence(t, p);
    hv_buf_puts(t, ". ");
    put_scratch(w);
    if (w->nranked == 1) put(w, "De uitkomst volgt uit één waarde van de gemeente; ");
    else putf(w, "De uitkomst volgt uit %d waarden van de gemeente, in rangorde; ", w->nranked);
    put(w, "bij elke uitkomst staat welke waarde en welke regel besliste, en welke regels moesten wijken.");
    p_close(w);

    heading(w, 3, NULL, "Bron en wettelijke basis");
    int nb = 0;
    const char **seen = hv_mem_alloc((size_t)(p->nvalues + p->nrules + 1) * sizeof *seen);
    if (!seen) { w->b->failed = 1; return; }
    for (int k = 0; k < p->nvalues + p->nrules; k++) {
        if (k < p->nvalues && k >= w->nranked) continue;
        const char *s = k < p->nvalues ? p->values[w->order[k]].bron : p->rules[k - p->nvalues].bron;
        if (!s) continue;
        int dup = 0;
        for (int i = 0; i < nb && !dup; i++) dup = strcmp(seen[i], s) == 0;
        if (dup) continue;
        if (!nb) ul_open(w, NULL);
        seen[nb++] = s;
        li_open(w, NULL, 0);
        put(w, s);
        li_close(w);
    }
    hv_mem_free(seen);
    if (nb) ul_close(w);
    else para(w, NULL, "In de regels is geen bron vastgelegd.");

    heading(w, 3, NULL, "Menselijke tussenkomst");
    para(w, NULL, "De regelset neemt een besluit alleen zelf als de regels het eenduidig bepalen. In deze gevallen "
                  "beslist een persoon: bij een conflict tussen even hoge waarden, bij een regel die het besluit ter "
                  "beoordeling van een consulent legt, en als gegevens ontbreken (het besluit is dan onbepaald). "
                  "Geven twee regels van dezelfde rang tegelijk een verschillende uitkomst, dan is er ook een conflict. "
                  "En na elk besluit worden de waarborgen gecontroleerd: is een waarborg geschonden of onbekend, "
                  "dan beoordeelt een persoon het besluit.");
    unsigned char *dec = hv_mem_alloc((size_t)p->ndecs + 1);
    unsigned char *def_seen = hv_mem_alloc((size_t)p->ndefs + 1);
    if (dec && def_seen) {
        for (int d = 0; d < p->ndecs; d++) involvement(w, d, dec, def_seen);
    } else {
        w->b->failed = 1;
    }
    hv_mem_free(dec);
    hv_mem_free(def_seen);

    heading(w, 3, NULL, "Waarden");
    if (!w->nranked) para(w, NULL, "Geen.");
    else {
        para(w, NULL, "De regelset gebruikt deze waarden, van hoog naar laag:");
        ul_open(w, NULL);
        for (int k = 0; k < w->nranked; k++) {
            int v = w->order[k];
            li_open(w, NULL, 0);
            putf(w, "rang %d: ", p->values[v].rank + 1);
            value_ref(w, v);
            if (p->values[v].bron) { put(w, " (bron: "); put(w, p->values[v].bron); put(w, ")"); }
            li_close(w);
        }
        ul_close(w);
    }

    heading(w, 3, NULL, "Gegevens");
    if (!p->nfacts) para(w, NULL, "Geen.");
    else {
        p_open(w, NULL);
        putf(w, "De regelset gebruikt %d gegeven%s: ", p->nfacts, p->nfacts == 1 ? "" : "s");
        hv_buf *g = scratch(w);
        for (int f = 0; f < p->nfacts; f++) {
            list_sep(g, f, p->nfacts, " en ");
            fact_ref(g, p, f);
        }
        put_scratch(w);
        put(w, ". Zie ");
        if (w->html) raw(w, "<a href=\"#gegevens\">");
        put(w, "Gegevens");
        link_close(w);
        put(w, ".");
        p_close(w);
    }

    heading(w, 3, NULL, "Bestanden");
    if (p->src.n <= 1) {
        p_open(w, NULL);
        put(w, "De regels staan in één bestand: ");
        code(w, p->src.n ? p->src.files[0].name : "");
        put(w, ".");
        p_close(w);
    } else {
        para(w, NULL, "De regels staan in het hoofdbestand en de modules die het gebruikt:");
        ul_open(w, NULL);
        for (int i = 0; i < p->src.n; i++) {
            const hv_source *f = &p->src.files[i];
            li_open(w, NULL, 0);
            const hv_std_module *m = NULL;
            size_t n = strlen(f->name);
            if (i > 0 && n > 10 && strncmp(f->name, "stdlib/", 7) == 0 && strcmp(f->name + n - 3, ".hv") == 0) {
                char mod[256];
                snprintf(mod, sizeof mod, "%.*s", (int)(n - 10), f->name + 7);
                m = hv_std_module_find(mod);
                if (m && (strlen(m->text) != f->len || memcmp(m->text, f->text, f->len) != 0)) m = NULL;
                if (m) {
                    hv_buf_printf(scratch(w), "stdlib.%s", mod);
                    code(w, w->tmp.data ? w->tmp.data : "");
                    put(w, " (module uit de standaardbibliotheek van Houvast)");
                }
            }
            if (!m) {
                code(w, f->name);
                put(w, i == 0 ? " (hoofdbestand)" : " (module)");
            }
            li_close(w);
        }
        ul_close(w);
    }

    heading(w, 3, NULL, "Vingerafdruk");
    p_open(w, NULL);
    put(w, p->src.n > 1 ? "SHA-256 van de regelbestanden samen: " : "SHA-256 van het regelbestand: ");
    code(w, p->sha256);
    put(w, ". Met deze vingerafdruk is na te gaan of een besluit met precies deze regels is genomen.");
    p_close(w);
    section_close(w);
}

/* ---- the whole book ----------------------------------------------------------------- */

static void book_body(dw *w)
{
    book_title(w);
    toc(w);
    how_it_works(w);
    values_section(w);
    decisions_section(w);
    definitions_section(w);
    facts_section(w);
    safeguards_section(w);
    validity_section(w);
    register_section(w);
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;"
    "max-width:48em;margin:2em auto;padding:0 1em;line-height:1.55;color:#1a1a1a;background:#fff}\n"
    "h1{font-size:1.9em;margin-bottom:.2em;color:#1f3f5f}\n"
    "h2{margin-top:2.2em;padding-bottom:.2em;border-bottom:2px solid #1f4e79;color:#1f4e79}\n"
    "h3{margin-top:1.6em}\n"
    "h4{margin:.2em 0 .4em;font-size:1em}\n"
    "p.sub{color:#555;margin-top:0}\n"
    "nav.inhoud{background:#f4f6f8;border:1px solid #d8dde3;border-radius:4px;padding:.2em 1.4em .8em}\n"
    "nav.inhoud h2{border:0;margin-top:.6em;font-size:1.2em;color:#1a1a1a}\n"
    "nav.inhoud ol.sub{list-style:none;padding-left:1em;font-size:.95em}\n"
    ".waarde{border-left:4px solid #1f4e79;padding-left:1em;margin:1.6em 0}\n"
    ".regel,.waarborg{background:#fafafa;border:1px solid #e3e3e3;border-radius:4px;padding:.5em 1em;margin:.8em 0}\n"
    ".uitzondering{color:#7a4b00}\n"
    ".toelichting{font-style:italic}\n"
    ".meta{color:#555;font-size:.9em}\n"
    ".expr{font-style:normal;background:#e8eef5;border-radius:3px;padding:0 .2em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95em}\n"
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f4}\n"
    "code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;background:#f0f0f0;"
    "padding:0 .2em;border-radius:3px;word-break:break-all}\n"
    "a{color:#1f4e79}\n"
    "a.naam{color:inherit;text-decoration:underline dotted #7a8ca0;text-underline-offset:2px}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt;color:#000}"
    "a,a.naam{color:inherit;text-decoration:none}nav.inhoud{background:none;border:1px solid #999}"
    "h2,h3,h4{break-after:avoid;page-break-after:avoid}"
    ".regel,.waarborg,tr{break-inside:avoid;page-break-inside:avoid}"
    ".regel,.waarborg{background:none}.expr{background:none}"
    "h2{color:#000;border-color:#000}}\n";

static char *book(const hv_program *p, int html)
{
    if (!p) return NULL;
    hv_buf out;
    hv_buf_init(&out);
    dw w = {0};
    w.p = p;
    w.b = &out;
    w.html = html;
    hv_buf_init(&w.tmp);
    w.order = hv_program_rank_order(p);
    w.ranked = hv_mem_alloc((size_t)p->nvalues + 1);
    if (!w.order || !w.ranked) {
        hv_mem_free(w.order);
        hv_mem_free(w.ranked);
        return NULL;
    }
    for (int v = 0; v < p->nvalues; v++) w.ranked[v] = (unsigned char)value_ranked(p, v);
    /* the unranked values come last in rank order: keep the order stable */
    int k = 0;
    for (int i = 0; i < p->nvalues; i++)
        if (w.ranked[w.order[i]]) {
            int v = w.order[i];
            memmove(w.order + k + 1, w.order + k, (size_t)(i - k) * sizeof *w.order);
            w.order[k++] = v;
        }
    w.nranked = k;
    if (html) {
        raw(&w, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"generator\" content=\"houvast doc\">\n<title>Regelboek: ");
        put(&w, p->name ? p->name : "");
        if (p->version) { put(&w, " (versie "); put(&w, p->version); put(&w, ")"); }
        raw(&w, "</title>\n<style>\n");
        raw(&w, css);
        raw(&w, "</style>\n</head>\n<body>\n<main>\n");
    }
    book_body(&w);
    if (html) raw(&w, "</main>\n</body>\n</html>\n");
    else {
        /* one newline at the end, not a blank line */
        while (out.len > 1 && out.data[out.len - 1] == '\n' && out.data[out.len - 2] == '\n') out.data[--out.len] = 0;
    }
    if (w.tmp.failed) out.failed = 1;
    hv_buf_free(&w.tmp);
    hv_mem_free(w.order);
    hv_mem_free(w.ranked);
    return hv_buf_take(&out);
}

char *hv_doc_markdown(const hv_program *p) { return book(p, 0); }

char *hv_doc_html(const hv_program *p) { return book(p, 1); }
