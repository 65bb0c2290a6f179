/* Shipments and what they change on an order: each shipment with its
 * lines, the units of a line moved by conditional updates (allocated →
 * shipped, allocated and waiting → cancelled, credited), deliveries, the
 * refunded total. Every limit is one conditional UPDATE whose row count
 * says whether it held (*done). Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_SHIPMENT_STORE_H
#define COMPTOIR_DB_SHIPMENT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/fulfilment.h"
#include "src/base/rows.h"

/* The next shipment number of an order (1 for its first). */
int shipment_store_next_seq(struct db *db, int64_t order_id, int *seq, struct err *e);
/* Records a shipment (s->id is set). */
int shipment_store_insert(struct db *db, struct shipment *s, struct err *e);
/* One line of a shipment. */
int shipment_store_add_line(struct db *db, int64_t shipment_id, int64_t order_line_id, int64_t quantity,
                            struct err *e);
/* An order's shipments by number (struct shipment rows, with the units of each), into out (reset). */
int shipment_store_list(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* A shipment's lines by line number (struct shipment_line rows), into out (reset). */
int shipment_store_lines(struct db *db, int64_t shipment_id, struct rows *out, struct err *e);
/* Records the delivery of a shipment still on its way: *done false when it was delivered already. */
int shipment_store_deliver(struct db *db, int64_t shipment_id, const char *at, const char *day,
                           int64_t user_id, bool *done, struct err *e);
/* The order's delivery: its last shipment's moment and local day. */
int shipment_store_order_delivered(struct db *db, int64_t order_id, struct err *e);

/* Ships qty allocated units of a line: allocated → shipped, when at least
 * qty are still allocated (*done false, nothing changed, when not). */
int order_line_store_ship(struct db *db, int64_t line_id, int64_t qty, bool *done, struct err *e);
/* Cancels what a line still holds: its allocated and waiting units, when
 * they are still exactly allocated and waiting (*done false otherwise). */
int order_line_store_cancel(struct db *db, int64_t line_id, int64_t allocated, int64_t waiting, bool *done,
                            struct err *e);
/* Credits units of a line (a cancel): refunded units, amount and tax rise,
 * never beyond what was cancelled or returned, nor beyond its total. */
int order_line_store_credit(struct db *db, int64_t line_id, int64_t units, int64_t amount, int64_t tax,
                            bool *done, struct err *e);
/* Raises the order's refunded total, never beyond what was paid (*done false). */
int order_store_add_refund(struct db *db, int64_t order_id, int64_t amount, bool *done, struct err *e);
/* Lowers an account's open balance by what was refunded on account. */
int account_store_credit(struct db *db, int64_t account_id, int64_t amount, struct err *e);
/* Sets the purchase-order number of an order that has none (*done false when it had one). */
int order_store_set_po(struct db *db, int64_t order_id, const char *po, bool *done, struct err *e);

#endif
