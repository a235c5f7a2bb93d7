/* batch.h — a whole caseload through `houvast run --cases`. */
#ifndef HV_BATCH_H
#define HV_BATCH_H

#include <stdio.h>
#include "houvast.h"
#include "store.h"

typedef struct hv_batch_opts {
    int32_t peildatum;         /* HV_PEIL_CASE: each case's own, or today */
    int trace, summary, progress;
    int threads;               /* 1.. */
    FILE *out;                 /* NULL: stdout */
    hv_store *store;           /* NULL: not stored */
    const char *actor, *db;
} hv_batch_opts;

/* Decide every case of a .csv or .jsonl caseload. Returns the number of bad
 * rows (reported to d and skipped), -1 on a failure (out of memory, the
 * store), -2 when the file cannot be read. */
int hv_batch_run(const hv_program *p, const char *path, const hv_batch_opts *o, hv_diags *d);

#endif
