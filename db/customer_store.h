/* Customers: insert, optimistic update, look-ups, keyset pages.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_CUSTOMER_STORE_H
#define COMPTOIR_DB_CUSTOMER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/customer.h"
#include "src/base/page.h"

int customer_store_insert(struct db *db, struct customer *c, struct err *e);
/* A bulk write (an import, the demo): on, the customers' points brought in
 * wait to become their opening rows of the ledger until
 * customer_store_openings_flush, in the same transaction. Written one by one
 * between the customers, each ledger row (its statement has triggers) made
 * SQLite save the search index's pending entries as a new segment: an import
 * of a million customers with points took 56 s instead of 14. */
void customer_store_defer_openings(struct db *db, bool on);
int customer_store_openings_flush(struct db *db, struct err *e);
int customer_store_update(struct db *db, struct customer *c, struct err *e);
int customer_store_get(struct db *db, int64_t id, struct customer *out, struct err *e);
int customer_store_find_email(struct db *db, const char *email, struct customer *out, struct err *e);
int customer_store_page(struct db *db, const struct page_req *q, struct customer *rows, int *count,
                        struct err *e);
void customer_store_cursor(const struct customer *c, int sort, struct page_cursor *cur);

#endif
