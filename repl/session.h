/* session.h — the state of a REPL session (rule set, case, peildatum, the
 * interview) and the commands that work on it. Commands write their output
 * to a buffer; the REPL prints it. Nothing here reads the terminal. */
#ifndef HV_SESSION_H
#define HV_SESSION_H

#include "houvast.h"
#include "cmdline.h"
#include "store.h"

typedef struct hv_session {
    hv_program *prog;          /* NULL until a rule set loads */
    int borrowed;              /* prog is the caller's (hv_session_use) */
    hv_srcset src;             /* sources of the last failed load (for messages) */
    char **files;              /* the rule files of the current rule set */
    int nfiles;
    hv_case *cs;
    hv_ctx *ctx, *whatif;
    int evaluated;             /* ctx holds the result of the current case */
    int has_peildatum;         /* set with the peildatum command */
    int32_t peildatum;
    int color;
    /* the interview */
    int asking;                /* in an interview */
    int question;              /* the fact being asked, -1 none */
    uint8_t *skipped;          /* facts passed over in this interview */
    int quit;
    /* the audit store, opened on the first `bewaar` */
    const char *db_path, *key_path, *actor;   /* borrowed; key_path may be NULL */
    hv_store *store;
    int64_t last_record;       /* the record of the current result, 0 = not stored */
} hv_session;

void hv_session_init(hv_session *s, int color);
void hv_session_free(hv_session *s);

/* Load rule files; on errors the diagnostics go to err and the previous
 * rule set and case stay. 0 ok, -1 errors. */
int hv_session_load(hv_session *s, char *const *files, int n, hv_buf *out, hv_buf *err);
/* Use a rule set compiled elsewhere from `files` (as hv_session_load would
 * have compiled them), without compiling it again: one compiled rule set
 * serving many sessions one after another, as the REPL fuzzer does. The
 * caller keeps p, frees it after the session, and must not change it; no
 * command of the session changes it. 0 ok, -1 out of memory (nothing
 * changed, message in err). */
int hv_session_use(hv_session *s, hv_program *p, char *const *files, int n, hv_buf *out, hv_buf *err);

/* Run a parsed command. Output to out, problems to err. Returns 0, or -1
 * when the command failed (nothing changed). */
int hv_session_exec(hv_session *s, const hv_cmdline *c, hv_buf *out, hv_buf *err);

/* The interview: after `vraag`, s->asking is set and s->question is the fact
 * asked. The question text for the prompt (borrowed). */
const char *hv_session_question(hv_session *s, char *buf, size_t len);
/* Give the answer typed for the current question. An empty answer (or
 * NULL: Ctrl-D, Ctrl-C) stops the interview. A bad answer is refused with
 * the reason in err and the same question stays. */
int hv_session_answer(hv_session *s, const char *answer, hv_buf *out, hv_buf *err);
void hv_session_stop_asking(hv_session *s, hv_buf *out);

/* For completion: the names that fit a word being typed. */
typedef void (*hv_name_fn)(void *ud, const char *name);
void hv_session_names(hv_session *s, int want_facts_only, hv_name_fn fn, void *ud);

#endif
