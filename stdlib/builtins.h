/* builtins.h — the built-in functions callable from rule expressions. */
#ifndef HV_BUILTINS_H
#define HV_BUILTINS_H

/* X(ID, name, english alias, min args, max args (-1 = any), description) */
#define HV_BUILTIN_LIST(X) \
    X(MIN,   "min",    NULL,    1, -1, "de kleinste van de waarden (getal, bedrag of datum)") \
    X(MAX,   "max",    NULL,    1, -1, "de grootste van de waarden (getal, bedrag of datum)") \
    X(ABS,   "abs",    NULL,    1,  1, "de absolute waarde van een getal of bedrag")          \
    X(KNOWN, "bekend", "known", 1,  1, "ja als de waarde bekend is, anders nee; nooit onbekend") \
    X(AGE,   "leeftijd", "age", 1, 2, "de leeftijd in hele jaren op de peildatum (of op de tweede datum)") \
    X(YEARS, "jaren_tussen", "years_between", 2, 2, "het aantal hele jaren van de eerste tot de tweede datum") \
    X(MONTHS, "maanden_tussen", "months_between", 2, 2, "het aantal hele maanden van de eerste tot de tweede datum") \
    X(DAYS,  "dagen_tussen", "days_between", 2, 2, "het aantal dagen van de eerste tot de tweede datum") \
    X(MSTART, "begin_maand", "start_of_month", 1, 1, "de eerste dag van de maand van een datum") \
    X(MEND,  "eind_maand", "end_of_month", 1, 1, "de laatste dag van de maand van een datum") \
    X(ROUND, "afronden", "round", 2, 2, "afronden op een veelvoud van de stap (half naar boven, van nul af)") \
    X(ROUNDDOWN, "afronden_omlaag", "round_down", 2, 2, "afronden naar beneden op een veelvoud van de stap") \
    X(ROUNDUP, "afronden_omhoog", "round_up", 2, 2, "afronden naar boven op een veelvoud van de stap")

typedef enum {
#define X(id, n, en, lo, hi, doc) HV_FN_##id,
    HV_BUILTIN_LIST(X)
#undef X
    HV_NBUILTINS
} hv_builtin;

typedef struct hv_builtin_info {
    const char *name, *alias;
    int min_args, max_args;
    const char *doc;
} hv_builtin_info;

/* The modules written in Houvast (the .hv files in stdlib/), built into the binary:
 * `gebruik stdlib.NAME`. The list ends with {NULL, NULL}. */
typedef struct hv_std_module {
    const char *name;
    const char *text;
} hv_std_module;
extern const hv_std_module hv_std_modules[];
const hv_std_module *hv_std_module_find(const char *name);

/* The builtin called `name` (Dutch or English), or -1. */
int hv_std_lookup(const char *name);
const hv_builtin_info *hv_std_info(int id);

#endif
