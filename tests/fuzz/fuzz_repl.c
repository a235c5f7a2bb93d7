/* fuzz_repl.c — libFuzzer harness: any bytes as lines typed in the REPL,
 * on the main example rule set: each line is parsed as a command and run.
 * The commands that read or write files or the audit store (laad, herlaad,
 * casus laad, casus bewaar, bewaar, afwijken) are only parsed. Nothing may
 * crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "houvast.h"
#include "mem.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hv_session s;
    hv_session_init(&s, 0);
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    char *files[] = {"examples/maatwerk_werk_inkomen.hv"};
    if (hv_session_load(&s, files, 1, &out, &err) != 0) abort();   /* run from the top of the tree */
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
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
        case HV_RC_LOAD: case HV_RC_RELOAD: case HV_RC_CASE_LOAD: case HV_RC_CASE_SAVE:
        case HV_RC_SAVE: case HV_RC_OVERRIDE:
            break;
        default:
            hv_session_exec(&s, &c, &out, &err);
            break;
        }
        hv_cmdline_free(&c);
        /* the interview asks; answer it with the next line, as a person would */
        char q[512];
        if (next && s.asking && hv_session_question(&s, q, sizeof q)) {
            char *after = strchr(next, '\n');
            if (after) *after++ = 0;
            hv_session_answer(&s, next, &out, &err);
            next = after;
        }
        hv_buf_free(&out);
        hv_buf_free(&err);
    }
    free(text);
    hv_buf_free(&out);
    hv_buf_free(&err);
    hv_session_free(&s);
    return 0;
}
