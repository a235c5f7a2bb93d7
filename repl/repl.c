/* repl.c — `houvast repl`: the interactive REPL on GNU readline.
 *
 * On a terminal: a prompt, colour (unless NO_COLOR), history in
 * ~/.houvast_history, tab completion from the rule set's names, Ctrl-C
 * abandons the line or the interview, Ctrl-D or `stop` leaves, long lines
 * wrap to the terminal width. Without a terminal: no prompts and no colour,
 * each command's output plainly on stdout, so that a script can be piped in.
 * Readline runs in its callback mode, so that Ctrl-C is a flag checked in the
 * loop rather than work done inside a signal handler.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cli.h"
#include "session.h"

static volatile sig_atomic_t got_sigint = 0, got_sigwinch = 0;
static hv_session *S;             /* the session, for the readline callbacks */
static int interactive, width = 80, failures;
static char history_path[4096];

static void on_sigint(int sig) { (void)sig; got_sigint = 1; }
static void on_sigwinch(int sig) { (void)sig; got_sigwinch = 1; }

/* ---- printing ------------------------------------------------------------------ */

static const char *RED = "\033[31m", *BOLD = "\033[1m", *GREEN = "\033[32m", *YELLOW = "\033[33m",
                  *OFF = "\033[0m";

/* Colour one line: the decision name at the start, and a few status words. */
static void put_colored(FILE *f, const char *line, size_t n)
{
    if (!S->color) { fwrite(line, 1, n, f); return; }
    const char *colon = memchr(line, ':', n);
    size_t head = 0;
    if (colon && line[0] != ' ' && S->prog) {
        char name[128];
        size_t k = (size_t)(colon - line);
        if (k < sizeof name) {
            memcpy(name, line, k);
            name[k] = 0;
            if (hv_names_find(S->prog, HV_NAME_DECISION, name) >= 0) {
                fprintf(f, "%s%.*s%s", BOLD, (int)k, line, OFF);
                head = k;
            }
        }
    }
    static const struct { const char *word; const char **color; } marks[] = {
        {"GESCHONDEN", &RED}, {"fout", &RED}, {"ok ", &GREEN}, {"onbepaald", &YELLOW},
        {"conflict", &YELLOW}, {"ter beoordeling", &YELLOW}, {"Let op:", &RED},
    };
    size_t i = head;
    while (i < n) {
        size_t best = n, blen = 0;
        const char *col = NULL;
        for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
            size_t wl = strlen(marks[m].word);
            for (size_t j = i; j + wl <= n; j++)
                if (memcmp(line + j, marks[m].word, wl) == 0) {
                    if (j < best) { best = j; blen = wl; col = *marks[m].color; }
                    break;
                }
        }
        fwrite(line + i, 1, best - i, f);
        if (best >= n) break;
        fprintf(f, "%s%.*s%s", col, (int)blen, line + best, OFF);
        i = best + blen;
    }
}

/* Print text, wrapping lines longer than the terminal at spaces, with the
 * continuation indented under the line's own indentation. */
static void print_wrapped(FILE *f, const char *text)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        if (!interactive || width < 20) {
            fwrite(text, 1, n, f);
        } else {
            size_t indent = 0;
            while (indent < n && text[indent] == ' ') indent++;
            if (indent + 2 < n && text[indent] == '-' && text[indent + 1] == ' ') indent += 2;
            size_t pos = 0, col = 0;
            int first = 1;
            while (pos < n) {
                size_t avail = (size_t)width - 1 - (first ? 0 : indent + 2);
                /* count characters, not bytes */
                size_t end = pos, chars = 0, cut = 0;
                while (end < n && chars < avail) {
                    if (((unsigned char)text[end] & 0xC0) != 0x80) chars++;
                    if (text[end] == ' ') cut = end;
                    end++;
                }
                while (end < n && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
                if (end < n && cut > pos) end = cut;
                if (!first) fprintf(f, "%*s", (int)(indent + 2), "");
                put_colored(f, text + pos, end - pos);
                pos = end;
                while (pos < n && text[pos] == ' ') pos++;
                if (pos < n) fputc('\n', f);
                first = 0;
                col = 0;
            }
            (void)col;
        }
        fputc('\n', f);
        if (!nl) break;
        text = nl + 1;
    }
}

static void flush_bufs(hv_buf *out, hv_buf *err)
{
    if (out->len) print_wrapped(stdout, out->data);
    fflush(stdout);
    if (err->len) {
        if (S->color) fputs(RED, stderr);
        fputs(err->data, stderr);
        if (S->color) fputs(OFF, stderr);
    }
    fflush(stderr);
    hv_buf_free(out);
    hv_buf_free(err);
}

/* ---- one line --------------------------------------------------------------------- */

static void show_question(void)
{
    char q[600];
    if (!hv_session_question(S, q, sizeof q)) return;
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    hv_buf_printf(&out, "? %s", q);
    flush_bufs(&out, &err);
}

static void handle_line(const char *line)
{
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    if (S->asking) {
        const char *t = line;
        while (*t == ' ' || *t == '\t') t++;
        if (*t == '#') return;      /* a comment in a script is not an answer */
        int was = S->question;
        if (hv_session_answer(S, line, &out, &err)) failures++;
        flush_bufs(&out, &err);
        if (S->asking && (S->question != was || err.len == 0)) show_question();
        else if (S->asking) show_question();
        return;
    }
    hv_cmdline c;
    char msg[512];
    if (hv_cmdline_parse(line, &c, msg, sizeof msg)) {
        hv_buf_printf(&err, "%s\n", msg);
        failures++;
    } else if (hv_session_exec(S, &c, &out, &err)) {
        failures++;
    }
    hv_cmdline_free(&c);
    flush_bufs(&out, &err);
    if (S->asking) show_question();
}

/* ---- completion --------------------------------------------------------------------- */

static char **cands;
static int ncands, capcands;

static void add_cand(void *ud, const char *name)
{
    (void)ud;
    if (!name) return;
    for (int i = 0; i < ncands; i++)
        if (strcmp(cands[i], name) == 0) return;
    if (ncands == capcands) {
        int cap = capcands ? capcands * 2 : 64;
        char **t = realloc(cands, (size_t)cap * sizeof *t);
        if (!t) return;
        cands = t;
        capcands = cap;
    }
    cands[ncands++] = strdup(name);
}

static void clear_cands(void)
{
    for (int i = 0; i < ncands; i++) free(cands[i]);
    ncands = 0;
}

static char *cand_generator(const char *text, int state)
{
    static int idx;
    static size_t len;
    if (!state) { idx = 0; len = strlen(text); }
    while (idx < ncands) {
        const char *c = cands[idx++];
        if (strncmp(c, text, len) == 0) return strdup(c);
    }
    return NULL;
}

static void add_commands(void)
{
    for (int i = 0; i < HV_RC_COUNT; i++) {
        const char *nl = hv_cmdline_name((hv_rcmd)i), *en = hv_cmdline_alias((hv_rcmd)i);
        /* "casus laad" completes as "casus", then "laad" */
        char w[64];
        if (*nl) { sscanf(nl, "%63s", w); add_cand(NULL, w); }
        if (*en) { sscanf(en, "%63s", w); add_cand(NULL, w); }
    }
}

static void add_kind(hv_namekind k)
{
    if (!S->prog) return;
    for (int i = 0; i < hv_names_count(S->prog, k); i++) add_cand(NULL, hv_names_get(S->prog, k, i));
}

/* The words of the line before the one being completed. */
static int words_before(int start, char words[][64], int max)
{
    int n = 0, i = 0;
    while (i < start && n < max) {
        while (i < start && (rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t')) i++;
        if (i >= start) break;
        int k = 0;
        if (rl_line_buffer[i] == '=' || rl_line_buffer[i] == ',') {
            words[n][0] = rl_line_buffer[i++];
            words[n++][1] = 0;
            continue;
        }
        while (i < start && rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t' && rl_line_buffer[i] != '=' &&
               rl_line_buffer[i] != ',') {
            if (k < 63) words[n][k++] = rl_line_buffer[i];
            i++;
        }
        words[n++][k] = 0;
    }
    return n;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    clear_cands();
    rl_attempted_completion_over = 1;
    if (S->asking) {
        const char *w[64];
        int n = S->question >= 0 ? hv_fact_words(S->prog, S->question, w, 64) : 0;
        for (int i = 0; i < n && i < 64; i++) add_cand(NULL, w[i]);
        return rl_completion_matches(text, cand_generator);
    }
    char words[16][64];
    int n = words_before(start, words, 16);
    if (n == 0) {
        add_commands();
        add_kind(HV_NAME_FACT);
        return rl_completion_matches(text, cand_generator);
    }
    /* after "FACT =": the members of its keuze, or ja/nee */
    if (words[n - 1][0] == '=' && n >= 2 && S->prog) {
        int f = hv_names_find(S->prog, HV_NAME_FACT, words[n - 2]);
        const char *w[256];
        int k = f >= 0 ? hv_fact_words(S->prog, f, w, 256) : 0;
        for (int i = 0; i < k && i < 256; i++) add_cand(NULL, w[i]);
        return rl_completion_matches(text, cand_generator);
    }
    hv_rcmd c = hv_cmdline_lookup(words[0]);
    if (strcmp(words[0], "casus") == 0 || strcmp(words[0], "case") == 0) {
        if (n == 1) {
            add_cand(NULL, strcmp(words[0], "casus") == 0 ? "laad" : "load");
            add_cand(NULL, strcmp(words[0], "casus") == 0 ? "bewaar" : "save");
            return rl_completion_matches(text, cand_generator);
        }
        rl_attempted_completion_over = 0;     /* file names */
        return NULL;
    }
    switch (c) {
    case HV_RC_LOAD:
        rl_attempted_completion_over = 0;
        return NULL;
    case HV_RC_DECIDE: case HV_RC_WHY:
        if (n == 1) add_kind(HV_NAME_DECISION);
        break;
    case HV_RC_WHYNOT:
        if (n == 1) add_kind(HV_NAME_DECISION);
        else if (n == 2 && S->prog) {
            /* the outcomes a decision can have: complete through a fact-like list */
            int d = hv_names_find(S->prog, HV_NAME_DECISION, words[1]);
            const char *w[256];
            int k = d >= 0 ? hv_decision_words(S->prog, d, w, 256) : 0;
            for (int i = 0; i < k && i < 256; i++) add_cand(NULL, w[i]);
            add_cand(NULL, "ter beoordeling");
        }
        break;
    case HV_RC_RULES:
        if (n == 1) add_kind(HV_NAME_VALUE);
        break;
    case HV_RC_FORGET: case HV_RC_WHATIF:
        add_kind(HV_NAME_FACT);
        break;
    case HV_RC_HELP:
        add_commands();
        break;
    case HV_RC_PEILDATUM:
        add_cand(NULL, "vandaag");
        break;
    default:
        hv_session_names(S, 0, add_cand, NULL);
        break;
    }
    return rl_completion_matches(text, cand_generator);
}

/* ---- the loop ------------------------------------------------------------------------- */

static const char *PROMPT = "houvast> ", *ANSWER = "antwoord> ";

static void on_rl_line(char *line)
{
    if (!line) {
        /* Ctrl-D: ends the interview, or the session */
        if (S->asking) {
            hv_buf out, err;
            hv_buf_init(&out);
            hv_buf_init(&err);
            fputc('\n', stdout);
            hv_session_stop_asking(S, &out);
            flush_bufs(&out, &err);
        } else {
            fputc('\n', stdout);
            S->quit = 1;
        }
    } else {
        const char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p && !S->asking) {
            add_history(line);
            if (history_path[0]) append_history(1, history_path);
        }
        handle_line(line);
        free(line);
    }
    rl_set_prompt(S->asking ? ANSWER : PROMPT);
}

static void update_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) width = ws.ws_col;
}

static void run_terminal(void)
{
    const char *home = getenv("HOME");
    const char *hp = getenv("HOUVAST_HISTORY");
    if (hp && *hp) snprintf(history_path, sizeof history_path, "%s", hp);
    else if (home && *home) snprintf(history_path, sizeof history_path, "%s/.houvast_history", home);
    using_history();
    stifle_history(1000);
    if (history_path[0]) {
        read_history(history_path);
        FILE *f = fopen(history_path, "a");   /* make sure it exists */
        if (f) fclose(f);
    }
    rl_readline_name = "houvast";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t=,";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &sa, NULL);
    update_width();
    printf("Houvast %s — typ 'help' voor de opdrachten, 'vraag' voor een vraaggesprek, Ctrl-D om te stoppen.\n",
           HV_VERSION);
    rl_callback_handler_install(PROMPT, on_rl_line);
    while (!S->quit) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream), &fds);
        int r = select(fileno(rl_instream) + 1, &fds, NULL, NULL, NULL);
        if (got_sigwinch) {
            got_sigwinch = 0;
            rl_resize_terminal();
            update_width();
        }
        if (got_sigint) {
            /* Ctrl-C: drop the line (and the interview), stay in the REPL */
            got_sigint = 0;
            hv_buf out, err;
            hv_buf_init(&out);
            hv_buf_init(&err);
            rl_free_line_state();
            rl_replace_line("", 0);
            rl_crlf();
            if (S->asking) hv_session_stop_asking(S, &out);
            flush_bufs(&out, &err);
            rl_set_prompt(PROMPT);
            rl_on_new_line();
            rl_redisplay();
            continue;
        }
        if (r < 0) {
            if (errno == EINTR) continue;
            break;
        }
        rl_callback_read_char();
    }
    rl_callback_handler_remove();
    clear_cands();
    free(cands);
}

static void run_script(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!S->quit && (n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        handle_line(line);
    }
    if (S->asking) {
        hv_buf out, err;
        hv_buf_init(&out);
        hv_buf_init(&err);
        hv_session_stop_asking(S, &out);
        flush_bufs(&out, &err);
    }
    free(line);
}

static void usage_repl(FILE *f)
{
    fprintf(f,
        "Usage: houvast repl [OPTIONS] [FILE...]\n"
        "\n"
        "Work a case in conversation: enter what is known (FEIT = WAARDE), decide\n"
        "(besluit), ask why and why not (waarom, waaromniet), try what-ifs\n"
        "(watals), and be asked only the questions that still matter (vraag).\n"
        "Type 'help' inside the REPL for every command; each has an English alias.\n"
        "\n"
        "On a terminal the REPL has a prompt, colour (unless NO_COLOR is set),\n"
        "tab completion and a history in ~/.houvast_history (HOUVAST_HISTORY\n"
        "overrides the path). Without a terminal it reads commands from standard\n"
        "input and prints each command's output plainly, so scripts can be piped in.\n"
        "\n"
        "Options:\n"
        "  -c, --case FILE         start with the case in FILE (.json)\n"
        "  -p, --peildatum DATE    the reference date (YYYY-MM-DD)\n"
        "      --db FILE           the audit database for 'bewaar' (default houvast.db)\n"
        "      --actor NAME        who stores and departs (default HOUVAST_ACTOR)\n"
        "      --key-file FILE     the key for subject pseudonyms (default\n"
        "                          HOUVAST_KEY_FILE, else houvast.key when it exists)\n"
        "  -h, --help              show this help\n"
        "\n"
        "Exit status: 0; without a terminal 1 when a command failed (the run goes\n"
        "on after a failed command); 2 on bad usage.\n");
}

int hv_cmd_repl(int argc, char **argv)
{
    static const struct option opts[] = {
        {"case", required_argument, 0, 'c'}, {"peildatum", required_argument, 0, 'p'},
        {"db", required_argument, 0, 'D'}, {"actor", required_argument, 0, 'A'},
        {"key-file", required_argument, 0, 'K'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *casefile = NULL, *peil = NULL, *db = "houvast.db", *actor = NULL, *keyfile = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:p:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': casefile = optarg; break;
        case 'p': peil = optarg; break;
        case 'D': db = optarg; break;
        case 'A': actor = optarg; break;
        case 'K': keyfile = optarg; break;
        case 'h': usage_repl(stdout); return HV_EXIT_OK;
        default: usage_repl(stderr); return HV_EXIT_USAGE;
        }
    }
    interactive = isatty(STDIN_FILENO);
    if (interactive) update_width();
    hv_session s;
    hv_session_init(&s, interactive && hv_cli_color(stdout));
    s.db_path = db;
    s.actor = hv_cli_actor(actor);
    s.key_path = hv_cli_key_path(keyfile);
    S = &s;
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    if (optind < argc && hv_session_load(&s, argv + optind, argc - optind, &out, &err)) failures++;
    flush_bufs(&out, &err);
    if (casefile) {
        char line[4200];
        snprintf(line, sizeof line, "casus laad \"%s\"", casefile);
        handle_line(line);
    }
    if (peil) {     /* after the case: --peildatum wins over the case's own */
        char line[128];
        snprintf(line, sizeof line, "peildatum %s", peil);
        handle_line(line);
    }
    if (interactive) run_terminal();
    else run_script();
    hv_session_free(&s);
    return !interactive && failures ? HV_EXIT_FAIL : HV_EXIT_OK;
}
