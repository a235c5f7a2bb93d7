/* keywords.h — every keyword with its English alias, in one X-macro list.
 * X(TOKEN, dutch, english). Multi-word keywords (uitzondering op, ter
 * beoordeling, niet in, as of) are recognised in lexer.l and listed here for
 * messages and completion. */
#ifndef HV_KEYWORDS_H
#define HV_KEYWORDS_H

#define HV_KEYWORD_LIST(X) \
    X(REGELSET,    "regelset",    "ruleset")     \
    X(VERSIE,      "versie",      "version")     \
    X(WAARDE,      "waarde",      "value")       \
    X(BRON,        "bron",        "source")      \
    X(RANGORDE,    "rangorde",    "ranking")     \
    X(FEIT,        "feit",        "fact")        \
    X(VRAAG,       "vraag",       "question")    \
    X(DEFINITIE,   "definitie",   "define")      \
    X(BESLUIT,     "besluit",     "decision")    \
    X(STANDAARD,   "standaard",   "default")     \
    X(OMDAT,       "omdat",       "because")     \
    X(REGEL,       "regel",       "rule")        \
    X(VOLGENS,     "volgens",     "per")         \
    X(ALS,         "als",         "when")        \
    X(DAN,         "dan",         "then")        \
    X(WAARBORG,    "waarborg",    "safeguard")   \
    X(CASUS,       "casus",       "case")        \
    X(GEGEVEN,     "gegeven",     "given")       \
    X(VERWACHT,    "verwacht",    "expect")      \
    X(GESCHONDEN,  "geschonden",  "violated")    \
    X(PEILDATUM,   "peildatum",   NULL)          \
    X(EN,          "en",          "and")         \
    X(OF,          "of",          "or")          \
    X(NIET,        "niet",        "not")         \
    X(IN,          "in",          NULL)          \
    X(JA,          "ja",          "yes")         \
    X(NEE,         "nee",         "no")          \
    X(T_GETAL,     "getal",       "number")      \
    X(T_BEDRAG,    "bedrag",      "money")       \
    X(T_JANEE,     "janee",       "boolean")     \
    X(T_DATUM,     "datum",       "date")        \
    X(T_TEKST,     "tekst",       "text")        \
    X(T_KEUZE,     "keuze",       "choice")      \
    X(PARAMETER,   "parameter",   NULL)          \
    X(VANAF,       "vanaf",       "from")        \
    X(TOT,         "tot",         "until")       \
    X(GELDIG,      "geldig",      "valid")       \
    X(GEBRUIK,     "gebruik",     "use")

/* Multi-word keywords: first word, second word, token. */
#define HV_KEYWORD2_LIST(X) \
    X(UITZONDERING_OP, "uitzondering", "op")        \
    X(UITZONDERING_OP, "exception",    "to")        \
    X(TER_BEOORDELING, "ter",          "beoordeling") \
    X(TER_BEOORDELING, "for",          "judgement") \
    X(NIET_IN,         "niet",         "in")        \
    X(NIET_IN,         "not",          "in")        \
    X(PEILDATUM,       "as",           "of")

#endif
