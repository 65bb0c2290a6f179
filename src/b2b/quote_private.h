/* Internals shared by quote.c and quote_view.c: loading a quote by id (no
 * rights check), its lines, and recomputing its totals and approvals. Only src/b2b/
 * includes this header. */
#ifndef COMPTOIR_B2B_QUOTE_PRIVATE_H
#define COMPTOIR_B2B_QUOTE_PRIVATE_H

#include "src/b2b/quotes.h"

int quote_view_load_id(struct app *app, int64_t id, struct quote_view **out, struct err *e);
int quote_view_evaluate(struct app *app, struct quote_view *v, struct err *e);
/* (Re)reads every line of v's revision into v->lines, unpriced. */
int quote_view_load_lines(struct app *app, struct quote_view *v, struct err *e);

#endif
