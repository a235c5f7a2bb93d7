/* store.h — the audit store: every decision kept, chained and replayable.
 *
 * An SQLite database (WAL mode, one transaction per decision or per batch
 * chunk, prepared statements only). Each record holds the UTC time, the
 * actor, the rule set's sha256 (its full source is stored once per hash),
 * the engine version, the peildatum, the case's facts as canonical JSON, the
 * full result JSON with trace, and a pseudonym of the subject: an
 * HMAC-SHA256 under a secret key, never the subject itself. Records form a
 * hash chain: each hash covers the record's canonical content and the hash
 * before it. Overrides (maatwerk by a person) are records of their own,
 * linked to the decision they depart from.
 *
 * The store never prints: errors come back as a message in the caller's
 * buffer. Ownership: hv_store_open returns a handle the caller closes;
 * records filled by the store are the caller's to clear (hv_record_clear).
 */
#ifndef HV_STORE_H
#define HV_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "houvast.h"

#define HV_STORE_SCHEMA_VERSION 2
#define HV_STORE_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct hv_store hv_store;

/* Open (and create, when `create`) the database at path; the schema is
 * created on first use and migrated forward. NULL with a message in err. */
hv_store *hv_store_open(const char *path, int create, char *err, size_t errlen);
void hv_store_close(hv_store *s);
int hv_store_schema_version(hv_store *s);

/* The secret key for pseudonyms: 32 random bytes, as 64 hex characters in
 * a file of mode 0600. hv_store_new_key writes one (refusing to overwrite);
 * hv_store_load_key reads one (refusing a file others can read). */
int hv_store_new_key(const char *path, char *err, size_t errlen);
int hv_store_load_key(hv_store *s, const char *path, char *err, size_t errlen);
/* The same, but only when a subject first needs the key (and then checked
 * against the fingerprint of the key the database was made with). */
int hv_store_key_file(hv_store *s, const char *path);
/* HMAC-SHA256 of the subject under the key, 64 hex characters + NUL. */
int hv_store_pseudonym(const hv_store *s, const char *subject, char out[65]);

/* Transactions: a batch of records in one (BEGIN IMMEDIATE, waiting for
 * other writers). hv_store_add_* outside a transaction make their own. */
int hv_store_begin(hv_store *s, char *err, size_t errlen);
int hv_store_commit(hv_store *s, char *err, size_t errlen);
void hv_store_rollback(hv_store *s);

/* Store the decision in ctx (last evaluated on cs). Returns the record id,
 * or -1 with a message in err. A case with a subject needs a loaded key.
 * The result is kept without the per-rule trace (hv_result_json without
 * HV_JSON_TRACE): replay works the trace out again from the stored rule set
 * and facts, and a record stays about 1 KB instead of 15 for 100 rules. */
int64_t hv_store_add_decision(hv_store *s, hv_ctx *ctx, const hv_case *cs, const char *actor,
                              char *err, size_t errlen);
/* The same, from a result already made (hv_result_json without
 * HV_JSON_TRACE) for case cs on peildatum: for results worked out in other
 * threads. */
int64_t hv_store_add_result(hv_store *s, const hv_program *p, const hv_case *cs, int32_t peildatum,
                            const char *result, const char *actor, char *err, size_t errlen);
/* A decision made ready for storing in the thread that decided it (its
 * facts in canonical form, its result and the rows of the outcome index,
 * from the last evaluation of ctx), so that storing in order is left only
 * the hash chain and the insert. result: hv_result_json(ctx) without
 * HV_JSON_TRACE. NULL when out of memory. */
typedef struct hv_store_item hv_store_item;
hv_store_item *hv_store_item_new(hv_ctx *ctx, const hv_case *cs, const char *result);
void hv_store_item_free(hv_store_item *it);
/* Store an item (in the caller's transaction, or in one of its own): the
 * record's id, or -1 with the reason in err. */
int64_t hv_store_add_item(hv_store *s, const hv_store_item *it, const char *actor, char *err, size_t errlen);
/* Store an override of `decision` in record `ref`: outcome as typed, the
 * value invoked (a waarde of the record's rule set) and a motivation. */
int64_t hv_store_add_override(hv_store *s, int64_t ref, const char *decision, const char *outcome,
                              const char *value, const char *motivation, const char *actor,
                              char *err, size_t errlen);

typedef struct hv_record {
    int64_t id;
    char *kind;                /* "decision" or "override" */
    char *created_at, *actor, *ruleset_sha256, *ruleset_name, *ruleset_version;
    char *engine_version, *peildatum, *case_id, *subject_pseudonym;
    char *facts, *result;      /* canonical JSON; result JSON (decision) */
    int64_t ref_id;            /* override: the decision record, else 0;
                                  -1 when the stored value is no whole number */
    char *decision, *outcome, *value, *motivation;   /* override */
    char *prev_hash, *hash;
    /* for writing only, may be NULL: facts and result already written as
     * JSON strings (hv_json_str), for the canonical content */
    const char *facts_lit, *result_lit;
} hv_record;

void hv_record_clear(hv_record *r);
/* The canonical content a record's hash covers (caller frees), and the
 * hash itself: sha256(prev_hash || content), hex. */
char *hv_record_canonical(const hv_record *r);
void hv_record_hash(const hv_record *r, char out[65]);

/* Read one record; 0 ok, 1 no such record, -1 error. */
int hv_store_get(hv_store *s, int64_t id, hv_record *r, char *err, size_t errlen);

/* Walk records in id order (filters may be NULL). fn returns nonzero to stop. */
typedef struct hv_filter {
    const char *since;         /* YYYY-MM-DD: created on or after that day (UTC) */
    const char *actor;
    const char *kind;
    int64_t ref_id;            /* overrides of this record (0 = any) */
    const char *outcome;       /* a decision (or an override) with this outcome */
    const char *status;        /* a decision with this status */
} hv_filter;
typedef int (*hv_record_fn)(void *ud, const hv_record *r);
int hv_store_each(hv_store *s, const hv_filter *f, hv_record_fn fn, void *ud, char *err, size_t errlen);

/* Progress of every hv_store_each walk from now on: fn(ud, id, last) now
 * and then with the id of the record reached and the last id in the store,
 * and once more at the end with id == last. NULL: none (the default). */
typedef void (*hv_store_progress_fn)(void *ud, int64_t id, int64_t last);
void hv_store_set_progress(hv_store *s, hv_store_progress_fn fn, void *ud);

/* Check the database file itself (SQLite's integrity_check: every page,
 * every index against its table): fn is called once per problem found, at
 * most 100. The number of problems, or -1 with a message in err when the
 * file cannot be checked at all. */
typedef void (*hv_store_damage_fn)(void *ud, const char *what);
int hv_store_check_file(hv_store *s, hv_store_damage_fn fn, void *ud, char *err, size_t errlen);

/* The program of a stored rule set, compiled from its stored source and
 * cached in the store handle (borrowed). NULL with a message in err. */
const hv_program *hv_store_program(hv_store *s, const char *sha256, char *err, size_t errlen);

/* The outcome index of a record as lines "decision|status|outcome|value",
 * in decision order (verify compares it with the stored result). */
int hv_store_outcome_text(hv_store *s, int64_t id, hv_buf *out);

/* Rebuild the case of a decision record (facts and peildatum) for replay. */
int hv_store_case(const hv_record *r, const hv_program *p, hv_case *cs, char *err, size_t errlen);

#endif
