/* Orders narrowed by status and channel on top of what a caller typed: the
 * support search keeps its matching, these two keep only the orders of the
 * status and channel asked. Without text the store reads them by its status
 * index; with text the search's pages are read on until a page is full. */
#include <stdlib.h>

#include "db/order_store.h"
#include "src/app.h"
#include "src/base/mem.h"
#include "src/orders.h"
#include "src/users.h"

static bool order_filter_keeps(const struct order_filter *f, const struct order *o)
{
    return (f->status < 0 || (int)o->status == f->status) &&
           (f->channel < 0 || (int)o->channel == f->channel);
}

/* Search pages read on from q until want rows match f (or the search ends). */
static int order_find_refill(struct app *app, const char *text, const struct order_filter *f,
                             const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50, rc;
    struct page_req next = *q;
    struct order *batch = xcalloc((size_t)want, sizeof *batch);
    *count = 0;
    for (;;) {
        int n = 0;
        next.limit = want;
        if ((rc = order_find(app, text, &next, batch, &n, e)) != ERR_OK)
            break;
        for (int i = 0; i < n && *count < want; i++)
            if (order_filter_keeps(f, &batch[i]))
                rows[(*count)++] = batch[i];
        if (n < want || *count >= want || q->before)
            break;
        next.has_cursor = true;
        order_cursor(&batch[n - 1], ORDER_SORT_PLACED, &next.cursor);
    }
    free(batch);
    return rc;
}

int order_find_filtered(struct app *app, const char *text, const struct order_filter *f,
                        const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    *count = 0;
    if (f == NULL || (f->status < 0 && f->channel < 0))
        return order_find(app, text, q, rows, count, e);
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    bool typed = text != NULL && text[0] != '\0';
    if (!typed && rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL))
        return order_store_page_where(app->db, f->status, f->channel, q, rows, count, e);
    return order_find_refill(app, typed ? text : "", f, q, rows, count, e);
}
