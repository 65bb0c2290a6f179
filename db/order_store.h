/* Orders with their lines and status history: numbering, optimistic status
 * changes, keyset pages, the support search and the totals check.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_ORDER_STORE_H
#define COMPTOIR_DB_ORDER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/order.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* Inserts the order with its lines (each gets its id) and its first status
 * event. When o->number is empty, it takes the next number O-000123; the
 * local day, the goods and discount totals and the credited rep (the
 * account's rep, else user_id) are filled when not given. */
int order_store_insert(struct db *db, struct order *o, struct order_line *lines, int nlines, int64_t user_id,
                       struct err *e);
/* The same for an order placed now whose status is already what placing
 * makes it (allocated when nothing waits): the row is written once, the
 * history says placed, then placed → o->status. Its promised date is also
 * its first (first_promised_date): the caller adds that promise in the same
 * transaction (order_promise_store_add), which then leaves the row as it is. */
int order_store_insert_placed(struct db *db, struct order *o, struct order_line *lines, int nlines,
                              int64_t user_id, struct err *e);
int order_store_get(struct db *db, int64_t id, struct order *out, struct err *e);
int order_store_find_number(struct db *db, const char *number, struct order *out, struct err *e);
/* An order's lines by line number, and its status history by time: every
 * row (q NULL) or a keyset window of q (see db_list_read), into out. */
int order_store_lines(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                      struct err *e);
void order_store_line_cursor(const struct order_line *l, struct page_cursor *c);
int order_store_events(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                       struct err *e);
void order_store_event_cursor(const struct order_event *ev, struct page_cursor *c);
/* Records one status change of an order (from NULL: its first status). */
int order_store_add_event(struct db *db, int64_t order_id, const char *from, const char *to, const char *at,
                          int64_t user_id, const char *note, struct err *e);
/* Moves status if o->version is current; records the event; bumps version. */
int order_store_set_status(struct db *db, struct order *o, enum order_status to, int64_t user_id,
                           const char *note, struct err *e);
int order_store_set_note(struct db *db, struct order *o, struct err *e);
/* Orders matching what a caller says: number, name, e-mail, phone, company,
 * SKU; newest first; pages with q->cursor. Never scans a table. */
int order_store_search(struct db *db, const char *text, const struct page_req *q, struct order *rows,
                       int *count, struct err *e);
/* Plain list (filter = number prefix), sorted, keyset paged. owner_id unused. */
int order_store_page(struct db *db, const struct page_req *q, struct order *rows, int *count, struct err *e);
/* Orders of one status and one channel (-1: any), newest first, keyset paged
 * on (placed_at, id) as the search pages (ORDER_SORT_PLACED cursors). */
int order_store_page_where(struct db *db, int status, int channel, const struct page_req *q,
                           struct order *rows, int *count, struct err *e);
/* One account's (or one customer's) orders, newest first, keyset paged on
 * (placed_at, id) through orders_account (orders_customer); q->before reads
 * the page before the cursor; the filter and sort are not used. */
int order_store_page_for_account(struct db *db, int64_t account_id, const struct page_req *q,
                                 struct order *rows, int *count, struct err *e);
int order_store_page_for_customer(struct db *db, int64_t customer_id, const struct page_req *q,
                                  struct order *rows, int *count, struct err *e);
void order_store_cursor(const struct order *o, int sort, struct page_cursor *c);
/* Orders whose totals differ from the sum of their lines; appends lines to buf. */
int order_store_check_totals(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
