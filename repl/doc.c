/* doc.c — houvast doc: the rule book of a rule set, in plain Dutch, as
 * Markdown or as one self-contained HTML file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "doc.h"

static void usage_doc(FILE *f)
{
    fprintf(f,
        "Usage: houvast doc [OPTIONS] FILE\n"
        "\n"
        "Write the rule book (regelboek) of a rule file: the rule set in plain\n"
        "Dutch for the council and for the Algoritmeregister. Conditions,\n"
        "amounts and dates are spelled out in words, not shown as code.\n"
        "\n"
        "The book has these sections:\n"
        "  title and introduction   the regelset name and version; what it decides\n"
        "  Hoe de regels werken     how a ranking of values decides, in short\n"
        "  Waarden in rangorde      the values from high to low (equal ranks share\n"
        "                           a number), each with its text and bron, and\n"
        "                           under it its rules: \"Als ... dan wordt ...\",\n"
        "                           exceptions, the omdat text and the bron\n"
        "  Besluiten                each decision: its outcomes, its standaard and\n"
        "                           the rules that decide it\n"
        "  Begrippen                each definitie in words\n"
        "  Gegevens                 each fact: its kind, vraag and bron\n"
        "  Waarborgen               each safeguard and its condition in words\n"
        "  Geldigheid               the validity of the rule set\n"
        "  Algoritmeregister        naam, doel, bron and wettelijke basis,\n"
        "                           menselijke tussenkomst per decision (conflict\n"
        "                           between equal values, ter beoordeling,\n"
        "                           onbepaald), the values, the facts and the\n"
        "                           SHA-256 of the rule file\n"
        "\n"
        "The HTML is one file with inline CSS (readable on screen and on paper)\n"
        "and a table of contents; it loads nothing from elsewhere.\n"
        "\n"
        "Options:\n"
        "  -f, --format md|html    the format (default md; with --out FILE.html\n"
        "                          and no --format: html)\n"
        "  -o, --out FILE          write the book to FILE instead of standard output\n"
        "                          (- is standard output)\n"
        "  -h, --help              show this help\n"
        "\n"
        "Examples:\n"
        "  houvast doc examples/maatwerk_werk_inkomen.hv\n"
        "  houvast doc examples/bijzondere_bijstand.hv --format html --out regelboek.html\n"
        "\n"
        "Exit status: 0 ok, 1 errors in the rule file (reported as by\n"
        "'houvast check') or the book could not be written, 2 bad usage.\n");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Would writing to `out` overwrite the rule file itself? */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) || stat(b, &sb)) return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int hv_cmd_doc(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"out", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    const char *format = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': out = optarg; break;
        case 'h': usage_doc(stdout); return HV_EXIT_OK;
        default: usage_doc(stderr); return HV_EXIT_USAGE;
        }
    }
    int html;
    if (!format) {
        html = out && (ends_with(out, ".html") || ends_with(out, ".htm"));
    } else if (strcmp(format, "md") == 0 || strcmp(format, "markdown") == 0) {
        html = 0;
    } else if (strcmp(format, "html") == 0) {
        html = 1;
    } else {
        fprintf(stderr, "houvast doc: unknown format '%s'; use md or html\n", format);
        return HV_EXIT_USAGE;
    }
    if (optind >= argc) {
        fprintf(stderr, "houvast doc: no rule file given\n");
        usage_doc(stderr);
        return HV_EXIT_USAGE;
    }
    if (argc - optind > 1) {
        fprintf(stderr, "houvast doc: one rule file at a time; '%s' is one too many\n", argv[optind + 1]);
        return HV_EXIT_USAGE;
    }
    if (out && strcmp(out, "-") == 0) out = NULL;
    if (out && same_file(out, argv[optind])) {
        fprintf(stderr, "houvast doc: --out %s is the rule file itself; choose another file\n", out);
        return HV_EXIT_USAGE;
    }

    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_cli_compile(argv + optind, 1, &src, &d);
    hv_diags_free(&d);
    if (!p) {
        hv_src_free(&src);
        return HV_EXIT_FAIL;
    }
    char *text = html ? hv_doc_html(p) : hv_doc_markdown(p);
    hv_program_free(p);
    hv_src_free(&src);
    if (!text) {
        fprintf(stderr, "houvast doc: out of memory\n");
        return HV_EXIT_FAIL;
    }

    int rc = HV_EXIT_OK;
    size_t len = strlen(text);
    if (!out) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
            fprintf(stderr, "houvast doc: cannot write to standard output: %s\n", strerror(errno));
            rc = HV_EXIT_FAIL;
        }
    } else {
        FILE *f = fopen(out, "w");
        if (!f) {
            fprintf(stderr, "houvast doc: cannot write %s: %s\n", out, strerror(errno));
            rc = HV_EXIT_FAIL;
        } else {
            int bad = fwrite(text, 1, len, f) != len;
            int err = errno;
            if (fclose(f)) { bad = 1; err = errno; }
            if (bad) {
                fprintf(stderr, "houvast doc: cannot write %s: %s\n", out, strerror(err));
                rc = HV_EXIT_FAIL;
            }
        }
    }
    hv_mem_free(text);
    return rc;
}
