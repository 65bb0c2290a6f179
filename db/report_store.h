/* What the reports read (issue 15): the summary tables of 0017 (sales by
 * day, products and categories by month, quotes and approvals by month,
 * deliveries by month), the open quotes, and `check`'s comparison of every
 * summary table with its recomputation. Only the core (src/) includes it. */
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
    RQ_WIN_MONTH,        /* -; month; decided, accepted, rejected, expired, cancelled, accept seconds */
    RQ_WIN_REP,          /* rep; login; the same numbers */
    RQ_DISCOUNT_REP,     /* rep; login; decided, Σ discount bp, largest bp, needed approval */
    RQ_DISCOUNT_ACCOUNT, /* account; code, name; the same numbers, ranked */
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
 * narrows RQ_OPEN_QUOTES to one status ("" = every open one). */
int report_store_read(struct db *db, enum report_read k, const struct report_window *w, const char *status,
                      struct rows *out, struct err *e);
/* Runs sql (its first column an id, then texts text columns, then numbers)
 * over window w, bound like report_store_read: for the other reports' stores. */
int report_store_read_sql(struct db *db, const char *sql, int texts, const struct report_window *w,
                          struct rows *out, struct err *e);
/* The id of the user with this login (ERR_NOTFOUND when none). */
int report_store_user_id(struct db *db, const char *login, int64_t *id, struct err *e);
/* Compares every summary table with its recomputation from the rows, both
 * ways: a line per table that differs, counted in *problems. */
int report_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
