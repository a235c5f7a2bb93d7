/* cmdline.c — parse a line typed in the REPL into a command and its
 * arguments. Assignments ("leeftijd = 34, inkomen = 1500,50") split at a
 * comma only where a new "NAME =" follows, so Dutch decimals stay whole. */
#include "cmdline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mem.h"

static const struct {
    const char *nl, *en, *usage, *help;
} commands[] = {
#define X(id, nl, en, usage, help) {nl, en, usage, help},
    HV_REPL_COMMANDS(X)
#undef X
};

const char *hv_cmdline_name(hv_rcmd c) { return c < HV_RC_COUNT && commands[c].nl ? commands[c].nl : ""; }
const char *hv_cmdline_alias(hv_rcmd c) { return c < HV_RC_COUNT && commands[c].en ? commands[c].en : ""; }
const char *hv_cmdline_usage(hv_rcmd c) { return c < HV_RC_COUNT ? commands[c].usage : ""; }
const char *hv_cmdline_help(hv_rcmd c) { return c < HV_RC_COUNT ? commands[c].help : ""; }

hv_rcmd hv_cmdline_lookup(const char *word)
{
    if (strcmp(word, "?") == 0) return HV_RC_HELP;
    if (strcmp(word, "exit") == 0) return HV_RC_QUIT;
    for (int i = 0; i < HV_RC_COUNT; i++)
        if ((commands[i].nl && strcmp(word, commands[i].nl) == 0) ||
            (commands[i].en && strcmp(word, commands[i].en) == 0))
            return (hv_rcmd)i;
    return HV_RC_NONE;
}

static int is_name_start(int c) { return isalpha(c) || c == '_'; }
static int is_name_char(int c) { return isalnum(c) || c == '_'; }

static char *dup_trim(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char *d = hv_mem_alloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* Does `s` start with "NAME =" (not "=="), after spaces? Returns the length
 * of the name, 0 if not. */
static size_t name_then_equals(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    if (!is_name_start((unsigned char)*s)) return 0;
    size_t n = 0;
    while (is_name_char((unsigned char)s[n])) n++;
    const char *t = s + n;
    while (*t == ' ' || *t == '\t') t++;
    return *t == '=' && t[1] != '=' ? n : 0;
}

static int parse_assignments(const char *s, hv_cmdline *out, char *err, size_t errlen)
{
    while (*s) {
        while (*s == ' ' || *s == '\t') s++;
        size_t n = name_then_equals(s);
        if (!n) {
            hv_clipbuf cb;
            snprintf(err, errlen, "verwacht FEIT = WAARDE bij '%s'", hv_clip(s, &cb));
            return -1;
        }
        const char *name = s;
        const char *v = strchr(s + n, '=') + 1;
        /* the value runs to a comma that starts a new "NAME =", outside quotes */
        const char *e = v;
        int quoted = 0;
        while (*e) {
            if (*e == '"') quoted = !quoted;
            else if (*e == ',' && !quoted && name_then_equals(e + 1)) break;
            e++;
        }
        hv_assignment *a = hv_mem_realloc(out->assign, (size_t)(out->nassign + 1) * sizeof *a);
        if (!a) { snprintf(err, errlen, "geen geheugen"); return -1; }
        out->assign = a;
        a = &out->assign[out->nassign];
        a->fact = dup_trim(name, n);
        a->value = dup_trim(v, (size_t)(e - v));
        out->nassign++;
        if (!a->fact || !a->value) { snprintf(err, errlen, "geen geheugen"); return -1; }
        size_t vl = strlen(a->value);
        if (vl >= 2 && a->value[0] == '"' && a->value[vl - 1] == '"') {
            memmove(a->value, a->value + 1, vl - 2);
            a->value[vl - 2] = 0;
        } else if (vl == 0) {
            snprintf(err, errlen, "'%s =' zonder waarde; gebruik 'vergeet %s' om het feit onbekend te maken",
                     a->fact, a->fact);
            return -1;
        }
        s = *e ? e + 1 : e;
    }
    return 0;
}

static int split_words(const char *s, hv_cmdline *out)
{
    while (*s) {
        while (isspace((unsigned char)*s)) s++;
        if (!*s) break;
        const char *start = s;
        size_t n;
        if (*s == '"') {
            start = ++s;
            while (*s && *s != '"') s++;
            n = (size_t)(s - start);
            if (*s) s++;
        } else {
            while (*s && !isspace((unsigned char)*s)) s++;
            n = (size_t)(s - start);
        }
        char **args = hv_mem_realloc(out->args, (size_t)(out->nargs + 1) * sizeof *args);
        if (!args) return -1;
        out->args = args;
        if (!(out->args[out->nargs] = dup_trim(start, n))) return -1;
        out->nargs++;
    }
    return 0;
}

int hv_cmdline_parse(const char *line, hv_cmdline *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->cmd = HV_RC_NONE;
    while (isspace((unsigned char)*line)) line++;
    if (!*line || *line == '#') return 0;
    size_t len = strlen(line);
    if (len > HV_REPL_MAX_LINE) {
        snprintf(err, errlen, "de regel is te lang: %zu bytes, hoogstens %d; er is niets gedaan", len,
                 HV_REPL_MAX_LINE);
        return -1;
    }
    if (name_then_equals(line)) {
        out->cmd = HV_RC_SET;
        return parse_assignments(line, out, err, errlen);
    }
    /* the first word; one too long for any command is not one */
    char word[64];
    size_t n = 0;
    while (line[n] && !isspace((unsigned char)line[n])) n++;
    if (n < sizeof word) memcpy(word, line, n);
    word[n < sizeof word ? n : 0] = 0;
    const char *rest = line + n;
    hv_rcmd c = HV_RC_NONE;
    if (strcmp(word, "casus") == 0 || strcmp(word, "case") == 0) {
        while (isspace((unsigned char)*rest)) rest++;
        char sub[32];
        size_t k = 0;
        while (rest[k] && !isspace((unsigned char)rest[k]) && k < sizeof sub - 1) { sub[k] = rest[k]; k++; }
        sub[k] = 0;
        char both[128];
        snprintf(both, sizeof both, "%s %s", word, sub);
        c = hv_cmdline_lookup(both);
        if (c == HV_RC_NONE) {
            snprintf(err, errlen, "'%s' wat? gebruik 'casus laad BESTAND' of 'casus bewaar BESTAND'", word);
            return -1;
        }
        rest += k;
    } else {
        c = hv_cmdline_lookup(word);
    }
    if (c == HV_RC_NONE || c == HV_RC_SET) {
        const char *names[2 * HV_RC_COUNT];
        int m = 0;
        for (int i = 0; i < HV_RC_COUNT; i++) {
            if (commands[i].nl) names[m++] = commands[i].nl;
            if (commands[i].en) names[m++] = commands[i].en;
        }
        const char *dym = *word ? hv_did_you_mean(word, names, m) : NULL;
        hv_clipbuf cb;
        const char *shown = *word ? hv_clip(word, &cb) : hv_clip(line, &cb);   /* (line starts with it) */
        if (dym) snprintf(err, errlen, "onbekende opdracht '%s'; bedoelt u '%s'?", shown, dym);
        else snprintf(err, errlen, "onbekende opdracht '%s'; typ 'help' voor de opdrachten", shown);
        return -1;
    }
    out->cmd = c;
    out->rest = dup_trim(rest, strlen(rest));
    if (!out->rest || split_words(rest, out)) {
        snprintf(err, errlen, "geen geheugen");
        return -1;
    }
    if (c == HV_RC_WHATIF) {
        if (!*out->rest) {
            snprintf(err, errlen, "gebruik: %s", commands[c].usage);
            return -1;
        }
        return parse_assignments(out->rest, out, err, errlen);
    }
    return 0;
}

void hv_cmdline_free(hv_cmdline *c)
{
    for (int i = 0; i < c->nargs; i++) hv_mem_free(c->args[i]);
    hv_mem_free(c->args);
    for (int i = 0; i < c->nassign; i++) {
        hv_mem_free(c->assign[i].fact);
        hv_mem_free(c->assign[i].value);
    }
    hv_mem_free(c->assign);
    hv_mem_free(c->rest);
    memset(c, 0, sizeof *c);
    c->cmd = HV_RC_NONE;
}

/* Find the keyword `kw` (or its alias) as a whole word outside quotes. */
static const char *find_word(const char *s, const char *kw, const char *alias, size_t *kwlen)
{
    int quoted = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '"') { quoted = !quoted; continue; }
        if (quoted || (p > s && !isspace((unsigned char)p[-1]))) continue;
        const char *words[2] = {kw, alias};
        for (int i = 0; i < 2; i++) {
            size_t n = strlen(words[i]);
            if (strncmp(p, words[i], n) == 0 && (p[n] == 0 || isspace((unsigned char)p[n]))) {
                *kwlen = n;
                return p;
            }
        }
    }
    return NULL;
}

int hv_cmdline_parse_override(const char *text, hv_override_args *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    const char *usage = "gebruik: afwijken BESLUIT = UITKOMST volgens WAARDE omdat \"MOTIVERING\"";
    size_t kv, ko;
    const char *eq = strchr(text, '=');
    const char *vol = eq ? find_word(eq + 1, "volgens", "per", &kv) : NULL;
    const char *omd = vol ? find_word(vol + kv, "omdat", "because", &ko) : NULL;
    if (!eq || !vol || !omd) {
        snprintf(err, errlen, "%s", usage);
        return -1;
    }
    o->decision = dup_trim(text, (size_t)(eq - text));
    o->outcome = dup_trim(eq + 1, (size_t)(vol - eq - 1));
    o->value = dup_trim(vol + kv, (size_t)(omd - vol - kv));
    o->motivation = dup_trim(omd + ko, strlen(omd + ko));
    if (!o->decision || !o->outcome || !o->value || !o->motivation) {
        hv_override_args_free(o);
        snprintf(err, errlen, "geen geheugen");
        return -1;
    }
    size_t ml = strlen(o->motivation);
    if (ml >= 2 && o->motivation[0] == '"' && o->motivation[ml - 1] == '"') {
        memmove(o->motivation, o->motivation + 1, ml - 2);
        o->motivation[ml - 2] = 0;
    }
    size_t ol = strlen(o->outcome);
    if (ol >= 2 && o->outcome[0] == '"' && o->outcome[ol - 1] == '"') {
        memmove(o->outcome, o->outcome + 1, ol - 2);
        o->outcome[ol - 2] = 0;
    }
    const char *missing = !*o->decision ? "het besluit" : !*o->outcome ? "de uitkomst" : !*o->value ? "de waarde"
                        : !*o->motivation ? "de motivering" : NULL;
    if (missing) {
        snprintf(err, errlen, "%s ontbreekt; %s", missing, usage);
        hv_override_args_free(o);
        return -1;
    }
    return 0;
}

void hv_override_args_free(hv_override_args *o)
{
    hv_mem_free(o->decision);
    hv_mem_free(o->outcome);
    hv_mem_free(o->value);
    hv_mem_free(o->motivation);
    memset(o, 0, sizeof *o);
}
