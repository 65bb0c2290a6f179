/* Pricing data: price lists and items, contract prices, volume tiers, floors,
 * and the loading of everything that prices one account's lines.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_PRICING_STORE_H
#define COMPTOIR_DB_PRICING_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/pricing.h"
#include "src/base/page.h"
#include "src/base/rows.h"

/* Loads the inputs for account_id and the given products on date (YYYY-MM-DD). */
int pricing_store_load(struct db *db, int64_t account_id, const int64_t *product_ids, int n, const char *date,
                       struct pricing_inputs *out, struct err *e);
int price_list_store_insert(struct db *db, struct price_list *pl, struct err *e);
int price_list_store_update(struct db *db, struct price_list *pl, struct err *e);
int price_list_store_find_code(struct db *db, const char *code, struct price_list *out, struct err *e);
/* Every price list, by code. */
int price_list_store_list(struct db *db, struct rows *out, struct err *e);
/* Sets (or replaces) the price of a product in a list. */
int price_list_store_set_item(struct db *db, int64_t price_list_id, int64_t product_id, int64_t price,
                              struct err *e);
/* Ties an account to a price list (0 = untie: the tier decides again). */
int price_list_store_assign(struct db *db, int64_t account_id, int64_t price_list_id, struct err *e);
int price_list_store_for_account(struct db *db, int64_t account_id, struct price_list *out, bool *from_tier,
                                 struct err *e);
int contract_price_store_insert(struct db *db, struct contract_price *c, struct err *e);
/* An account's contract prices by SKU then start: every one (q NULL) or a keyset window. */
int contract_price_store_list(struct db *db, int64_t account_id, const struct page_req *q, struct rows *out,
                              struct err *e);
void contract_price_store_cursor(const struct contract_price *c, struct page_cursor *cur);
int volume_tier_store_insert(struct db *db, struct volume_tier *t, struct err *e);
int price_floor_store_insert(struct db *db, struct price_floor *f, struct err *e);
/* Export pages, in an order that does not depend on ids where the rows name
 * other records (a round trip into another database keeps it): a list's
 * items by SKU, account links by account code; the others by id, which
 * follows the order of the file they were imported from. */
int price_list_item_store_page(struct db *db, int64_t price_list_id, const char *after_sku,
                               struct price_list_item *rows, int max, int *count, struct err *e);
int contract_price_store_page(struct db *db, int64_t after_id, struct contract_price *rows, int max,
                              int *count, struct err *e);
int volume_tier_store_page(struct db *db, int64_t after_id, struct volume_tier *rows, int max, int *count,
                           struct err *e);
int price_floor_store_page(struct db *db, int64_t after_id, struct price_floor *rows, int max, int *count,
                           struct err *e);
int account_price_list_store_page(struct db *db, const char *after_code, struct account_price_list *rows,
                                  int max, int *count, struct err *e);
/* Upserts: a floor per product or per category replaces the one before. */
int price_floor_store_set(struct db *db, struct price_floor *f, struct err *e);

#endif
