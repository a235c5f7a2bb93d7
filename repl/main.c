/* main.c — the `houvast` command: parses arguments, calls the library,
 * prints. Subcommands: check, run, test (repl, replay, audit, doc and fmt
 * follow in later work). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "houvast.h"
#include "cli.h"

static const char *progname = "houvast";

int hv_cli_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc) return 0;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return 0;
    return isatty(fileno(f));
}

void hv_cli_print_diags(const hv_diags *d)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_diag_render_all(d, &b, hv_cli_color(stderr));
    if (b.data) fputs(b.data, stderr);
    hv_buf_free(&b);
}

int hv_cli_parse_date(const char *s, int32_t *day)
{
    if (strcmp(s, "vandaag") == 0 || strcmp(s, "today") == 0) { *day = hv_date_today(); return 0; }
    if (hv_date_parse(s, day)) {
        fprintf(stderr, "%s: '%s' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01\n", progname, s);
        return -1;
    }
    return 0;
}

hv_program *hv_cli_compile(char *const *files, int n, hv_srcset *src, hv_diags *d)
{
    hv_program *p = hv_compile_files((const char *const *)files, n, src, d);
    hv_cli_print_diags(d);
    return p;
}

static void usage_main(FILE *f)
{
    fprintf(f,
        "Usage: houvast COMMAND [OPTIONS] FILE...\n"
        "\n"
        "Houvast decides cases by the ranked values of a collegeprogramma and\n"
        "says which value decided, which were overruled and what is missing.\n"
        "\n"
        "Commands:\n"
        "  check FILE...                 check rule files; report every error\n"
        "  run FILE... --case CASE       decide a case and explain the outcome\n"
        "  test FILE...                  run the casus blocks of rule files\n"
        "  repl [FILE...]                work a case interactively (the consulent's REPL)\n"
        "  audit COMMAND                 the audit store: init, verify, list, show,\n"
        "                                export, consistency, override\n"
        "  replay ID | --all --rules F   replay stored decisions; impact of new rules\n"
        "  fmt FILE... [--check|--write] the canonical layout of rule files\n"
        "  doc FILE [--format md|html]   the rule book in plain Dutch, for the council\n"
        "\n"
        "Options:\n"
        "  -h, --help                    show this help (also: houvast COMMAND --help)\n"
        "  -V, --version                 show the version\n"
        "\n"
        "Exit status: 0 ok, 1 errors in rule files or failed tests,\n"
        "2 bad case input or bad usage.\n");
}

static int cmd_version(void)
{
    printf("houvast %s\n", HV_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    /* past a file size limit, a write fails with EFBIG (a clear error from
     * the audit store) instead of the process being killed */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage_main(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    char *hargv[] = {NULL, "--help", NULL};
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            hargv[0] = argv[2];
            argv = hargv;
            argc = 2;
            cmd = argv[0];
            goto dispatch;
        }
        usage_main(stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0)
        return cmd_version();
    argv++;
    argc--;
dispatch:
    if (strcmp(cmd, "check") == 0) return hv_cmd_check(argc, argv);
    if (strcmp(cmd, "run") == 0) return hv_cmd_run(argc, argv);
    if (strcmp(cmd, "test") == 0) return hv_cmd_test(argc, argv);
    if (strcmp(cmd, "repl") == 0) return hv_cmd_repl(argc, argv);
    if (strcmp(cmd, "audit") == 0) return hv_cmd_audit(argc, argv);
    if (strcmp(cmd, "replay") == 0) return hv_cmd_replay(argc, argv);
    if (strcmp(cmd, "fmt") == 0) return hv_cmd_fmt(argc, argv);
    if (strcmp(cmd, "doc") == 0) return hv_cmd_doc(argc, argv);
    fprintf(stderr, "%s: unknown command '%s'\n", progname, cmd);
    const char *cmds[] = {"check", "run", "test", "repl", "audit", "replay", "fmt", "doc", "help", "version"};
    const char *m = hv_did_you_mean(cmd, cmds, 10);
    if (m) fprintf(stderr, "  did you mean '%s'?\n", m);
    fprintf(stderr, "Run 'houvast --help' for the list of commands.\n");
    return 2;
}
