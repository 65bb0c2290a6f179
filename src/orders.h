/* Orders: the arithmetic of lines and totals (pure), the life cycle, and the
 * operations on orders (create, read, move, find) with their rights and audit. */
#ifndef COMPTOIR_ORDERS_H
#define COMPTOIR_ORDERS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

/* Computes a line's net and tax from quantity, unit price and rate (pure). */
int order_line_compute(struct order_line *l, struct err *e);
/* Sets the order's subtotal, tax and total as the sums of its lines (pure). */
int order_totals_compute(struct order *o, const struct order_line *lines, int n, struct err *e);
/* true when `from → to` is a legal move of the order life cycle. */
bool order_can_move(enum order_status from, enum order_status to);
/* The statuses of an order still on its way (placed, allocated, partially
 * shipped, shipped) as ORDER_STATUS_BIT bits: the one definition Home's
 * count and SQL use. */
unsigned order_open_statuses(void);

int order_create(struct app *app, struct order *o, struct order_line *lines, int n, struct err *e);
int order_get(struct app *app, const char *number, struct order *out, struct err *e);
int order_move(struct app *app, struct order *o, enum order_status to, const char *note, struct err *e);
/* Orders matching what a caller says (number, name, e-mail, phone, company,
 * SKU), newest first, keyset paged; a rep sees only what they may. */
int order_find(struct app *app, const char *text, const struct page_req *q, struct order *rows, int *count,
               struct err *e);
/* What the Orders screen and `order find` narrow the search to: a status
 * and a channel (enum order_status, enum channel; -1 = any), the days it
 * was placed (store-local, inclusive; "" = open), and late: open and past
 * its promise, or delivered after its first promise. */
struct order_filter {
    int status;
    int channel;
    char from[11], to[11];
    bool late;
};
/* True when the filter narrows anything. */
bool order_filter_active(const struct order_filter *f);
/* Whether o passes f (today: the local date the lateness is measured on). */
bool order_filter_keeps(const struct order_filter *f, const struct order *o, const char *today);
/* order_find, keeping only the orders f keeps (forward pages). */
int order_find_filtered(struct app *app, const char *text, const struct order_filter *f,
                        const struct page_req *q, struct order *rows, int *count, struct err *e);
/* The keyset cursor of an order row for a sort (ORDER_SORT_*). */
void order_cursor(const struct order *o, int sort, struct page_cursor *c);
/* The lines (by line number) and the status history (by time) of an order the
 * user may see, read again by o->id so a stale or foreign copy shows nothing
 * it should not: every row (q NULL) or a keyset window (rows + more, see
 * src/base/rows.h). The cursors of their rows, for the next window. */
int order_lines(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                struct err *e);
int order_events(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                 struct err *e);
void order_line_cursor(const struct order_line *l, struct page_cursor *c);
void order_event_cursor(const struct order_event *ev, struct page_cursor *c);
/* One account's orders (a rep: only an account assigned to them) or one
 * customer's, newest first, keyset paged (q->cursor from order_cursor
 * with ORDER_SORT_PLACED; q->before for the page before). */
int order_page_for_account(struct app *app, int64_t account_id, const struct page_req *q, struct order *rows,
                           int *count, struct err *e);
int order_page_for_customer(struct app *app, int64_t customer_id, const struct page_req *q,
                            struct order *rows, int *count, struct err *e);

#endif
