/* test_json.c — engine/json.c: strings, the comma writer and the indented
 * layout, each checked against what jansson reads and writes. */
#include "testutil.h"
#include "json.h"

static uint32_t seed = 11;
static uint32_t rnd(uint32_t n)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
}

static char *str_json(const char *s)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_json_str(&b, s);
    return hv_buf_take(&b);
}

static void strings_as_jansson_writes_them(void **state)
{
    (void)state;
    static const char *const bits[] = {"a", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f",
                                       "\x7f", "é", "€", "𝄞", " ", "{}", "ß"};
    for (int round = 0; round < 2000; round++) {
        char s[128] = "";
        for (int k = (int)rnd(8); k > 0; k--) strcat(s, bits[rnd(18)]);
        char *mine = str_json(s);
        json_t *j = json_string(s);
        assert_non_null(j);
        char *ref = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
        assert_string_equal(mine, ref);
        free(ref);
        json_decref(j);
        hv_mem_free(mine);
    }
    char *n = str_json(NULL);
    assert_string_equal(n, "null");
    hv_mem_free(n);
}

/* A byte that is not part of well-formed UTF-8 becomes U+FFFD, and the
 * result is a string jansson reads. */
static void broken_utf8_becomes_the_replacement_character(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } t[] = {
        {"ab\xff" "cd", "\"ab\xEF\xBF\xBD" "cd\""},
        {"\xc3", "\"\xEF\xBF\xBD\""},                              /* cut short */
        {"\xc0\xaf", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},              /* overlong */
        {"\xed\xa0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""}, /* a surrogate */
        {"\xf4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""}, /* above U+10FFFF */
        {"é\x80", "\"é\xEF\xBF\xBD\""},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char *s = str_json(t[i].in);
        assert_string_equal(s, t[i].out);
        json_t *j = json_loads(s, JSON_DECODE_ANY, NULL);
        assert_non_null(j);
        json_decref(j);
        hv_mem_free(s);
        assert_false(hv_json_utf8_ok(t[i].in));
    }
    assert_true(hv_json_utf8_ok("gewoon, é € 𝄞"));
}

/* Random nested JSON written with the writer: jansson reads it, writes it
 * back compactly the same, and lays it out indented as hv_json_indent does. */
static void build(hv_jw *w, int depth)
{
    int kind = depth > 4 ? (int)rnd(4) : (int)rnd(6);
    static const char *const words[] = {"a", "b c", "x\"y", "[]", "{}", ",:", "é", "\\n", ""};
    switch (kind) {
    case 0: hv_jw_raw(w, rnd(2) ? "true" : "null"); break;
    case 1: hv_jw_raw(w, rnd(2) ? "12" : "-3"); break;
    case 2: case 3: hv_jw_str(w, words[rnd(9)]); break;
    default: {
        int obj = kind == 4;
        hv_jw_open(w, obj ? '{' : '[');
        for (int k = (int)rnd(4); k > 0; k--) {
            if (obj) {
                char key[16];
                snprintf(key, sizeof key, "k%d%s", k, words[rnd(9)]);   /* distinct in this object */
                hv_jw_key(w, key);
            } else {
                hv_jw_item(w);
            }
            build(w, depth + 1);
        }
        hv_jw_close(w, obj ? '}' : ']');
    }
    }
}

static void writer_and_indent_as_jansson(void **state)
{
    (void)state;
    for (int round = 0; round < 1000; round++) {
        hv_buf b;
        hv_buf_init(&b);
        hv_jw w;
        hv_jw_init(&w, &b);
        hv_jw_open(&w, '{');
        hv_jw_key(&w, "root");
        build(&w, 0);
        hv_jw_close(&w, '}');
        char *mine = hv_buf_take(&b);
        json_error_t e;
        json_t *j = json_loads(mine, 0, &e);
        if (!j) fail_msg("not JSON: %s (%s)", mine, e.text);
        char *compact = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        assert_string_equal(mine, compact);
        char *indented = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        char *ours = hv_json_indent(mine);
        assert_string_equal(ours, indented);
        free(compact);
        free(indented);
        hv_mem_free(ours);
        hv_mem_free(mine);
        json_decref(j);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_as_jansson_writes_them),
        cmocka_unit_test(broken_utf8_becomes_the_replacement_character),
        cmocka_unit_test(writer_and_indent_as_jansson),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
