/* bench/handwritten.c — the practical speed limit: the workload's rules
 * written straight into C (read from rules.tbl, which bench/gen.c writes),
 * applied to the CSV cases.
 *
 *   handwritten RULES.tbl CASES.csv
 *       first matching rule by rank wins, else `geen`; prints the tally,
 *       one line "OUTCOME COUNT" per outcome (o1..oV, geen).
 *   handwritten --json SHA256 PEILDATUM RULES.tbl CASES.csv [OUT]
 *       writes, per case, the same JSON line as
 *       `houvast run workload.hv --cases CASES.csv --peildatum PEILDATUM`
 *       (so every rule is evaluated, for the list of overruled rules), to OUT
 *       or standard output; the tally goes to standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int value, n, fact[3], op[3], c[3], index; } Rule;

static Rule *rules, *ranked;
static int R, V, F;

static int by_rank(const void *a, const void *b) {
    const Rule *x = a, *y = b;
    if (x->value != y->value) return x->value - y->value;
    return x->index - y->index;
}

static inline int holds(const Rule *r, const int *f) {
    for (int k = 0; k < r->n; k++) {
        int x = f[r->fact[k]];
        if (r->op[k] ? !(x <= r->c[k]) : !(x > r->c[k])) return 0;
    }
    return 1;
}

static void load_rules(const char *path) {
    FILE *t = fopen(path, "r");
    if (!t) { perror(path); exit(2); }
    if (fscanf(t, "%d %d %d", &R, &V, &F) != 3) { fprintf(stderr, "%s: bad header\n", path); exit(2); }
    rules = calloc((size_t)R, sizeof *rules);
    ranked = calloc((size_t)R, sizeof *ranked);
    for (int i = 0; i < R; i++) {
        Rule *r = &rules[i];
        if (fscanf(t, "%d %d", &r->value, &r->n) != 2 || r->n < 1 || r->n > 3) { fprintf(stderr, "%s: bad rule %d\n", path, i + 1); exit(2); }
        for (int k = 0; k < r->n; k++)
            if (fscanf(t, "%d %d %d", &r->fact[k], &r->op[k], &r->c[k]) != 3) { fprintf(stderr, "%s: bad rule %d\n", path, i + 1); exit(2); }
        r->index = i;
    }
    fclose(t);
    memcpy(ranked, rules, (size_t)R * sizeof *rules);
    qsort(ranked, (size_t)R, sizeof *ranked, by_rank);
}

/* Parses one CSV line "id,f1,...,fF": the id into id (NUL-terminated), the
 * facts into f[1..F]. Returns 0 on a malformed line. */
static int parse_line(char *line, char **id, int *f) {
    char *p = line;
    *id = p;
    while (*p && *p != ',' && *p != '\n') p++;
    if (*p != ',') return 0;
    *p++ = 0;
    for (int k = 1; k <= F; k++) {
        int x = 0, any = 0;
        while (*p >= '0' && *p <= '9') { x = x * 10 + (*p - '0'); p++; any = 1; }
        if (!any) return 0;
        f[k] = x;
        if (k < F) { if (*p != ',') return 0; p++; }
    }
    return 1;
}

int main(int argc, char **argv) {
    int json = argc >= 2 && strcmp(argv[1], "--json") == 0;
    if ((!json && argc != 3) || (json && argc != 6 && argc != 7)) {
        fprintf(stderr, "usage: handwritten RULES.tbl CASES.csv\n"
                        "       handwritten --json SHA256 PEILDATUM RULES.tbl CASES.csv [OUT]\n");
        return 2;
    }
    const char *sha = json ? argv[2] : NULL, *peildatum = json ? argv[3] : NULL;
    load_rules(argv[json ? 4 : 1]);
    const char *cpath = argv[json ? 5 : 2];
    FILE *in = fopen(cpath, "r");
    if (!in) { perror(cpath); return 2; }
    static char inbuf[1 << 20];
    setvbuf(in, inbuf, _IOFBF, sizeof inbuf);
    FILE *out = stdout;
    if (json && argc == 7 && !(out = fopen(argv[6], "w"))) { perror(argv[6]); return 2; }
    static char outbuf[1 << 20];
    setvbuf(out, outbuf, _IOFBF, sizeof outbuf);

    long *tally = calloc((size_t)V + 2, sizeof *tally); /* 1..V, V+1 = geen */
    int *f = calloc((size_t)F + 1, sizeof *f);
    char *app = calloc((size_t)R, 1);
    char line[4096];
    if (!fgets(line, sizeof line, in)) { fprintf(stderr, "%s: empty\n", cpath); return 2; }
    long lineno = 1, bad = 0;
    while (fgets(line, sizeof line, in)) {
        char *id;
        lineno++;
        if (!parse_line(line, &id, f)) { fprintf(stderr, "%s:%ld: bad line\n", cpath, lineno); bad++; continue; }
        if (!json) {
            int outcome = V + 1;
            for (int i = 0; i < R; i++)
                if (holds(&ranked[i], f)) { outcome = ranked[i].value; break; }
            tally[outcome]++;
            continue;
        }
        int best = V + 1, decider = -1;
        for (int i = 0; i < R; i++) {
            app[i] = (char)holds(&rules[i], f);
            if (app[i] && rules[i].value < best) { best = rules[i].value; decider = i; }
        }
        tally[best]++;
        fprintf(out, "{\"ruleset\":{\"name\":\"Bench\",\"version\":\"1\",\"sha256\":\"%s\"},"
                     "\"peildatum\":\"%s\",\"id\":\"%s\",\"decisions\":[{\"decision\":\"uitkomst\",",
                sha, peildatum, id);
        if (decider < 0) {
            fputs("\"status\":\"default\",\"outcome\":\"geen\",\"value\":null,\"rule\":null,"
                  "\"explanation\":\"Geen regel is van toepassing.\",\"overruled\":[]", out);
        } else {
            fprintf(out, "\"status\":\"decided\",\"outcome\":\"o%d\",\"value\":\"v%d\",\"rule\":\"r%d\","
                         "\"explanation\":\"Regel r%d volgens v%d.\",\"overruled\":[",
                    best, best, decider + 1, decider + 1, best);
            int first = 1;
            for (int i = 0; i < R; i++)
                if (app[i] && rules[i].value > best) {
                    fprintf(out, "%s{\"rule\":\"r%d\",\"value\":\"v%d\",\"outcome\":\"o%d\"}",
                            first ? "" : ",", i + 1, rules[i].value, rules[i].value);
                    first = 0;
                }
            fputc(']', out);
        }
        fputs(",\"conflicts\":[],\"missing\":[]}],\"safeguards\":[],\"review_required\":false}\n", out);
    }
    if (fflush(out) != 0) { perror("write"); return 2; }
    FILE *tf = json ? stderr : stdout;
    for (int v = 1; v <= V; v++) fprintf(tf, "o%d %ld\n", v, tally[v]);
    fprintf(tf, "geen %ld\n", tally[V + 1]);
    return bad ? 3 : 0;
}
