/* Products and the tax classes: insert, optimistic update, look-ups, keyset pages.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_PRODUCT_STORE_H
#define COMPTOIR_DB_PRODUCT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/product.h"
#include "src/base/page.h"
#include "src/base/rows.h"

int product_store_insert(struct db *db, struct product *p, struct err *e);
int product_store_update(struct db *db, struct product *p, struct err *e);
int product_store_get(struct db *db, int64_t id, struct product *out, struct err *e);
int product_store_find_sku(struct db *db, const char *sku, struct product *out, struct err *e);
int product_store_page(struct db *db, const struct page_req *q, struct product *rows, int *count,
                       struct err *e);
void product_store_cursor(const struct product *p, int sort, struct page_cursor *c);
int tax_store_get(struct db *db, const char *code, struct tax_class *out, struct err *e);
/* Every tax class, by code. */
int tax_store_list(struct db *db, struct rows *out, struct err *e);

#endif
