/* fuzz_repl.c — libFuzzer harness: any bytes as lines typed in the REPL,
 * on the main example rule set: each line is parsed as a command and run.
 * The commands that read or write files or the audit store (casus laad,
 * casus bewaar, bewaar, afwijken) are only parsed; `laad` of one of the
 * examples (by its file name) and `herlaad` switch the session to that rule
 * set as loading would, the case carried over, and any other `laad` is only
 * parsed. Nothing may crash, hang or leak. The examples are compiled once
 * and each input gets a fresh session on the main one (hv_session_use), as
 * if it had just been loaded; no command may change a compiled program (the
 * fingerprints are checked after every input). After every command the
 * result the session holds must be the one its case gives now (no stale
 * answer to `besluit`, `waarom`, `bewaar`), and `watals` must leave the
 * case as it was, as it says. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "compile_once.h"
#include "houvast.h"
#include "mem.h"
#include "session.h"
#include "value.h"

/* the main example first */
#define NSETS 3
static char *files[NSETS] = {"examples/maatwerk_werk_inkomen.hv", "examples/bijzondere_bijstand.hv",
                             "examples/english_keywords.hv"};
static hv_program *progs[NSETS];
static char prints[NSETS][65];
static hv_ctx *fresh[NSETS];   /* for deciding a session's case afresh */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < NSETS; i++) {
        progs[i] = compile_once("fuzz_repl", files[i]);
        hv_program_fingerprint(progs[i], prints[i]);
        fresh[i] = hv_ctx_new(progs[i]);
    }
    return 0;
}

static void broken(const char *what, const char *line, const char *a, const char *b)
{
    fprintf(stderr, "fuzz_repl: %s\n--- after the line ---\n%s\n--- one ---\n%s\n--- the other ---\n%s\n", what, line,
            a ? a : "", b ? b : "");
    abort();
}

/* The case as text: its facts and, when it has one, its peildatum. */
static char *case_text(const hv_case *cs)
{
    char *facts = hv_case_to_json(cs);
    int32_t day;
    char date[16] = "";
    if (hv_case_has_peildatum(cs, &day)) hv_date_iso(day, date);
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_printf(&b, "%s peildatum %s", facts ? facts : "?", date);
    hv_mem_free(facts);
    return hv_buf_take(&b);
}

/* A result the session holds is the one its case gives now: decided afresh
 * (on the day the session decided, for a case without a peildatum, so that
 * midnight cannot come between), the same JSON. */
static void not_stale(hv_session *s, hv_ctx *fresh, const char *line)
{
    if (!s->evaluated || !fresh) return;
    int32_t peil = hv_case_has_peildatum(s->cs, NULL) ? HV_PEIL_CASE : hv_ctx_peildatum(s->ctx);
    char *held = hv_result_json(s->ctx, HV_JSON_TRACE);
    char *now = hv_eval(fresh, s->cs, peil, HV_EVAL_TRACE) ? NULL : hv_result_json(fresh, HV_JSON_TRACE);
    if (held && now && strcmp(held, now) != 0) broken("the session holds a result its case no longer gives", line, held, now);
    hv_mem_free(held);
    hv_mem_free(now);
}

/* The example `laad PATH` names by its file name, or -1. */
static int example_named(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (int i = 0; i < NSETS; i++)
        if (strcmp(base, strrchr(files[i], '/') + 1) == 0) return i;
    return -1;
}

/* The example the session has now. */
static int example_of(const hv_session *s)
{
    for (int i = 0; i < NSETS; i++)
        if (s->prog == progs[i]) return i;
    abort();                   /* the session left the compiled examples */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    hv_session s;
    hv_session_init(&s, 0);
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    if (hv_session_use(&s, progs[0], files, 1, &out, &err) != 0) abort();
    for (char *line = text, *next; line && !s.quit; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        hv_cmdline c;
        char msg[300];
        if (hv_cmdline_parse(line, &c, msg, sizeof msg) != 0) {
            hv_cmdline_free(&c);       /* as the REPL does: a failed parse may hold words */
            continue;
        }
        switch (c.cmd) {
        case HV_RC_LOAD: {
            int k = c.nargs == 1 ? example_named(c.args[0]) : -1;
            if (k >= 0) hv_session_use(&s, progs[k], &files[k], 1, &out, &err);
            break;
        }
        case HV_RC_RELOAD: {
            int k = example_of(&s);
            hv_session_use(&s, progs[k], &files[k], 1, &out, &err);
            break;
        }
        case HV_RC_CASE_LOAD: case HV_RC_CASE_SAVE: case HV_RC_SAVE: case HV_RC_OVERRIDE:
            break;
        case HV_RC_WHATIF: {
            char *before = case_text(s.cs);
            hv_session_exec(&s, &c, &out, &err);
            char *after = case_text(s.cs);
            if (before && after && strcmp(before, after) != 0) broken("watals changed the case", line, before, after);
            hv_mem_free(before);
            hv_mem_free(after);
            break;
        }
        default:
            hv_session_exec(&s, &c, &out, &err);
            break;
        }
        not_stale(&s, fresh[example_of(&s)], line);
        hv_cmdline_free(&c);
        /* the interview asks; answer it with the next line, as a person would */
        char q[512];
        if (next && s.asking && hv_session_question(&s, q, sizeof q)) {
            char *after = strchr(next, '\n');
            if (after) *after++ = 0;
            hv_session_answer(&s, next, &out, &err);
            not_stale(&s, fresh[example_of(&s)], next);
            next = after;
        }
        hv_buf_free(&out);
        hv_buf_free(&err);
    }
    free(text);
    hv_buf_free(&out);
    hv_buf_free(&err);
    hv_session_free(&s);
    for (int i = 0; i < NSETS; i++) {
        char now[65];
        hv_program_fingerprint(progs[i], now);
        if (strcmp(now, prints[i]) != 0) {
            fprintf(stderr, "fuzz_repl: these commands changed the compiled %s\n", files[i]);
            abort();
        }
    }
    return 0;
}
