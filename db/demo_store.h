/* What only the demo generator writes: dated histories, bulk mode.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_DEMO_STORE_H
#define COMPTOIR_DB_DEMO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/order.h"

/* Gives a freshly inserted demo order the rest of its past: records events
 * (their from, to and at are used) and moves the order to the last one's
 * status, so that a year of demo orders has dated histories. */
int demo_store_order_history(struct db *db, struct order *o, const struct order_event *events, int n,
                             int64_t user_id, struct err *e);
/* Back-dates when a demo customer or account became one (created_at and
 * updated_at), so that it is a customer "since" before its orders. */
enum demo_since { DEMO_SINCE_CUSTOMER, DEMO_SINCE_ACCOUNT };
int demo_store_since(struct db *db, enum demo_since kind, int64_t id, const char *at, struct err *e);
/* A bigger page cache while a large demo runs (on), the usual one after (off). */
int demo_store_bulk_mode(struct db *db, bool on, struct err *e);

#endif
