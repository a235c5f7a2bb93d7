/* doc.h — the rule book: a rule set written out in plain Dutch for the
 * council and for the Algoritmeregister.
 *
 * The book has: a title and introduction (what the rule set decides), the
 * values in rank order with their rules spelled out in words ("Als ... dan
 * wordt ..."), the decisions with their outcomes and standaard, the
 * definitions (Begrippen), the facts (Gegevens), the safeguards (Waarborgen),
 * the validity (Geldigheid) and the fields for the Algoritmeregister.
 * Conditions and amounts are translated from the compiled expressions into
 * words, never shown as code.
 *
 * Both functions return a string the caller frees (hv_mem_free or free),
 * or NULL when memory ran out. The library never prints.
 */
#ifndef HV_DOC_H
#define HV_DOC_H

#include "houvast.h"

/* The rule book as Markdown: headings, paragraphs, lists, tables. */
char *hv_doc_markdown(const hv_program *p);

/* The rule book as one self-contained HTML file: inline CSS (readable on
 * screen and in print), a table of contents with anchors, no external
 * resources; every text from the rule file is HTML-escaped. */
char *hv_doc_html(const hv_program *p);

#endif
