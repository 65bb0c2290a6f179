/* Products: validation, rights (a price change needs ACT_PRICE_EDIT),
 * audited changes, keyset pages; and the tax classes they name. */
#ifndef COMPTOIR_PRODUCTS_H
#define COMPTOIR_PRODUCTS_H

#include <stdint.h>

#include "db/model/product.h"
#include "src/base/err.h"
#include "src/base/page.h"

struct app;

int product_validate(const struct product *p, struct err *e);
int product_create(struct app *app, struct product *p, struct err *e);
/* Refuses a change of list price or cost to anyone without ACT_PRICE_EDIT. */
int product_update(struct app *app, struct product *p, struct err *e);
int product_get(struct app *app, int64_t id, struct product *out, struct err *e);
int product_find_sku(struct app *app, const char *sku, struct product *out, struct err *e);
int product_page(struct app *app, const struct page_req *q, struct product *rows, int *count, struct err *e);
/* The keyset cursor of a product row for a sort (PRODUCT_SORT_*). */
void product_cursor(const struct product *p, int sort, struct page_cursor *c);

#endif
