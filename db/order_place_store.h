/* What placing an order writes besides the order and its lines (those are
 * order_store_insert's): the retry key look-up, discount shares, stock
 * reserved and credit used by conditional updates, payments, promises, the
 * timeline; and the reads of them for an order's screen. Only the core
 * (src/) includes this header. */
#ifndef COMPTOIR_DB_ORDER_PLACE_STORE_H
#define COMPTOIR_DB_ORDER_PLACE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/order.h"
#include "src/base/page.h"
#include "src/base/rows.h"

/* The number and cart fingerprint of the order placed with this retry key;
 * ERR_NOTFOUND when there is none. */
int order_place_store_find_key(struct db *db, const char *key, char number[33], char fingerprint[65],
                               struct err *e);
/* One discount share of a line (a->id is set). */
int order_place_store_adjustment(struct db *db, struct line_adjustment_row *a, struct err *e);
/* Reserves qty units of a product when at least qty are free, in one
 * conditional UPDATE; *reserved false (and nothing changed) when not, with
 * *free what is free now. */
int stock_store_reserve(struct db *db, int64_t product_id, int64_t qty, bool *reserved, int64_t *free,
                        struct err *e);
/* Reserves what is free of want units (0 to want) in one UPDATE: *taken. */
int stock_store_reserve_free(struct db *db, int64_t product_id, int64_t want, int64_t *taken, struct err *e);
/* Raises an account's open balance by amount in one UPDATE, within its
 * credit limit unless over_limit; *charged false (nothing changed) when the
 * limit stopped it. */
int account_store_charge(struct db *db, int64_t account_id, int64_t amount, bool over_limit, bool *charged,
                         struct err *e);
/* Records a payment (p->id is set). */
int payment_store_insert(struct db *db, struct payment *p, struct err *e);
/* An order's payments, oldest first (struct payment rows), into out (reset). */
int payment_store_list(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* An order's discount shares (struct line_adjustment_row rows), by line, into out (reset). */
int order_place_store_adjustments(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* A promise made (the order's promised and first promised dates follow). */
int order_promise_store_add(struct db *db, int64_t order_id, const char *date, const char *at,
                            int64_t user_id, const char *reason, struct err *e);
/* An entry of the timeline (t->id is set). */
int order_timeline_store_add(struct db *db, struct order_timeline_entry *t, struct err *e);
/* The whole story of an order, oldest first: its status moves (kind
 * "status", detail "placed → allocated" and the note), its timeline, its
 * payments (kind "payment" or "refund", detail "card REF") and promises
 * (kind "promise", detail the date and why when not at placing): every row
 * (q NULL) or a keyset window (cursor: at and id). */
int order_timeline_store_list(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                              struct err *e);
void order_timeline_store_cursor(const struct order_timeline_entry *t, struct page_cursor *c);
/* Orders inserted by an import or the demo (id >= from_id) settle as the
 * migration settled the orders from before: their lines' units follow the
 * status (allocated, shipped, cancelled; the stock they hold is reserved,
 * and raised when short), a payment (reference) for what they cost unless
 * cancelled, and their promise. */
int order_store_settle_history(struct db *db, int64_t from_id, const char *reference, struct err *e);

#endif
