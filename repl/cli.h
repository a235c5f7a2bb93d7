/* cli.h — shared helpers of the command-line front end. */
#ifndef HV_CLI_H
#define HV_CLI_H

#include <stdio.h>
#include "houvast.h"

/* Exit statuses of every command. */
enum { HV_EXIT_OK = 0, HV_EXIT_FAIL = 1, HV_EXIT_USAGE = 2, HV_EXIT_BADCASE = 2, HV_EXIT_BADROWS = 3 };

int hv_cli_color(FILE *f);
void hv_cli_print_diags(const hv_diags *d);
int hv_cli_parse_date(const char *s, int32_t *day);
/* Compile and print the diagnostics; NULL on errors. */
hv_program *hv_cli_compile(char *const *files, int n, hv_srcset *src, hv_diags *d);

int hv_cmd_check(int argc, char **argv);
int hv_cmd_run(int argc, char **argv);
int hv_cmd_test(int argc, char **argv);
int hv_cmd_repl(int argc, char **argv);
int hv_cmd_audit(int argc, char **argv);
int hv_cmd_replay(int argc, char **argv);
int hv_cmd_fmt(int argc, char **argv);
int hv_cmd_doc(int argc, char **argv);

/* The audit store's settings: an option, else the environment, else the default. */
struct hv_store;
const char *hv_cli_key_path(const char *opt);   /* NULL: no key file */
const char *hv_cli_actor(const char *opt);      /* NULL: no actor */
struct hv_store *hv_cli_open_store(const char *db, const char *key, int create);

#endif
