/* Loyalty points in the store: the append-only ledger, the cached balances
 * (moved by conditional UPDATEs, never below 0), the tiers and the spend
 * they are chosen by, the points of order lines (counters that only grow,
 * each guarded), the reads of screens and the checks of `comptoir check`.
 * Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_LOYALTY_STORE_H
#define COMPTOIR_DB_LOYALTY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/loyalty.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* day plus months, kept within the month (2025-01-31 + 1 → 2025-02-28):
 * when points earned or restored on day expire. */
void loyalty_date_add_months(const char *day, int months, char out[11]);

/* --------------------------------------------------------------- writes */

/* Appends a ledger row (l->id is set). */
int loyalty_store_append(struct db *db, struct loyalty_entry *l, struct err *e);
/* Moves a customer's cached balance (available or pending) by delta in one
 * UPDATE that never takes it below 0: *moved false, nothing changed, when it
 * would. */
int loyalty_store_move(struct db *db, int64_t customer_id, enum loyalty_bucket bucket, int64_t delta,
                       bool *moved, struct err *e);
/* A customer added with points (an import, the demo): their opening row. */
int loyalty_store_opening(struct db *db, int64_t customer_id, int64_t points, const char *at, struct err *e);
/* The opening rows of the customers from_id to to_id with points, in one
 * statement, as loyalty_store_opening writes one (at: when the customer was
 * created). */
int loyalty_store_openings(struct db *db, int64_t from_id, int64_t to_id, struct err *e);
int loyalty_store_set_tier(struct db *db, int64_t customer_id, const char *tier, struct err *e);
/* Replaces every tier (the first at 0 spend: the caller checks). */
int loyalty_store_tiers_replace(struct db *db, const struct loyalty_tier *tiers, int n, struct err *e);
/* Every customer's tier again from their spend since `since`; *changed
 * counts those whose tier moved. */
int loyalty_store_retier_all(struct db *db, const char *since, int64_t *changed, struct err *e);
int loyalty_store_line_points_add(struct db *db, const struct loyalty_line_points *p, struct err *e);
/* Credits units of a line as read in *before (its units, earned reversed
 * and redeemed restored grow by units, earned and redeemed) in one
 * conditional UPDATE: *done false, nothing changed, when the row moved
 * since it was read or a counter would pass what the line holds. */
int loyalty_store_line_points_credit(struct db *db, const struct loyalty_line_points *before, int64_t units,
                                     int64_t earned, int64_t redeemed, bool *done, struct err *e);

/* Records what a return credited of a line's points (once per return and
 * line): *added false, nothing written, when that return credited the line
 * already. */
int loyalty_store_return_line_add(struct db *db, int64_t return_id, int64_t order_line_id, int64_t units,
                                  int64_t earned, int64_t redeemed, bool *added, struct err *e);

/* ---------------------------------------------------------------- reads */

/* A customer's balances (the cached ones, which `check` compares with the
 * ledger's sums) and what expiry needs of the available bucket: the credits
 * still valid after `day` (expiring later) and, in later (struct
 * loyalty_expiring rows, by day), those expiring after day up to `until`.
 * Debits take the oldest credits first, so what the available balance holds
 * beyond the credits still valid is due to expire (loyalty_due). No call
 * reads the customer's whole ledger: 0020's index holds the live credits.
 * A customer who does not exist has zeros. */
struct loyalty_sums {
    int64_t available, pending;
    int64_t still_valid;
};
struct loyalty_expiring {
    char day[11];
    int64_t points;
};
int loyalty_store_sums(struct db *db, int64_t customer_id, const char *day, const char *until,
                       struct loyalty_sums *out, struct rows *later, struct err *e);
/* The cached balances and the tier of a customer. */
int loyalty_store_cached(struct db *db, int64_t customer_id, int64_t *available, int64_t *pending,
                         char tier[17], struct err *e);
/* The tiers (struct loyalty_tier rows) by spend. */
int loyalty_store_tiers(struct db *db, struct rows *out, struct err *e);
/* Goods excluding tax of the customer's orders delivered (or closed) from
 * since to through, net of what was refunded of them. */
int loyalty_store_spend(struct db *db, int64_t customer_id, const char *since, const char *through,
                        int64_t *spend, struct err *e);
/* A customer's ledger in the order things happened (q NULL: every row;
 * else a window; q->descending for newest first), with each row's running
 * balances; q->filter keeps the rows of a kind, or whose order number,
 * reason or author holds the text. */
int loyalty_store_ledger(struct db *db, int64_t customer_id, const struct page_req *q, struct rows *out,
                         struct err *e);
void loyalty_store_ledger_cursor(const struct loyalty_entry *l, struct page_cursor *c);
/* An order's ledger rows, oldest first. */
int loyalty_store_order_entries(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* The points of an order's lines (struct loyalty_line_points rows). */
int loyalty_store_order_lines(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* The points of one line; ERR_NOTFOUND when it earned and redeemed none. */
int loyalty_store_line_points(struct db *db, int64_t order_line_id, struct loyalty_line_points *out,
                              struct err *e);
/* What of an order's points is still pending, and whether its delivery released them. */
int loyalty_store_order_pending(struct db *db, int64_t order_id, int64_t *pending, bool *released,
                                struct err *e);
/* Customers (int64_t rows) with available credits expiring after `after`
 * up to `through` ("" after: from the first). */
int loyalty_store_expiring_customers(struct db *db, const char *after, const char *through, struct rows *out,
                                     struct err *e);
/* Points past their day on `day` that no expiry row written by then
 * records, over every customer with credits expiring after `after` up to
 * `day` ("" after: from the first): for each, the available balance on that
 * day beyond its credits still valid then (what FIFO expiry takes), summed. */
int loyalty_store_expired_unrecorded(struct db *db, const char *after, const char *day, int64_t *points,
                                     struct err *e);
/* Customers (int64_t rows) with orders delivered from `from` to before `to`:
 * those whose 12-month window lost an order. */
int loyalty_store_window_customers(struct db *db, const char *from, const char *to, struct rows *out,
                                   struct err *e);

/* ----------------------------------------------------------------- demo */

/* The demo's history: every consumer order of the demo earns on its goods
 * (earn_points per earn_per of each line's net), released on the day it
 * was delivered (expiring months later), cancelled with the order; then
 * each customer's cached balances are the ledger's sums. *rows counts the
 * ledger rows written. */
int loyalty_store_demo_history(struct db *db, int64_t earn_points, int64_t earn_per, int months,
                               int64_t *rows, struct err *e);
/* Customers (int64_t rows) the demo gives an adjustment: the first three
 * and one in `every` of the others. */
int loyalty_store_demo_customers(struct db *db, int every, struct rows *out, struct err *e);

/* --------------------------------------------------------------- checks */

/* Cached balances that differ from their ledger; a balance below 0 at any
 * row; an order's line points against its ledger rows; release pairs that
 * do not cancel out; a delivered order's points still pending; a row of an
 * order for another customer. A line per problem. */
int loyalty_check_store(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
