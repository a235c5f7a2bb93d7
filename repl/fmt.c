/* fmt.c — `houvast fmt FILE... [--check|--write]`. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fmt.h"

static void usage_fmt(FILE *f)
{
    fprintf(f,
        "Usage: houvast fmt [--check | --write] FILE...\n"
        "\n"
        "Print rule files in the one canonical layout: declarations at the left\n"
        "margin, their clauses (bron, vraag, standaard, uitzondering op, als,\n"
        "dan, omdat, gegeven, verwacht, vanaf) on lines of their own, indented\n"
        "by four spaces, single spaces between words, comments kept where they\n"
        "are. Formatting a formatted file changes nothing, and the formatted file\n"
        "compiles to the same program (this is checked before anything is written).\n"
        "\n"
        "Options:\n"
        "  --check        print nothing; exit 1 when a file is not in the layout\n"
        "  --write        rewrite the files in place\n"
        "  -h, --help     show this help\n"
        "\n"
        "Exit status: 0 ok, 1 a file has errors or (with --check) would change,\n"
        "2 bad usage.\n");
}

/* Compile a text and give its fingerprint; -1 when it does not compile. */
static int fingerprint(const char *name, const char *text, size_t len, char out[65], int show)
{
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_compile_text(name, text, len, &src, &d);
    if (!p && show) hv_cli_print_diags(&d);
    if (p) hv_program_fingerprint(p, out);
    hv_program_free(p);
    hv_diags_free(&d);
    hv_src_free(&src);
    return p ? 0 : -1;
}

int hv_cmd_fmt(int argc, char **argv)
{
    static const struct option opts[] = {
        {"check", no_argument, 0, 'c'}, {"write", no_argument, 0, 'w'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int check = 0, write = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': check = 1; break;
        case 'w': write = 1; break;
        case 'h': usage_fmt(stdout); return HV_EXIT_OK;
        default: usage_fmt(stderr); return HV_EXIT_USAGE;
        }
    }
    if (optind >= argc || (check && write)) { usage_fmt(stderr); return HV_EXIT_USAGE; }
    int rc = HV_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        size_t len;
        char *text = hv_read_file(path, HV_MAX_FILE_BYTES, &len);
        if (!text) {
            if (errno == EFBIG)
                fprintf(stderr, "%s: more than %ld bytes; a rule file may have at most that\n", path,
                        (long)HV_MAX_FILE_BYTES);
            else perror(path);
            rc = HV_EXIT_FAIL;
            continue;
        }
        char before[65], after[65];
        /* only a file that compiles is formatted: then the result can be checked */
        if (fingerprint(path, text, len, before, 1)) {
            fprintf(stderr, "%s: not formatted: the file has errors\n", path);
            hv_mem_free(text);
            rc = HV_EXIT_FAIL;
            continue;
        }
        hv_srcset src = {0};
        hv_diags d;
        hv_diags_init(&d, &src);
        hv_src_add(&src, path, text, len);
        char *out = hv_fmt_source(&src, 0, &d);
        hv_cli_print_diags(&d);
        hv_diags_free(&d);
        hv_src_free(&src);
        if (!out || fingerprint(path, out, strlen(out), after, 1) || strcmp(before, after) != 0) {
            fprintf(stderr, "%s: not formatted: the layout would change the program (a bug in houvast fmt)\n", path);
            hv_mem_free(out);
            hv_mem_free(text);
            rc = HV_EXIT_FAIL;
            continue;
        }
        int same = strlen(out) == len && memcmp(out, text, len) == 0;
        if (check) {
            if (!same) { printf("%s: not in the canonical layout\n", path); rc = HV_EXIT_FAIL; }
        } else if (write) {
            if (!same) {
                size_t n = strlen(path) + 16;
                char *tmp = malloc(n);
                snprintf(tmp, n, "%s.fmt%ld", path, (long)getpid());
                FILE *f = fopen(tmp, "w");
                int ok = f && fputs(out, f) >= 0;
                if (f && fclose(f) != 0) ok = 0;
                if (ok && rename(tmp, path) != 0) ok = 0;
                if (!ok) { perror(path); unlink(tmp); rc = HV_EXIT_FAIL; }
                free(tmp);
            }
        } else {
            fputs(out, stdout);
        }
        hv_mem_free(out);
        hv_mem_free(text);
    }
    return rc;
}
