/* builtins.h — the built-in functions callable from rule expressions. */
#ifndef HV_BUILTINS_H
#define HV_BUILTINS_H

/* X(ID, name, english alias, min args, max args (-1 = any), description) */
#define HV_BUILTIN_LIST(X) \
    X(MIN,   "min",    NULL,    1, -1, "de kleinste van de waarden (getal, bedrag of datum)") \
    X(MAX,   "max",    NULL,    1, -1, "de grootste van de waarden (getal, bedrag of datum)") \
    X(ABS,   "abs",    NULL,    1,  1, "de absolute waarde van een getal of bedrag")          \
    X(KNOWN, "bekend", "known", 1,  1, "ja als de waarde bekend is, anders nee; nooit onbekend")

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

/* The builtin called `name` (Dutch or English), or -1. */
int hv_std_lookup(const char *name);
const hv_builtin_info *hv_std_info(int id);

#endif
