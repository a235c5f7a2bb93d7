/* audit.h — what an auditor does with the store: verify the chain and
 * replay every record, replay one, the impact of a new rule set on every
 * stored case, and whether equal cases were treated equally. Reports are
 * texts (or JSON) for the caller to print; the audit never prints. */
#ifndef HV_AUDIT_H
#define HV_AUDIT_H

#include "store.h"

/* Problems found by verify, one call each: id is the record, or 0 for the
 * database file as a whole. */
typedef void (*hv_audit_problem_fn)(void *ud, int64_t id, const char *what);

typedef struct hv_verify_summary {
    int64_t records, decisions, overrides;
    int64_t broken, changed;       /* broken links or altered records; changed outcomes */
    int64_t other;                 /* records that cannot be replayed, explanations that differ,
                                      an outcome index that disagrees with the result */
    int64_t damaged;               /* problems in the database file itself (a page, an index) */
    char head[65];                 /* the hash of the last record: note it down */
} hv_verify_summary;

/* Check the database file, walk the chain and replay every decision record. 0 when all is well,
 * 1 when problems were reported, -1 on an error (message in err). */
int hv_audit_verify(hv_store *s, hv_audit_problem_fn fn, void *ud, hv_verify_summary *sum,
                    char *err, size_t errlen);

/* Replay one record; stored against replayed into out. 0 same, 1 different,
 * -1 error. */
int hv_audit_replay(hv_store *s, int64_t id, hv_buf *out, char *err, size_t errlen);

/* Every stored case under another rule set: per decision how many outcomes
 * change, and which records. As text or as JSON into out. */
int hv_audit_impact(hv_store *s, const hv_program *rules, int json, hv_buf *out, char *err, size_t errlen);

/* Equal cases (same rule set, same values of the facts the rules read)
 * whose final outcomes differ, overrides included. 0 none, 1 found, -1 error. */
int hv_audit_consistency(hv_store *s, hv_buf *out, char *err, size_t errlen);

/* The readable explanation of one record (decision or override). */
int hv_audit_show(hv_store *s, int64_t id, hv_buf *out, char *err, size_t errlen);

#endif
