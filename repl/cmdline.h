/* cmdline.h — the commands of the REPL and how a typed line is parsed.
 * Every command has a Dutch name and an English alias. */
#ifndef HV_CMDLINE_H
#define HV_CMDLINE_H

#include <stddef.h>

/* X(ID, dutch, english, usage, help) */
#define HV_REPL_COMMANDS(X) \
    X(LOAD,      "laad",         "load",      "laad BESTAND...",           "laad regelbestanden; met fouten blijven de vorige regels en de casus staan") \
    X(RELOAD,    "herlaad",      "reload",    "herlaad",                   "laad dezelfde regelbestanden opnieuw, de casus blijft") \
    X(SET,       NULL,           NULL,        "FEIT = WAARDE [, FEIT = WAARDE]...", "geef feiten een waarde; een verkeerde waarde verandert niets") \
    X(FORGET,    "vergeet",      "forget",    "vergeet FEIT...",           "maak feiten weer onbekend") \
    X(FACTS,     "feiten",       "facts",     "feiten",                    "toon de bekende en de onbekende feiten") \
    X(NEW,       "nieuw",        "new",       "nieuw",                     "begin een lege casus") \
    X(CASE_LOAD, "casus laad",   "case load", "casus laad BESTAND.json",   "lees een casus uit een JSON-bestand") \
    X(CASE_SAVE, "casus bewaar", "case save", "casus bewaar BESTAND.json", "schrijf de casus naar een JSON-bestand") \
    X(PEILDATUM, "peildatum",    "date",      "peildatum [JJJJ-MM-DD|vandaag]", "toon of zet de peildatum") \
    X(DECIDE,    "besluit",      "decide",    "besluit [NAAM]",            "neem de besluiten: uitkomst, beslissende waarde, regel en uitleg") \
    X(WHY,       "waarom",       "why",       "waarom [NAAM]",             "waarom deze uitkomst: de regel, wat die las, wat werd overstemd") \
    X(WHYNOT,    "waaromniet",   "whynot",    "waaromniet NAAM UITKOMST",  "waarom niet die uitkomst: per regel die haar kan geven de reden") \
    X(WHATIF,    "watals",       "whatif",    "watals FEIT = WAARDE [, ...]", "wat verandert er als ...; de casus zelf blijft zoals hij is") \
    X(ASK,       "vraag",        "ask",       "vraag",                     "stel alleen de vragen die een open besluit nog kunnen beslissen") \
    X(VALUES,    "waarden",      "values",    "waarden",                   "de waarden in rangorde, met tekst en bron") \
    X(RULES,     "regels",       "rules",     "regels [WAARDE]",           "de regels, per waarde in rangorde") \
    X(SHOW,      "toon",         "show",      "toon NAAM",                 "de brontekst van een regel, feit, definitie, besluit, waarde of waarborg, met bestand:regel") \
    X(SAVE,      "bewaar",       "save",      "bewaar",                    "bewaar het besluit in het auditlog (met actor, regelset en uitleg)") \
    X(OVERRIDE,  "afwijken",     "override",  "afwijken BESLUIT = UITKOMST volgens WAARDE omdat \"MOTIVERING\"", "wijk als persoon af van de uitkomst (maatwerk); bewaard naast de uitkomst van de engine") \
    X(HELP,      "help",         "help",      "help [OPDRACHT]",           "deze hulp, of de hulp bij een opdracht") \
    X(QUIT,      "stop",         "quit",      "stop",                      "verlaat de REPL (ook: Ctrl-D)")

typedef enum {
#define X(id, nl, en, usage, help) HV_RC_##id,
    HV_REPL_COMMANDS(X)
#undef X
    HV_RC_NONE,            /* an empty line */
    HV_RC_COUNT = HV_RC_NONE
} hv_rcmd;

typedef struct hv_assignment {
    char *fact;
    char *value;           /* as typed, quotes removed */
} hv_assignment;

typedef struct hv_cmdline {
    hv_rcmd cmd;
    int nargs;
    char **args;           /* words after the command */
    char *rest;            /* the text after the command, trimmed */
    int nassign;
    hv_assignment *assign; /* for SET and WHATIF */
} hv_cmdline;

const char *hv_cmdline_name(hv_rcmd c);     /* Dutch name ("casus laad") */
const char *hv_cmdline_alias(hv_rcmd c);    /* English alias */
const char *hv_cmdline_usage(hv_rcmd c);
const char *hv_cmdline_help(hv_rcmd c);
/* The command a word names (Dutch or English, also "?"), or HV_RC_NONE. */
hv_rcmd hv_cmdline_lookup(const char *word);

/* Parse one typed line. 0 ok (cmd HV_RC_NONE for an empty line); -1 with a
 * message in err. Free with hv_cmdline_free. */
int hv_cmdline_parse(const char *line, hv_cmdline *out, char *err, size_t errlen);

/* A longer line is refused whole (a value typed in has room enough). */
#define HV_REPL_MAX_LINE 65536

/* An override: NAAM = UITKOMST volgens WAARDE omdat "MOTIVERING" (English:
 * NAME = OUTCOME per VALUE because "MOTIVATION"). The parts are the caller's
 * to free with hv_mem_free. 0 ok; -1 with a message in err. */
typedef struct hv_override_args {
    char *decision, *outcome, *value, *motivation;
} hv_override_args;
int hv_cmdline_parse_override(const char *text, hv_override_args *o, char *err, size_t errlen);
void hv_override_args_free(hv_override_args *o);
void hv_cmdline_free(hv_cmdline *c);

#endif
