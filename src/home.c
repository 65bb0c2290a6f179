/* What needs the user now, for the Home screen: counts (my open quotes,
 * approvals waiting for me, today's orders, open orders) and this month's
 * sales per local day, B2B against B2C. The store sums in SQL over the
 * orders_placed index; here only the rights and the local calendar. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/home_store.h"
#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/home.h"
#include "src/orders.h"
#include "src/users.h"

/* Reps count the orders they may see; everyone else every order. */
static int64_t visible_rep(const struct app *app)
{
    return rights_allows(app->user.role, ACT_ORDER_VIEW_ALL) ? 0 : app->user.id;
}

int home_counts_load(struct app *app, struct home_counts *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    int rc = ERR_OK, y, m, d;
    char today[32];
    if (rights_allows(app->user.role, ACT_QUOTE_EDIT))
        rc = home_store_count_quotes(app->db, app->user.id, quote_open_statuses(), &out->open_quotes, e);
    if (rc == ERR_OK && rights_allows(app->user.role, ACT_QUOTE_APPROVE))
        rc = home_store_count_awaiting(app->db, app->user.id, &out->awaiting, e);
    if (rc == ERR_OK && rights_allows(app->user.role, ACT_REFUND_APPROVE))
        rc = home_store_count_refunds_waiting(app->db, &out->refunds, e);
    if (rc != ERR_OK || !rights_allows(app->user.role, ACT_ORDER_VIEW))
        return rc;
    datetime_today_parts(&y, &m, &d);
    datetime_local_midnight_utc(y, m, d, today);
    rc = home_store_count_orders_since(app->db, today, visible_rep(app), &out->orders_today, e);
    if (rc == ERR_OK)
        rc = home_store_count_open_orders(app->db, visible_rep(app), order_open_statuses(), &out->open_orders,
                                          e);
    return rc;
}

/* One range query per local day: each day's bounds are its local midnights. */
static int sales_days(struct app *app, struct home_sales *s, struct err *e)
{
    char from[32], to[32];
    datetime_local_midnight_utc(s->year, s->month, 1, from);
    for (int d = 0; d < s->ndays; d++) {
        struct sales_sum sum;
        datetime_local_midnight_utc(s->year, s->month, d + 2, to);
        int rc = home_store_sales_between(app->db, from, to, visible_rep(app), &sum, e);
        if (rc != ERR_OK)
            return rc;
        s->b2b[d] = sum.b2b;
        s->b2c[d] = sum.b2c;
        s->orders += sum.orders;
        s->total_b2b += sum.b2b;
        s->total_b2c += sum.b2c;
        memcpy(from, to, sizeof from);
    }
    return ERR_OK;
}

int home_sales_month(struct app *app, int year, int month, struct home_sales *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    if (year == 0) {
        int d;
        datetime_today_parts(&year, &month, &d);
    }
    if (month < 1 || month > 12 || year < 1970 || year > 9999)
        return err_set(e, ERR_INVALID, "month", "no month %04d-%02d", year, month);
    out->year = year;
    out->month = month;
    out->ndays = datetime_days_in_month(year, month);
    return sales_days(app, out, e);
}
