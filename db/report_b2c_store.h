/* What the B2C reports read (issue 15): promotions, loyalty and returns over
 * the summary tables of 0019 (promotion uses by day, the points ledger by
 * day, returned units and refunds by month), the orders behind their rows
 * (and behind an on-time month), and `check`'s comparison of each summary
 * table with its recomputation. Only the core (src/) includes it. */
#ifndef COMPTOIR_DB_REPORT_B2C_STORE_H
#define COMPTOIR_DB_REPORT_B2C_STORE_H

#include <stdint.h>

#include "db/db.h"
#include "db/model/report.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* Each query fills rows of struct report_raw (db/model/report.h); ranked
 * ones (LIMIT w->limit) end their numbers with the count of every row ranked. */
enum report_b2c_read {
    RQB_PROMOTIONS,      /* promotion; name, code; uses, discount, orders' net, budget left (-1 none),
                          * ranked, then Σ uses, Σ discount, Σ net of every row */
    RQB_LOYALTY_BALANCE, /* -; -; available, pending: the ledger's balance on w->to */
    RQB_LOYALTY_MONTHS,  /* -; month; earned, taken back, redeemed, restored, expired, adjusted,
                          * available moved, pending moved (days from .. to) */
    RQB_RETURN_PRODUCTS, /* product; sku, name; units returned, refund, ranked, units sold */
    RQB_RETURN_REASONS,  /* -; reason; units returned, refund */
    RQB_RETURN_MONTHS,   /* -; month; units returned, refund */
    RQB_REFUND_MONTHS,   /* -; month; returns opened, refunds paid, refunded */
    RQB_SOLD_MONTHS,     /* -; month; goods units sold (orders not cancelled) */
    RQB_COUNT
};

int report_b2c_store_read(struct db *db, enum report_b2c_read k, const struct report_window *w,
                          struct rows *out, struct err *e);

/* The orders behind a row, by id descending, after before_id (0 = from the
 * newest): at most max ids. */
enum report_order_ids {
    ROI_DELIVERED, /* delivered between w->from and w->to with a promise (w->rep_id, w->account_id) */
    ROI_PROMOTION, /* that used promotion ref_id on a day between w->from and w->to, not released */
    ROI_RETURNS    /* with a return requested between w->from and w->to, not rejected; with a goods
                    * line of product ref_id (0 any) and reason ("" any) */
};
int report_b2c_store_order_ids(struct db *db, enum report_order_ids k, const struct report_window *w,
                               int64_t ref_id, const char *reason, int64_t before_id, int64_t *ids, int max,
                               int *count, struct err *e);

/* Compares every summary table of 0019 with its recomputation, both ways. */
int report_b2c_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
