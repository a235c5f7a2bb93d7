/* store.c — the audit store on SQLite. See store.h for what is kept. */
#include "store.h"
#include "json.h"
#include "eval_int.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CACHE_MAX 8

struct hv_store {
    sqlite3 *db;
    int in_txn;
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    int has_key;
    int key_checked;           /* the key's fingerprint was found in meta (this transaction or before) */
    int head_ok;               /* head_id and head_hash are the last record, written in this transaction */
    char ruleset_ok[65];       /* a rule set known to be stored (kept until a rollback) */
    int64_t head_id;
    char head_hash[65];
    char *key_path;            /* loaded when a subject first needs it */
    sqlite3_stmt *st_last, *st_ruleset_has, *st_ruleset_add, *st_record_add, *st_outcome_add, *st_get;
    struct { char sha[65]; hv_program *p; hv_srcset src; } cache[CACHE_MAX];
    int ncache;
    hv_store_progress_fn progress;
    void *progress_ud;
};

static void set_err(char *err, size_t errlen, const char *fmt, const char *detail)
{
    if (err && errlen) snprintf(err, errlen, fmt, detail);
}

/* A message for an SQLite failure that says what it means for the user. */
static void db_err(hv_store *s, int rc, const char *what, char *err, size_t errlen)
{
    const char *why = sqlite3_errmsg(s->db);
    switch (rc & 0xff) {
    case SQLITE_READONLY: why = "the database is read-only (or its folder is: SQLite writes a -wal file beside it)"; break;
    case SQLITE_FULL: why = "the disk is full"; break;
    case SQLITE_BUSY: why = "the database stayed locked by another writer"; break;
    case SQLITE_CORRUPT: case SQLITE_NOTADB: why = "the database file is damaged or not a Houvast database"; break;
    case SQLITE_IOERR: why = "an I/O error (is the disk full or gone?)"; break;
    default: break;
    }
    if (err && errlen) snprintf(err, errlen, "%s: %s", what, why);
}

/* The same for a write: say plainly that nothing of it was kept. */
static void db_err_w(hv_store *s, int rc, const char *what, char *err, size_t errlen)
{
    db_err(s, rc, what, err, errlen);
    size_t n = err ? strlen(err) : 0;
    if (err && n + 1 < errlen) snprintf(err + n, errlen - n, "; nothing was stored");
}

/* ---- schema and migrations ------------------------------------------------------- */

static const char *const SCHEMA_V1 =
    "CREATE TABLE ruleset ("
    "  sha256 TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  version TEXT,"
    "  sources TEXT NOT NULL,"            /* JSON: [{\"name\": ..., \"text\": ...}] */
    "  first_stored TEXT NOT NULL);"
    "CREATE TABLE record ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('decision', 'override')),"
    "  created_at TEXT NOT NULL,"
    "  actor TEXT NOT NULL CHECK (actor <> ''),"
    "  ruleset_sha256 TEXT NOT NULL REFERENCES ruleset(sha256),"
    "  engine_version TEXT NOT NULL,"
    "  peildatum TEXT NOT NULL,"
    "  case_id TEXT,"
    "  subject_pseudonym TEXT,"
    "  facts TEXT NOT NULL,"
    "  result TEXT,"
    "  ref_id INTEGER REFERENCES record(id),"
    "  decision TEXT, outcome TEXT, value TEXT, motivation TEXT,"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  CHECK (kind = 'decision' OR (ref_id IS NOT NULL AND motivation <> '')));"
    "CREATE INDEX record_created ON record(created_at);"
    "CREATE INDEX record_actor ON record(actor);"
    "CREATE INDEX record_ref ON record(ref_id);";

/* Version 2: one row per decision of a record, for the auditor's queries;
 * derived from record.result, so it is filled for the records already there. */
static const char *const SCHEMA_V2 =
    "CREATE TABLE IF NOT EXISTS outcome ("
    "  record_id INTEGER NOT NULL REFERENCES record(id),"
    "  decision TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  outcome TEXT,"
    "  value TEXT,"
    "  rule TEXT,"
    "  PRIMARY KEY (record_id, decision));"
    "CREATE INDEX IF NOT EXISTS outcome_status ON outcome(status, outcome);"
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);";

static int exec(hv_store *s, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        db_err(s, rc, "database", err, errlen);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static char *outcome_text(json_t *v)
{
    if (json_is_null(v) || !v) return NULL;
    if (json_is_string(v)) return hv_mem_strdup(json_string_value(v));
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    char *d = s ? hv_mem_strdup(s) : NULL;
    hv_mem_free(s);
    return d;
}

/* The rows of the outcome index for one result: per decision its status,
 * outcome (as text), value and rule. Read from the result JSON, so that the
 * index says what the record says; any thread. */
typedef struct outcome_row {
    char *decision, *status, *outcome, *value, *rule;
} outcome_row;

static void rows_free(outcome_row *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        hv_mem_free(rows[i].decision);
        hv_mem_free(rows[i].status);
        hv_mem_free(rows[i].outcome);
        hv_mem_free(rows[i].value);
        hv_mem_free(rows[i].rule);
    }
    hv_mem_free(rows);
}

static char *str_or_null(json_t *v) { return json_is_string(v) ? hv_mem_strdup(json_string_value(v)) : NULL; }

/* A decision's outcome as outcome_rows reads it from the result JSON: a
 * string as it is, a number or yes/no as jansson writes it; NULL for none.
 * 0 ok, -1 out of memory. */
static int outcome_of(const hv_program *p, hv_value v, char **out)
{
    char buf[64];
    *out = NULL;
    switch (v.k) {
    case HV_V_BOOL: *out = hv_mem_strdup(v.i ? "true" : "false"); break;
    case HV_V_NUM:
        if (v.i % HV_NUM_SCALE == 0) {
            snprintf(buf, sizeof buf, "%lld", (long long)(v.i / HV_NUM_SCALE));
            *out = hv_mem_strdup(buf);
        } else {
            /* the result has its exact digits, which JSON reads as a real */
            hv_decimal_format(v.i, 6, 0, buf);
            json_t *j = json_real(strtod(buf, NULL));
            *out = outcome_text(j);
            json_decref(j);
        }
        break;
    case HV_V_MONEY: case HV_V_DATE: case HV_V_CHOICE:
        *out = hv_mem_strdup(hv_value_plain(p, v, buf, sizeof buf));
        break;
    case HV_V_TEXT:
        if (hv_json_utf8_ok(v.s)) {
            *out = hv_mem_strdup(v.s);
        } else {
            /* what the result holds: broken bytes as U+FFFD */
            hv_buf b;
            hv_buf_init(&b);
            hv_json_str(&b, v.s);
            char *t = hv_buf_take(&b);
            json_t *j = t ? json_loads(t, JSON_DECODE_ANY, NULL) : NULL;
            *out = outcome_text(j);
            json_decref(j);
            hv_mem_free(t);
        }
        break;
    default: return 0;
    }
    return *out ? 0 : -1;
}

/* The rows of the decisions of ctx's last evaluation: what outcome_rows
 * reads from the result JSON of that evaluation, without reading it. */
static int decided_rows(hv_ctx *c, outcome_row **rows, int *n)
{
    const hv_program *p = c->p;
    *n = 0;
    if (!(*rows = hv_mem_alloc((size_t)(p->ndecs + 1) * sizeof **rows))) return -1;
    for (int d = 0; d < p->ndecs; d++) {
        const hv_dres *r = &c->dres[d];
        outcome_row *o = &(*rows)[(*n)++];
        memset(o, 0, sizeof *o);
        int bad = !(o->decision = hv_mem_strdup(p->decs[d].name)) ||
                  !(o->status = hv_mem_strdup(hv_status_json(r->status))) || outcome_of(p, r->outcome, &o->outcome) ||
                  (r->value >= 0 && !(o->value = hv_mem_strdup(p->values[r->value].name))) ||
                  (r->rule >= 0 && !(o->rule = hv_mem_strdup(p->rules[r->rule].name)));
        if (bad) {
            rows_free(*rows, *n);
            *rows = NULL;
            *n = 0;
            return -1;
        }
    }
    return 0;
}

/* 0 and the rows in *rows (caller frees with rows_free), -1 when the result
 * is not JSON of that form or memory ran out. */
static int outcome_rows(const char *result, outcome_row **rows, int *n)
{
    *rows = NULL;
    *n = 0;
    json_t *root = json_loads(result, 0, NULL);
    if (!root) return -1;
    json_t *ds = json_object_get(root, "decisions");
    size_t i;
    json_t *d;
    int rc = 0;
    if (json_array_size(ds) && !(*rows = hv_mem_alloc(json_array_size(ds) * sizeof **rows))) rc = -1;
    json_array_foreach(ds, i, d) {
        if (rc) break;
        outcome_row *r = &(*rows)[(*n)++];
        r->decision = str_or_null(json_object_get(d, "decision"));
        r->status = str_or_null(json_object_get(d, "status"));
        r->outcome = outcome_text(json_object_get(d, "outcome"));
        r->value = str_or_null(json_object_get(d, "value"));
        r->rule = str_or_null(json_object_get(d, "rule"));
    }
    json_decref(root);
    if (rc) { rows_free(*rows, *n); *rows = NULL; *n = 0; }
    return rc;
}

static int insert_rows(hv_store *s, int64_t id, const outcome_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *st = s->st_outcome_add;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        const char *t[] = {rows[i].decision, rows[i].status, rows[i].outcome, rows[i].value, rows[i].rule};
        for (int k = 0; k < 5; k++)
            if (t[k]) sqlite3_bind_text(st, k + 2, t[k], -1, SQLITE_STATIC);
            else sqlite3_bind_null(st, k + 2);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return -1;
    }
    return 0;
}

/* Fill the outcome table for one record from its result JSON. */
static int index_outcomes(hv_store *s, int64_t id, const char *result)
{
    outcome_row *rows;
    int n;
    if (outcome_rows(result, &rows, &n)) return -1;
    int rc = insert_rows(s, id, rows, n);
    rows_free(rows, n);
    return rc;
}

static int prepare(hv_store *s, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK ? 0 : -1;
}

static int prepare_all(hv_store *s)
{
    return prepare(s, &s->st_last, "SELECT id, hash FROM record ORDER BY id DESC LIMIT 1") ||
           prepare(s, &s->st_ruleset_has, "SELECT 1 FROM ruleset WHERE sha256 = ?1") ||
           prepare(s, &s->st_ruleset_add,
                   "INSERT INTO ruleset (sha256, name, version, sources, first_stored) VALUES (?1, ?2, ?3, ?4, ?5)") ||
           prepare(s, &s->st_record_add,
                   "INSERT INTO record (id, kind, created_at, actor, ruleset_sha256, engine_version, peildatum,"
                   " case_id, subject_pseudonym, facts, result, ref_id, decision, outcome, value, motivation,"
                   " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                   " ?16, ?17, ?18)") ||
           prepare(s, &s->st_outcome_add,
                   "INSERT INTO outcome (record_id, decision, status, outcome, value, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6)") ||
           prepare(s, &s->st_get,
                   "SELECT r.id, r.kind, r.created_at, r.actor, r.ruleset_sha256, rs.name, rs.version,"
                   " r.engine_version, r.peildatum, r.case_id, r.subject_pseudonym, r.facts, r.result, r.ref_id,"
                   " r.decision, r.outcome, r.value, r.motivation, r.prev_hash, r.hash"
                   " FROM record r LEFT JOIN ruleset rs ON rs.sha256 = r.ruleset_sha256 WHERE r.id = ?1");
}

static int migrate(hv_store *s, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        db_err(s, sqlite3_errcode(s->db), "cannot read the schema version", err, errlen);
        return -1;
    }
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (version < 0) {
        db_err(s, sqlite3_errcode(s->db), "cannot read the schema version", err, errlen);
        return -1;
    }
    if (version > HV_STORE_SCHEMA_VERSION) {
        char v[64];
        snprintf(v, sizeof v, "%d (this houvast knows up to %d)", version, HV_STORE_SCHEMA_VERSION);
        set_err(err, errlen, "the database has schema version %s; use a newer houvast", v);
        return -1;
    }
    if (version == HV_STORE_SCHEMA_VERSION) return 0;
    /* each step in its own transaction, so a failed step leaves the last good version */
    while (version < HV_STORE_SCHEMA_VERSION) {
        if (exec(s, "BEGIN IMMEDIATE", err, errlen)) return -1;
        /* another process may have migrated while we waited for the lock */
        if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
        }
        if (version >= HV_STORE_SCHEMA_VERSION) { exec(s, "COMMIT", err, errlen); break; }
        int rc = 0;
        if (version == 0) rc = exec(s, SCHEMA_V1, err, errlen);
        if (version == 1) {
            rc = exec(s, SCHEMA_V2, err, errlen);
            if (!rc) {
                rc = prepare(s, &s->st_outcome_add,
                             "INSERT INTO outcome (record_id, decision, status, outcome, value, rule)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
                sqlite3_stmt *q;
                if (!rc && sqlite3_prepare_v2(s->db, "SELECT id, result FROM record WHERE kind = 'decision'",
                                              -1, &q, NULL) == SQLITE_OK) {
                    while (!rc && sqlite3_step(q) == SQLITE_ROW)
                        rc = index_outcomes(s, sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1));
                    sqlite3_finalize(q);
                }
                sqlite3_finalize(s->st_outcome_add);
                s->st_outcome_add = NULL;
            }
        }
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
        if (!rc) rc = exec(s, sql, err, errlen);
        if (rc || exec(s, "COMMIT", err, errlen)) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            if (err && !*err) set_err(err, errlen, "%s", "migrating the database failed");
            return -1;
        }
        version++;
    }
    return 0;
}

/* Can the schema version be read through this connection? */
static int readable_schema(hv_store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return 0;
    int ok = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return ok;
}

hv_store *hv_store_open(const char *path, int create, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    if (sodium_init() < 0) { set_err(err, errlen, "%s", "cannot initialise libsodium"); return NULL; }
    if (!create && access(path, F_OK) != 0) {
        set_err(err, errlen, "no audit database at '%s' (create it with: houvast audit init)", path);
        return NULL;
    }
    hv_store *s = hv_mem_alloc(sizeof *s);
    if (!s) { set_err(err, errlen, "%s", "out of memory"); return NULL; }
    memset(s, 0, sizeof *s);
    int existed = access(path, F_OK) == 0;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    /* the facts in it are personal data: a new database is for its owner only
     * (SQLite gives its -wal and -shm files the same mode) */
    if (rc == SQLITE_OK && !existed) chmod(path, 0600);
    if (rc != SQLITE_OK) {
        /* a read-only file or folder: open read-only, for the auditor's queries */
        if (s->db) sqlite3_close(s->db);
        s->db = NULL;
        rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    }
    if (rc != SQLITE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        set_err(err, errlen, "cannot open the audit database %s", msg);
        hv_store_close(s);
        return NULL;
    }
    if (sqlite3_db_readonly(s->db, "main") == 1 && !readable_schema(s)) {
        /* read-only, in a folder where SQLite cannot make its WAL index:
         * when no writer left a WAL behind, the file alone is the whole
         * database, and an auditor may read it as immutable */
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", path);
        struct stat wst;
        if (stat(wal, &wst) == 0 && wst.st_size > 0) {
            set_err(err, errlen, "cannot read '%s': it is read-only and its -wal file holds records not yet in "
                                 "the main file; open it once with write access", path);
            hv_store_close(s);
            return NULL;
        }
        sqlite3_close(s->db);
        s->db = NULL;
        char uri[4300];
        size_t k = (size_t)snprintf(uri, sizeof uri, "file:");
        for (const char *q = path; *q && k + 4 < sizeof uri; q++) {
            if (*q == '?' || *q == '#' || *q == '%') k += (size_t)snprintf(uri + k, sizeof uri - k, "%%%02X", (unsigned char)*q);
            else uri[k++] = *q;
        }
        snprintf(uri + k, sizeof uri - k, "?immutable=1");
        rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        if (rc != SQLITE_OK || !readable_schema(s)) {
            set_err(err, errlen, "cannot read the audit database '%s' (read-only)", path);
            hv_store_close(s);
            return NULL;
        }
    }
    sqlite3_busy_timeout(s->db, 30000);
    sqlite3_extended_result_codes(s->db, 1);
    char e2[512] = "";
    /* WAL: readers never block the writer; FULL: a commit survives a crash */
    if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", e2, sizeof e2) &&
        !sqlite3_db_readonly(s->db, "main")) {
        set_err(err, errlen, "%s", e2);
        hv_store_close(s);
        return NULL;
    }
    if (migrate(s, err, errlen) || prepare_all(s)) {
        if (err && !*err) db_err(s, sqlite3_errcode(s->db), "cannot use the audit database", err, errlen);
        hv_store_close(s);
        return NULL;
    }
    return s;
}

void hv_store_close(hv_store *s)
{
    if (!s) return;
    sqlite3_stmt *all[] = {s->st_last, s->st_ruleset_has, s->st_ruleset_add, s->st_record_add, s->st_outcome_add, s->st_get};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) sqlite3_finalize(all[i]);
    for (int i = 0; i < s->ncache; i++) {
        hv_program_free(s->cache[i].p);
        hv_src_free(&s->cache[i].src);
    }
    if (s->db) sqlite3_close(s->db);
    sodium_memzero(s->key, sizeof s->key);
    hv_mem_free(s->key_path);
    hv_mem_free(s);
}

int hv_store_schema_version(hv_store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* ---- the key ------------------------------------------------------------------------ */

int hv_store_new_key(const char *path, char *err, size_t errlen)
{
    if (sodium_init() < 0) { set_err(err, errlen, "%s", "cannot initialise libsodium"); return -1; }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (errno == EEXIST) set_err(err, errlen, "key file '%s' exists already; it is not overwritten", path);
        else {
            char m[512];
            snprintf(m, sizeof m, "%s: %s", path, strerror(errno));
            set_err(err, errlen, "cannot create the key file %s", m);
        }
        return -1;
    }
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    char hex[2 * sizeof key + 2];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex - 1, key, sizeof key);
    strcat(hex, "\n");
    ssize_t n = write(fd, hex, strlen(hex));
    int ok = n == (ssize_t)strlen(hex) && fsync(fd) == 0;
    close(fd);
    sodium_memzero(key, sizeof key);
    sodium_memzero(hex, sizeof hex);
    if (!ok) {
        unlink(path);
        set_err(err, errlen, "cannot write the key file '%s'", path);
        return -1;
    }
    return 0;
}

int hv_store_load_key(hv_store *s, const char *path, char *err, size_t errlen)
{
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        char m[512];
        snprintf(m, sizeof m, "%s: %s", path, strerror(errno));
        set_err(err, errlen, "cannot read the key file %s", m);
        if (fd >= 0) close(fd);
        return -1;
    }
    if (st.st_mode & 077) {
        char m[512];
        snprintf(m, sizeof m, "%s' can be read by others (mode %03o); run: chmod 600 %s", path,
                 (unsigned)(st.st_mode & 0777), path);
        set_err(err, errlen, "the key file '%s", m);
        close(fd);
        return -1;
    }
    char hex[200];
    ssize_t n = read(fd, hex, sizeof hex - 1);
    close(fd);
    if (n < 0) n = 0;
    hex[n] = 0;
    while (n && (hex[n - 1] == '\n' || hex[n - 1] == '\r' || hex[n - 1] == ' ')) hex[--n] = 0;
    size_t len = 0;
    unsigned char key[sizeof s->key];
    if (n != 2 * (ssize_t)sizeof key ||
        sodium_hex2bin(key, sizeof key, hex, (size_t)n, NULL, &len, NULL) != 0 || len != sizeof key) {
        set_err(err, errlen, "the key file '%s' does not hold a key (64 hexadecimal characters)", path);
        sodium_memzero(hex, sizeof hex);
        sodium_memzero(key, sizeof key);
        return -1;
    }
    /* only a key read whole replaces the one loaded before */
    memcpy(s->key, key, sizeof key);
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(key, sizeof key);
    s->has_key = 1;
    s->key_checked = 0;
    return 0;
}

int hv_store_key_file(hv_store *s, const char *path)
{
    hv_mem_free(s->key_path);
    s->key_path = path ? hv_mem_strdup(path) : NULL;
    return path && !s->key_path ? -1 : 0;
}

int hv_store_pseudonym(const hv_store *s, const char *subject, char out[65])
{
    if (!s->has_key) return -1;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)subject, strlen(subject), s->key);
    sodium_bin2hex(out, 65, mac, sizeof mac);
    return 0;
}

/* ---- records ------------------------------------------------------------------------ */

void hv_record_clear(hv_record *r)
{
    char **all[] = {&r->kind, &r->created_at, &r->actor, &r->ruleset_sha256, &r->ruleset_name,
                    &r->ruleset_version, &r->engine_version, &r->peildatum, &r->case_id,
                    &r->subject_pseudonym, &r->facts, &r->result, &r->decision, &r->outcome,
                    &r->value, &r->motivation, &r->prev_hash, &r->hash};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        hv_mem_free(*all[i]);
        *all[i] = NULL;
    }
    r->id = r->ref_id = 0;
}

/* The record as one JSON object, keys sorted, compact: what jansson's
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) gives for it (and SQLite's
 * json_object, docs/audit.md), written directly. */
char *hv_record_canonical(const hv_record *r)
{
    /* a text that is not UTF-8 cannot be put in canonical JSON: then there is
     * no canonical content, and the record cannot match any hash */
    const char *texts[] = {r->kind, r->created_at, r->actor, r->ruleset_sha256, r->engine_version, r->peildatum,
                           r->case_id, r->subject_pseudonym, r->facts_lit ? NULL : r->facts,
                           r->result_lit ? NULL : r->result, r->decision, r->outcome, r->value, r->motivation,
                           r->prev_hash};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (texts[i] && !hv_json_utf8_ok(texts[i])) return NULL;
    hv_buf b;
    hv_buf_init(&b);
    size_t need = 400;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) need += texts[i] ? strlen(texts[i]) : 0;
    need += (r->facts_lit ? strlen(r->facts_lit) : 0) + (r->result_lit ? strlen(r->result_lit) : 0);
    hv_buf_reserve(&b, need);
#define KEY(k) hv_buf_puts(&b, k[0] == 'a' ? "{\"" k "\":" : ",\"" k "\":")
    KEY("actor"); hv_json_str(&b, r->actor);
    KEY("case_id"); hv_json_str(&b, r->case_id);
    KEY("created_at"); hv_json_str(&b, r->created_at);
    KEY("decision"); hv_json_str(&b, r->decision);
    KEY("engine_version"); hv_json_str(&b, r->engine_version);
    KEY("facts"); if (r->facts_lit) hv_buf_puts(&b, r->facts_lit); else hv_json_str(&b, r->facts);
    KEY("id"); hv_buf_int(&b, (long long)r->id);
    KEY("kind"); hv_json_str(&b, r->kind);
    KEY("motivation"); hv_json_str(&b, r->motivation);
    KEY("outcome"); hv_json_str(&b, r->outcome);
    KEY("peildatum"); hv_json_str(&b, r->peildatum);
    KEY("prev_hash"); hv_json_str(&b, r->prev_hash);
    KEY("ref_id"); if (r->ref_id) hv_buf_int(&b, (long long)r->ref_id); else hv_buf_puts(&b, "null");
    KEY("result"); if (r->result_lit) hv_buf_puts(&b, r->result_lit); else hv_json_str(&b, r->result);
    KEY("ruleset_sha256"); hv_json_str(&b, r->ruleset_sha256);
    KEY("subject_pseudonym"); hv_json_str(&b, r->subject_pseudonym);
    KEY("value"); hv_json_str(&b, r->value);
#undef KEY
    hv_buf_putc(&b, '}');
    return hv_buf_take(&b);
}

void hv_record_hash(const hv_record *r, char out[65])
{
    char *content = hv_record_canonical(r);
    if (!content) {
        /* no canonical content (text that is not UTF-8): a value no sha256 has */
        memset(out, 'x', 64);
        out[64] = 0;
        return;
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    const char *prev = r->prev_hash ? r->prev_hash : "";
    crypto_hash_sha256_update(&st, (const unsigned char *)prev, strlen(prev));
    if (content) crypto_hash_sha256_update(&st, (const unsigned char *)content, strlen(content));
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, 65, h, sizeof h);
    hv_mem_free(content);
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? hv_mem_strdup((const char *)t) : NULL;
}

static void read_row(sqlite3_stmt *st, hv_record *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->kind = col(st, 1);
    r->created_at = col(st, 2);
    r->actor = col(st, 3);
    r->ruleset_sha256 = col(st, 4);
    r->ruleset_name = col(st, 5);
    r->ruleset_version = col(st, 6);
    r->engine_version = col(st, 7);
    r->peildatum = col(st, 8);
    r->case_id = col(st, 9);
    r->subject_pseudonym = col(st, 10);
    r->facts = col(st, 11);
    r->result = col(st, 12);
    /* a ref_id that is not a whole number (text, a fraction, a blob: only
     * an edit behind the store's back puts one there) reads as -1, which no
     * record has and no hash covers, so that verify calls the record altered
     * rather than reading 0 (as for NULL) or the fraction cut short */
    int t = sqlite3_column_type(st, 13);
    r->ref_id = t == SQLITE_INTEGER ? sqlite3_column_int64(st, 13) : t == SQLITE_NULL ? 0 : -1;
    r->decision = col(st, 14);
    r->outcome = col(st, 15);
    r->value = col(st, 16);
    r->motivation = col(st, 17);
    r->prev_hash = col(st, 18);
    r->hash = col(st, 19);
}

int hv_store_get(hv_store *s, int64_t id, hv_record *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st = s->st_get;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_row(st, r);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 1;
    db_err(s, rc, "reading a record", err, errlen);
    return -1;
}

int hv_store_check_file(hv_store *s, hv_store_damage_fn fn, void *ud, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(100)", -1, &st, NULL) != SQLITE_OK) {
        db_err(s, sqlite3_errcode(s->db), "checking the database file", err, errlen);
        return -1;
    }
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *what = (const char *)sqlite3_column_text(st, 0);
        if (!what || strcmp(what, "ok") == 0) continue;
        /* one problem a line; SQLite heads them with the schema's name */
        for (const char *p = what; *p;) {
            size_t len = strcspn(p, "\n");
            if (len && strncmp(p, "*** in database", 15) != 0) {
                char line[512];
                snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line - 1 ? len : sizeof line - 1), p);
                fn(ud, line);
                n++;
            }
            p += len + (p[len] == '\n');
        }
    }
    int code = rc & 0xff;
    if (code == SQLITE_CORRUPT) {
        /* so damaged that the check itself stopped: that is a finding too */
        char line[512];
        snprintf(line, sizeof line, "the check stopped: %s", sqlite3_errmsg(s->db));
        fn(ud, line);
        n++;
    }
    sqlite3_finalize(st);
    if (code != SQLITE_DONE && code != SQLITE_CORRUPT) {
        db_err(s, rc, "checking the database file", err, errlen);
        return -1;
    }
    return n;
}

void hv_store_set_progress(hv_store *s, hv_store_progress_fn fn, void *ud)
{
    s->progress = fn;
    s->progress_ud = ud;
}

int hv_store_each(hv_store *s, const hv_filter *f, hv_record_fn fn, void *ud, char *err, size_t errlen)
{
    hv_filter none = {0};
    if (!f) f = &none;
    const char *sql =
        "SELECT r.id, r.kind, r.created_at, r.actor, r.ruleset_sha256, rs.name, rs.version,"
        " r.engine_version, r.peildatum, r.case_id, r.subject_pseudonym, r.facts, r.result, r.ref_id,"
        " r.decision, r.outcome, r.value, r.motivation, r.prev_hash, r.hash"
        " FROM record r LEFT JOIN ruleset rs ON rs.sha256 = r.ruleset_sha256"
        " WHERE (?1 IS NULL OR r.created_at >= ?1) AND (?2 IS NULL OR r.actor = ?2)"
        " AND (?3 IS NULL OR r.kind = ?3) AND (?4 = 0 OR r.ref_id = ?4)"
        " AND (?5 IS NULL OR r.outcome = ?5 OR EXISTS (SELECT 1 FROM outcome o WHERE o.record_id = r.id AND o.outcome = ?5))"
        " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM outcome o WHERE o.record_id = r.id AND o.status = ?6))"
        " ORDER BY r.id";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_err(s, sqlite3_errcode(s->db), "reading records", err, errlen);
        return -1;
    }
    if (f->since) sqlite3_bind_text(st, 1, f->since, -1, SQLITE_TRANSIENT);
    if (f->actor) sqlite3_bind_text(st, 2, f->actor, -1, SQLITE_TRANSIENT);
    if (f->kind) sqlite3_bind_text(st, 3, f->kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, f->ref_id);
    if (f->outcome) sqlite3_bind_text(st, 5, f->outcome, -1, SQLITE_TRANSIENT);
    if (f->status) sqlite3_bind_text(st, 6, f->status, -1, SQLITE_TRANSIENT);
    int64_t last = 0, rows = 0;
    sqlite3_stmt *mx;
    if (s->progress && sqlite3_prepare_v2(s->db, "SELECT max(id) FROM record", -1, &mx, NULL) == SQLITE_OK) {
        if (sqlite3_step(mx) == SQLITE_ROW) last = sqlite3_column_int64(mx, 0);
        sqlite3_finalize(mx);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        hv_record r;
        memset(&r, 0, sizeof r);
        read_row(st, &r);
        int stop = fn(ud, &r);
        if (s->progress && ++rows % 256 == 0) s->progress(s->progress_ud, r.id, last);
        hv_record_clear(&r);
        if (stop) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    if (s->progress) s->progress(s->progress_ud, last, last);
    if (rc != SQLITE_DONE) {
        db_err(s, rc, "reading records", err, errlen);
        return -1;
    }
    return 0;
}

/* ---- writing ------------------------------------------------------------------------- */

int hv_store_begin(hv_store *s, char *err, size_t errlen)
{
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db_err_w(s, rc, "cannot start writing", err, errlen);
        return -1;
    }
    s->in_txn = 1;
    s->head_ok = 0;
    return 0;
}

int hv_store_commit(hv_store *s, char *err, size_t errlen)
{
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db_err_w(s, rc, "cannot commit", err, errlen);
        hv_store_rollback(s);
        return -1;
    }
    s->in_txn = 0;
    s->head_ok = 0;
    return 0;
}

void hv_store_rollback(hv_store *s)
{
    if (s->in_txn) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_txn = 0;
    s->head_ok = 0;
    s->ruleset_ok[0] = 0;      /* it may have been stored in this transaction */
    s->key_checked = 0;        /* the fingerprint may have gone with it */
}

static void utc_now(char out[32])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char base[24];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, 32, "%.19s.%03dZ", base, (int)(ts.tv_nsec / 1000000) % 1000);
}

static int ensure_ruleset(hv_store *s, const hv_program *p, char *err, size_t errlen)
{
    const char *sha = hv_program_sha256(p);
    /* rule sets are never deleted: one found or stored stays, unless the
     * transaction that stored it is rolled back */
    if (strcmp(s->ruleset_ok, sha) == 0) return 0;
    sqlite3_stmt *st = s->st_ruleset_has;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        snprintf(s->ruleset_ok, sizeof s->ruleset_ok, "%s", sha);
        return 0;
    }
    if (rc != SQLITE_DONE) { db_err_w(s, rc, "storing the rule set", err, errlen); return -1; }
    json_t *srcs = json_array();
    for (int i = 0; i < hv_program_nsources(p); i++) {
        const char *text;
        size_t len;
        const char *name = hv_program_source(p, i, &text, &len);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(name));
        json_object_set_new(o, "text", json_stringn(text, len));
        json_array_append_new(srcs, o);
    }
    char *sources = json_dumps(srcs, JSON_COMPACT);
    json_decref(srcs);
    if (!sources) { set_err(err, errlen, "%s", "out of memory (or a rule file is not UTF-8)"); return -1; }
    char now[32];
    utc_now(now);
    st = s->st_ruleset_add;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hv_program_name(p), -1, SQLITE_TRANSIENT);
    if (hv_program_version(p)) sqlite3_bind_text(st, 3, hv_program_version(p), -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, sources, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    hv_mem_free(sources);
    if (rc != SQLITE_DONE) { db_err_w(s, rc, "storing the rule set", err, errlen); return -1; }
    snprintf(s->ruleset_ok, sizeof s->ruleset_ok, "%s", sha);
    return 0;
}

static int bind_text_or_null(sqlite3_stmt *st, int i, const char *t)
{
    return t ? sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

/* Give r its id and place in the chain, hash it and insert it. Inside a
 * transaction (the caller's, or one of its own). */
/* A record's place in the chain, in the transaction that holds the write
 * lock: its id after the last record, the previous hash, the time (taken
 * holding the lock, so it follows the chain) and its own hash. r's
 * created_at, prev_hash and hash point into the buffers given; the chain
 * head moves on to r (a failure later rolls the transaction back). */
static int seal_record(hv_store *s, hv_record *r, char created[32], char prev[65], char hash[65], char *err,
                       size_t errlen)
{
    if (!s->head_ok) {
        sqlite3_stmt *st = s->st_last;
        sqlite3_reset(st);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            s->head_id = sqlite3_column_int64(st, 0);
            snprintf(s->head_hash, sizeof s->head_hash, "%s", (const char *)sqlite3_column_text(st, 1));
        } else if (rc == SQLITE_DONE) {
            s->head_id = 0;
            snprintf(s->head_hash, sizeof s->head_hash, "%s", HV_STORE_GENESIS);
        } else {
            sqlite3_reset(st);
            db_err_w(s, rc, "reading the chain", err, errlen);
            return -1;
        }
        sqlite3_reset(st);
    }
    /* facts and result already written as JSON strings were checked then */
    const char *fields[] = {r->actor, r->case_id, r->decision, r->outcome, r->value, r->motivation,
                            r->facts_lit ? NULL : r->facts, r->result_lit ? NULL : r->result};
    const char *names[] = {"the actor", "the case id", "the decision", "the outcome", "the value", "the motivation",
                           "a fact", "the result"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i] && !hv_json_utf8_ok(fields[i])) {
            set_err(err, errlen, "%s is not valid UTF-8 text; nothing was stored", names[i]);
            return -1;
        }
    r->id = s->head_id + 1;
    memcpy(prev, s->head_hash, 65);
    r->prev_hash = prev;
    utc_now(created);
    r->created_at = created;
    hv_record_hash(r, hash);
    r->hash = hash;
    /* the next record chains to this one: no other writer comes between
     * while this transaction holds the lock */
    s->head_ok = s->in_txn;
    s->head_id = r->id;
    memcpy(s->head_hash, hash, 65);
    return 0;
}

/* Write a sealed record and its outcome rows. */
static int64_t write_record(hv_store *s, const hv_record *r, const outcome_row *rows, int nrows, char *err,
                            size_t errlen)
{
    sqlite3_stmt *st = s->st_record_add;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, r->id);
    const char *texts[] = {r->kind, r->created_at, r->actor, r->ruleset_sha256, r->engine_version,
                           r->peildatum, r->case_id, r->subject_pseudonym, r->facts, r->result};
    for (int i = 0; i < 10; i++) bind_text_or_null(st, i + 2, texts[i]);
    if (r->ref_id) sqlite3_bind_int64(st, 12, r->ref_id); else sqlite3_bind_null(st, 12);
    bind_text_or_null(st, 13, r->decision);
    bind_text_or_null(st, 14, r->outcome);
    bind_text_or_null(st, 15, r->value);
    bind_text_or_null(st, 16, r->motivation);
    bind_text_or_null(st, 17, r->prev_hash);
    bind_text_or_null(st, 18, r->hash);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) { db_err_w(s, rc, "storing the record", err, errlen); return -1; }
    if (r->result && insert_rows(s, r->id, rows, nrows)) {
        db_err_w(s, sqlite3_errcode(s->db), "storing the outcomes", err, errlen);
        return -1;
    }
    return r->id;
}

/* Seal and write r in the caller's transaction, or in one of its own. */
static int64_t in_txn(hv_store *s, hv_record *r, const outcome_row *rows, int nrows, const hv_program *p,
                      char *err, size_t errlen)
{
    int own = !s->in_txn;
    if (own && hv_store_begin(s, err, errlen)) return -1;
    int64_t id = -1;
    char created[32], prev[65], hash[65];
    if ((!p || !ensure_ruleset(s, p, err, errlen)) && !seal_record(s, r, created, prev, hash, err, errlen))
        id = write_record(s, r, rows, nrows, err, errlen);
    r->created_at = r->prev_hash = r->hash = NULL;   /* the buffers go with this frame */
    if (id < 0) {
        if (own) hv_store_rollback(s);
        return -1;
    }
    if (own && hv_store_commit(s, err, errlen)) return -1;
    return id;
}

/* The key's fingerprint (an HMAC of a fixed text) is kept in the database at
 * the first pseudonym; a different key is refused, so that one person never
 * gets two pseudonyms in one database. */
static int check_key_id(hv_store *s, char *err, size_t errlen)
{
    if (s->key_checked) return 0;
    char id[65];
    hv_store_pseudonym(s, "houvast key fingerprint", id);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE name = 'key_id'", -1, &st, NULL) != SQLITE_OK) {
        db_err_w(s, sqlite3_errcode(s->db), "reading the key fingerprint", err, errlen);
        return -1;
    }
    int rc = sqlite3_step(st), ok = 1;
    if (rc == SQLITE_ROW) ok = strcmp((const char *)sqlite3_column_text(st, 0), id) == 0;
    sqlite3_finalize(st);
    if (!ok) {
        set_err(err, errlen, "%s", "this key file is not the key this database's pseudonyms were made with; "
                                   "use that key (a new key would give one person two pseudonyms)");
        return -1;
    }
    if (rc == SQLITE_ROW) { s->key_checked = 1; return 0; }
    if (sqlite3_prepare_v2(s->db, "INSERT INTO meta (name, value) VALUES ('key_id', ?1)", -1, &st, NULL) != SQLITE_OK) {
        db_err_w(s, sqlite3_errcode(s->db), "storing the key fingerprint", err, errlen);
        return -1;
    }
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) { db_err_w(s, rc, "storing the key fingerprint", err, errlen); return -1; }
    return 0;
}

struct hv_store_item {
    const hv_program *p;
    char *case_id, *subject;
    char peil[16];
    char *facts, *result;
    char *facts_lit, *result_lit;  /* as JSON strings, for the canonical content */
    int broken;                    /* 1: the facts, 2: the result are not UTF-8 */
    outcome_row *rows;
    int nrows;
};

void hv_store_item_free(hv_store_item *it)
{
    if (!it) return;
    hv_mem_free(it->case_id);
    hv_mem_free(it->subject);
    hv_mem_free(it->facts);
    hv_mem_free(it->result);
    hv_mem_free(it->facts_lit);
    hv_mem_free(it->result_lit);
    rows_free(it->rows, it->nrows);
    hv_mem_free(it);
}

/* The item for a result; its outcome rows from ctx when there is one, else
 * read from the result. */
static hv_store_item *item_make(const hv_program *p, const hv_case *cs, int32_t peildatum, const char *result,
                                hv_ctx *ctx)
{
    hv_store_item *it = hv_mem_alloc(sizeof *it);
    if (!it) return NULL;
    memset(it, 0, sizeof *it);
    it->p = p;
    hv_date_iso(peildatum, it->peil);
    const char *id = hv_case_id(cs), *subject = hv_case_subject(cs);
    if ((id && !(it->case_id = hv_mem_strdup(id))) || (subject && !(it->subject = hv_mem_strdup(subject))) ||
        !(it->facts = hv_case_facts_canonical(cs)) || !(it->result = hv_mem_strdup(result)) ||
        (ctx ? decided_rows(ctx, &it->rows, &it->nrows) : outcome_rows(result, &it->rows, &it->nrows))) {
        hv_store_item_free(it);
        return NULL;
    }
    /* the longest parts of the canonical content, written here: the thread
     * that stores in order is left less to do */
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_reserve(&b, strlen(it->facts) * 5 / 4 + 16);
    if (hv_json_str(&b, it->facts)) it->broken = 1;
    it->facts_lit = hv_buf_take(&b);
    hv_buf_reserve(&b, strlen(it->result) * 5 / 4 + 16);
    if (hv_json_str(&b, it->result)) it->broken = 2;
    it->result_lit = hv_buf_take(&b);
    if (!it->facts_lit || !it->result_lit) {
        hv_store_item_free(it);
        return NULL;
    }
    return it;
}

hv_store_item *hv_store_item_new(hv_ctx *ctx, const hv_case *cs, const char *result)
{
    return item_make(hv_ctx_program(ctx), cs, hv_ctx_peildatum(ctx), result, ctx);
}

int64_t hv_store_add_decision(hv_store *s, hv_ctx *ctx, const hv_case *cs, const char *actor,
                              char *err, size_t errlen)
{
    char *result = hv_result_json(ctx, 0);
    hv_store_item *it = result ? hv_store_item_new(ctx, cs, result) : NULL;
    hv_mem_free(result);
    if (!it) { set_err(err, errlen, "%s", "out of memory"); return -1; }
    int64_t id = hv_store_add_item(s, it, actor, err, errlen);
    hv_store_item_free(it);
    return id;
}

int64_t hv_store_add_result(hv_store *s, const hv_program *p, const hv_case *cs, int32_t peildatum,
                            const char *result, const char *actor, char *err, size_t errlen)
{
    hv_store_item *it = item_make(p, cs, peildatum, result, NULL);
    if (!it) { set_err(err, errlen, "%s", "out of memory (or a result that is not JSON)"); return -1; }
    int64_t id = hv_store_add_item(s, it, actor, err, errlen);
    hv_store_item_free(it);
    return id;
}

int64_t hv_store_add_item(hv_store *s, const hv_store_item *it, const char *actor, char *err, size_t errlen)
{
    if (!actor || !*actor) {
        set_err(err, errlen, "%s", "no actor: say who stores this with --actor NAME or HOUVAST_ACTOR");
        return -1;
    }
    if (it->broken) {
        set_err(err, errlen, "%s is not valid UTF-8 text; nothing was stored", it->broken == 1 ? "a fact" : "the result");
        return -1;
    }
    hv_record r;
    memset(&r, 0, sizeof r);
    char pseudo[65];
    if (it->subject && !s->has_key && s->key_path && hv_store_load_key(s, s->key_path, err, errlen)) return -1;
    if (it->subject) {
        if (!s->has_key) {
            set_err(err, errlen, "%s", "the case has a subject, but no key file is loaded to pseudonymise it "
                                     "(--key-file or HOUVAST_KEY_FILE; create one with houvast audit init)");
            return -1;
        }
        if (check_key_id(s, err, errlen)) return -1;
        hv_store_pseudonym(s, it->subject, pseudo);
        r.subject_pseudonym = pseudo;
    }
    r.kind = "decision";
    r.actor = (char *)actor;
    r.ruleset_sha256 = (char *)hv_program_sha256(it->p);
    r.engine_version = HV_VERSION;
    r.peildatum = (char *)it->peil;
    r.case_id = it->case_id;
    r.facts = it->facts;
    r.result = it->result;
    r.facts_lit = it->facts_lit;
    r.result_lit = it->result_lit;
    return in_txn(s, &r, it->rows, it->nrows, it->p, err, errlen);
}

int64_t hv_store_add_override(hv_store *s, int64_t ref, const char *decision, const char *outcome,
                              const char *value, const char *motivation, const char *actor,
                              char *err, size_t errlen)
{
    if (!actor || !*actor) {
        set_err(err, errlen, "%s", "no actor: say who departs from the outcome with --actor NAME or HOUVAST_ACTOR");
        return -1;
    }
    while (motivation && (*motivation == ' ' || *motivation == '\t')) motivation++;
    if (!motivation || !*motivation) {
        set_err(err, errlen, "%s", "an override needs a motivation: omdat \"...\"");
        return -1;
    }
    hv_record base;
    int rc = hv_store_get(s, ref, &base, err, errlen);
    if (rc == 1) {
        char m[32];
        snprintf(m, sizeof m, "%lld", (long long)ref);
        set_err(err, errlen, "no record %s", m);
        return -1;
    }
    if (rc) return -1;
    int64_t id = -1;
    const hv_program *p = NULL;
    if (strcmp(base.kind, "decision") != 0) {
        char m[64];
        snprintf(m, sizeof m, "%lld", (long long)ref);
        set_err(err, errlen, "record %s is an override; depart from the decision record it belongs to", m);
        goto out;
    }
    p = hv_store_program(s, base.ruleset_sha256, err, errlen);
    if (!p) goto out;
    int d = hv_names_find(p, HV_NAME_DECISION, decision);
    if (d < 0) {
        set_err(err, errlen, "the rule set of this record has no decision '%s'", decision);
        goto out;
    }
    if (hv_names_find(p, HV_NAME_VALUE, value) < 0) {
        set_err(err, errlen, "the rule set of this record has no value '%s'", value);
        goto out;
    }
    hv_value v;
    char msg[300];
    if (hv_decision_parse(p, d, outcome, &v, msg, sizeof msg)) {
        char m[400];
        snprintf(m, sizeof m, "%s: %s", decision, msg);
        set_err(err, errlen, "%s", m);
        goto out;
    }
    char norm[128];
    hv_value_plain(p, v, norm, sizeof norm);
    hv_record r;
    memset(&r, 0, sizeof r);
    r.kind = "override";
    r.actor = (char *)actor;
    r.ruleset_sha256 = base.ruleset_sha256;
    r.engine_version = HV_VERSION;
    r.peildatum = base.peildatum;
    r.case_id = base.case_id;
    r.subject_pseudonym = base.subject_pseudonym;
    r.facts = base.facts;
    r.ref_id = ref;
    r.decision = (char *)decision;
    r.outcome = norm;
    r.value = (char *)value;
    r.motivation = (char *)motivation;
    id = in_txn(s, &r, NULL, 0, NULL, err, errlen);
out:
    hv_record_clear(&base);
    return id;
}

/* ---- replaying ----------------------------------------------------------------------- */

const hv_program *hv_store_program(hv_store *s, const char *sha256, char *err, size_t errlen)
{
    for (int i = 0; i < s->ncache; i++)
        if (strcmp(s->cache[i].sha, sha256) == 0) return s->cache[i].p;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT sources FROM ruleset WHERE sha256 = ?1", -1, &st, NULL) != SQLITE_OK) {
        db_err(s, sqlite3_errcode(s->db), "reading the rule set", err, errlen);
        return NULL;
    }
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
    json_t *srcs = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) srcs = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    sqlite3_finalize(st);
    if (!json_is_array(srcs)) {
        json_decref(srcs);
        set_err(err, errlen, "the rule set %s is not in the store", sha256);
        return NULL;
    }
    size_t n = json_array_size(srcs);
    const char **names = hv_mem_alloc((n + 1) * sizeof *names);
    const char **texts = hv_mem_alloc((n + 1) * sizeof *texts);
    size_t *lens = hv_mem_alloc((n + 1) * sizeof *lens);
    hv_program *p = NULL;
    hv_srcset src = {0};
    if (names && texts && lens) {
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_array_get(srcs, i);
            names[i] = json_string_value(json_object_get(o, "name"));
            texts[i] = json_string_value(json_object_get(o, "text"));
            lens[i] = json_string_length(json_object_get(o, "text"));
            if (!names[i]) names[i] = "?";
            if (!texts[i]) texts[i] = "";
        }
        hv_diags d;
        hv_diags_init(&d, &src);
        p = hv_compile_texts(names, texts, lens, (int)n, &src, &d);
        if (!p) set_err(err, errlen, "the stored rule set %s no longer compiles with this houvast", sha256);
        else if (strcmp(hv_program_sha256(p), sha256) != 0) {
            set_err(err, errlen, "the stored source of rule set %s does not match its hash", sha256);
            hv_program_free(p);
            p = NULL;
        }
        hv_diags_free(&d);
    }
    hv_mem_free(names);
    hv_mem_free(texts);
    hv_mem_free(lens);
    json_decref(srcs);
    if (!p) { hv_src_free(&src); return NULL; }
    if (s->ncache == CACHE_MAX) {
        hv_program_free(s->cache[0].p);
        hv_src_free(&s->cache[0].src);
        memmove(&s->cache[0], &s->cache[1], (CACHE_MAX - 1) * sizeof s->cache[0]);
        s->ncache--;
    }
    snprintf(s->cache[s->ncache].sha, sizeof s->cache[0].sha, "%s", sha256);
    s->cache[s->ncache].p = p;
    s->cache[s->ncache].src = src;
    s->ncache++;
    return p;
}

int hv_store_case(const hv_record *r, const hv_program *p, hv_case *cs, char *err, size_t errlen)
{
    (void)p;
    hv_diags d;
    hv_diags_init(&d, NULL);
    /* wrapped, so that a fact named "feiten" cannot be mistaken for the wrapper */
    size_t n = strlen(r->facts ? r->facts : "{}") + 16;
    char *text = hv_mem_alloc(n);
    if (!text) { set_err(err, errlen, "%s", "out of memory"); return -1; }
    snprintf(text, n, "{\"feiten\": %s}", r->facts ? r->facts : "{}");
    int rc = hv_case_from_json_text(cs, text, "record", &d);
    hv_mem_free(text);
    if (rc) set_err(err, errlen, "the stored facts do not fit the rule set: %s", d.n ? d.items[0].msg : "?");
    hv_diags_free(&d);
    int32_t day;
    if (!rc && r->peildatum && hv_date_parse(r->peildatum, &day) == 0) hv_case_set_peildatum(cs, day);
    if (!rc && r->case_id) rc = hv_case_set_id(cs, r->case_id);
    return rc;
}

int hv_store_outcome_text(hv_store *s, int64_t id, hv_buf *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT decision, status, outcome, value FROM outcome WHERE record_id = ?1"
                                  " ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < 4; i++) {
            const unsigned char *t = sqlite3_column_text(st, i);
            hv_buf_printf(out, "%s%c", t ? (const char *)t : "", i == 3 ? '\n' : '|');
        }
    }
    sqlite3_finalize(st);
    return 0;
}
