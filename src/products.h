/* Products: validation, rights (a price change needs ACT_PRICE_EDIT),
 * audited changes, keyset pages; and the tax classes they name. */
#ifndef COMPTOIR_PRODUCTS_H
#define COMPTOIR_PRODUCTS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/product.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

int product_validate(const struct product *p, struct err *e);
int product_create(struct app *app, struct product *p, struct err *e);
/* Refuses a change of list price or cost to anyone without ACT_PRICE_EDIT. */
int product_update(struct app *app, struct product *p, struct err *e);
int product_get(struct app *app, int64_t id, struct product *out, struct err *e);
int product_find_sku(struct app *app, const char *sku, struct product *out, struct err *e);
int product_page(struct app *app, const struct page_req *q, struct product *rows, int *count, struct err *e);
/* What a picker offers for typed text — a SKU, a name or a category, whole
 * or in part, by the search rules every list and the order search use
 * (db/search.h): the product whose SKU is the text (in any case) first,
 * then the others by name; only active ones when active_only (what can be
 * sold). At most max rows (struct product) in out; out->more is set when
 * more match (not counted). A list's filter is product_page with
 * q->filter: the same rules, page by page. */
int product_find(struct app *app, const char *text, bool active_only, int max, struct rows *out,
                 struct err *e);
/* The keyset cursor of a product row for a sort (PRODUCT_SORT_*). */
void product_cursor(const struct product *p, int sort, struct page_cursor *c);

#endif
