/* What the warehouse and the managers read of fulfilment: orders ready to
 * ship (express first, then by promise), open orders past their promise,
 * promises that slipped, deliveries against the first promise (the on-time
 * rate), an account's packing instructions; and `check`'s view of it.
 * Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_FULFILMENT_STORE_H
#define COMPTOIR_DB_FULFILMENT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/fulfilment.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* The warehouse's lists, keyset paged forward (q->cursor from
 * fulfilment_store_cursor of the last row): only the order's id, number and
 * the unit counts are filled (the core reads each order). */
enum fulfilment_list {
    FULFIL_TO_SHIP,  /* units allocated, not shipped: express first, then by promise */
    FULFIL_LATE,     /* open, past the promise (before today): the most overdue first */
    FULFIL_SLIPPING, /* open, promise moved later or past: by promise; owner_id: one rep's */
    FULFIL_OPEN      /* open orders of one account (q->owner_id), by promise */
};
int fulfilment_store_page(struct db *db, enum fulfilment_list list, const char *today,
                          const struct page_req *q, struct fulfilment_row *rows, int *count, struct err *e);
void fulfilment_store_cursor(enum fulfilment_list list, const struct fulfilment_row *r,
                             struct page_cursor *c);
/* How many orders FULFIL_SLIPPING lists (rep_id 0: everyone's). */
int fulfilment_store_count_slipping(struct db *db, const char *today, int64_t rep_id, int64_t *count,
                                    struct err *e);

/* Orders by what `order find` narrows them to, without text: a status and
 * a channel (-1 = any), the local days they were placed ("" = open), late
 * (open and past the promise on today, or delivered after the first
 * promise). */
struct order_where {
    int status, channel;
    char from[11], to[11], today[11];
    bool late;
};
/* The ids of at most max such orders, newest first, after q's cursor
 * (placed_at, id: order_cursor with ORDER_SORT_PLACED). */
int fulfilment_store_find(struct db *db, const struct order_where *w, const struct page_req *q, int64_t *ids,
                          int max, int *count, struct err *e);

/* Deliveries with a promise whose local day is within [from, to], per
 * account (consumers as account 0), by code: struct ontime_row rows (every
 * one) into out; account_id > 0: that account only; rep_id > 0: the orders
 * credited to that rep only. */
int fulfilment_store_ontime(struct db *db, const char *from, const char *to, int64_t account_id,
                            int64_t rep_id, struct rows *out, struct err *e);

int fulfilment_store_packing(struct db *db, int64_t account_id, struct account_packing *out, struct err *e);
int fulfilment_store_set_packing(struct db *db, const struct account_packing *p, struct err *e);

/* `check`: products whose stock on hand is not the sum of their moves;
 * lines whose shipped units are not their shipment lines' (orders from
 * since_order_id on but imported ones, which come with their units and no
 * shipment, and any order with a shipment); orders whose status
 * does not say what their units do; delivered orders with a shipment on its
 * way, shipped ones with none. One report line per problem. */
int fulfilment_store_check(struct db *db, int64_t since_order_id, struct strbuf *report, int *problems,
                           struct err *e);

/* The demo's history (issue 13's demo step, once, on a new demo database):
 * one shipment per demo order that shipped (its status history says when),
 * carrying every unit shipped, delivered when the history says so; the
 * order's delivery follows. */
int fulfilment_store_demo_history(struct db *db, struct err *e);
/* The numbers (char[33] rows) of the latest demo B2B orders in a status
 * with at least min_lines goods lines, at most limit, newest first. */
int fulfilment_store_demo_orders(struct db *db, const char *status, int min_lines, int limit,
                                 struct rows *out, struct err *e);

#endif
