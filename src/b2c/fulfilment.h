/* Fulfilment: stock received and allocated to the lines waiting for it
 * (oldest promise first), shipments (lines and quantities, carrier,
 * tracking, parcels) and their deliveries, cancelling what has not
 * shipped, notes; the promised dates kept and measured (on time = delivered
 * on or before the first promise); packing instructions and purchase-order
 * numbers; the warehouse's lists; the packing slip and the address labels.
 * Each operation is one transaction with its rights, its timeline rows and
 * its audit entry; every limit is a conditional UPDATE.
 *
 * For issue 14 (returns): only shipped units can be returned — a line's
 * shipped_qty is what left (Σ shipment lines); a restock is
 * stock_restock() (a 'restock' move, stock on hand rises) or a 'scrap'
 * move (stock_scrap()). For issue 15 (reports): the on-time rate is
 * ontime_report() over orders.delivered_day and first_promised_date. */
#ifndef COMPTOIR_B2C_FULFILMENT_H
#define COMPTOIR_B2C_FULFILMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/fulfilment.h"
#include "db/model/order.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

#define SHIP_MAX_ITEMS 200

/* --------------------------------------------------------- shipping */

/* What `order ship` asks for: SKUs and quantities (none: every unit
 * allocated and not shipped), who carries it. */
struct ship_item {
    char sku[65];
    int64_t quantity;
};
struct ship_request {
    const struct ship_item *items;
    int nitems;
    char carrier[65];
    char tracking[65];
    int parcels;        /* 1 when 0 */
    char po_number[65]; /* set on the order when it has none (its account may require one) */
};
struct ship_result {
    int seq;       /* the shipment's number within the order */
    int64_t units; /* units shipped */
    int64_t left;  /* units of the order still to ship (allocated or waiting) */
    enum order_status status;
};
/* Ships (ACT_ORDER_SHIP; a rep: an order they may see). A line never ships
 * more than it has allocated (stock reserved for it): two agents shipping
 * the same order at once cannot ship a unit twice. */
int order_ship(struct app *app, const char *number, const struct ship_request *req, struct ship_result *res,
               struct err *e);
/* "SKU" or "SKU:QTY" into an item (QTY 1 when left out); ERR_INVALID saying why. */
int ship_item_parse(const char *text, struct ship_item *out, struct err *e);

struct deliver_result {
    int seq;
    bool order_delivered; /* the last shipment on its way arrived: the order is delivered */
    bool on_time;         /* when order_delivered: on or before the first promise */
    int late_days;        /* when order_delivered and late: days after the first promise */
    bool promised;        /* when order_delivered: it had a promise (else on_time says nothing) */
};
/* Records a shipment's delivery (ACT_ORDER_SHIP). seq 0: the one shipment
 * on its way (refused when there are several). day "" is today; else a
 * YYYY-MM-DD not in the future nor before the shipment left. */
int order_deliver(struct app *app, const char *number, int seq, const char *day, struct deliver_result *res,
                  struct err *e);

/* ------------------------------------------------- cancelling, notes */

struct cancel_result {
    int64_t units;    /* units cancelled */
    int64_t refunded; /* paid back (to the order's payment method) */
    enum order_status status;
};
/* Cancels the order, or what is left of it when part has shipped
 * (ACT_ORDER_CANCEL): its reservations are released, the cancelled units
 * and (nothing shipped) its charges are credited and paid back. Shipped
 * units cannot be cancelled: they are returned (issue 14). */
int order_cancel(struct app *app, const char *number, const char *reason, struct cancel_result *res,
                 struct err *e);
/* A note on the order's timeline and in the audit log (ACT_ORDER_NOTE). */
int order_add_note(struct app *app, const char *number, const char *text, struct err *e);
/* Sets the purchase-order number of an order that has none (ACT_ORDER_SHIP). */
int order_set_po(struct app *app, const char *number, const char *po, struct err *e);

/* ------------------------------------------------------ reading it */

/* An order's shipments (struct shipment rows), first first. */
int order_shipments(struct app *app, const struct order *o, struct rows *out, struct err *e);
/* The lines of its shipment seq (struct shipment_line rows). */
int order_shipment_lines(struct app *app, const struct order *o, int seq, struct rows *out, struct err *e);
/* The timeline of the order, newest first (every row: q NULL; or a window). */
int order_timeline_newest(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                          struct err *e);
/* "promised 2026-12-04, first 2026-12-01: 3 days later" when the promise
 * slipped; "2 days past its promise" when late; "" otherwise. */
void order_promise_note(const struct order *o, const char *today, char *out, size_t len);
/* Whole days from a to b (YYYY-MM-DD); 0 when either is not a date. */
int date_days_between(const char *a, const char *b);

/* ---------------------------------------------------------- stock */

struct receive_result {
    int64_t on_hand, free; /* after */
    int64_t allocated;     /* units allocated to waiting lines */
    int orders;            /* orders that got some */
    int orders_complete;   /* orders with nothing left waiting (placed → allocated) */
    int promises_moved;    /* orders whose promise moved */
};
/* Stock received (ACT_STOCK_RECEIVE): on hand rises, then the lines waiting
 * for it are allocated, oldest promise first; an order with nothing left
 * waiting becomes allocated and its promise is set again from today (a
 * promise row says why when it moves). One transaction. */
int stock_receive(struct app *app, const char *sku, int64_t qty, const char *note, struct receive_result *res,
                  struct err *e);
/* Stock counted (ACT_STOCK_RECEIVE): on hand changes by delta (never below
 * what is reserved); the reason is required. */
int stock_adjust(struct app *app, const char *sku, int64_t delta, const char *reason, int64_t *on_hand,
                 struct err *e);
/* Returned units back on the shelf (issue 14): a 'restock' move of qty,
 * on hand rises, inside the caller's transaction; then the waiting lines
 * are allocated as for a receipt. And units written off: a 'scrap' move. */
int stock_restock(struct app *app, int64_t product_id, int64_t qty, int64_t order_id, int64_t return_id,
                  const char *note, struct err *e);
int stock_scrap(struct app *app, int64_t product_id, int64_t order_id, int64_t return_id, const char *note,
                struct err *e);
/* A product's moves, newest first (struct stock_move rows). */
int stock_moves(struct app *app, const char *sku, const struct page_req *q, struct rows *out, struct err *e);

/* ------------------------------------------------------- packaging */

int account_packing_get(struct app *app, int64_t account_id, struct account_packing *out, struct err *e);
/* ACT_ACCOUNT_EDIT (a rep: their accounts); instructions at most 500 bytes; audited. */
int account_packing_set(struct app *app, const struct account_packing *p, struct err *e);
/* The packing slip of shipment seq (0: the last one; when there is none,
 * what is ready to ship) as a PDF: lines and quantities, the account's PO
 * number and packing instructions, or the gift message of a gift order;
 * never a price. */
int order_print_packing_slip(struct app *app, const char *number, int seq, const char *path, struct err *e);
/* One address label per parcel of shipment seq (0: the last), "1/3" … "3/3". */
int order_print_labels(struct app *app, const char *number, int seq, const char *path, struct err *e);

/* ------------------------------------------------------ the warehouse */

/* Orders ready to ship (express first, then by promise), open orders past
 * their promise (most overdue first), promises that slipped (a rep: the
 * orders credited to them), an account's open orders by promise (q->owner_id
 * = the account). Keyset pages forward (cursor: fulfilment_cursor). */
int fulfilment_to_ship(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                       struct err *e);
int fulfilment_late(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                    struct err *e);
int fulfilment_slipping(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                        struct err *e);
/* How many fulfilment_slipping lists (Home's count). */
int fulfilment_slipping_count(struct app *app, int64_t *count, struct err *e);
int fulfilment_open_orders(struct app *app, int64_t account_id, const struct page_req *q,
                           struct fulfilment_row *rows, int *count, struct err *e);
/* The cursor of a row of to_ship (to_ship true) or of the other lists. */
void fulfilment_cursor(const struct fulfilment_row *r, bool to_ship, struct page_cursor *c);
/* Back-orders by SKU (struct backorder_row rows + more). */
int fulfilment_backorders(struct app *app, const struct page_req *q, struct rows *out, struct err *e);
void fulfilment_backorder_cursor(const struct backorder_row *r, struct page_cursor *c);

/* -------------------------------------------------------- on time */

struct ontime_query {
    char from[11], to[11]; /* "" = the last 12 months up to today */
    int64_t account_id;    /* 0 = every account and the consumers */
};
/* Rows per account (consumers as account 0) and the total in *overall
 * (ACT_REPORTS; a rep with ACT_REPORTS_OWN: the orders credited to them). */
int ontime_report(struct app *app, const struct ontime_query *q, struct rows *out, struct ontime_row *overall,
                  struct err *e);
/* One account's rate over the last 12 months (anyone who may see the account). */
int ontime_account(struct app *app, int64_t account_id, struct ontime_row *out, struct err *e);
/* The rate in basis points, rounded half away from zero (0 when nothing was delivered). */
int64_t ontime_rate_bp(const struct ontime_row *r);
/* The rate for people, to a tenth of a percent: "91.7 %" ("—" when nothing was delivered). */
void ontime_rate_format(const struct ontime_row *r, char *out, size_t len);

#endif
