/* fuzz_rules.c — libFuzzer harness: any bytes as a rule file, through
 * parsing, checking and compiling, with the diagnostics rendered as a person
 * would see them; and through `houvast fmt`'s layout. A program that
 * compiles also runs its casus blocks and is written out as the rule book
 * (Markdown, and HTML with no tag but its own). Nothing may crash, hang or
 * leak, and the layout is checked as fmt promises: the laid-out text
 * compiles to a program with the same meaning (fingerprint), and laying it
 * out again changes nothing. And each casus is decided the three ways the
 * engine can, which must agree: through the tests compiled beside the rule
 * conditions and through their expression nodes, and in full and with the
 * tally shortcut. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "doc.h"
#include "fmt.h"
#include "houvast.h"
#include "mem.h"

static hv_program *compile(const char *text, size_t len, hv_srcset *src, hv_diags *d)
{
    memset(src, 0, sizeof *src);
    hv_diags_init(d, src);
    return hv_compile_text("fuzz.hv", text, len, src, d);
}

static void done(hv_program *p, hv_srcset *src, hv_diags *d)
{
    hv_program_free(p);
    hv_diags_free(d);
    hv_src_free(src);
}

/* The layout of text, or NULL (it does not scan, or memory ran out). */
static char *layout(const char *text, size_t len)
{
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    char *out = NULL;
    int f = hv_src_add(&src, "fuzz.hv", text, len);
    if (f >= 0) out = hv_fmt_source(&src, f, &d);
    hv_diags_free(&d);
    hv_src_free(&src);
    return out;
}

static void broken(const char *what, const char *before, size_t len, const char *after)
{
    fprintf(stderr, "fuzz_rules: %s\n--- before ---\n%.*s\n--- after ---\n%s\n", what, (int)len, before,
            after ? after : "(none)");
    abort();
}

/* Each casus decided the three ways the engine can comes out the same
 * (agree.h). */
static void same_three_ways(const hv_program *p, const char *data, size_t size)
{
    hv_ctx *c = hv_ctx_new(p);
    hv_case *cs = hv_case_new(p);
    for (int i = 0; c && cs && i < p->ncasus; i++) {
        const hv_casus *k = &p->casus[i];
        hv_case_clear(cs);
        for (int g = 0; g < k->ngiven; g++) cs->facts[k->given[g].fact] = k->given[g].v;
        char *first, *second;
        const char *why = agree_three_ways(c, cs, k->has_peildatum ? k->peildatum : 20513, &first, &second);
        if (why) {
            fprintf(stderr, "fuzz_rules: casus %d: %s; one way:\n%s\n", i + 1, why, first);
            broken(why, data, size, second);
        }
    }
    hv_case_free(cs);
    hv_ctx_free(c);
}

/* Every tag in the rule book's HTML is one the book writes itself: text from
 * the rule file (a name, a value's text, an omdat) is escaped, never markup. */
static void only_own_tags(const char *html, const char *data, size_t size)
{
    static const char *const own[] = {"!DOCTYPE", "a", "body", "code", "div", "h1", "h2", "h3", "h4", "head",
                                      "html", "li", "main", "meta", "nav", "ol", "p", "section", "span", "strong",
                                      "style", "table", "tbody", "td", "th", "thead", "title", "tr", "ul", NULL};
    for (const char *t = strchr(html, '<'); t; t = strchr(t + 1, '<')) {
        const char *n = t + 1 + (t[1] == '/');
        size_t len = strcspn(n, " >\n");
        int known = 0;
        for (int i = 0; own[i] && !known; i++) known = strlen(own[i]) == len && strncmp(own[i], n, len) == 0;
        if (!known) {
            fprintf(stderr, "fuzz_rules: the rule book has a tag it did not write: %.40s\n", t);
            broken("markup from the rule file in the rule book", data, size, html);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hv_srcset src;
    hv_diags d;
    hv_program *p = compile((const char *)data, size, &src, &d);
    hv_buf out;
    hv_buf_init(&out);
    hv_diag_render_all(&d, &out, 0);
    hv_buf_free(&out);
    char *laid = layout((const char *)data, size);
    if (p) {
        hv_test_report rep;
        if (hv_test_run(p, 20513, &rep) == 0) hv_test_report_free(&rep);
        same_three_ways(p, (const char *)data, size);
        hv_mem_free(hv_doc_markdown(p));
        char *html = hv_doc_html(p);
        if (html) only_own_tags(html, (const char *)data, size);
        hv_mem_free(html);
        if (!laid) broken("no layout for a rule file that compiles", (const char *)data, size, NULL);
        else {
            /* the same meaning, and a fixed point */
            hv_srcset src2;
            hv_diags d2;
            hv_program *q = compile(laid, strlen(laid), &src2, &d2);
            char a[65], b[65];
            hv_program_fingerprint(p, a);
            if (!q) broken("the laid-out text does not compile", (const char *)data, size, laid);
            hv_program_fingerprint(q, b);
            if (strcmp(a, b) != 0) broken("the laid-out text means something else", (const char *)data, size, laid);
            done(q, &src2, &d2);
            char *again = layout(laid, strlen(laid));
            if (!again || strcmp(again, laid) != 0) broken("laying out twice changes the text", laid, strlen(laid), again);
            hv_mem_free(again);
        }
    }
    hv_mem_free(laid);
    done(p, &src, &d);
    return 0;
}
