/* builtins.c — the table of built-in functions. Their type rules live in
 * engine/check.c and their evaluation in engine/eval.c. */
#include "builtins.h"

#include <string.h>

static const hv_builtin_info table[] = {
#define X(id, n, en, lo, hi, doc) {n, en, lo, hi, doc},
    HV_BUILTIN_LIST(X)
#undef X
};

int hv_std_lookup(const char *name)
{
    for (int i = 0; i < HV_NBUILTINS; i++)
        if (strcmp(name, table[i].name) == 0 || (table[i].alias && strcmp(name, table[i].alias) == 0))
            return i;
    return -1;
}

const hv_builtin_info *hv_std_info(int id) { return &table[id]; }

const hv_std_module *hv_std_module_find(const char *name)
{
    for (const hv_std_module *m = hv_std_modules; m->name; m++)
        if (strcmp(m->name, name) == 0) return m;
    return NULL;
}
