/* Orders narrowed by status, channel, the days they were placed and
 * lateness on top of what a caller typed: the support search keeps its
 * matching, the filter keeps only the orders it asks for. Without text the
 * store reads them by its status index (or, with days or lateness, by when
 * they were placed); with text the search's pages are read on until a page
 * is full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/fulfilment_store.h"
#include "db/order_store.h"
#include "src/app.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/orders.h"
#include "src/users.h"

bool order_filter_active(const struct order_filter *f)
{
    return f != NULL && (f->status >= 0 || f->channel >= 0 || f->from[0] || f->to[0] || f->late);
}

/* Open and past its promise, or delivered after its first promise. */
static bool order_is_late(const struct order *o, const char *today)
{
    bool open = (order_open_statuses() & ORDER_STATUS_BIT(o->status)) != 0;
    if (open && o->promised_date[0] && strcmp(o->promised_date, today) < 0)
        return true;
    return o->delivered_day[0] && o->first_promised_date[0] &&
           strcmp(o->delivered_day, o->first_promised_date) > 0;
}

bool order_filter_keeps(const struct order_filter *f, const struct order *o, const char *today)
{
    return (f->status < 0 || (int)o->status == f->status) &&
           (f->channel < 0 || (int)o->channel == f->channel) &&
           (f->from[0] == '\0' || strcmp(o->placed_day, f->from) >= 0) &&
           (f->to[0] == '\0' || strcmp(o->placed_day, f->to) <= 0) && (!f->late || order_is_late(o, today));
}

/* Search pages read on from q until want rows match f (or the search ends). */
static int order_find_refill(struct app *app, const char *text, const struct order_filter *f,
                             const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50, rc;
    char today[11];
    datetime_today(today);
    struct page_req next = *q;
    struct order *batch = xcalloc((size_t)want, sizeof *batch);
    *count = 0;
    for (;;) {
        int n = 0;
        next.limit = want;
        if ((rc = order_find(app, text, &next, batch, &n, e)) != ERR_OK)
            break;
        for (int i = 0; i < n && *count < want; i++)
            if (order_filter_keeps(f, &batch[i], today))
                rows[(*count)++] = batch[i];
        if (n < want || *count >= want || q->before)
            break;
        next.has_cursor = true;
        order_cursor(&batch[n - 1], ORDER_SORT_PLACED, &next.cursor);
    }
    free(batch);
    return rc;
}

/* Nothing typed, a window of days or lateness: the store pages the orders
 * by when they were placed, within the window, and each row is read whole. */
static int order_find_dated(struct app *app, const struct order_filter *f, const struct page_req *q,
                            struct order *rows, int *count, struct err *e)
{
    struct order_where w = {.status = f->status, .channel = f->channel, .late = f->late};
    snprintf(w.from, sizeof w.from, "%s", f->from);
    snprintf(w.to, sizeof w.to, "%s", f->to);
    datetime_today(w.today);
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50;
    int64_t *ids = xcalloc((size_t)want, sizeof *ids);
    int n = 0;
    int rc = fulfilment_store_find(app->db, &w, q, ids, want, &n, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = order_store_get(app->db, ids[i], &rows[i], e);
    *count = rc == ERR_OK ? n : 0;
    free(ids);
    return rc;
}

int order_find_filtered(struct app *app, const char *text, const struct order_filter *f,
                        const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    *count = 0;
    if (!order_filter_active(f))
        return order_find(app, text, q, rows, count, e);
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    bool typed = text != NULL && text[0] != '\0';
    bool dated = f->from[0] || f->to[0] || f->late;
    if (!typed && !dated && rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL))
        return order_store_page_where(app->db, f->status, f->channel, q, rows, count, e);
    if (!typed && rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL))
        return order_find_dated(app, f, q, rows, count, e);
    return order_find_refill(app, typed ? text : "", f, q, rows, count, e);
}
