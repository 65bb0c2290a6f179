/* Counts and sums for the Home screen, each one aggregate query over an index.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_HOME_STORE_H
#define COMPTOIR_DB_HOME_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* rep_id limits orders to what that rep sees (B2C and their accounts'
 * orders); 0 = every order. */
struct sales_sum {
    int64_t b2b; /* sum of subtotals excluding tax, minor units */
    int64_t b2c;
    int64_t orders;
};

/* The owner's quotes in one of statuses (bits 1u << status; the core's open set). */
int home_store_count_quotes(struct db *db, int64_t owner_id, unsigned statuses, int64_t *out, struct err *e);
/* Pending quotes not owned by user_id that user_id has not yet decided on. */
int home_store_count_awaiting(struct db *db, int64_t user_id, int64_t *out, struct err *e);
/* Refunds waiting for a manager's decision (the Approvals screen's second list). */
int home_store_count_refunds_waiting(struct db *db, int64_t *out, struct err *e);
int home_store_count_orders_since(struct db *db, const char *since_utc, int64_t rep_id, int64_t *out,
                                  struct err *e);
int home_store_count_open_orders(struct db *db, int64_t rep_id, unsigned statuses, int64_t *out,
                                 struct err *e);
/* Sales placed in [from_utc, to_utc), cancelled orders left out. */
int home_store_sales_between(struct db *db, const char *from_utc, const char *to_utc, int64_t rep_id,
                             struct sales_sum *out, struct err *e);

#endif
