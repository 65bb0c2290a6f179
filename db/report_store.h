/* What the reports read (issue 15): the summary tables of 0017 (sales by
 * day, products and categories by month, quotes and approvals by month,
 * deliveries by month) and their rollups (0018, 0022), the open quotes, and
 * `check`'s comparison of every summary table with its recomputation. Only
 * the core (src/) includes it. */
#ifndef COMPTOIR_DB_REPORT_STORE_H
#define COMPTOIR_DB_REPORT_STORE_H

#include <stdint.h>

#include "db/db.h"
#include "db/model/report.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* Each query fills rows of struct report_raw: id, texts, numbers. A ranked
 * query (LIMIT w->limit) ends its numbers with the count of every row it
 * ranked, so the caller says how many it left out. */
enum report_read {
    RQ_PIPELINE,         /* owner; login, status; 0-7 d, 8-30 d, 31+ d, quotes, amount */
    RQ_EXPIRING,         /* quote; number, account, login, valid until; amount, ranked */
    RQ_WIN_MONTH_REP,    /* rep; login, month; decided, accepted, rejected, expired, cancelled, accept
                          * seconds (by month, then login) */
    RQ_DISCOUNT_REP,     /* rep; login; decided, Σ discount bp, largest bp, needed approval */
    RQ_DISCOUNT_ACCOUNT, /* account; code, name; the same numbers, ranked */
    RQ_DISCOUNT_DAYS,    /* rep; login; account, decided, Σ discount bp, largest bp, needed approval: the
                          * quotes decided on the window's partial days alone, by rep and account
                          * (account order), read once for the discounts by rep and by account */
    RQ_APPROVERS,        /* approver; login; approved, rejected, Σ wait seconds, longest wait */
    RQ_CHANNEL_MONTH,    /* -; month, channel; orders, cancelled, revenue excl. tax */
    RQ_PRODUCTS_REVENUE, /* product; sku, name; units, net, cost, ranked (by net) */
    RQ_PRODUCTS_MARGIN,  /* the same, by margin */
    RQ_CATEGORIES,       /* -; category; units, net, cost */
    RQ_SLOW_MOVERS,      /* product; sku, name; stock on hand, units, ranked */
    RQ_ONTIME_MONTH,     /* -; month; delivered, on time */
    RQ_ONTIME_ACCOUNT,   /* account; code, name; delivered, on time, ranked (most late first) */
    RQ_OPEN_QUOTES,    /* quote; number, account, status, login; amount (w->account_id, rep; text0 status) */
    RQ_DECIDED_QUOTES, /* quote; number, account, status, login; amount: decided between the days */
    RQ_COUNT
};

/* Runs query k over window w into out (rows of struct report_raw); status
 * narrows RQ_OPEN_QUOTES to one status ("" = every open one). The ranked
 * lists (RQ_PRODUCTS_*, RQ_SLOW_MOVERS, RQ_DISCOUNT_ACCOUNT,
 * RQ_ONTIME_ACCOUNT) are read by report_store_sums and report_store_rank. */
int report_store_read(struct db *db, enum report_read k, const struct report_window *w, const char *status,
                      struct rows *out, struct err *e);
/* Runs sql (its first column an id, then texts text columns, then numbers)
 * over window w, bound like report_store_read: for the other reports' stores. */
int report_store_read_sql(struct db *db, const char *sql, int texts, const struct report_window *w,
                          struct rows *out, struct err *e);
/* ------------------------------------------------- ranked lists (0022)
 * The lists ranked over a window of months (top products, slow movers,
 * accounts by discount or lateness) read every id's figures once, from the
 * year-to-date rows of each year the window touches (one ordered reading a
 * year, merged by id), and rank them in C: report_store_read has no form
 * of them (db/report_ranked.c). */

/* What is summed id by id. */
enum report_sums_of {
    RSUM_PRODUCTS,  /* products: units, net, cost (a rep's own; a rep's with one account: their lines) */
    RSUM_QUOTES,    /* accounts: quotes decided, Σ discount bp, decided quotes that needed approval */
    RSUM_DELIVERIES /* accounts: orders delivered with a promise, delivered on time */
};

/* the three figures of the list, then (RSUM_QUOTES) 1 + the largest
 * discount of the window's partial days, 0 when none */
#define REPORT_SUM_VALUES 4

struct report_sum {
    int64_t id;
    int64_t v[REPORT_SUM_VALUES];
};

/* Fills sums (rows of struct report_sum, by id) with what window w holds
 * (its rep and account), every id that has a figure in it: units sold,
 * quotes decided, orders delivered. */
int report_store_sums(struct db *db, enum report_sums_of of, const struct report_window *w, struct rows *sums,
                      struct err *e);
/* Adds add (rows of struct report_sum by id, each id once) to sums (the same). */
void report_store_sums_merge(struct rows *sums, const struct rows *add);
/* Ranks sums into out as query k lists them (rows of struct report_raw,
 * the columns above, the ranked count last, at most w->limit rows):
 * RQ_PRODUCTS_REVENUE and RQ_PRODUCTS_MARGIN (RSUM_PRODUCTS), RQ_SLOW_MOVERS
 * (everyone's RSUM_PRODUCTS: the active products in stock), RQ_DISCOUNT_ACCOUNT
 * (RSUM_QUOTES), RQ_ONTIME_ACCOUNT (RSUM_DELIVERIES). */
int report_store_rank(struct db *db, enum report_read k, const struct report_window *w,
                      const struct rows *sums, struct rows *out, struct err *e);

/* The id of the user with this login (ERR_NOTFOUND when none). */
int report_store_user_id(struct db *db, const char *login, int64_t *id, struct err *e);
/* Compares every summary table with its recomputation from the rows, both
 * ways: a line per table that differs, counted in *problems. */
int report_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e);
/* Empties every summary table of the six reports and fills it again from its
 * recomputation, inside the caller's transaction: after the store's time
 * zone changed (their days are local days) or by `check --repair`. */
int report_store_rebuild(struct db *db, struct err *e);

#endif
