/* Stock on hand and what moves it: each change of a product's stock is a
 * move (receive, ship, adjust …) written before the product, in the same
 * transaction; reservations rise and fall by conditional updates. The
 * lines waiting for stock, oldest promise first, and back-orders by product.
 * Only the core (src/) includes this header. (Placing's reservations are
 * order_place_store.h's stock_store_reserve*.) */
#ifndef COMPTOIR_DB_STOCK_STORE_H
#define COMPTOIR_DB_STOCK_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/fulfilment.h"
#include "src/base/page.h"
#include "src/base/rows.h"

/* Records a move (m->id is set); the product's stock_moved follows (trigger). */
int stock_store_add_move(struct db *db, struct stock_move *m, struct err *e);
/* Stock on hand rises by qty (a receipt, a restock): the move is written first. */
int stock_store_raise(struct db *db, int64_t product_id, int64_t qty, struct err *e);
/* Stock on hand changes by delta (±) when it stays at or above what is
 * reserved and at or above 0: *done false (nothing changed) when not. */
int stock_store_adjust(struct db *db, int64_t product_id, int64_t delta, bool *done, struct err *e);
/* qty units leave: on hand and reserved both fall, when qty are reserved (*done). */
int stock_store_ship(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e);
/* A reservation given back: reserved falls by qty when qty are reserved (*done). */
int stock_store_release(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e);
/* Reserves qty more when they are free (on hand − reserved >= qty): *done. */
int stock_store_take(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e);
/* On hand − reserved. */
int stock_store_free(struct db *db, int64_t product_id, int64_t *free, struct err *e);

/* The lines of open orders waiting for a product, oldest promise first
 * (then the oldest order, then line): struct waiting_line rows, into out. */
int stock_store_waiting(struct db *db, int64_t product_id, struct rows *out, struct err *e);
/* Allocates qty of a line's waiting units, when it still waits for as many (*done). */
int stock_store_allocate_line(struct db *db, int64_t line_id, int64_t qty, bool *done, struct err *e);
/* Units still waiting on an order's lines. */
int stock_store_order_waiting(struct db *db, int64_t order_id, int64_t *waiting, struct err *e);

/* Back-orders by product (struct backorder_row), by SKU: every row (q NULL)
 * or a keyset window of q (cursor: the SKU), rows + more; q->filter keeps
 * the SKUs and names that hold it (case ignored, ASCII). */
int stock_store_backorders(struct db *db, const struct page_req *q, struct rows *out, struct err *e);
void stock_store_backorder_cursor(const struct backorder_row *r, struct page_cursor *c);
/* A product's moves, newest first (struct stock_move rows): every row or a window. */
int stock_store_moves(struct db *db, int64_t product_id, const struct page_req *q, struct rows *out,
                      struct err *e);

#endif
