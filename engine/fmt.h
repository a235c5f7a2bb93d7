/* fmt.h — the canonical layout of a rule file (houvast fmt). */
#ifndef HV_FMT_H
#define HV_FMT_H

#include "diag.h"

/* File `file` of src in the canonical layout, comments kept. NULL when the
 * file does not scan (the errors are in d) or memory runs out. Caller frees. */
char *hv_fmt_source(hv_srcset *src, int file, hv_diags *d);

#endif
