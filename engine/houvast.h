/* houvast.h — the public interface of the Houvast rule engine.
 *
 * Flow: hv_compile_files() turns rule files into an immutable hv_program
 * (shareable between threads). A hv_case holds the fact values of one case.
 * A hv_ctx (one per thread) evaluates a case against the program; its
 * results live until the next evaluation with the same context.
 *
 * Ownership: functions named _new and _compile_ return objects the caller frees
 * with the matching _free function. Strings returned as `char *` are the caller's to
 * free with hv_mem_free (or free). `const char *` results are borrowed from
 * the program or context they came from. The library never prints and never
 * exits: problems come back as diagnostics or status codes.
 */
#ifndef HOUVAST_H
#define HOUVAST_H

#include <stdint.h>
#include "diag.h"
#include "value.h"

#define HV_VERSION "0.1.0"

typedef struct hv_program hv_program;
typedef struct hv_ctx hv_ctx;
typedef struct hv_case hv_case;

/* ---- compiling ---------------------------------------------------------- */

/* Compile rule files into a program. The diagnostics (errors and warnings)
 * go to *diags, which the caller initialises with hv_diags_init(diags, src)
 * on a srcset it owns; on success the program takes the sources over (src
 * is emptied). Returns NULL when there were errors. */
hv_program *hv_compile_files(const char *const *paths, int npaths,
                             hv_srcset *src, hv_diags *diags);
/* The same for text already in memory (name is used in messages). */
hv_program *hv_compile_text(const char *name, const char *text, size_t len,
                            hv_srcset *src, hv_diags *diags);
/* The same for several texts, compiled as one rule set (a stored rule set
 * is compiled again this way, under its original file names). */
hv_program *hv_compile_texts(const char *const *names, const char *const *texts, const size_t *lens, int n,
                             hv_srcset *src, hv_diags *diags);
void hv_program_free(hv_program *p);
/* What a program means, as a sha256 without source text or locations: two
 * programs with the same fingerprint decide every case alike. */
void hv_program_fingerprint(const hv_program *p, char out[65]);
/* The source files a program was compiled from (kept in the program). */
int hv_program_nsources(const hv_program *p);
const char *hv_program_source(const hv_program *p, int i, const char **text, size_t *len);

/* A rule file may have at most this many bytes. */
#define HV_MAX_FILE_BYTES (16L * 1024 * 1024)

/* Read a whole file of at most max bytes. NULL with errno set on failure
 * (EFBIG: the file has more than max bytes, and no more than max + 1 were
 * read); caller frees. */
char *hv_read_file(const char *path, size_t max, size_t *len);

/* ---- statuses ------------------------------------------------------------ */

#define HV_STATUS_LIST(X) \
    X(DECIDED,      "decided",      "besloten")        \
    X(DEFAULT,      "default",      "standaard")       \
    X(CONFLICT,     "conflict",     "conflict")        \
    X(UNDETERMINED, "undetermined", "onbepaald")       \
    X(JUDGEMENT,    "judgement",    "ter beoordeling") \
    X(NONE,         "none",         "geen uitkomst")   \
    X(ERROR,        "error",        "fout")
typedef enum {
#define X(id, js, nl) HV_S_##id,
    HV_STATUS_LIST(X)
#undef X
} hv_status;
const char *hv_status_json(hv_status s);
const char *hv_status_nl(hv_status s);

#define HV_RSTATE_LIST(X) \
    X(DECIDED,        "decided",        "beslist")            \
    X(OVERRULED,      "overruled",      "overstemd")          \
    X(SET_ASIDE,      "set_aside",      "opzij gezet")        \
    X(NOT_APPLICABLE, "not_applicable", "niet van toepassing")\
    X(OPEN,           "open",           "open")               \
    X(CONFLICT,       "conflict",       "in conflict")        \
    X(JUDGEMENT,      "judgement",      "ter beoordeling")    \
    X(APPLICABLE,     "applicable",     "van toepassing")     \
    X(ERROR,          "error",          "fout")
typedef enum {
#define X(id, js, nl) HV_R_##id,
    HV_RSTATE_LIST(X)
#undef X
} hv_rstate;
const char *hv_rstate_json(hv_rstate s);
const char *hv_rstate_nl(hv_rstate s);

/* ---- cases -------------------------------------------------------------- */

hv_case *hv_case_new(const hv_program *p);
void hv_case_free(hv_case *c);
void hv_case_clear(hv_case *c);             /* all facts unknown, no peildatum */

/* A case may have at most this many bytes: a .json case file, or one record
 * (a CSV row, a JSON line) of a caseload. More is refused with its place. */
#define HV_MAX_CASE_BYTES (4L * 1024 * 1024)

/* Read cases from a file: .json (one case), .jsonl (one per line), .csv.
 * For each case read, `fn` is called; a case that cannot be read gives one
 * diagnostic (file, line and the fact) in *diags and is skipped.
 * Returns the number of bad cases, or -1 when the file itself cannot be read. */
typedef int (*hv_case_fn)(void *ud, hv_case *c, int line);
int hv_case_read_file(const hv_program *p, const char *path, hv_case_fn fn, void *ud,
                      hv_diags *diags);
/* A streamed caseload (.csv or .jsonl/.ndjson), read record by record in
 * constant memory, so that records can be parsed and decided by several
 * threads. hv_caseload_open reads a CSV header (NULL, reported in *diags,
 * when the file cannot be read or its header is wrong). hv_caseload_next
 * gives the next record's text (valid until the next call, without its line
 * end) and the line it starts on: 1 a record, 0 the end, -1 a fault that
 * ends the file (reported). hv_caseload_parse parses a record into c without
 * reporting and may be called by several threads at once: 0 a case, 1 not a
 * case (a blank row), -1 it could not (a mistake, or a form it leaves to the
 * careful path). hv_caseload_report parses it the careful way, reporting
 * every mistake with its line: 0 a case, 1 not a case, -1 a bad record
 * (reported), -2 out of memory. hv_caseload_close returns -1 when nothing
 * was in the file (reported), else 0. */
typedef struct hv_caseload hv_caseload;
int hv_caseload_is_streamed(const char *path);
hv_caseload *hv_caseload_open(const hv_program *p, const char *path, hv_diags *diags);
int hv_caseload_next(hv_caseload *l, const char **text, size_t *len, int *line);
int hv_caseload_parse(const hv_caseload *l, const char *text, size_t len, hv_case *c);
int hv_caseload_report(hv_caseload *l, const char *text, size_t len, int line, hv_case *c);
int hv_caseload_close(hv_caseload *l);

/* Parse one JSON case from text (for tests and the REPL). 0 ok, -1 error. */
int hv_case_from_json_text(hv_case *c, const char *text, const char *where, hv_diags *diags);

/* Set a fact from text typed by a person ("ja", "1500,00", "2026-03-01").
 * 0 ok; -1 with a Dutch message in err (what was expected). */
int hv_case_set_text(hv_case *c, int fact, const char *text, char *err, size_t errlen);
int hv_case_has_peildatum(const hv_case *c, int32_t *day);
void hv_case_set_peildatum(hv_case *c, int32_t day);
int hv_case_set_id(hv_case *c, const char *id);      /* the case's own id (not the subject) */
const char *hv_case_id(const hv_case *c);
const char *hv_case_subject(const hv_case *c);

/* ---- evaluating --------------------------------------------------------- */

/* HV_EVAL_OUTCOME: only status, outcome, deciding rule and missing facts are
 * wanted (a caseload tally). Rules ranked below the deciding ones are then
 * not looked at, nor the rest of a rank whose rules can only agree (see
 * hv_decision.uniform), so the overruled list stays empty, there is no trace
 * and no explanation; not to be combined with HV_EVAL_TRACE or results that
 * are kept. */
/* HV_EVAL_NODES: evaluate every rule condition through its expression nodes,
 * not through the tests compiled beside them (the same meaning, slower); for
 * tests that check the two agree. */
enum { HV_EVAL_TRACE = 1, HV_EVAL_OUTCOME = 2, HV_EVAL_NODES = 4 };
#define HV_PEIL_CASE INT32_MIN

hv_ctx *hv_ctx_new(const hv_program *p);
void hv_ctx_free(hv_ctx *c);
/* Decide every decision of the program for case `cs` on date `peildatum`
 * (HV_PEIL_CASE: the case's own peildatum, or today when it has none).
 * Returns 0, or -1 when memory ran out. Results stay in ctx. */
int hv_eval(hv_ctx *ctx, const hv_case *cs, int32_t peildatum, int flags);

/* The program a context evaluates, and the peildatum of its last evaluation. */
const hv_program *hv_ctx_program(const hv_ctx *ctx);
int32_t hv_ctx_peildatum(const hv_ctx *ctx);
/* A value in its plain machine form (1234.56, 2026-03-01, the member). */
const char *hv_value_plain(const hv_program *p, hv_value v, char *buf, size_t len);

/* ---- results ------------------------------------------------------------ */

/* The result of the last evaluation as JSON text (§5 of the language brief);
 * with HV_EVAL_TRACE each decision carries its rules. Caller frees. */
enum { HV_JSON_PRETTY = 1, HV_JSON_TRACE = 2 };
char *hv_result_json(hv_ctx *ctx, int flags);
/* A readable Dutch summary. Caller frees. */
char *hv_result_text(hv_ctx *ctx, int flags);

/* ---- tests (casus blocks) ----------------------------------------------- */

/* One casus's result (only with HV_TEST_DETAIL). */
typedef struct hv_test_casus {
    const char *name;      /* the casus name, borrowed from the program */
    char *where;           /* "file:line:col" of the casus */
    int passed;
    char *failure;         /* NULL when it passed; else one line per expectation
                              that does not hold: "d: verwacht p, kreeg q" */
    double seconds;        /* the time it took */
} hv_test_casus;

typedef struct hv_test_report {
    int passed, failed;
    char *text;            /* one line per casus, failures explained; caller frees */
    /* The rest only with HV_TEST_DETAIL; free it all with hv_test_report_free. */
    int ncasus;
    hv_test_casus *casus;  /* in file order */
    double seconds;        /* all casus together */
    /* Coverage: which rules and values decided at least one casus (passed
     * or failed). A rule decides a casus when, for one of its decisions, it
     * is the deciding rule of a decided or ter-beoordeling outcome, or one
     * of the rules at the same best rank that agree with it (the same
     * outcome, or also ter beoordeling). A value decides when one of its
     * rules does. Conflicts, standaard outcomes, open and failing
     * decisions decide nothing. */
    int nrules, nvalues;
    uint8_t *rule_decided;     /* per rule, in file order: 1 when it decided */
    uint8_t *value_decided;    /* per value, in file order */
    int rules_decided, values_decided;
} hv_test_report;
enum { HV_TEST_DETAIL = 1 };
/* Run every casus of the program. peildatum is used for a casus without one
 * (a casus with its own peildatum is decided on that date). 0 ok, -1 when
 * memory ran out (nothing to free then). Only text needs freeing. */
int hv_test_run(const hv_program *p, int32_t peildatum, hv_test_report *out);
/* The same; with HV_TEST_DETAIL also the per-casus results and coverage. */
int hv_test_run_ex(const hv_program *p, int32_t peildatum, int flags, hv_test_report *out);
/* Free everything a report holds (text too) and zero it. */
void hv_test_report_free(hv_test_report *r);
/* The coverage of a report made with HV_TEST_DETAIL, in Dutch: the line
 * "[LABEL: ]dekking: R van N regels en V van M waarden besloten minstens
 * één casus", then "nooit beslist:" and every rule (name, value,
 * file:line) and value (name, file:line) that never decided, one per line
 * and indented ("nooit beslist: geen" when all did). Caller frees; NULL
 * without coverage or memory. */
char *hv_test_coverage_text(const hv_program *p, const hv_test_report *r, const char *label);

/* ---- reading the program ------------------------------------------------- */

const char *hv_program_name(const hv_program *p);
const char *hv_program_version(const hv_program *p);
const char *hv_program_sha256(const hv_program *p);
int hv_program_nfacts(const hv_program *p);
int hv_program_ndecisions(const hv_program *p);
int hv_program_ncasus(const hv_program *p);
int hv_program_nrules(const hv_program *p);
int hv_program_nvalues(const hv_program *p);
const char *hv_fact_name(const hv_program *p, int i);
int hv_fact_find(const hv_program *p, const char *name);   /* -1 when unknown */

/* Every name of a kind, for listings and completion. */
typedef enum {
    HV_NAME_FACT, HV_NAME_DEFINITION, HV_NAME_DECISION, HV_NAME_VALUE,
    HV_NAME_RULE, HV_NAME_SAFEGUARD
} hv_namekind;
int hv_names_count(const hv_program *p, hv_namekind k);
const char *hv_names_get(const hv_program *p, hv_namekind k, int i);
int hv_names_find(const hv_program *p, hv_namekind k, const char *name);   /* -1 */
/* The words a fact can take, for completion: the members of its keuze, or
 * ja and nee; the count, with up to max of them in out. */
int hv_fact_words(const hv_program *p, int fact, const char **out, int max);
int hv_decision_words(const hv_program *p, int d, const char **out, int max);
const char *hv_fact_question(const hv_program *p, int fact);
int hv_fact_is_text(const hv_program *p, int fact);
/* What a fact takes, in Dutch ("getal, zoals 3 of 2,5"), into buf. */
int hv_fact_type_text(const hv_program *p, int fact, char *buf, size_t len);
/* A known fact's value in Dutch ("€ 1.500,00"), "onbekend" if unknown. */
const char *hv_case_value_text(const hv_case *c, int fact, char *buf, size_t len);
/* The status of decision d in the last evaluation. */
hv_status hv_decision_status(hv_ctx *ctx, int d);
hv_value hv_decision_outcome(hv_ctx *ctx, int d);
/* Parse a value for decision d typed by a person (as hv_case_set_text does
 * for facts). 0 ok; -1 with the expected form in err. */
int hv_decision_parse(const hv_program *p, int d, const char *text, hv_value *out,
                      char *err, size_t errlen);

/* ---- working a case (the REPL) --------------------------------------------- */

void hv_case_forget(hv_case *c, int fact);
int hv_case_known(const hv_case *c, int fact);
/* The case's facts as JSON: {"peildatum": ..., "feiten": {...}}. Caller frees. */
char *hv_case_to_json(const hv_case *c);
/* Only the known facts, canonical: compact, keys sorted. Caller frees. */
char *hv_case_facts_canonical(const hv_case *c);
/* Copy the facts of src (same program) into dst. 0 ok, -1 out of memory. */
int hv_case_copy(hv_case *dst, const hv_case *src);
/* Move the facts of src into dst, which belongs to another program (a
 * reloaded rule set), by name. Facts that are gone or changed type are
 * dropped and named in `dropped` (caller's buffer). */
int hv_case_rebind(hv_case *dst, const hv_case *src, hv_buf *dropped);

/* Texts for the consulent, in Dutch; each returns a string the caller frees
 * (NULL when out of memory). They read the last evaluation of ctx. */
char *hv_explain_decision(hv_ctx *ctx, int d);            /* one decision */
char *hv_explain_outcome_short(hv_ctx *ctx, int d);       /* "toekennen (volgens v)" */
char *hv_explain_why(hv_ctx *ctx, int d);                 /* -1: every decision */
/* Why decision d did not get outcome `outcome` (as typed); -1 and a message
 * in err when the outcome is not a value of the decision. */
char *hv_explain_whynot(hv_ctx *ctx, int d, const char *outcome, char *err, size_t errlen);
/* What changed from `before` to `after` (same program). */
char *hv_explain_diff(hv_ctx *before, hv_ctx *after);
char *hv_explain_facts(const hv_program *p, const hv_case *c);
char *hv_explain_values(const hv_program *p);
char *hv_explain_rules(const hv_program *p, int value);   /* -1: all */
/* The source text of a declaration, with FILE:LINE; NULL with err. */
char *hv_explain_show(const hv_program *p, const char *name, char *err, size_t errlen);
/* The next question of the interview: the first unknown fact that can still
 * settle an undetermined decision, or -1 when there is none. */
int hv_next_question(hv_ctx *ctx);
/* Every such fact once, in the order of the decisions, followed by the
 * facts that would settle a safeguard still unknown: the count, with up to
 * max of them in out. */
int hv_missing_facts(hv_ctx *ctx, int32_t *out, int max);

#endif
