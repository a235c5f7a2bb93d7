/* test_store.c — the audit store (engine/store.c) and the auditor's checks
 * on it (engine/audit.c): the schema and its migrations, the hash chain,
 * pseudonyms under a key, the key file, the actor, overrides, transactions
 * (and the time a waiting writer gives its record), the stored rule set
 * compiled again, show, consistency, the filters, and verify after tampering.
 *
 * Every test works in a fresh temporary directory (removed afterwards).
 * The database is inspected and altered behind the store's back through a
 * plain SQLite connection, the way an attacker or an auditor with the
 * sqlite3 shell would. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "store.h"

/* A small rule set with a choice, an amount and a yes/no decision. */
#define RS_HEAD \
    "regelset \"Audit test\" versie \"1\"\n" \
    "waarde zorg \"Zorg voor kinderen\"\n" \
    "waarde werk \"Werk gaat voor\"\n" \
    "rangorde zorg > werk\n" \
    "feit kinderen: getal\n" \
    "feit werk_mogelijk: janee\n" \
    "feit achterstand: bedrag\n" \
    "besluit steun: keuze(toekennen, afwijzen, doorverwijzen)\n" \
    "    standaard doorverwijzen omdat \"Geen grond.\"\n" \
    "besluit bijdrage: bedrag\n" \
    "    standaard €0 omdat \"Geen bijdrage.\"\n" \
    "besluit spoed: janee\n" \
    "    standaard nee omdat \"Geen spoed.\"\n"
#define RS_RULES \
    "regel kinderen_eerst volgens zorg\n" \
    "    als kinderen > 0\n" \
    "    dan steun = toekennen\n" \
    "    omdat \"Er zijn {kinderen} kinderen.\"\n" \
    "regel werk_eerst volgens werk\n" \
    "    als werk_mogelijk\n" \
    "    dan steun = afwijzen\n" \
    "    omdat \"Werk gaat voor.\"\n" \
    "regel bijdrage_kinderen volgens zorg\n" \
    "    als kinderen > 0 en achterstand <= €1000\n" \
    "    dan bijdrage = achterstand\n" \
    "    omdat \"De achterstand wordt betaald.\"\n" \
    "regel spoed_kinderen volgens zorg\n" \
    "    als kinderen > 2\n" \
    "    dan spoed = ja\n" \
    "    omdat \"Veel kinderen.\"\n"
#define RS RS_HEAD RS_RULES

/* The same rules with the rangorde the other way round. */
#define RS_SWAPPED \
    "regelset \"Audit test\" versie \"2\"\n" \
    "waarde zorg \"Zorg voor kinderen\"\n" \
    "waarde werk \"Werk gaat voor\"\n" \
    "rangorde werk > zorg\n" \
    "feit kinderen: getal\n" \
    "feit werk_mogelijk: janee\n" \
    "feit achterstand: bedrag\n" \
    "besluit steun: keuze(toekennen, afwijzen, doorverwijzen)\n" \
    "    standaard doorverwijzen omdat \"Geen grond.\"\n" \
    "besluit bijdrage: bedrag\n" \
    "    standaard €0 omdat \"Geen bijdrage.\"\n" \
    "besluit spoed: janee\n" \
    "    standaard nee omdat \"Geen spoed.\"\n" \
    RS_RULES

/* Cases: A toekennen (3 kinderen, spoed), B afwijzen, C the default. */
#define CASE_A "{\"id\": \"a\", \"peildatum\": \"2026-03-01\", \"feiten\": {\"kinderen\": 3, \"werk_mogelijk\": true, \"achterstand\": \"500\"}}"
#define CASE_B "{\"id\": \"b\", \"peildatum\": \"2026-03-01\", \"feiten\": {\"kinderen\": 0, \"werk_mogelijk\": true, \"achterstand\": \"0\"}}"
#define CASE_C "{\"peildatum\": \"2026-03-01\", \"feiten\": {\"kinderen\": 0, \"werk_mogelijk\": false}}"
#define CASE_OPEN "{\"peildatum\": \"2026-03-01\", \"feiten\": {\"werk_mogelijk\": true}}"
#define SUBJECT "123456789"
#define CASE_SUBJ(subj) "{\"id\": \"s\", \"subject\": \"" subj "\", \"peildatum\": \"2026-03-01\", \"feiten\": {\"kinderen\": 1, \"werk_mogelijk\": false, \"achterstand\": \"200\"}}"

/* The v1 schema exactly as SCHEMA_V1 in engine/store.c. */
static const char *const SCHEMA_V1 =
    "CREATE TABLE ruleset ("
    "  sha256 TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  version TEXT,"
    "  sources TEXT NOT NULL,"
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

static hv_program *P;
static char DIR_[128], DB[256], DB2[256], KEY[256], KEY2[256];
static char ERR[600];

/* ---- fixtures ------------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    if (sodium_init() < 0) return -1;
    P = tu_compile(RS);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    hv_program_free(P);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(DIR_, sizeof DIR_, "%s/houvast-store.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(DIR_)) return -1;
    snprintf(DB, sizeof DB, "%s/a.db", DIR_);
    snprintf(DB2, sizeof DB2, "%s/b.db", DIR_);
    snprintf(KEY, sizeof KEY, "%s/a.key", DIR_);
    snprintf(KEY2, sizeof KEY2, "%s/b.key", DIR_);
    ERR[0] = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(DIR_);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char p[512];
            snprintf(p, sizeof p, "%s/%s", DIR_, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(DIR_);
    return 0;
}

/* ---- helpers: the store ------------------------------------------------------------ */

static hv_store *open_db(const char *path)
{
    char err[600] = "";
    hv_store *s = hv_store_open(path, 1, err, sizeof err);
    if (!s) fail_msg("cannot open %s: %s", path, err);
    return s;
}

/* Decide a JSON case with `p` (as `houvast run` does: no trace) and store it. */
static int64_t add_p(hv_store *s, const hv_program *p, const char *json, const char *actor)
{
    hv_case *cs = tu_case(p, json);
    hv_ctx *ctx = hv_ctx_new(p);
    assert_non_null(ctx);
    assert_int_equal(hv_eval(ctx, cs, HV_PEIL_CASE, 0), 0);
    ERR[0] = 0;
    int64_t id = hv_store_add_decision(s, ctx, cs, actor, ERR, sizeof ERR);
    hv_ctx_free(ctx);
    hv_case_free(cs);
    return id;
}

static int64_t add_as(hv_store *s, const char *json, const char *actor) { return add_p(s, P, json, actor); }

static int64_t add_ok(hv_store *s, const char *json)
{
    int64_t id = add_as(s, json, "consulent");
    if (id < 0) fail_msg("not stored: %s", ERR);
    return id;
}

static int64_t override_ok(hv_store *s, int64_t ref, const char *dec, const char *out, const char *val, const char *why)
{
    ERR[0] = 0;
    int64_t id = hv_store_add_override(s, ref, dec, out, val, why, "teamleider", ERR, sizeof ERR);
    if (id < 0) fail_msg("override not stored: %s", ERR);
    return id;
}

static int count_one(void *ud, const hv_record *r)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

static int count(hv_store *s, const hv_filter *f)
{
    int n = 0;
    char err[600];
    if (hv_store_each(s, f, count_one, &n, err, sizeof err)) fail_msg("each: %s", err);
    return n;
}

static void assert_contains_(const char *hay, const char *needle, const char *file, int line)
{
    if (!hay || !strstr(hay, needle)) {
        print_error("'%s' does not contain '%s'\n", hay ? hay : "(null)", needle);
        _fail(file, line);
    }
}
#define assert_contains(h, n) assert_contains_((h), (n), __FILE__, __LINE__)

/* ---- helpers: plain SQLite behind the store's back ------------------------------------------ */

static sqlite3 *raw(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        fail_msg("raw open %s: %s", path, db ? sqlite3_errmsg(db) : "?");
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static void q_exec(const char *path, const char *sql)
{
    sqlite3 *db = raw(path);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        print_error("sql: %s\n", sql);
        fail_msg("sql failed: %s", msg ? msg : "?");
    }
    sqlite3_close(db);
}

/* The first column of the first row as text ("(null)" for NULL, "" no row). */
static const char *q_text(const char *path, const char *sql)
{
    sqlite3 *db = raw(path);
    sqlite3_stmt *st;
    char *b = tu_ring(4096);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("sql: %s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(b, 4096, "%s", t ? (const char *)t : "(null)");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return b;
}

static long long q_int(const char *path, const char *sql) { return atoll(q_text(path, sql)); }

/* Every row of the outcome table, in order, as one text. */
static char *outcome_rows(const char *path)
{
    const char *t = q_text(path,
        "SELECT ifnull(group_concat(x, ';'), '') FROM (SELECT record_id || '|' || decision || '|' || status || '|' ||"
        " ifnull(outcome, '-') || '|' || ifnull(value, '-') || '|' || ifnull(rule, '-') AS x"
        " FROM outcome ORDER BY record_id, decision)");
    return hv_mem_strdup(t);
}

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    assert_non_null(a);
    assert_non_null(b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, a)) > 0) assert_int_equal(fwrite(buf, 1, n, b), n);
    fclose(a);
    assert_int_equal(fclose(b), 0);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

/* Whether `needle` occurs anywhere in the bytes of the file (0 when absent). */
static int file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) { cap *= 2; buf = realloc(buf, cap); assert_non_null(buf); }
    }
    fclose(f);
    size_t m = strlen(needle);
    int found = 0;
    for (size_t i = 0; !found && i + m <= len; i++) found = memcmp(buf + i, needle, m) == 0;
    free(buf);
    return found;
}

static int db_files_have(const char *db, const char *needle)
{
    char p[300];
    int found = file_has(db, needle);
    snprintf(p, sizeof p, "%s-wal", db);
    found |= file_has(p, needle);
    snprintf(p, sizeof p, "%s-shm", db);
    found |= file_has(p, needle);
    snprintf(p, sizeof p, "%s-journal", db);
    found |= file_has(p, needle);
    return found;
}

static int is_hex64(const char *s)
{
    if (!s || strlen(s) != 64) return 0;
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

/* ---- verify, collecting the problems -------------------------------------------------------- */

typedef struct problems {
    int n;
    int64_t ids[64];
    hv_buf text;
} problems;

static void collect(void *ud, int64_t id, const char *what)
{
    problems *p = ud;
    if (p->n < 64) p->ids[p->n++] = id;
    hv_buf_printf(&p->text, "record %lld: %s\n", (long long)id, what);
}

static int verify_db(const char *path, problems *pr, hv_verify_summary *sum)
{
    hv_store *s = open_db(path);
    memset(pr, 0, sizeof *pr);
    hv_buf_init(&pr->text);
    char err[600] = "";
    int rc = hv_audit_verify(s, collect, pr, sum, err, sizeof err);
    if (rc < 0) fail_msg("verify failed: %s", err);
    hv_store_close(s);
    return rc;
}

/* Every problem is about record `id` (and there is at least one). */
static void assert_only_problems_at(problems *pr, int64_t id)
{
    if (pr->n == 0) fail_msg("no problem reported, expected one at record %lld", (long long)id);
    for (int i = 0; i < pr->n; i++)
        if (pr->ids[i] != id) fail_msg("problem at record %lld, expected only %lld:\n%s", (long long)pr->ids[i],
                                       (long long)id, pr->text.data ? pr->text.data : "");
}

/* A store with 4 decisions and an override of record 1 (record 5). */
static void fill_five(const char *path)
{
    hv_store *s = open_db(path);
    assert_int_equal(add_ok(s, CASE_A), 1);
    assert_int_equal(add_ok(s, CASE_B), 2);
    assert_int_equal(add_ok(s, CASE_C), 3);
    assert_int_equal(add_ok(s, CASE_A), 4);
    assert_int_equal(override_ok(s, 1, "steun", "afwijzen", "werk", "Heeft inmiddels werk."), 5);
    hv_store_close(s);
}

/* ==== schema ================================================================================= */

static void schema_created_on_first_use(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_schema_version(s), HV_STORE_SCHEMA_VERSION);
    assert_int_equal(HV_STORE_SCHEMA_VERSION, 2);
    hv_store_close(s);
    assert_int_equal(q_int(DB, "PRAGMA user_version"), 2);
    assert_string_equal(q_text(DB, "PRAGMA journal_mode"), "wal");
    assert_int_equal(q_int(DB, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                               " ('ruleset', 'record', 'outcome')"), 3);
    /* opened again: nothing changes */
    s = open_db(DB);
    assert_int_equal(hv_store_schema_version(s), 2);
    assert_int_equal(count(s, NULL), 0);
    hv_store_close(s);
}

static void open_without_create_refuses_missing(void **state)
{
    (void)state;
    char err[600] = "";
    hv_store *s = hv_store_open(DB, 0, err, sizeof err);
    assert_null(s);
    assert_contains(err, "audit init");
    assert_int_not_equal(access(DB, F_OK), 0);
}

static void not_a_database_refused(void **state)
{
    (void)state;
    write_file(DB, "this is a text file, not an SQLite database, long enough to have a header...\n", 0600);
    char err[600] = "";
    hv_store *s = hv_store_open(DB, 1, err, sizeof err);
    assert_null(s);
    assert_true(err[0] != 0);
}

/* Progress of a walk: now and then the id reached, rising, and at the end
 * the last id, also for a walk with a filter that finds nothing. */
typedef struct seen_progress { int n; int64_t ids[16], last[16]; } seen_progress;

static void note_progress(void *ud, int64_t id, int64_t last)
{
    seen_progress *p = ud;
    if (p->n < 16) { p->ids[p->n] = id; p->last[p->n] = last; }
    p->n++;
}

static void progress_of_a_walk(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    for (int i = 0; i < 600; i++) add_ok(s, i % 2 ? CASE_A : CASE_B);
    assert_int_equal(hv_store_commit(s, ERR, sizeof ERR), 0);
    seen_progress p = {0};
    hv_store_set_progress(s, note_progress, &p);
    assert_int_equal(count(s, NULL), 600);
    assert_int_equal(p.n, 3);                        /* at 256, at 512, and the end */
    assert_int_equal(p.ids[0], 256);
    assert_int_equal(p.ids[1], 512);
    assert_int_equal(p.ids[2], 600);
    for (int i = 0; i < 3; i++) assert_int_equal(p.last[i], 600);
    memset(&p, 0, sizeof p);
    hv_filter f = {.kind = "override"};
    assert_int_equal(count(s, &f), 0);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.ids[0], 600);
    hv_store_set_progress(s, NULL, NULL);
    memset(&p, 0, sizeof p);
    assert_int_equal(count(s, NULL), 600);
    assert_int_equal(p.n, 0);
    hv_store_close(s);
}

/* A wiped index page: the chain walk reads through the table and cannot see
 * it, so verify checks the file itself too, and says it is the file. */
static void damaged_index_found_by_verify(void **state)
{
    (void)state;
    fill_five(DB);
    q_exec(DB, "PRAGMA wal_checkpoint(TRUNCATE)");
    long long page = q_int(DB, "SELECT rootpage FROM sqlite_master WHERE name = 'record_actor'");
    long long size = q_int(DB, "PRAGMA page_size");
    assert_true(page > 1 && size >= 512);
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 0);          /* whole before */
    hv_buf_free(&pr.text);
    static char zero[65536];
    int fd = open(DB, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, zero, (size_t)size, (off_t)((page - 1) * size)), size);
    close(fd);
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_true(sum.damaged > 0);
    assert_int_equal(sum.records, 5);                         /* the records themselves are readable */
    assert_int_equal(sum.broken + sum.changed, 0);
    assert_only_problems_at(&pr, 0);
    assert_contains(pr.text.data, "the database file is damaged");
    hv_buf_free(&pr.text);
}

static void migrate_v1_built_by_hand(void **state)
{
    (void)state;
    /* the records, made by this store in a v2 database */
    fill_five(DB);
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_OPEN), 6);
    hv_store_close(s);
    char *want = outcome_rows(DB);
    assert_true(strlen(want) > 0);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM outcome"), 5 * 3);   /* 5 decisions, 3 decisions each */

    /* a version-1 database by hand: the v1 tables, the same rows */
    sqlite3 *db = raw(DB2);
    char *msg = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "ATTACH '%s' AS a; INSERT INTO ruleset SELECT * FROM a.ruleset;"
             " INSERT INTO record SELECT * FROM a.record; DETACH a; PRAGMA user_version = 1;", DB);
    if (sqlite3_exec(db, SCHEMA_V1, NULL, NULL, &msg) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("building v1: %s", msg ? msg : "?");
    sqlite3_close(db);
    assert_int_equal(q_int(DB2, "PRAGMA user_version"), 1);
    assert_int_equal(q_int(DB2, "SELECT count(*) FROM sqlite_master WHERE name = 'outcome'"), 0);
    assert_int_equal(q_int(DB2, "SELECT count(*) FROM record"), 6);

    /* opening migrates to 2 and fills the outcome table from record.result */
    s = open_db(DB2);
    assert_int_equal(hv_store_schema_version(s), 2);
    hv_filter st = {.status = "undetermined"};
    assert_int_equal(count(s, &st), 1);
    hv_filter out = {.outcome = "toekennen"};
    assert_int_equal(count(s, &out), 2);
    hv_store_close(s);
    assert_int_equal(q_int(DB2, "PRAGMA user_version"), 2);
    char *got = outcome_rows(DB2);
    assert_string_equal(got, want);
    assert_int_equal(q_int(DB2, "SELECT count(*) FROM sqlite_master WHERE name = 'outcome_status'"), 1);

    /* the migrated store verifies and goes on */
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB2, &pr, &sum), 0);
    assert_int_equal(sum.records, 6);
    hv_buf_free(&pr.text);
    s = open_db(DB2);
    assert_int_equal(add_ok(s, CASE_B), 7);
    hv_store_close(s);
    assert_int_equal(q_int(DB2, "SELECT count(*) FROM outcome WHERE record_id = 7"), 3);
    hv_mem_free(want);
    hv_mem_free(got);
}

static void migrate_v2_with_outcome_dropped(void **state)
{
    (void)state;
    fill_five(DB);
    char *want = outcome_rows(DB);
    q_exec(DB, "DROP TABLE outcome; PRAGMA user_version = 1;");
    assert_int_equal(q_int(DB, "PRAGMA user_version"), 1);
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_schema_version(s), 2);
    hv_store_close(s);
    char *got = outcome_rows(DB);
    assert_string_equal(got, want);
    hv_mem_free(want);
    hv_mem_free(got);
}

static void newer_schema_refused(void **state)
{
    (void)state;
    q_exec(DB, "CREATE TABLE x (a); PRAGMA user_version = 99;");
    char err[600] = "";
    hv_store *s = hv_store_open(DB, 1, err, sizeof err);
    assert_null(s);
    assert_contains(err, "99");
    assert_contains(err, "newer houvast");
    assert_int_equal(q_int(DB, "PRAGMA user_version"), 99);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM sqlite_master WHERE name IN ('record', 'ruleset')"), 0);

    /* a real store from the future, version 3 */
    hv_store *t = open_db(DB2);
    add_ok(t, CASE_A);
    hv_store_close(t);
    q_exec(DB2, "PRAGMA user_version = 3;");
    err[0] = 0;
    assert_null(hv_store_open(DB2, 0, err, sizeof err));
    assert_contains(err, "3");
    assert_contains(err, "newer");
}

/* ==== the chain ============================================================================== */

typedef struct chain_state {
    int64_t next;
    char prev[65];
    int n;
    char hashes[16][65];
} chain_state;

static int check_link(void *ud, const hv_record *r)
{
    chain_state *c = ud;
    assert_int_equal(r->id, c->next);
    assert_non_null(r->prev_hash);
    assert_string_equal(r->prev_hash, c->prev);
    assert_true(is_hex64(r->hash));
    char h[65];
    hv_record_hash(r, h);
    assert_string_equal(h, r->hash);
    for (int i = 0; i < c->n; i++) assert_string_not_equal(c->hashes[i], r->hash);
    if (c->n < 16) snprintf(c->hashes[c->n++], 65, "%s", r->hash);
    snprintf(c->prev, sizeof c->prev, "%s", r->hash);
    c->next++;
    return 0;
}

static void chain_links_every_record(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    add_ok(s, CASE_B);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    add_ok(s, CASE_C);
    add_ok(s, CASE_A);
    add_ok(s, CASE_OPEN);
    assert_int_equal(hv_store_commit(s, ERR, sizeof ERR), 0);
    override_ok(s, 2, "steun", "toekennen", "zorg", "Er is toch een kind op komst.");
    chain_state c = {.next = 1, .prev = HV_STORE_GENESIS};
    char err[600];
    assert_int_equal(hv_store_each(s, NULL, check_link, &c, err, sizeof err), 0);
    assert_int_equal(c.next, 7);

    hv_record r;
    assert_int_equal(hv_store_get(s, 1, &r, err, sizeof err), 0);
    assert_string_equal(r.prev_hash, HV_STORE_GENESIS);
    assert_string_equal(r.kind, "decision");
    assert_string_equal(r.actor, "consulent");
    assert_string_equal(r.ruleset_sha256, hv_program_sha256(P));
    assert_string_equal(r.ruleset_name, "Audit test");
    assert_string_equal(r.ruleset_version, "1");
    assert_string_equal(r.engine_version, HV_VERSION);
    assert_string_equal(r.peildatum, "2026-03-01");
    assert_string_equal(r.case_id, "a");
    assert_null(r.subject_pseudonym);
    assert_int_equal(r.ref_id, 0);
    assert_non_null(r.created_at);
    assert_int_equal(strlen(r.created_at), 24);    /* 2026-03-01T10:00:00.000Z */
    assert_int_equal(r.created_at[23], 'Z');
    json_t *facts = json_loads(r.facts, 0, NULL);
    assert_non_null(facts);
    assert_int_equal(json_integer_value(json_object_get(facts, "kinderen")), 3);
    json_decref(facts);
    json_t *res = json_loads(r.result, 0, NULL);
    assert_non_null(res);
    assert_string_equal(tu_outcome(res, "steun"), "\"toekennen\"");
    json_decref(res);
    hv_record_clear(&r);
    assert_int_equal(hv_store_get(s, 99, &r, err, sizeof err), 1);
    hv_store_close(s);
}

static void hash_covers_every_field(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    override_ok(s, 1, "steun", "afwijzen", "werk", "Werk gevonden.");
    char err[600];
    for (int64_t id = 1; id <= 2; id++) {
        hv_record r;
        assert_int_equal(hv_store_get(s, id, &r, err, sizeof err), 0);
        char orig[65], h[65];
        hv_record_hash(&r, orig);
        assert_string_equal(orig, r.hash);
        char **fields[] = {&r.kind, &r.created_at, &r.actor, &r.ruleset_sha256, &r.engine_version, &r.peildatum,
                           &r.case_id, &r.subject_pseudonym, &r.facts, &r.result, &r.decision, &r.outcome,
                           &r.value, &r.motivation, &r.prev_hash};
        const char *names[] = {"kind", "created_at", "actor", "ruleset_sha256", "engine_version", "peildatum",
                               "case_id", "subject_pseudonym", "facts", "result", "decision", "outcome",
                               "value", "motivation", "prev_hash"};
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
            char *keep = *fields[i];
            /* another text, and (where it was not there) a text at all */
            static char other[65536];
            snprintf(other, sizeof other, "%sx", keep ? keep : "");
            *fields[i] = other;
            hv_record_hash(&r, h);
            if (strcmp(h, orig) == 0) fail_msg("record %lld: changing %s does not change the hash", (long long)id, names[i]);
            /* NULL and "" are not the same */
            *fields[i] = keep ? NULL : "";
            hv_record_hash(&r, h);
            if (strcmp(h, orig) == 0) fail_msg("record %lld: %s NULL vs \"\" hashes the same", (long long)id, names[i]);
            /* a change of one character in the middle */
            if (keep && strlen(keep) > 2) {
                snprintf(other, sizeof other, "%s", keep);
                other[strlen(other) / 2] ^= 1;
                *fields[i] = other;
                hv_record_hash(&r, h);
                if (strcmp(h, orig) == 0) fail_msg("record %lld: one changed byte of %s keeps the hash", (long long)id, names[i]);
            }
            *fields[i] = keep;
        }
        int64_t keep_id = r.id, keep_ref = r.ref_id;
        r.id = keep_id + 1;
        hv_record_hash(&r, h);
        assert_string_not_equal(h, orig);
        r.id = keep_id;
        r.ref_id = keep_ref + 1;
        hv_record_hash(&r, h);
        assert_string_not_equal(h, orig);
        r.ref_id = keep_ref;
        hv_record_hash(&r, h);
        assert_string_equal(h, orig);
        hv_record_clear(&r);
    }
    hv_store_close(s);
}

/* The canonical form is pinned: a change would break every chain already stored. */
/* The canonical form as jansson writes it (the way records were hashed
 * before it was written directly): the reference for the writer. */
static char *canonical_by_jansson(const hv_record *r)
{
    json_t *o = json_object();
    const char *keys[] = {"kind", "created_at", "actor", "ruleset_sha256", "engine_version", "peildatum",
                          "case_id", "subject_pseudonym", "facts", "result", "decision", "outcome", "value",
                          "motivation", "prev_hash"};
    const char *vals[] = {r->kind, r->created_at, r->actor, r->ruleset_sha256, r->engine_version, r->peildatum,
                          r->case_id, r->subject_pseudonym, r->facts, r->result, r->decision, r->outcome,
                          r->value, r->motivation, r->prev_hash};
    int bad = 0;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *v = vals[i] ? json_string(vals[i]) : json_null();
        if (!v) { bad = 1; v = json_null(); }
        json_object_set_new(o, keys[i], v);
    }
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "ref_id", r->ref_id ? json_integer(r->ref_id) : json_null());
    char *out = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return out;
}

static void canonical_as_jansson_writes_it(void **state)
{
    (void)state;
    /* every ASCII byte, escapes, multi-byte UTF-8 and broken forms */
    static const char *const bits[] = {"a", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f",
                                       "\x7f", "é", "€", "𝄞", " ", "{}", "\xc3", "\xed\xa0\x80", "\xc0\xaf",
                                       "\xf4\x90\x80\x80", "\xe0\x80\xaf", "\x80"};
    uint32_t seed = 7;
    char texts[15][64];
    for (int round = 0; round < 3000; round++) {
        hv_record r;
        memset(&r, 0, sizeof r);
        char **fields[] = {&r.kind, &r.created_at, &r.actor, &r.ruleset_sha256, &r.engine_version, &r.peildatum,
                           &r.case_id, &r.subject_pseudonym, &r.facts, &r.result, &r.decision, &r.outcome,
                           &r.value, &r.motivation, &r.prev_hash};
        for (int f = 0; f < 15; f++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 5 == 0) continue;          /* NULL */
            texts[f][0] = 0;
            int n = (int)((seed >> 8) % 5);
            for (int k = 0; k < n; k++) {
                seed = seed * 1103515245u + 12345u;
                /* broken forms only now and then, so that most records have a form */
                uint32_t pick = (seed >> 16) % (round % 4 == 0 ? 23 : 17);
                strcat(texts[f], bits[pick]);
            }
            *fields[f] = texts[f];
        }
        r.id = round;
        r.ref_id = round % 3 ? 0 : round / 2;
        char *mine = hv_record_canonical(&r), *ref = canonical_by_jansson(&r);
        if (!ref) assert_null(mine);
        else assert_string_equal(mine, ref);
        hv_mem_free(mine);
        free(ref);
    }
}

static void hash_known_answer(void **state)
{
    (void)state;
    hv_record r;
    memset(&r, 0, sizeof r);
    r.id = 7;
    r.kind = "decision";
    r.created_at = "2026-03-01T10:00:00.000Z";
    r.actor = "consulent";
    r.ruleset_sha256 = "abc";
    r.engine_version = "0.1.0";
    r.peildatum = "2026-03-01";
    r.case_id = "c-1";
    r.facts = "{\"a\":1}";
    r.result = "{}";
    r.prev_hash = HV_STORE_GENESIS;
    char *c = hv_record_canonical(&r);
    assert_non_null(c);
    assert_string_equal(c,
        "{\"actor\":\"consulent\",\"case_id\":\"c-1\",\"created_at\":\"2026-03-01T10:00:00.000Z\",\"decision\":null,"
        "\"engine_version\":\"0.1.0\",\"facts\":\"{\\\"a\\\":1}\",\"id\":7,\"kind\":\"decision\",\"motivation\":null,"
        "\"outcome\":null,\"peildatum\":\"2026-03-01\",\"prev_hash\":\"" HV_STORE_GENESIS "\",\"ref_id\":null,"
        "\"result\":\"{}\",\"ruleset_sha256\":\"abc\",\"subject_pseudonym\":null,\"value\":null}");
    hv_mem_free(c);
    char h[65];
    hv_record_hash(&r, h);
    /* sha256(prev_hash || canonical), computed independently */
    assert_string_equal(h, "39c9bc7326dae684f720569fe5dc214f8e3d9ad59473848886c16c8bb9a95af7");
}

/* ==== pseudonyms and the key ============================================================= */

static void pseudonym_known_answer(void **state)
{
    (void)state;
    write_file(KEY, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", 0600);
    hv_store *s = open_db(DB);
    char out[65];
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, out), -1);     /* no key yet */
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, out), 0);
    /* HMAC-SHA256(key, "123456789"), computed independently */
    assert_string_equal(out, "a2fb4a2e5d7a21b17d1213d493a97fffd9c65f4f57dcd304c0b8bc58d310027f");
    assert_int_equal(add_ok(s, CASE_SUBJ(SUBJECT)), 1);
    hv_record r;
    assert_int_equal(hv_store_get(s, 1, &r, ERR, sizeof ERR), 0);
    assert_string_equal(r.subject_pseudonym, out);
    hv_record_clear(&r);
    hv_store_close(s);
}

static void pseudonym_per_key(void **state)
{
    (void)state;
    assert_int_equal(hv_store_new_key(KEY, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_new_key(KEY2, ERR, sizeof ERR), 0);
    hv_store *a = open_db(DB), *b = open_db(DB2);
    assert_int_equal(hv_store_load_key(a, KEY, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_load_key(b, KEY2, ERR, sizeof ERR), 0);
    char p1[65], p2[65], p3[65], q1[65];
    assert_int_equal(hv_store_pseudonym(a, SUBJECT, p1), 0);
    assert_int_equal(hv_store_pseudonym(a, SUBJECT, p2), 0);
    assert_int_equal(hv_store_pseudonym(a, "123456780", p3), 0);
    assert_int_equal(hv_store_pseudonym(b, SUBJECT, q1), 0);
    assert_true(is_hex64(p1));
    assert_string_equal(p1, p2);
    assert_string_not_equal(p1, p3);
    assert_string_not_equal(p1, q1);
    /* as stored */
    assert_int_equal(add_ok(a, CASE_SUBJ(SUBJECT)), 1);
    assert_int_equal(add_ok(a, CASE_SUBJ(SUBJECT)), 2);
    assert_int_equal(add_ok(b, CASE_SUBJ(SUBJECT)), 1);
    hv_store_close(a);
    hv_store_close(b);
    assert_string_equal(q_text(DB, "SELECT subject_pseudonym FROM record WHERE id = 1"), p1);
    assert_string_equal(q_text(DB, "SELECT subject_pseudonym FROM record WHERE id = 2"), p1);
    assert_string_equal(q_text(DB2, "SELECT subject_pseudonym FROM record WHERE id = 1"), q1);
    /* the same key loaded in another handle gives the same pseudonym */
    hv_store *c = open_db(DB2);
    assert_int_equal(hv_store_load_key(c, KEY, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_pseudonym(c, SUBJECT, p2), 0);
    assert_string_equal(p1, p2);
    hv_store_close(c);
}

static void subject_never_in_the_file(void **state)
{
    (void)state;
    assert_int_equal(hv_store_new_key(KEY, ERR, sizeof ERR), 0);
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    char pseudo[65];
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, pseudo), 0);
    add_ok(s, CASE_SUBJ(SUBJECT));
    add_ok(s, CASE_SUBJ("Jansje Jansen-Subject"));
    add_ok(s, CASE_A);
    override_ok(s, 1, "steun", "afwijzen", "werk", "Werk gevonden.");
    /* while open (the records may still be in the WAL) ... */
    assert_false(db_files_have(DB, SUBJECT));
    assert_false(db_files_have(DB, "Jansje"));
    hv_store_close(s);
    /* ... and after the checkpoint */
    assert_false(db_files_have(DB, SUBJECT));
    assert_false(db_files_have(DB, "Jansje"));
    /* the search does see what is there */
    assert_true(db_files_have(DB, pseudo));
    assert_true(db_files_have(DB, "Werk gevonden."));
    assert_string_equal(q_text(DB, "SELECT subject_pseudonym FROM record WHERE id = 4"), pseudo);   /* the override */
}

static void subject_without_key_refused(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_as(s, CASE_SUBJ(SUBJECT), "consulent"), -1);
    assert_contains(ERR, "key");
    assert_int_equal(count(s, NULL), 0);
    /* a case without a subject needs no key */
    assert_int_equal(add_ok(s, CASE_A), 1);
    hv_store_close(s);
    assert_false(db_files_have(DB, SUBJECT));
}

static void key_file_new(void **state)
{
    (void)state;
    mode_t old = umask(0);          /* the mode must not depend on the umask */
    int rc = hv_store_new_key(KEY, ERR, sizeof ERR);
    umask(old);
    assert_int_equal(rc, 0);
    struct stat st;
    assert_int_equal(stat(KEY, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    char buf[200] = "";
    FILE *f = fopen(KEY, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    assert_int_equal(n, 65);
    assert_int_equal(buf[64], '\n');
    buf[64] = 0;
    assert_true(is_hex64(buf));
    char first[65];
    snprintf(first, sizeof first, "%s", buf);

    /* never overwritten */
    assert_int_equal(hv_store_new_key(KEY, ERR, sizeof ERR), -1);
    assert_contains(ERR, "exists");
    f = fopen(KEY, "r");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[64] = 0;
    assert_string_equal(buf, first);

    /* two keys are not the same */
    assert_int_equal(hv_store_new_key(KEY2, ERR, sizeof ERR), 0);
    f = fopen(KEY2, "r");
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[64] = 0;
    assert_string_not_equal(buf, first);

    /* a folder that is not there */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/nope/k.key", DIR_);
    assert_int_equal(hv_store_new_key(bad, ERR, sizeof ERR), -1);
    assert_true(ERR[0] != 0);

    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    char p[65];
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, p), 0);
    hv_store_close(s);
}

static void key_file_refused(void **state)
{
    (void)state;
    static const char good[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
    hv_store *s = open_db(DB);
    char p[65];

    write_file(KEY, good, 0644);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), -1);
    assert_contains(ERR, "644");
    assert_contains(ERR, "chmod 600");
    write_file(KEY, good, 0640);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), -1);
    write_file(KEY, good, 0604);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), -1);
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, p), -1);

    static const char *const malformed[] = {
        "",
        "\n",
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddee\n",       /* 62 */
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeef\n",      /* 63 */
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00\n",   /* 66 */
        "zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeezz\n",
        "00112233445566778899aabbccddeeff\n00112233445566778899aabbccddeeff\n",
        "a secret key\n",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        write_file(KEY, malformed[i], 0600);
        ERR[0] = 0;
        if (hv_store_load_key(s, KEY, ERR, sizeof ERR) != -1) fail_msg("key file accepted: '%s'", malformed[i]);
        assert_contains(ERR, "64 hexadecimal");
        assert_int_equal(hv_store_pseudonym(s, SUBJECT, p), -1);
    }
    /* not there */
    assert_int_equal(hv_store_load_key(s, KEY2, ERR, sizeof ERR), -1);
    assert_contains(ERR, "b.key");

    /* 0600 and 0400 are fine, with or without the newline */
    write_file(KEY, good, 0400);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    write_file(KEY, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 0600);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, p), 0);
    hv_store_close(s);
}

/* A failed load must not leave a half-overwritten key behind a loaded one. */
static void failed_key_load_keeps_the_key(void **state)
{
    (void)state;
    static const char good[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
    hv_store *s = open_db(DB);
    write_file(KEY, good, 0600);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    char before[65], after[65];
    assert_int_equal(hv_store_pseudonym(s, SUBJECT, before), 0);
    /* 64 characters, hexadecimal up to the last two */
    write_file(KEY2, "ffeeddccbbaa99887766554433221100ffeeddccbbaa998877665544332211zz\n", 0600);
    assert_int_equal(hv_store_load_key(s, KEY2, ERR, sizeof ERR), -1);
    if (hv_store_pseudonym(s, SUBJECT, after) == 0 && strcmp(before, after) != 0)
        fail_msg("after a refused key file the store pseudonymises under another key: %s, was %s", after, before);
    hv_store_close(s);
}

/* ==== actor ================================================================================== */

static void actor_required(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_as(s, CASE_A, NULL), -1);
    assert_contains(ERR, "actor");
    assert_int_equal(add_as(s, CASE_A, ""), -1);
    assert_contains(ERR, "actor");
    assert_int_equal(count(s, NULL), 0);
    assert_int_equal(add_ok(s, CASE_A), 1);
    ERR[0] = 0;
    assert_int_equal(hv_store_add_override(s, 1, "steun", "afwijzen", "werk", "Omdat.", NULL, ERR, sizeof ERR), -1);
    assert_contains(ERR, "actor");
    assert_int_equal(hv_store_add_override(s, 1, "steun", "afwijzen", "werk", "Omdat.", "", ERR, sizeof ERR), -1);
    assert_int_equal(count(s, NULL), 1);
    hv_store_close(s);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record WHERE actor = ''"), 0);
}

/* ==== overrides ============================================================================== */

static void override_linked_and_normalised(void **state)
{
    (void)state;
    assert_int_equal(hv_store_new_key(KEY, ERR, sizeof ERR), 0);
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_load_key(s, KEY, ERR, sizeof ERR), 0);
    assert_int_equal(add_ok(s, CASE_SUBJ(SUBJECT)), 1);
    assert_int_equal(add_ok(s, CASE_B), 2);
    assert_int_equal(override_ok(s, 1, "steun", "afwijzen", "werk", "  Heeft inmiddels werk."), 3);
    assert_int_equal(override_ok(s, 1, "bijdrage", "€ 1.234,50", "zorg", "De hele achterstand."), 4);
    assert_int_equal(override_ok(s, 2, "bijdrage", "750", "zorg", "Een deel."), 5);

    hv_record base, r;
    assert_int_equal(hv_store_get(s, 1, &base, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_get(s, 3, &r, ERR, sizeof ERR), 0);
    assert_string_equal(r.kind, "override");
    assert_int_equal(r.ref_id, 1);
    assert_string_equal(r.decision, "steun");
    assert_string_equal(r.outcome, "afwijzen");
    assert_string_equal(r.value, "werk");
    assert_string_equal(r.motivation, "Heeft inmiddels werk.");
    assert_string_equal(r.actor, "teamleider");
    assert_null(r.result);
    assert_string_equal(r.ruleset_sha256, base.ruleset_sha256);
    assert_string_equal(r.peildatum, base.peildatum);
    assert_string_equal(r.facts, base.facts);
    assert_string_equal(r.case_id, base.case_id);
    assert_string_equal(r.subject_pseudonym, base.subject_pseudonym);
    hv_record_clear(&r);
    hv_record_clear(&base);
    assert_int_equal(hv_store_get(s, 4, &r, ERR, sizeof ERR), 0);
    assert_string_equal(r.outcome, "1234.50");
    hv_record_clear(&r);
    assert_int_equal(hv_store_get(s, 5, &r, ERR, sizeof ERR), 0);
    assert_string_equal(r.outcome, "750.00");
    assert_int_equal(r.ref_id, 2);
    hv_record_clear(&r);

    hv_filter of1 = {.ref_id = 1}, of2 = {.ref_id = 2}, ovr = {.kind = "override"}, dec = {.kind = "decision"};
    assert_int_equal(count(s, &of1), 2);
    assert_int_equal(count(s, &of2), 1);
    assert_int_equal(count(s, &ovr), 3);
    assert_int_equal(count(s, &dec), 2);
    hv_filter by = {.actor = "teamleider"};
    assert_int_equal(count(s, &by), 3);
    hv_store_close(s);

    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    assert_int_equal(sum.decisions, 2);
    assert_int_equal(sum.overrides, 3);
    hv_buf_free(&pr.text);
}

static void override_refused(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_A), 1);
    assert_int_equal(override_ok(s, 1, "steun", "afwijzen", "werk", "Werk."), 2);
    struct { int64_t ref; const char *dec, *out, *val, *why, *msg; } bad[] = {
        {1, "steun", "afwijzen", "werk", NULL, "motivation"},
        {1, "steun", "afwijzen", "werk", "", "motivation"},
        {1, "steun", "afwijzen", "werk", "   \t ", "motivation"},
        {1, "hulp", "afwijzen", "werk", "Omdat.", "hulp"},
        {1, "steun", "afwijzen", "geld", "Omdat.", "geld"},
        {1, "steun", "misschien", "werk", "Omdat.", "misschien"},
        {1, "steun", "", "werk", "Omdat.", NULL},
        {1, "bijdrage", "veel", "zorg", "Omdat.", NULL},
        {1, "spoed", "misschien", "zorg", "Omdat.", NULL},
        {2, "steun", "toekennen", "zorg", "Omdat.", "override"},
        {99, "steun", "afwijzen", "werk", "Omdat.", "no record 99"},
        {0, "steun", "afwijzen", "werk", "Omdat.", NULL},
        {-1, "steun", "afwijzen", "werk", "Omdat.", NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ERR[0] = 0;
        int64_t id = hv_store_add_override(s, bad[i].ref, bad[i].dec, bad[i].out, bad[i].val, bad[i].why, "tl", ERR,
                                           sizeof ERR);
        if (id != -1) fail_msg("override %zu accepted (record %lld)", i, (long long)id);
        if (!ERR[0]) fail_msg("override %zu refused without a message", i);
        if (bad[i].msg && !strstr(ERR, bad[i].msg)) fail_msg("override %zu: '%s' does not say '%s'", i, ERR, bad[i].msg);
    }
    assert_int_equal(count(s, NULL), 2);
    hv_store_close(s);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 2);
}

/* Departing to the outcome the engine gave an equal case is no inequality. */
static void override_confirming_yes_no_is_consistent(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_A), 1);
    assert_int_equal(add_ok(s, CASE_A), 2);
    hv_buf out;
    hv_buf_init(&out);
    assert_int_equal(hv_audit_consistency(s, &out, ERR, sizeof ERR), 0);
    hv_buf_free(&out);
    /* spoed was decided ja (volgens zorg) for both; a person confirms it for one */
    override_ok(s, 2, "spoed", "ja", "zorg", "Bevestigd na het huisbezoek.");
    hv_buf_init(&out);
    int rc = hv_audit_consistency(s, &out, ERR, sizeof ERR);
    if (rc != 0) fail_msg("a confirming override (spoed = ja, the engine said true) is reported as unequal:\n%s",
                          out.data ? out.data : "");
    hv_buf_free(&out);
    hv_store_close(s);
}

static void consistency_sees_overrides(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    add_ok(s, CASE_B);
    add_ok(s, CASE_A);
    hv_buf out;
    hv_buf_init(&out);
    assert_int_equal(hv_audit_consistency(s, &out, ERR, sizeof ERR), 0);
    hv_buf_free(&out);
    override_ok(s, 3, "steun", "afwijzen", "werk", "Heeft een baan aangeboden gekregen.");
    hv_buf_init(&out);
    assert_int_equal(hv_audit_consistency(s, &out, ERR, sizeof ERR), 1);
    assert_contains(out.data, "Heeft een baan aangeboden gekregen.");
    assert_contains(out.data, "record 1");
    assert_contains(out.data, "record 3");
    hv_buf_free(&out);
    hv_store_close(s);
}

/* ==== transactions =========================================================================== */

static void rolled_back_batch_leaves_nothing(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    assert_int_equal(add_ok(s, CASE_A), 1);
    assert_int_equal(add_ok(s, CASE_B), 2);
    assert_int_equal(add_ok(s, CASE_C), 3);
    assert_int_equal(add_as(s, CASE_A, NULL), -1);     /* refused in the middle */
    hv_store_rollback(s);
    assert_int_equal(count(s, NULL), 0);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 0);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM outcome"), 0);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM ruleset"), 0);

    /* the chain starts afresh */
    assert_int_equal(add_ok(s, CASE_B), 1);
    hv_record r;
    assert_int_equal(hv_store_get(s, 1, &r, ERR, sizeof ERR), 0);
    assert_string_equal(r.prev_hash, HV_STORE_GENESIS);
    hv_record_clear(&r);

    /* a committed batch, then a rolled-back one, then one more */
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    assert_int_equal(add_ok(s, CASE_A), 2);
    assert_int_equal(add_ok(s, CASE_C), 3);
    assert_int_equal(hv_store_commit(s, ERR, sizeof ERR), 0);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    assert_int_equal(add_ok(s, CASE_A), 4);
    assert_int_equal(override_ok(s, 2, "steun", "afwijzen", "werk", "Werk."), 5);
    hv_store_rollback(s);
    assert_int_equal(count(s, NULL), 3);
    assert_int_equal(add_ok(s, CASE_OPEN), 4);
    hv_store_close(s);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 4);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM outcome"), 12);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record WHERE kind = 'override'"), 0);

    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    assert_int_equal(sum.records, 4);
    hv_buf_free(&pr.text);
}

/* A batch is invisible to another reader until it is committed. */
static void batch_invisible_until_commit(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_A), 1);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);
    add_ok(s, CASE_B);
    add_ok(s, CASE_C);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 1);
    assert_int_equal(hv_store_commit(s, ERR, sizeof ERR), 0);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 3);
    hv_store_close(s);
}

/* A record's time is taken when it joins the chain: a writer that waited for
 * the lock must not carry a time from before the record it follows. */
static void created_at_follows_the_chain(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    hv_store_close(s);
    int sync[2];
    assert_int_equal(pipe(sync), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* the child: a second writer (a REPL's bewaar), waiting for the lock */
        char c, err[600];
        close(sync[1]);
        if (read(sync[0], &c, 1) != 1) _exit(3);
        hv_store *b = hv_store_open(DB, 1, err, sizeof err);
        if (!b) _exit(4);
        hv_case *cs = hv_case_new(P);
        hv_diags d;
        hv_diags_init(&d, NULL);
        if (hv_case_from_json_text(cs, CASE_B, "b.json", &d)) _exit(5);
        hv_ctx *ctx = hv_ctx_new(P);
        if (hv_eval(ctx, cs, HV_PEIL_CASE, 0)) _exit(6);
        int64_t id = hv_store_add_decision(b, ctx, cs, "second", err, sizeof err);
        hv_store_close(b);
        _exit(id == 3 ? 0 : 7);
    }
    close(sync[0]);
    s = open_db(DB);
    assert_int_equal(hv_store_begin(s, ERR, sizeof ERR), 0);      /* hold the write lock */
    assert_int_equal(write(sync[1], "x", 1), 1);
    close(sync[1]);
    nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 400000000}, NULL);   /* the child waits */
    assert_int_equal(add_ok(s, CASE_C), 2);
    assert_int_equal(hv_store_commit(s, ERR, sizeof ERR), 0);
    hv_store_close(s);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_string_equal(q_text(DB, "SELECT actor FROM record WHERE id = 3"), "second");
    const char *t2 = q_text(DB, "SELECT created_at FROM record WHERE id = 2");
    const char *t3 = q_text(DB, "SELECT created_at FROM record WHERE id = 3");
    if (strcmp(t3, t2) < 0) fail_msg("record 3 was created at %s, before record 2 (%s) that it follows in the chain", t3, t2);
}

/* ==== the stored rule set ======================================================================== */

static void stored_program_recompiles(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    add_ok(s, CASE_B);
    hv_store_close(s);
    assert_int_equal(q_int(DB, "SELECT count(*) FROM ruleset"), 1);

    s = open_db(DB);                 /* a fresh handle: nothing cached */
    const char *sha = hv_program_sha256(P);
    const hv_program *q = hv_store_program(s, sha, ERR, sizeof ERR);
    if (!q) fail_msg("%s", ERR);
    assert_string_equal(hv_program_sha256(q), sha);
    assert_string_equal(hv_program_name(q), "Audit test");
    assert_string_equal(hv_program_version(q), "1");
    assert_int_equal(hv_program_nsources(q), 1);
    const char *text;
    size_t len;
    assert_string_equal(hv_program_source(q, 0, &text, &len), "t.hv");
    assert_int_equal(len, strlen(RS));
    assert_memory_equal(text, RS, len);
    assert_ptr_equal(hv_store_program(s, sha, ERR, sizeof ERR), q);    /* cached */

    /* the stored case, decided again with it, gives the stored result */
    hv_record r;
    assert_int_equal(hv_store_get(s, 1, &r, ERR, sizeof ERR), 0);
    hv_case *cs = hv_case_new(q);
    assert_int_equal(hv_store_case(&r, q, cs, ERR, sizeof ERR), 0);
    assert_string_equal(hv_case_id(cs), "a");
    hv_ctx *ctx = hv_ctx_new(q);
    assert_int_equal(hv_eval(ctx, cs, HV_PEIL_CASE, 0), 0);
    char *json = hv_result_json(ctx, 0);
    assert_string_equal(json, r.result);
    assert_null(strstr(r.result, "\"rules\""));      /* kept without the trace */
    hv_mem_free(json);
    hv_ctx_free(ctx);
    hv_case_free(cs);
    hv_record_clear(&r);

    hv_buf out;
    hv_buf_init(&out);
    assert_int_equal(hv_audit_replay(s, 1, &out, ERR, sizeof ERR), 0);
    assert_contains(out.data, "steun");
    assert_contains(out.data, "gelijk");
    hv_buf_free(&out);

    ERR[0] = 0;
    assert_null(hv_store_program(s, "0000000000000000000000000000000000000000000000000000000000000001", ERR, sizeof ERR));
    assert_contains(ERR, "not in the store");
    hv_store_close(s);
}

static void stored_program_of_several_files(void **state)
{
    (void)state;
    const char *names[] = {"kop.hv", "regels.hv"};
    const char *texts[] = {RS_HEAD, RS_RULES};
    size_t lens[] = {strlen(RS_HEAD), strlen(RS_RULES)};
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p2 = hv_compile_texts(names, texts, lens, 2, &src, &d);
    assert_non_null(p2);
    hv_diags_free(&d);
    hv_src_free(&src);
    hv_store *s = open_db(DB);
    assert_int_equal(add_p(s, p2, CASE_A, "consulent"), 1);
    hv_store_close(s);

    s = open_db(DB);
    const hv_program *q = hv_store_program(s, hv_program_sha256(p2), ERR, sizeof ERR);
    if (!q) fail_msg("%s", ERR);
    assert_string_equal(hv_program_sha256(q), hv_program_sha256(p2));
    assert_int_equal(hv_program_nsources(q), 2);
    assert_string_equal(hv_program_source(q, 0, NULL, NULL), "kop.hv");
    assert_string_equal(hv_program_source(q, 1, NULL, NULL), "regels.hv");
    hv_store_close(s);
    hv_program_free(p2);

    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    hv_buf_free(&pr.text);
}

static void stored_program_tampered(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);
    add_ok(s, CASE_B);
    hv_store_close(s);
    /* still a valid rule set, but not the one that decided */
    q_exec(DB, "UPDATE ruleset SET sources = replace(sources, 'kinderen > 0', 'kinderen > 5')");
    s = open_db(DB);
    ERR[0] = 0;
    assert_null(hv_store_program(s, hv_program_sha256(P), ERR, sizeof ERR));
    assert_contains(ERR, "does not match");
    hv_store_close(s);
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_int_equal(pr.n, 2);
    assert_int_equal(pr.ids[0], 1);
    assert_int_equal(pr.ids[1], 2);
    assert_contains(pr.text.data, "cannot be replayed");
    hv_buf_free(&pr.text);
}

/* show explains a record again from its stored source and facts; the trace
 * quotes the value of the fact in the first false condition. */
static void show_explains_again(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_B), 1);
    assert_int_equal(override_ok(s, 1, "steun", "toekennen", "zorg", "Er komt een kind."), 2);
    for (int i = 0; i < 3; i++) {
        hv_buf out;
        hv_buf_init(&out);
        assert_int_equal(hv_audit_show(s, 1, &out, ERR, sizeof ERR), 0);
        assert_contains(out.data, "record 1 (decision)");
        assert_contains(out.data, "(kinderen = 0)");
        assert_contains(out.data, "Er komt een kind.");
        hv_buf_free(&out);
    }
    hv_buf out;
    hv_buf_init(&out);
    assert_int_equal(hv_audit_show(s, 2, &out, ERR, sizeof ERR), 0);
    assert_contains(out.data, "Afwijking van record 1");
    hv_buf_free(&out);
    hv_buf_init(&out);
    assert_int_equal(hv_audit_show(s, 3, &out, ERR, sizeof ERR), -1);
    assert_contains(ERR, "no record 3");
    hv_buf_free(&out);
    hv_store_close(s);
}

/* ==== verify ==================================================================================== */

static void verify_clean(void **state)
{
    (void)state;
    problems pr;
    hv_verify_summary sum;
    /* an empty store */
    hv_store_close(open_db(DB));
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    assert_int_equal(sum.records, 0);
    assert_string_equal(sum.head, HV_STORE_GENESIS);
    hv_buf_free(&pr.text);

    fill_five(DB);
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    assert_int_equal(pr.n, 0);
    assert_int_equal(sum.records, 5);
    assert_int_equal(sum.decisions, 4);
    assert_int_equal(sum.overrides, 1);
    assert_int_equal(sum.broken, 0);
    assert_int_equal(sum.changed, 0);
    assert_string_equal(sum.head, q_text(DB, "SELECT hash FROM record WHERE id = 5"));
    hv_buf_free(&pr.text);
}

/* The outcome rows of a decided case are made from the evaluation, not read
 * back from its result JSON; they must be what the JSON gives (the way a
 * migration fills the table): every kind of outcome and every status. */
#define RS_KINDS                                                                            \
    "waarde w \"W\"\nwaarde v \"V\"\nrangorde w > v\n"                                       \
    "feit n: getal\nfeit m: bedrag\nfeit d: datum\nfeit t: tekst\nfeit j: janee\n"             \
    "besluit b_janee: janee\nregel r1 volgens w als n > 0 dan b_janee = j\n"                    \
    "besluit b_getal: getal\nregel r2 volgens w als n > 0 dan b_getal = n / 3\n"                \
    "regel r2b volgens v dan b_getal = 7\n"                                                      \
    "besluit b_bedrag: bedrag\n    standaard €0.00\nregel r3 volgens w als m > €10.00 dan b_bedrag = m\n" \
    "besluit b_datum: datum\nregel r4 volgens w als n > 1 dan b_datum = d\n"                    \
    "besluit b_tekst: tekst\nregel r5 volgens w als n > 0 dan b_tekst = t\n"                    \
    "besluit b_keuze: keuze(ja_, nee_, wacht)\n"                                                 \
    "regel r6 volgens w als n = 1 dan b_keuze = ja_\nregel r7 volgens w als n = 1 en j dan b_keuze = nee_\n" \
    "regel r8 volgens w als n = 2 dan b_keuze ter beoordeling\nregel r9 volgens v dan b_keuze = wacht\n"

static void outcome_rows_from_the_evaluation(void **state)
{
    (void)state;
    hv_program *p = tu_compile(RS_KINDS);
    static const char *const cases[] = {
        "{\"n\": 1, \"m\": 12.5, \"d\": \"2026-03-01\", \"t\": \"één \\\"twee\\\"\", \"j\": true}",
        "{\"n\": 2, \"m\": 3, \"d\": \"2026-03-01\", \"t\": \"x\", \"j\": false}",
        "{\"n\": 0, \"m\": 99.99}",
        "{\"n\": 1}",
        "{\"n\": 3, \"j\": true, \"t\": \"\"}",
        "{}",
    };
    hv_store *s = open_db(DB);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (add_p(s, p, cases[i], "consulent") < 0) fail_msg("not stored: %s", ERR);
    hv_store_close(s);
    char *want = outcome_rows(DB);
    /* every status and kind was there */
    static const char *const seen[] = {"|decided|true|", "|decided|0.33333299999999999|", "|decided|12.50|",
                                       "|default|0.00|", "|decided|2026-03-01|", "|decided|één \"twee\"|",
                                       "|conflict|", "|judgement|", "|undetermined|", "|decided|wacht|",
                                       "|decided|7|"};
    for (size_t i = 0; i < sizeof seen / sizeof *seen; i++)
        if (!strstr(want, seen[i])) fail_msg("no '%s' in %s", seen[i], want);
    /* the table again, filled from the result JSON */
    q_exec(DB, "DROP TABLE outcome; PRAGMA user_version = 1;");
    s = open_db(DB);
    hv_store_close(s);
    char *got = outcome_rows(DB);
    assert_string_equal(got, want);
    hv_mem_free(want);
    hv_mem_free(got);
    hv_program_free(p);
}

/* Records from before results were kept without the trace hold the traced
 * result: they still verify, and replay compares them with a traced replay. */
static void verify_records_kept_with_trace(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    assert_int_equal(add_ok(s, CASE_A), 1);
    hv_case *cs = tu_case(P, CASE_B);
    hv_ctx *ctx = hv_ctx_new(P);
    assert_int_equal(hv_eval(ctx, cs, HV_PEIL_CASE, HV_EVAL_TRACE), 0);
    char *traced = hv_result_json(ctx, HV_JSON_TRACE);
    assert_non_null(strstr(traced, ",\"rules\":["));
    ERR[0] = 0;
    assert_int_equal(hv_store_add_result(s, P, cs, hv_ctx_peildatum(ctx), traced, "consulent", ERR, sizeof ERR), 2);
    hv_buf out;
    hv_buf_init(&out);
    assert_int_equal(hv_audit_replay(s, 2, &out, ERR, sizeof ERR), 0);
    assert_contains(out.data, "gelijk, ook de volledige uitleg");
    hv_buf_free(&out);
    hv_buf_init(&out);
    assert_int_equal(hv_audit_replay(s, 1, &out, ERR, sizeof ERR), 0);
    assert_contains(out.data, "gelijk, ook de volledige uitleg");
    hv_buf_free(&out);
    hv_mem_free(traced);
    hv_ctx_free(ctx);
    hv_case_free(cs);
    hv_store_close(s);
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 0);
    assert_int_equal(pr.n, 0);
    assert_int_equal(sum.decisions, 2);
    hv_buf_free(&pr.text);
}

static void verify_altered_field(void **state)
{
    (void)state;
    fill_five(DB);
    copy_file(DB, DB2);
    problems pr;
    hv_verify_summary sum;
    static const char *const alter[] = {
        "UPDATE record SET actor = 'mallory' WHERE id = 2",
        "UPDATE record SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = 2",
        "UPDATE record SET case_id = NULL WHERE id = 2",
        "UPDATE record SET peildatum = '2026-03-02' WHERE id = 2",
        "UPDATE record SET result = replace(result, '\"afwijzen\"', '\"toekennen\"') WHERE id = 2",
        "UPDATE record SET facts = replace(facts, '\"kinderen\":0', '\"kinderen\":1') WHERE id = 2",
        "UPDATE record SET hash = '" HV_STORE_GENESIS "' WHERE id = 2",
        "UPDATE record SET engine_version = '9.9.9' WHERE id = 2",
    };
    for (size_t i = 0; i < sizeof alter / sizeof *alter; i++) {
        copy_file(DB2, DB);
        q_exec(DB, alter[i]);
        assert_int_equal(q_int(DB, "SELECT count(*) FROM record"), 5);
        int rc = verify_db(DB, &pr, &sum);
        if (rc != 1) fail_msg("not found: %s", alter[i]);
        if (i == 6) {
            /* a changed hash is a broken link for the record after it, too */
            for (int k = 0; k < pr.n; k++) assert_true(pr.ids[k] == 2 || pr.ids[k] == 3);
        } else {
            assert_only_problems_at(&pr, 2);
        }
        assert_true(sum.broken >= 1);
        hv_buf_free(&pr.text);
    }
    /* the override's motivation */
    copy_file(DB2, DB);
    q_exec(DB, "UPDATE record SET motivation = 'Zomaar.' WHERE id = 5");
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_only_problems_at(&pr, 5);
    hv_buf_free(&pr.text);
}

/* An attacker who alters a record and hashes it again breaks the next link. */
static void verify_rehashed_record(void **state)
{
    (void)state;
    fill_five(DB);
    hv_store *s = open_db(DB);
    hv_record r;
    assert_int_equal(hv_store_get(s, 2, &r, ERR, sizeof ERR), 0);
    hv_store_close(s);
    hv_mem_free(r.actor);
    r.actor = hv_mem_strdup("mallory");
    char h[65], sql[512];
    hv_record_hash(&r, h);
    snprintf(sql, sizeof sql, "UPDATE record SET actor = 'mallory', hash = '%s' WHERE id = 2", h);
    hv_record_clear(&r);
    q_exec(DB, sql);
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_only_problems_at(&pr, 3);
    assert_contains(pr.text.data, "broken link");
    hv_buf_free(&pr.text);
}

static void verify_deleted_record(void **state)
{
    (void)state;
    fill_five(DB);
    q_exec(DB, "DELETE FROM outcome WHERE record_id = 3; DELETE FROM record WHERE id = 3");
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_only_problems_at(&pr, 4);
    assert_contains(pr.text.data, "broken link");
    assert_int_equal(sum.records, 4);
    hv_buf_free(&pr.text);
}

static void verify_changed_outcome(void **state)
{
    (void)state;
    fill_five(DB);
    hv_store *s = open_db(DB);
    hv_record r;
    assert_int_equal(hv_store_get(s, 2, &r, ERR, sizeof ERR), 0);
    hv_store_close(s);
    /* the stored outcome rewritten, and the whole chain after it hashed again:
     * only the replay can tell */
    assert_non_null(strstr(r.result, "\"outcome\":\"afwijzen\""));
    q_exec(DB, "UPDATE record SET result = replace(result, '\"outcome\":\"afwijzen\"', '\"outcome\":\"toekennen\"') WHERE id = 2");
    hv_record_clear(&r);
    for (int64_t id = 2; id <= 5; id++) {
        s = open_db(DB);
        assert_int_equal(hv_store_get(s, id, &r, ERR, sizeof ERR), 0);
        hv_store_close(s);
        if (id > 2) {
            hv_mem_free(r.prev_hash);
            r.prev_hash = hv_mem_strdup(q_text(DB, tu_fmt("SELECT hash FROM record WHERE id = %lld", (long long)id - 1)));
        }
        char h[65];
        hv_record_hash(&r, h);
        q_exec(DB, tu_fmt("UPDATE record SET prev_hash = '%s', hash = '%s' WHERE id = %lld", r.prev_hash, h, (long long)id));
        hv_record_clear(&r);
    }
    problems pr;
    hv_verify_summary sum;
    assert_int_equal(verify_db(DB, &pr, &sum), 1);
    assert_only_problems_at(&pr, 2);
    assert_int_equal(sum.broken, 0);
    assert_true(sum.changed >= 1);
    assert_contains(pr.text.data, "steun");
    hv_buf_free(&pr.text);
}

/* ==== filters ==================================================================================== */

static void filters(void **state)
{
    (void)state;
    hv_store *s = open_db(DB);
    add_ok(s, CASE_A);                       /* toekennen */
    add_as(s, CASE_B, "ander");              /* afwijzen */
    add_ok(s, CASE_C);                       /* default: doorverwijzen */
    add_ok(s, CASE_OPEN);                    /* undetermined */
    override_ok(s, 3, "steun", "toekennen", "zorg", "Toch.");
    hv_filter f = {.status = "undetermined"};
    assert_int_equal(count(s, &f), 1);
    f = (hv_filter){.status = "default"};
    assert_int_equal(count(s, &f), 2);       /* B (bijdrage, spoed) and C (all three) */
    f = (hv_filter){.outcome = "toekennen"};
    assert_int_equal(count(s, &f), 2);       /* record 1 and the override */
    f = (hv_filter){.outcome = "afwijzen"};
    assert_int_equal(count(s, &f), 1);
    f = (hv_filter){.actor = "ander"};
    assert_int_equal(count(s, &f), 1);
    f = (hv_filter){.since = "2000-01-01"};
    assert_int_equal(count(s, &f), 5);
    f = (hv_filter){.since = "2999-01-01"};
    assert_int_equal(count(s, &f), 0);
    f = (hv_filter){.kind = "override", .outcome = "toekennen"};
    assert_int_equal(count(s, &f), 1);
    hv_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(schema_created_on_first_use),
        T(open_without_create_refuses_missing),
        T(not_a_database_refused),
        T(damaged_index_found_by_verify),
        T(progress_of_a_walk),
        T(migrate_v1_built_by_hand),
        T(migrate_v2_with_outcome_dropped),
        T(newer_schema_refused),
        T(chain_links_every_record),
        T(hash_covers_every_field),
        T(canonical_as_jansson_writes_it),
        T(outcome_rows_from_the_evaluation),
        T(hash_known_answer),
        T(pseudonym_known_answer),
        T(pseudonym_per_key),
        T(subject_never_in_the_file),
        T(subject_without_key_refused),
        T(key_file_new),
        T(key_file_refused),
        T(failed_key_load_keeps_the_key),
        T(actor_required),
        T(override_linked_and_normalised),
        T(override_refused),
        T(override_confirming_yes_no_is_consistent),
        T(consistency_sees_overrides),
        T(rolled_back_batch_leaves_nothing),
        T(batch_invisible_until_commit),
        T(created_at_follows_the_chain),
        T(stored_program_recompiles),
        T(stored_program_of_several_files),
        T(stored_program_tampered),
        T(show_explains_again),
        T(verify_clean),
        T(verify_records_kept_with_trace),
        T(verify_altered_field),
        T(verify_rehashed_record),
        T(verify_deleted_record),
        T(verify_changed_outcome),
        T(filters),
#undef T
    };
    return cmocka_run_group_tests_name("store", tests, group_setup, group_teardown);
}
