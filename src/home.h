/* What needs the user now, for the Home screen: counts and this month's
 * sales per local day, each summed in SQL over an index. */
#ifndef COMPTOIR_HOME_H
#define COMPTOIR_HOME_H

#include <stdint.h>

#include "src/base/err.h"

struct app;

/* Counts the user's role cannot see stay 0. */
struct home_counts {
    int64_t open_quotes;  /* the user's quotes from draft to sent */
    int64_t awaiting;     /* quotes waiting for the user's approval */
    int64_t refunds;      /* refunds waiting for a manager (those who approve refunds) */
    int64_t orders_today; /* placed since local midnight (reps: those they see) */
    int64_t open_orders;  /* placed, allocated or shipped */
};
int home_counts_load(struct app *app, struct home_counts *out, struct err *e);

/* A month's sales excluding tax per local day, B2B against B2C (cancelled
 * orders left out). */
struct home_sales {
    int year, month, ndays;
    int64_t b2b[31], b2c[31];
    int64_t total_b2b, total_b2c;
    int64_t orders;
};
/* year 0 = this month. Sums in SQL over a date range: never loads the orders. */
int home_sales_month(struct app *app, int year, int month, struct home_sales *out, struct err *e);

#endif
