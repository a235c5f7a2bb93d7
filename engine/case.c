/* case.c — the facts of a case, read from JSON, JSON Lines, CSV or typed text.
 *
 * Every value is checked against the fact's type. A wrong type, an unknown
 * fact, a choice member that does not exist or an amount with three decimals
 * is an error that names the file, the line and the fact: never a silent
 * unknown. JSON goes through jansson, CSV through libcsv.
 */
#include "eval_int.h"
#include "json.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

hv_case *hv_case_new(const hv_program *p)
{
    hv_case *c = hv_mem_alloc(sizeof *c);
    if (!c) return NULL;
    memset(c, 0, sizeof *c);
    c->p = p;
    hv_arena_init(&c->arena, 4096);
    c->facts = hv_mem_alloc((size_t)(p->nfacts + 1) * sizeof *c->facts);
    if (!c->facts) { hv_mem_free(c); return NULL; }
    hv_case_clear(c);
    return c;
}

void hv_case_free(hv_case *c)
{
    if (!c) return;
    hv_arena_free(&c->arena);
    hv_mem_free(c->facts);
    hv_mem_free(c);
}

void hv_case_clear(hv_case *c)
{
    hv_arena_reset(&c->arena);
    memset(c->facts, 0, (size_t)(c->p->nfacts + 1) * sizeof *c->facts);
    c->has_peildatum = 0;
    c->id = c->subject = NULL;
}

int hv_case_has_peildatum(const hv_case *c, int32_t *day)
{
    if (c->has_peildatum && day) *day = c->peildatum;
    return c->has_peildatum;
}

void hv_case_set_peildatum(hv_case *c, int32_t day) { c->has_peildatum = 1; c->peildatum = day; }

int hv_case_set_id(hv_case *c, const char *id)
{
    c->id = id ? hv_arena_strdup(&c->arena, id) : NULL;
    return id && !c->id ? -1 : 0;
}
const char *hv_case_id(const hv_case *c) { return c->id; }
const char *hv_case_subject(const hv_case *c) { return c->subject; }

/* ---- values from text ------------------------------------------------------- */

/* Messages about values, in English for files (beside the other
 * diagnostics) and in Dutch for what a consulent types. */
enum { M_NOT, M_DEC6, M_DEC2, M_RANGE, M_NODATE, M_CTRL, M_BOOL, M_NUM, M_MONEY, M_DATE, M_TEXT, M_ONEOF, M_UTF8,
       M_COUNT };
static const char *const msgs[2][M_COUNT] = {
    {"'%s' is not %s", "'%s' has more than 6 decimals",
     "'%s' has more than 2 decimals; an amount is exact to the cent", "'%s' is out of range",
     "'%s' is not a date that exists", "a text may not hold control characters (found 0x%02x)",
     "ja or nee", "a number (getal), like 3 or 2.5",
     "an amount (bedrag) with at most 2 decimals, like 1234.56", "a date (datum) as YYYY-MM-DD",
     "a text", "one of %s",
     "a text must be UTF-8, and byte %ld (0x%02x) is not part of a UTF-8 character"},
    {"'%s' is geen %s", "'%s' heeft meer dan 6 decimalen", "'%s' heeft meer dan 2 decimalen; een bedrag is tot op de cent",
     "'%s' is te groot", "'%s' is geen bestaande datum", "een tekst mag geen stuurtekens bevatten (0x%02x)",
     "ja of nee", "getal, zoals 3 of 2,5", "bedrag met hoogstens 2 decimalen, zoals 1234,56",
     "datum als JJJJ-MM-DD", "tekst", "keuze uit %s",
     "een tekst moet UTF-8 zijn, en byte %ld (0x%02x) hoort niet bij een UTF-8-teken"},
};

static const char *type_hint_lang(const hv_program *p, hv_type t, char *buf, size_t len, int nl)
{
    char ty[200];
    switch (t.kind) {
    case HV_TY_BOOL: return msgs[nl][M_BOOL];
    case HV_TY_NUM: return msgs[nl][M_NUM];
    case HV_TY_MONEY: return msgs[nl][M_MONEY];
    case HV_TY_DATE: return msgs[nl][M_DATE];
    case HV_TY_TEXT: return msgs[nl][M_TEXT];
    case HV_TY_CHOICE: {
        const hv_choice_set *cs = &p->choices[t.choice];
        if (nl) {
            size_t k = 0;
            for (int i = 0; i < cs->n && k < sizeof ty; i++)
                k += (size_t)snprintf(ty + k, sizeof ty - k, "%s%s", i ? ", " : "", p->syms[cs->members[i]]);
        } else {
            hv_type_desc(p, t, ty, sizeof ty);
        }
        snprintf(buf, len, msgs[nl][M_ONEOF], ty);
        return buf;
    }
    default: return "?";
    }
}

static const char *type_hint(const hv_program *p, hv_type t, char *buf, size_t len)
{
    return type_hint_lang(p, t, buf, len, 0);
}

int hv_fact_type_text(const hv_program *p, int fact, char *buf, size_t len)
{
    char tmp[300];
    snprintf(buf, len, "%s", type_hint_lang(p, p->facts[fact].ty, tmp, sizeof tmp, 1));
    return 0;
}

static int parse_bool_word(const char *s, int *b)
{
    static const char *const yes[] = {"ja", "yes", "true", "waar", "1", "j", "y"};
    static const char *const no[] = {"nee", "no", "false", "onwaar", "0", "n"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (strcasecmp(s, yes[i]) == 0) { *b = 1; return 0; }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (strcasecmp(s, no[i]) == 0) { *b = 0; return 0; }
    return -1;
}

/* A decimal typed by a person: "1500", "1500,50", "€ 1.500,50", "1500.50".
 * A ',' is the decimal mark when present (then '.' groups thousands). */
static int parse_decimal_text(const char *s, int scale, int64_t *out)
{
    char buf[64];
    size_t k = 0;
    int has_comma = strchr(s, ',') != NULL;
    while (*s == ' ' || *s == '\t') s++;
    if (strncmp(s, "\xe2\x82\xac", 3) == 0) s += 3;
    else if (strncasecmp(s, "EUR", 3) == 0) s += 3;
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    /* no spaces inside a number: "3 4" is a typo, not 34 */
    for (size_t i = 0; i < n && k < sizeof buf - 1; i++) {
        if (has_comma && s[i] == '.') continue;
        buf[k++] = s[i] == ',' ? '.' : s[i];
    }
    buf[k] = 0;
    if (k == 0) return HV_DEC_SYNTAX;
    return hv_decimal_parse(buf, scale, out);
}

/* "1.500": a dot before exactly three digits, as Dutch write thousands. */
static int looks_like_thousands(const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot || strchr(s, ',') || strchr(dot + 1, '.')) return 0;
    size_t after = 0;
    while (isdigit((unsigned char)dot[1 + after])) after++;
    return after == 3 && dot[4] == 0 && dot > s && isdigit((unsigned char)dot[-1]);
}

/* Parse `s` as a value of type t. A text value is copied into `arena`, or
 * borrowed from s when arena is NULL. 0 ok; -1 with a message in err. */
static int parse_typed(const hv_program *p, hv_type t, const char *s, hv_arena *arena, hv_value *out,
                       char *err, size_t errlen, int nl)
{
    char hint[300];
    hv_clipbuf cb;
    const char *const *m = msgs[nl];
    const char *q = hv_clip(s, &cb);
    int64_t v;
    int32_t day;
    int b, r;
    switch (t.kind) {
    case HV_TY_BOOL:
        if (parse_bool_word(s, &b) == 0) { *out = hv_bool(b); return 0; }
        break;
    case HV_TY_NUM:
        r = parse_decimal_text(s, 6, &v);
        if (r == HV_DEC_OK) { *out = hv_val(HV_V_NUM, v); return 0; }
        if (r == HV_DEC_TOO_PRECISE) { snprintf(err, errlen, m[M_DEC6], q); return -1; }
        if (r == HV_DEC_RANGE) { snprintf(err, errlen, m[M_RANGE], q); return -1; }
        break;
    case HV_TY_MONEY:
        r = parse_decimal_text(s, 2, &v);
        if (r == HV_DEC_OK) { *out = hv_val(HV_V_MONEY, v); return 0; }
        if (r == HV_DEC_TOO_PRECISE) {
            snprintf(err, errlen, m[M_DEC2], q);
            if (nl && q == s && looks_like_thousands(s)) {
                size_t l = strlen(err);
                snprintf(err + l, errlen - l, " (bedoelt u duizenden? schrijf dan %.*s%s of %s,00)",
                         (int)(strchr(s, '.') - s), s, strchr(s, '.') + 1, s);
            }
            return -1;
        }
        if (r == HV_DEC_RANGE) { snprintf(err, errlen, m[M_RANGE], q); return -1; }
        break;
    case HV_TY_DATE:
        if (hv_date_parse(s, &day) == 0) { *out = hv_val(HV_V_DATE, day); return 0; }
        if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' && isdigit((unsigned char)s[0])) {
            snprintf(err, errlen, m[M_NODATE], q);
            return -1;
        }
        break;
    case HV_TY_TEXT: {
        for (const unsigned char *q = (const unsigned char *)s; *q; q++)
            if (*q < 0x20 && *q != '\t') {
                snprintf(err, errlen, m[M_CTRL], *q);
                return -1;
            }
        long bad = hv_json_utf8_bad(s);
        if (bad >= 0) {
            snprintf(err, errlen, m[M_UTF8], bad + 1, (unsigned char)s[bad]);
            return -1;
        }
        const char *d = arena ? hv_arena_strdup(arena, s) : s;
        if (!d) { snprintf(err, errlen, "out of memory"); return -1; }
        *out = hv_text(d);
        return 0;
    }
    case HV_TY_CHOICE: {
        const hv_choice_set *cs = &p->choices[t.choice];
        for (int i = 0; i < cs->n; i++)
            if (strcmp(p->syms[cs->members[i]], s) == 0) { *out = hv_val(HV_V_CHOICE, cs->members[i]); return 0; }
        snprintf(err, errlen, m[M_NOT], q, type_hint_lang(p, t, hint, sizeof hint, nl));
        return -1;
    }
    default:
        break;
    }
    snprintf(err, errlen, m[M_NOT], q, type_hint_lang(p, t, hint, sizeof hint, nl));
    return -1;
}

static int value_from_text(hv_case *c, int f, const char *s, hv_value *out, char *err, size_t errlen)
{
    return parse_typed(c->p, c->p->facts[f].ty, s, &c->arena, out, err, errlen, 0);
}

int hv_decision_parse(const hv_program *p, int d, const char *text, hv_value *out, char *err, size_t errlen)
{
    if (d < 0 || d >= p->ndecs) { snprintf(err, errlen, "no such decision"); return -1; }
    return parse_typed(p, p->decs[d].ty, text, NULL, out, err, errlen, 1);
}

int hv_case_set_text(hv_case *c, int fact, const char *text, char *err, size_t errlen)
{
    if (fact < 0 || fact >= c->p->nfacts) { snprintf(err, errlen, "no such fact"); return -1; }
    hv_value v;
    if (parse_typed(c->p, c->p->facts[fact].ty, text, &c->arena, &v, err, errlen, 1)) return -1;
    c->facts[fact] = v;
    return 0;
}

/* ---- JSON ------------------------------------------------------------------------ */

typedef struct reader {
    const hv_program *p;
    hv_diags *d;
    int file;              /* index of the case file in d->src */
    uint32_t base;         /* offset of the current line/object */
    uint32_t limit;        /* end of it */
    const char *facts_key; /* "feiten" or "facts" in the wrapped form, else NULL */
} reader;

/* Where the key "name" stands in the current object, for the caret: a key
 * of the top-level object, or (inside != NULL) of the object under that key. */
static hv_loc key_loc_in(reader *rd, const char *inside, const char *name)
{
    hv_loc l = {rd->file, rd->base, rd->base};
    if (rd->file < 0) return HV_NOLOC;
    const hv_source *f = &rd->d->src->files[rd->file];
    uint32_t end = rd->limit < f->len ? rd->limit : (uint32_t)f->len;
    size_t n = strlen(name), in = inside ? strlen(inside) : 0;
    int depth = 0, in_parent = 0;
    const char *t = f->text;
    for (uint32_t i = rd->base; i < end; i++) {
        char ch = t[i];
        if (ch == '{' || ch == '[') { depth++; continue; }
        if (ch == '}' || ch == ']') { if (depth == 2) in_parent = 0; depth--; continue; }
        if (ch != '"') continue;
        /* a string: find its end, then see whether a ':' follows (a key) */
        uint32_t s0 = i, j = i + 1;
        while (j < end && t[j] != '"') j += t[j] == '\\' ? 2 : 1;
        uint32_t k = j + 1;
        while (k < end && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) k++;
        int is_key = k < end && t[k] == ':';
        size_t len = j - s0 - 1;
        if (is_key && depth == 1 && inside)
            in_parent = len == in && strncmp(t + s0 + 1, inside, in) == 0;
        if (is_key && len == n && strncmp(t + s0 + 1, name, n) == 0 &&
            ((!inside && depth == 1) || (inside && depth == 2 && in_parent))) {
            l.start = s0;
            l.end = j + 1;
            return l;
        }
        i = j;
    }
    return l;
}

static hv_loc key_loc(reader *rd, const char *name) { return key_loc_in(rd, rd->facts_key, name); }

static int json_value(reader *rd, hv_case *c, int f, json_t *j, hv_value *out)
{
    const hv_program *p = rd->p;
    hv_type t = p->facts[f].ty;
    const char *name = p->facts[f].name;
    char err[400], hint[300];
    if (json_is_null(j)) { *out = hv_unknown(); return 0; }
    switch (t.kind) {
    case HV_TY_BOOL:
        if (json_is_boolean(j)) { *out = hv_bool(json_is_true(j)); return 0; }
        break;
    case HV_TY_NUM:
    case HV_TY_MONEY: {
        char num[64];
        if (json_is_integer(j)) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
        else if (json_is_real(j)) {
            /* the shortest text that reads back as the same double is the
             * number as it was written (up to 17 significant digits) */
            double x = json_real_value(j);
            if (x >= 1e18 || x <= -1e18) {
                hv_diag_error(rd->d, key_loc(rd, name), "fact '%s': %g is out of range", name, x);
                return -1;
            }
            for (int prec = 15; prec <= 17; prec++) {
                snprintf(num, sizeof num, "%.*g", prec, x);
                if (strtod(num, NULL) == x) break;
            }
            if (strchr(num, 'e')) {
                /* a small number in exponent form: write it out in full */
                snprintf(num, sizeof num, "%.20f", x);
                char *z = num + strlen(num) - 1;
                while (*z == '0') *z-- = 0;
                if (*z == '.') *z = 0;
            }
        }
        else if (json_is_string(j) && t.kind == HV_TY_MONEY) {
            /* longer than any amount: not cut short into one */
            const char *txt = json_string_value(j);
            if (strlen(txt) >= sizeof num) {
                hv_clipbuf cb;
                hv_diag_error(rd->d, key_loc(rd, name), "fact '%s': \"%s\" is not %s", name, hv_clip(txt, &cb),
                              type_hint(p, t, hint, sizeof hint));
                return -1;
            }
            snprintf(num, sizeof num, "%s", txt);
        }
        else break;
        int64_t v;
        int r = hv_decimal_parse(num, t.kind == HV_TY_MONEY ? 2 : 6, &v);
        if (r == HV_DEC_OK) { *out = hv_val(t.kind == HV_TY_MONEY ? HV_V_MONEY : HV_V_NUM, v); return 0; }
        if (r == HV_DEC_TOO_PRECISE && t.kind == HV_TY_MONEY)
            snprintf(err, sizeof err, "fact '%s': %s has more than 2 decimals; an amount is exact to the cent", name, num);
        else if (r == HV_DEC_TOO_PRECISE)
            snprintf(err, sizeof err, "fact '%s': %s has more than 6 decimals", name, num);
        else if (r == HV_DEC_RANGE)
            snprintf(err, sizeof err, "fact '%s': %s is out of range", name, num);
        else
            snprintf(err, sizeof err, "fact '%s': \"%s\" is not %s", name, num, type_hint(p, t, hint, sizeof hint));
        hv_diag_error(rd->d, key_loc(rd, name), "%s", err);
        return -1;
    }
    case HV_TY_DATE:
    case HV_TY_TEXT:
    case HV_TY_CHOICE:
        if (json_is_string(j)) {
            if (value_from_text(c, f, json_string_value(j), out, err, sizeof err) == 0) return 0;
            hv_diag_error(rd->d, key_loc(rd, name), "fact '%s': %s", name, err);
            return -1;
        }
        break;
    default:
        break;
    }
    static const char *const jtypes[] = {"an object", "a list", "a text", "a whole number",
                                         "a number", "true", "false", "null"};
    hv_diag_error(rd->d, key_loc(rd, name), "fact '%s' must be %s, not %s", name,
                  t.kind == HV_TY_BOOL ? "true or false" : type_hint(p, t, hint, sizeof hint),
                  jtypes[json_typeof(j)]);
    if (t.kind == HV_TY_BOOL && json_is_string(j)) hv_diag_hint(rd->d, "in JSON, janee is true or false without quotes");
    return -1;
}

static int json_case(reader *rd, hv_case *c, json_t *root)
{
    const hv_program *p = rd->p;
    hv_case_clear(c);
    rd->facts_key = NULL;
    if (!json_is_object(root)) {
        hv_diag_error(rd->d, key_loc_in(rd, NULL, ""), "a case is a JSON object of fact values");
        return -1;
    }
    json_t *facts = json_object_get(root, "feiten");
    rd->facts_key = facts ? "feiten" : NULL;
    if (!facts && (facts = json_object_get(root, "facts"))) rd->facts_key = "facts";
    int bad = 0;
    if (json_object_get(root, "feiten") && json_object_get(root, "facts")) {
        hv_diag_error(rd->d, key_loc_in(rd, NULL, "facts"), "a case has \"feiten\" or \"facts\", not both");
        return -1;
    }
    if (facts) {
        const char *key;
        json_t *v;
        json_object_foreach(root, key, v) {
            if (strcmp(key, "feiten") == 0 || strcmp(key, "facts") == 0) continue;
            if (strcmp(key, "peildatum") == 0) {
                int32_t day;
                if (!json_is_string(v) || hv_date_parse(json_string_value(v), &day)) {
                    hv_diag_error(rd->d, key_loc_in(rd, NULL, key), "peildatum must be a date as \"YYYY-MM-DD\"");
                    bad = 1;
                } else {
                    hv_case_set_peildatum(c, day);
                }
            } else if (strcmp(key, "id") == 0 || strcmp(key, "subject") == 0) {
                char num[32];
                const char *s = json_is_string(v) ? json_string_value(v) : NULL;
                if (json_is_integer(v)) {
                    snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                    s = num;
                }
                if (!s) {
                    hv_diag_error(rd->d, key_loc_in(rd, NULL, key), "'%s' must be a text or a whole number", key);
                    bad = 1;
                    continue;
                }
                char *d = hv_arena_strdup(&c->arena, s);
                if (!d) {
                    hv_diag_error(rd->d, HV_NOLOC, "out of memory reading the case");
                    bad = 1;
                    continue;
                }
                if (key[0] == 'i') c->id = d; else c->subject = d;
            } else {
                hv_clipbuf cb;
                hv_diag_error(rd->d, key_loc_in(rd, NULL, key), "unknown field '%s' in a case", hv_clip(key, &cb));
                hv_diag_hint(rd->d, "a case has \"feiten\" and may have \"peildatum\", \"id\" and \"subject\"");
                bad = 1;
            }
        }
        if (!json_is_object(facts)) {
            hv_diag_error(rd->d, key_loc_in(rd, NULL, rd->facts_key), "\"%s\" must be an object of fact values",
                          rd->facts_key);
            return -1;
        }
    } else {
        facts = root;
    }
    const char *key;
    json_t *v;
    json_object_foreach(facts, key, v) {
        int f = hv_fact_find(p, key);
        if (f < 0) {
            hv_clipbuf cb;
            hv_diag_error(rd->d, key_loc(rd, key), "unknown fact '%s'", hv_clip(key, &cb));
            const char **names = hv_mem_alloc((size_t)(p->nfacts + 1) * sizeof *names);
            if (names) {
                for (int i = 0; i < p->nfacts; i++) names[i] = p->facts[i].name;
                const char *m = hv_did_you_mean(key, names, p->nfacts);
                if (m) hv_diag_hint(rd->d, "did you mean '%s'?", m);
                else if (strcmp(key, "peildatum") == 0 || strcmp(key, "id") == 0 || strcmp(key, "subject") == 0)
                    hv_diag_hint(rd->d, "put the facts under \"feiten\" to give '%s' beside them", key);
                hv_mem_free(names);
            }
            bad = 1;
            continue;
        }
        if (json_value(rd, c, f, v, &c->facts[f])) bad = 1;
    }
    return bad ? -1 : 0;
}

/* What jansson read, unless an allocation was refused meanwhile: jansson
 * goes on after some of those (a string then loses a character), so such a
 * reading cannot be trusted, and counts as memory running out. */
static json_t *trusted(json_t *root, long refused0)
{
    if (root && hv_mem_failures() != refused0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* jansson failed to read a text; refused0 is hv_mem_failures() from before
 * the call: jansson calls a failed allocation a syntax error (or gives no
 * reason), so a refusal in between means memory ran out. */
static void json_syntax_error(reader *rd, const json_error_t *je, uint32_t base, long refused0)
{
    if (hv_mem_failures() != refused0 || json_error_code(je) == json_error_out_of_memory) {
        hv_diag_error(rd->d, HV_NOLOC, "out of memory reading the case");
        return;
    }
    hv_loc l = HV_NOLOC;
    if (rd->file >= 0) {
        uint32_t pos = base + (uint32_t)(je->position > 0 ? je->position - 1 : 0);
        if (pos > rd->limit) pos = rd->limit;
        l = (hv_loc){rd->file, pos, pos + 1};
    }
    hv_diag_error(rd->d, l, "malformed JSON: %s", je->text);
}

int hv_case_from_json_text(hv_case *c, const char *text, const char *where, hv_diags *d)
{
    reader rd = {c->p, d, -1, 0, 0, NULL};
    if (d->src) {
        rd.file = hv_src_add(d->src, where, text, strlen(text));
        rd.limit = (uint32_t)strlen(text);
    }
    json_error_t je;
    long refused0 = hv_mem_failures();
    json_t *root = trusted(json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je), refused0);
    if (!root) { json_syntax_error(&rd, &je, 0, refused0); return -1; }
    int r = json_case(&rd, c, root);
    json_decref(root);
    return r;
}

/* ---- CSV -------------------------------------------------------------------------- */

typedef struct csv_state {
    reader *rd;
    hv_case *c;
    int row;               /* 0 = header */
    int ncols, col;
    int *colfact;          /* per column: fact index, or -1 id, -2 subject, -3 peildatum */
    int row_bad;
    int rows;              /* rows ended in the current record */
    int is_case;
    int fatal;             /* 1 out of memory, 2 a bad header */
} csv_state;

/* The record being read is the scratch source (see below): from its start
 * to the end of its first line. */
static hv_loc row_loc(csv_state *st)
{
    if (st->rd->file < 0) return HV_NOLOC;
    const hv_source *f = &st->rd->d->src->files[st->rd->file];
    uint32_t e = 0;
    while (e < f->len && f->text[e] != '\n' && f->text[e] != '\r') e++;
    return (hv_loc){st->rd->file, 0, e > 0 ? e : 1};
}

static void csv_field(void *data, size_t len, void *ud)
{
    csv_state *st = ud;
    if (st->fatal) return;
    char *s = hv_mem_alloc(len + 1);
    if (!s) { st->fatal = 1; return; }
    if (len) memcpy(s, data, len);
    s[len] = 0;
    /* trim spaces around a cell */
    char *t = s;
    while (*t == ' ' || *t == '\t') t++;
    size_t tl = strlen(t);
    while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\t')) t[--tl] = 0;
    const hv_program *p = st->rd->p;
    if (st->row == 0) {
        int *cf = hv_mem_realloc(st->colfact, (size_t)(st->ncols + 1) * sizeof *cf);
        if (!cf) { st->fatal = 1; hv_mem_free(s); return; }
        st->colfact = cf;
        int f = hv_fact_find(p, t);
        if (f < 0) {
            if (strcmp(t, "id") == 0) f = -1;
            else if (strcmp(t, "subject") == 0) f = -2;
            else if (strcmp(t, "peildatum") == 0) f = -3;
            else {
                hv_clipbuf cb;
                hv_diag_error(st->rd->d, row_loc(st), "unknown fact '%s' in the CSV header", hv_clip(t, &cb));
                const char **names = hv_mem_alloc((size_t)(p->nfacts + 1) * sizeof *names);
                if (names) {
                    for (int i = 0; i < p->nfacts; i++) names[i] = p->facts[i].name;
                    const char *m = hv_did_you_mean(t, names, p->nfacts);
                    if (m) hv_diag_hint(st->rd->d, "did you mean '%s'?", m);
                    hv_mem_free(names);
                }
                st->fatal = 2;
            }
        }
        for (int i = 0; i < st->ncols && f >= 0; i++)
            if (st->colfact[i] == f) {
                hv_diag_error(st->rd->d, row_loc(st), "fact '%s' appears twice in the CSV header", t);
                st->fatal = 2;
            }
        st->colfact[st->ncols++] = f;
    } else if (st->rows == 0) {
        int col = st->col++;
        if (col >= st->ncols) {
            if (col == st->ncols) {
                hv_diag_error(st->rd->d, row_loc(st), "this row has more cells than the header (%d)",
                              st->ncols);
                st->row_bad = 1;
            }
        } else if (*t) {
            int f = st->colfact[col];
            char err[400];
            if (f >= 0) {
                if (value_from_text(st->c, f, t, &st->c->facts[f], err, sizeof err)) {
                    hv_diag_error(st->rd->d, row_loc(st), "fact '%s': %s", p->facts[f].name, err);
                    st->row_bad = 1;
                }
            } else if (f == -3) {
                int32_t day;
                if (hv_date_parse(t, &day)) {
                    hv_clipbuf cb;
                    hv_diag_error(st->rd->d, row_loc(st), "peildatum '%s' is not a date as YYYY-MM-DD", hv_clip(t, &cb));
                    st->row_bad = 1;
                } else {
                    hv_case_set_peildatum(st->c, day);
                }
            } else if (!hv_json_utf8_ok(t)) {
                hv_diag_error(st->rd->d, row_loc(st), "the %s is not UTF-8 text", f == -1 ? "id" : "subject");
                st->row_bad = 1;
            } else {
                char *d = hv_arena_strdup(&st->c->arena, t);
                if (!d) st->fatal = 1;
                if (f == -1) st->c->id = d; else st->c->subject = d;
            }
        }
    }
    hv_mem_free(s);
}

static void csv_row(int term, void *ud)
{
    (void)term;
    csv_state *st = ud;
    if (st->fatal) return;
    if (st->row == 0) {
        st->row = 1;
    } else if (st->rows++ == 0) {
        /* a record is one row: its line ends where a row ends (see next_record) */
        int blank = st->col == 1 && st->ncols > 1 && !st->row_bad;
        if (!blank && st->col < st->ncols && !st->row_bad) {
            hv_diag_error(st->rd->d, row_loc(st), "this row has %d cells, the header has %d",
                          st->col, st->ncols);
            st->row_bad = 1;
        }
        st->is_case = !blank && !st->row_bad;
    }
    st->col = 0;
}

/* The record being read is kept as a source of its own (a scratch slot), so
 * that a diagnostic can quote it with its real line number; a record that
 * gets a diagnostic keeps its slot, the next one gets a new one. So a file of
 * any size is read in constant memory, plus the records reported on. */
typedef struct scratch {
    reader *rd;
    const char *path;
    int slot;              /* -1: none yet */
    int errors_before;
} scratch;

static int scratch_line(scratch *sc, const char *line, size_t n, int lineno)
{
    reader *rd = sc->rd;
    rd->base = 0;
    rd->limit = (uint32_t)n;
    sc->errors_before = rd->d->nerrors;
    if (!rd->d->src) { rd->file = -1; return 0; }
    if (sc->slot < 0) {
        sc->slot = hv_src_add(rd->d->src, sc->path, line, n);
        if (sc->slot < 0) return -1;
        rd->d->src->files[sc->slot].first_line = lineno - 1;
    } else if (hv_src_replace(rd->d->src, sc->slot, line, n, lineno - 1)) {
        return -1;
    }
    rd->file = sc->slot;
    return 0;
}

/* After a record: keep its slot when it was reported on. */
static void scratch_done(scratch *sc)
{
    if (sc->rd->d->nerrors > sc->errors_before) sc->slot = -1;
}

/* ---- caseloads: CSV and JSON Lines, streamed ------------------------------------ */

struct hv_caseload {
    const hv_program *p;
    hv_diags *d;
    char *path;
    FILE *f;
    int csv;
    char delim;
    reader rd;
    scratch sc;
    csv_state st;
    struct csv_parser cp;
    int cp_ready;
    char *buf;             /* read ahead: buf[pos..len) is not given out yet */
    size_t pos, len, cap;
    int eof, failed;
    int line;              /* lines before buf[pos] */
    int seen;              /* a record that is not blank */
};

enum { READ_CHUNK = 1 << 18 };

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int hv_caseload_is_streamed(const char *path)
{
    return ends_with(path, ".csv") || ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
}

/* Keep buf[pos..len), moved to the front, and read more after it. */
static int fill(hv_caseload *l)
{
    if (l->eof) return 0;
    size_t keep = l->len - l->pos;
    if (l->pos) memmove(l->buf, l->buf + l->pos, keep);
    l->pos = 0;
    l->len = keep;
    if (l->cap - l->len < READ_CHUNK / 2) {
        size_t cap = l->cap ? l->cap * 2 : READ_CHUNK;
        char *b = hv_mem_realloc(l->buf, cap);
        if (!b) { hv_diag_error(l->d, HV_NOLOC, "out of memory reading '%s'", l->path); return -1; }
        l->buf = b;
        l->cap = cap;
    }
    size_t n = fread(l->buf + l->len, 1, l->cap - l->len, l->f);
    l->len += n;
    if (n == 0) {
        if (ferror(l->f)) { hv_diag_error(l->d, HV_NOLOC, "error reading case file '%s'", l->path); return -1; }
        l->eof = 1;
    }
    return 0;
}

/* Where a CSV row ends, as libcsv reads it (not strict): a quote opens a
 * quoted cell only at the start of a cell (after spaces); inside one, a line
 * end is part of the cell, "" is a quote, and a quote followed by anything
 * but a delimiter, a line end or spaces goes back into the quoted cell. */
enum { CELL_START, CELL_PLAIN, CELL_QUOTED, CELL_QUOTE_END };

static int csv_step(int state, char ch, char delim)
{
    switch (state) {
    case CELL_START:
        if (ch == delim) return CELL_START;
        if (ch == ' ' || ch == '\t') return CELL_START;
        return ch == '"' ? CELL_QUOTED : CELL_PLAIN;
    case CELL_PLAIN: return ch == delim ? CELL_START : CELL_PLAIN;
    case CELL_QUOTED: return ch == '"' ? CELL_QUOTE_END : CELL_QUOTED;
    default:
        if (ch == delim) return CELL_START;
        if (ch == ' ' || ch == '\t') return CELL_QUOTE_END;
        return CELL_QUOTED;
    }
}

/* A record longer than HV_MAX_CASE_BYTES: said at its first line, quoting
 * its start; the file is not read further (it is hardly a caseload). */
static int record_too_long(hv_caseload *l)
{
    const char *s = l->buf + l->pos;
    size_t n = 0;
    while (n < 60 && l->pos + n < l->len && s[n] != '\n' && s[n] != '\r') n++;
    while (n > 0 && l->pos + n < l->len && ((unsigned char)s[n] & 0xC0) == 0x80) n--;   /* whole characters */
    hv_loc at = HV_NOLOC;
    if (!scratch_line(&l->sc, s, n, l->line + 1) && l->rd.file >= 0) at = (hv_loc){l->rd.file, 0, 0};
    hv_diag_error(l->d, at, "this record has more than %ld bytes; a case may have at most that, "
                  "so the file is not read further", (long)HV_MAX_CASE_BYTES);
    scratch_done(&l->sc);
    l->failed = 1;
    return -1;
}

int hv_caseload_next(hv_caseload *l, const char **text, size_t *len, int *line)
{
    if (l->failed) return -1;
    for (;;) {
        size_t i = l->pos;
        int state = CELL_START, inner = 0;
        /* the usual line: "\n" ends it, and no quote, "\r" or NUL before */
        const char *nl = l->len > i ? memchr(l->buf + i, '\n', l->len - i) : NULL;
        if (nl && nl > l->buf + i) {
            size_t n = (size_t)(nl - (l->buf + i));
            if (!l->csv || (!memchr(l->buf + i, '"', n) && !memchr(l->buf + i, '\r', n) &&
                            !memchr(l->buf + i, 0, n)))
                i += n;
        }
        for (;;) {
            /* one byte of look-ahead, for "\r\n" */
            if (i + 1 >= l->len && !l->eof) {
                size_t off = i - l->pos;
                if (off > (size_t)HV_MAX_CASE_BYTES) return record_too_long(l);
                if (fill(l)) { l->failed = 1; return -1; }
                i = l->pos + off;
                continue;
            }
            if (i >= l->len) break;
            char ch = l->buf[i];
            if (ch == 0 && l->csv) {
                /* report it on its line */
                size_t s = i;
                while (s > l->pos && l->buf[s - 1] != '\n' && l->buf[s - 1] != '\r') s--;
                size_t e = i;
                while (e < l->len && l->buf[e] != '\n' && l->buf[e] != '\r') e++;
                hv_loc at = HV_NOLOC;
                if (!scratch_line(&l->sc, l->buf + s, e - s, l->line + inner + 1) && l->rd.file >= 0)
                    at = (hv_loc){l->rd.file, (uint32_t)(i - s), (uint32_t)(i - s + 1)};
                hv_diag_error(l->d, at, "the case file contains a NUL byte");
                scratch_done(&l->sc);
                l->failed = 1;
                return -1;
            }
            if (ch == '\n' || ch == '\r') {
                if (!l->csv || (state != CELL_QUOTED)) break;
                /* a line end inside a quoted cell */
                if (ch == '\n' || i + 1 >= l->len || l->buf[i + 1] != '\n') inner++;
                i++;
                continue;
            }
            if (l->csv) state = csv_step(state, ch, l->delim);
            i++;
        }
        if (i == l->pos && i >= l->len) return 0;   /* the end */
        if (i - l->pos > (size_t)HV_MAX_CASE_BYTES) return record_too_long(l);
        size_t start = l->pos, end = i;
        if (i < l->len) i += l->buf[i] == '\r' && i + 1 < l->len && l->buf[i + 1] == '\n' ? 2 : 1;
        l->pos = i;
        int first = l->line + 1;
        l->line += 1 + inner;
        if (!l->csv) while (end > start && l->buf[end - 1] == '\r') end--;
        size_t k = start;
        while (k < end && (l->buf[k] == ' ' || l->buf[k] == '\t')) k++;
        if (k == end) continue;                       /* a blank line */
        l->seen = 1;
        *text = l->buf + start;
        *len = end - start;
        *line = first;
        return 1;
    }
}

hv_caseload *hv_caseload_open(const hv_program *p, const char *path, hv_diags *d)
{
    struct stat sb;
    errno = 0;
    FILE *f = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) ? NULL : fopen(path, "r");
    if (!f) {
        hv_diag_error(d, HV_NOLOC, "cannot read case file '%s': %s", path,
                      errno ? strerror(errno) : "it is a directory");
        return NULL;
    }
    hv_caseload *l = hv_mem_alloc(sizeof *l);
    if (l) memset(l, 0, sizeof *l);
    if (!l || !(l->path = hv_mem_strdup(path)) || csv_init(&l->cp, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        if (l) hv_mem_free(l->path);
        hv_mem_free(l);
        fclose(f);
        hv_diag_error(d, HV_NOLOC, "out of memory");
        return NULL;
    }
    l->cp_ready = 1;
    csv_set_realloc_func(&l->cp, hv_mem_realloc);   /* libcsv allocates through hv_mem too */
    csv_set_free_func(&l->cp, hv_mem_free);
    /* libcsv grows a cell's buffer by this much at a time (128 bytes by
     * default): a cell of megabytes would be copied thousands of times */
    csv_set_blk_size(&l->cp, 1 << 16);
    l->p = p;
    l->d = d;
    l->f = f;
    l->csv = ends_with(path, ".csv");
    l->delim = ',';
    l->rd = (reader){p, d, -1, 0, 0, NULL};
    l->sc = (scratch){&l->rd, l->path, -1, 0};
    l->st.rd = &l->rd;
    /* a parse of a JSON object seeds jansson's hash once, before any thread */
    json_object_seed(0);
    if (!l->csv) return l;
    /* the header; one with ';' and no ',' is a Dutch spreadsheet export */
    if (fill(l)) { hv_caseload_close(l); return NULL; }
    const char *nl = memchr(l->buf, '\n', l->len);
    size_t first = nl ? (size_t)(nl - l->buf) : l->len;
    if (memchr(l->buf, ';', first) && !memchr(l->buf, ',', first)) {
        l->delim = ';';
        csv_set_delim(&l->cp, ';');
    }
    const char *text;
    size_t len;
    int line, r = hv_caseload_next(l, &text, &len, &line);
    if (r < 0) { hv_caseload_close(l); return NULL; }
    if (r == 0) return l;                           /* empty: said at close */
    if (scratch_line(&l->sc, text, len, line)) l->st.fatal = 1;
    else {
        csv_parse(&l->cp, text, len, csv_field, csv_row, &l->st);
        csv_fini(&l->cp, csv_field, csv_row, &l->st);
    }
    scratch_done(&l->sc);
    if (l->st.fatal) {
        if (l->st.fatal == 1) hv_diag_error(d, HV_NOLOC, "out of memory reading CSV");
        hv_caseload_close(l);
        return NULL;
    }
    return l;
}

int hv_caseload_close(hv_caseload *l)
{
    if (!l) return 0;
    int empty = !l->seen && !l->failed;
    if (empty) hv_diag_error(l->d, HV_NOLOC, "case file '%s' is empty", l->path);
    if (l->cp_ready) csv_free(&l->cp);
    fclose(l->f);
    hv_mem_free(l->st.colfact);
    hv_mem_free(l->buf);
    hv_mem_free(l->path);
    hv_mem_free(l);
    return empty ? -1 : 0;
}

/* One cell of a plain row, a..a+n, trimmed, into column `col` of c. */
static int fast_cell(const hv_caseload *l, hv_case *c, int col, const char *a, size_t n)
{
    char buf[128], err[8];
    if (n >= sizeof buf) return -1;
    memcpy(buf, a, n);
    buf[n] = 0;
    int f = l->st.colfact[col];
    if (f >= 0) {
        hv_type t = l->p->facts[f].ty;
        /* a plain decimal means what parse_typed makes of it */
        if ((t.kind == HV_TY_NUM || t.kind == HV_TY_MONEY) && strspn(buf, "+-0123456789.") == n) {
            int64_t v;
            if (hv_decimal_parse(buf, t.kind == HV_TY_MONEY ? 2 : 6, &v) != HV_DEC_OK) return -1;
            c->facts[f] = hv_val(t.kind == HV_TY_MONEY ? HV_V_MONEY : HV_V_NUM, v);
            return 0;
        }
        return parse_typed(l->p, t, buf, &c->arena, &c->facts[f], err, sizeof err, 0);
    }
    if (f == -3) {
        int32_t day;
        if (hv_date_parse(buf, &day)) return -1;
        hv_case_set_peildatum(c, day);
        return 0;
    }
    if (!hv_json_utf8_ok(buf)) return -1;   /* the careful reading says so */
    if (f == -1 && n < sizeof c->idbuf) {
        /* most ids are short: no arena (a chunk per case) for them */
        memcpy(c->idbuf, buf, n + 1);
        c->id = c->idbuf;
        return 0;
    }
    char *d = hv_arena_strdup(&c->arena, buf);
    if (!d) return -1;
    if (f == -1) c->id = d; else c->subject = d;
    return 0;
}

/* A row without quotes, split at the delimiter: what csv_field makes of it;
 * anything else is left to the careful path. */
static int fast_csv(const hv_caseload *l, const char *t, size_t n, hv_case *c)
{
    if (memchr(t, '"', n)) return -1;
    hv_case_clear(c);
    const char *p = t, *end = t + n;
    int col = 0;
    for (;;) {
        /* the commonest cell, a whole number of up to 12 digits, read in place */
        int f = col < l->st.ncols ? l->st.colfact[col] : -1;
        uint8_t kind = f >= 0 ? l->p->facts[f].ty.kind : 0;
        if (kind == HV_TY_NUM || kind == HV_TY_MONEY) {
            const char *q = p + (p < end && *p == '-');
            int64_t v = 0;
            int digits = 0;
            for (; q < end && *q >= '0' && *q <= '9' && digits <= 12; q++, digits++) v = v * 10 + (*q - '0');
            if (digits > 0 && digits <= 12 && (q == end || *q == l->delim)) {
                v *= kind == HV_TY_MONEY ? 100 : HV_NUM_SCALE;
                c->facts[f] = hv_val(kind == HV_TY_MONEY ? HV_V_MONEY : HV_V_NUM, *p == '-' ? -v : v);
                col++;
                if (q == end) break;
                p = q + 1;
                continue;
            }
        }
        const char *q = memchr(p, l->delim, (size_t)(end - p));
        if (!q) q = end;
        if (col >= l->st.ncols) return -1;
        const char *a = p, *b = q;
        while (a < b && (*a == ' ' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
        if (b > a && fast_cell(l, c, col, a, (size_t)(b - a))) return -1;
        col++;
        if (q == end) break;
        p = q + 1;
    }
    return col == l->st.ncols ? 0 : -1;
}

/* One JSON Lines record into c, its mistakes reported to rd: 0 or -1. */
static int json_record(reader *rd, const char *text, size_t len, hv_case *c)
{
    const char *nul = memchr(text, 0, len);
    if (nul) {
        uint32_t off = (uint32_t)(nul - text);
        hv_diag_error(rd->d, rd->file >= 0 ? (hv_loc){rd->file, off, off + 1} : HV_NOLOC,
                      "the case file contains a NUL byte");
        return -1;
    }
    json_error_t je;
    long refused0 = hv_mem_failures();
    json_t *root = trusted(json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), refused0);
    if (!root) {
        json_syntax_error(rd, &je, 0, refused0);
        return -1;
    }
    int r = json_case(rd, c, root) ? -1 : 0;
    json_decref(root);
    return r;
}

int hv_caseload_parse(const hv_caseload *l, const char *text, size_t len, hv_case *c)
{
    if (l->csv) return fast_csv(l, text, len, c);
    /* JSON: the careful reading, its messages dropped */
    hv_diags quiet;
    hv_diags_init(&quiet, NULL);
    reader rd = {l->p, &quiet, -1, 0, (uint32_t)len, NULL};
    int r = json_record(&rd, text, len, c);
    hv_diags_free(&quiet);
    return r;
}

int hv_caseload_report(hv_caseload *l, const char *text, size_t len, int line, hv_case *c)
{
    if (scratch_line(&l->sc, text, len, line)) { hv_diag_error(l->d, HV_NOLOC, "out of memory"); return -2; }
    int r;
    if (l->csv) {
        csv_state *st = &l->st;
        hv_case_clear(c);
        st->c = c;
        st->col = st->row_bad = st->rows = st->is_case = 0;
        if (csv_parse(&l->cp, text, len, csv_field, csv_row, st) != len) {
            hv_diag_error(l->d, row_loc(st), "malformed CSV: %s", csv_strerror(csv_error(&l->cp)));
            st->row_bad = 1;
        }
        csv_fini(&l->cp, csv_field, csv_row, st);
        r = st->fatal ? -2 : st->row_bad ? -1 : st->is_case ? 0 : 1;
        st->fatal = 0;
        if (r == -2) hv_diag_error(l->d, HV_NOLOC, "out of memory reading CSV");
    } else {
        r = json_record(&l->rd, text, len, c);
    }
    scratch_done(&l->sc);
    return r;
}

/* ---- files ------------------------------------------------------------------------- */

int hv_case_read_file(const hv_program *p, const char *path, hv_case_fn fn, void *ud, hv_diags *d)
{
    if (hv_caseload_is_streamed(path)) {
        /* streamed: a caseload of any size in constant memory */
        hv_caseload *l = hv_caseload_open(p, path, d);
        if (!l) return -1;
        hv_case *c = hv_case_new(p);
        if (!c) { hv_caseload_close(l); hv_diag_error(d, HV_NOLOC, "out of memory"); return -1; }
        const char *text;
        size_t len;
        int line, r, nbad = 0;
        while ((r = hv_caseload_next(l, &text, &len, &line)) > 0) {
            int k = hv_caseload_report(l, text, len, line, c);
            if (k == -2) { r = -1; break; }
            if (k == -1) nbad++;
            else if (k == 0 && fn(ud, c, line)) break;
        }
        hv_case_free(c);
        if (hv_caseload_close(l) && nbad == 0 && r == 0) nbad = 1;
        return r < 0 ? -1 : nbad;
    }
    size_t len;
    char *text = hv_read_file(path, HV_MAX_CASE_BYTES, &len);
    if (!text) {
        if (errno == EFBIG)
            hv_diag_error(d, HV_NOLOC, "case file '%s' has more than %ld bytes; a case may have at most that "
                          "(many cases go in a .csv or .jsonl file, one per line)", path, (long)HV_MAX_CASE_BYTES);
        else hv_diag_error(d, HV_NOLOC, "cannot read case file '%s': %s", path, strerror(errno));
        return -1;
    }
    reader rd = {p, d, -1, 0, (uint32_t)len, NULL};
    if (d->src) rd.file = hv_src_add(d->src, path, text, len);
    hv_case *c = hv_case_new(p);
    if (!c) { hv_mem_free(text); hv_diag_error(d, HV_NOLOC, "out of memory"); return -1; }
    int nbad = 0;
    if (memchr(text, 0, len)) {
        const char *z = memchr(text, 0, len);
        uint32_t off = (uint32_t)(z - text);
        hv_loc at = HV_NOLOC;
        if (rd.file >= 0) at = (hv_loc){rd.file, off, off + 1};
        hv_diag_error(d, at, "case file '%s' contains a NUL byte", path);
        nbad = -1;
    } else if (len == 0 || strspn(text, " \t\r\n") == len) {
        hv_diag_error(d, rd.file >= 0 ? (hv_loc){rd.file, 0, 0} : HV_NOLOC, "case file '%s' is empty", path);
        nbad = 1;
    } else {
        json_error_t je;
        long refused0 = hv_mem_failures();
        json_t *root = trusted(json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), refused0);
        if (!root) {
            json_syntax_error(&rd, &je, 0, refused0);
            nbad = 1;
        } else {
            if (json_case(&rd, c, root)) nbad = 1;
            else fn(ud, c, 1);
            json_decref(root);
        }
    }
    hv_case_free(c);
    hv_mem_free(text);
    return nbad;
}

/* ---- working a case ----------------------------------------------------------------- */

void hv_case_forget(hv_case *c, int fact)
{
    if (fact >= 0 && fact < c->p->nfacts) c->facts[fact] = hv_unknown();
}

int hv_case_known(const hv_case *c, int fact)
{
    return fact >= 0 && fact < c->p->nfacts && c->facts[fact].k != HV_V_UNKNOWN;
}

static json_t *fact_json(const hv_program *p, hv_value v)
{
    char buf[64];
    switch (v.k) {
    case HV_V_BOOL: return json_boolean(v.i);
    case HV_V_NUM:
        if (v.i % HV_NUM_SCALE == 0) return json_integer(v.i / HV_NUM_SCALE);
        hv_decimal_format(v.i, 6, 0, buf);
        return json_real(strtod(buf, NULL));
    case HV_V_MONEY: hv_decimal_format(v.i, 2, 1, buf); return json_string(buf);
    case HV_V_DATE: hv_date_iso((int32_t)v.i, buf); return json_string(buf);
    case HV_V_TEXT: return json_string(v.s);
    case HV_V_CHOICE: return json_string(p->syms[v.i]);
    default: return json_null();
    }
}

char *hv_case_to_json(const hv_case *c)
{
    const hv_program *p = c->p;
    json_t *root = json_object();
    if (c->id) json_object_set_new(root, "id", json_string(c->id));
    if (c->has_peildatum) {
        char iso[16];
        hv_date_iso(c->peildatum, iso);
        json_object_set_new(root, "peildatum", json_string(iso));
    }
    json_t *facts = json_object();
    for (int f = 0; f < p->nfacts; f++)
        if (c->facts[f].k != HV_V_UNKNOWN) json_object_set_new(facts, p->facts[f].name, fact_json(p, c->facts[f]));
    json_object_set_new(root, "feiten", facts);
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (!s) return NULL;
    char *out = hv_mem_strdup(s);
    hv_mem_free(s);
    return out;
}

/* Written directly, as json_dumps(JSON_COMPACT | JSON_SORT_KEYS |
 * JSON_REAL_PRECISION(17)) writes the object of fact_json values; a getal
 * with decimals goes through jansson itself, for its way with reals. */
char *hv_case_facts_canonical(const hv_case *c)
{
    const hv_program *p = c->p;
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_reserve(&b, 16 + 24 * (size_t)p->nfacts);
    hv_jw w;
    hv_jw_init(&w, &b);
    hv_jw_open(&w, '{');
    for (int k = 0; k < p->nfacts; k++) {
        int f = p->fact_by_name[k];
        hv_value v = c->facts[f];
        if (v.k == HV_V_UNKNOWN) continue;
        hv_jw_key(&w, p->facts[f].name);
        char buf[64];
        switch (v.k) {
        case HV_V_BOOL: hv_jw_raw(&w, v.i ? "true" : "false"); break;
        case HV_V_NUM:
            if (v.i % HV_NUM_SCALE == 0) {
                hv_buf_int(&b, (long long)(v.i / HV_NUM_SCALE));
            } else {
                json_t *j = fact_json(p, v);
                char *s = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(17));
                json_decref(j);
                if (!s) { hv_buf_free(&b); return NULL; }
                hv_jw_raw(&w, s);
                hv_mem_free(s);
            }
            break;
        case HV_V_MONEY: hv_decimal_format(v.i, 2, 1, buf); hv_jw_str(&w, buf); break;
        case HV_V_DATE: hv_date_iso((int32_t)v.i, buf); hv_jw_str(&w, buf); break;
        case HV_V_TEXT: hv_jw_str(&w, v.s); break;
        case HV_V_CHOICE: hv_jw_str(&w, p->syms[v.i]); break;
        default: hv_jw_raw(&w, "null"); break;
        }
    }
    hv_jw_close(&w, '}');
    return hv_buf_take(&b);
}

int hv_case_copy(hv_case *dst, const hv_case *src)
{
    hv_case_clear(dst);
    for (int f = 0; f < src->p->nfacts; f++) {
        hv_value v = src->facts[f];
        if (v.k == HV_V_TEXT && !(v.s = hv_arena_strdup(&dst->arena, v.s))) return -1;
        dst->facts[f] = v;
    }
    dst->has_peildatum = src->has_peildatum;
    dst->peildatum = src->peildatum;
    if (src->id && !(dst->id = hv_arena_strdup(&dst->arena, src->id))) return -1;
    if (src->subject && !(dst->subject = hv_arena_strdup(&dst->arena, src->subject))) return -1;
    return 0;
}

/* Is value v (of program a) also a value of type t in program b? Then store
 * it, translated, in *out. */
static int translate(const hv_program *a, hv_value v, const hv_program *b, hv_type t, hv_value *out)
{
    static const uint8_t kind_of[] = {
        [HV_TY_BOOL] = HV_V_BOOL, [HV_TY_NUM] = HV_V_NUM, [HV_TY_MONEY] = HV_V_MONEY,
        [HV_TY_DATE] = HV_V_DATE, [HV_TY_TEXT] = HV_V_TEXT, [HV_TY_CHOICE] = HV_V_CHOICE};
    if (t.kind > HV_TY_CHOICE || kind_of[t.kind] != v.k) return -1;
    *out = v;
    if (v.k != HV_V_CHOICE) return 0;
    const hv_choice_set *cs = &b->choices[t.choice];
    for (int i = 0; i < cs->n; i++)
        if (strcmp(b->syms[cs->members[i]], a->syms[v.i]) == 0) {
            out->i = cs->members[i];
            return 0;
        }
    return -1;
}

int hv_case_rebind(hv_case *dst, const hv_case *src, hv_buf *dropped)
{
    const hv_program *a = src->p, *b = dst->p;
    hv_case_clear(dst);
    for (int f = 0; f < a->nfacts; f++) {
        hv_value v = src->facts[f];
        if (v.k == HV_V_UNKNOWN) continue;
        int g = hv_fact_find(b, a->facts[f].name);
        hv_value w;
        if (g < 0 || translate(a, v, b, b->facts[g].ty, &w)) {
            if (dropped) hv_buf_printf(dropped, "%s%s", dropped->len ? ", " : "", a->facts[f].name);
            continue;
        }
        if (w.k == HV_V_TEXT && !(w.s = hv_arena_strdup(&dst->arena, w.s))) return -1;
        dst->facts[g] = w;
    }
    dst->has_peildatum = src->has_peildatum;
    dst->peildatum = src->peildatum;
    if (src->id && !(dst->id = hv_arena_strdup(&dst->arena, src->id))) return -1;
    if (src->subject && !(dst->subject = hv_arena_strdup(&dst->arena, src->subject))) return -1;
    return 0;
}

const char *hv_case_value_text(const hv_case *c, int fact, char *buf, size_t len)
{
    char tmp[64];
    const char *t = hv_value_nl(c->p, c->facts[fact], tmp);
    snprintf(buf, len, "%s", t);
    return buf;
}
