/* The hook bus of orders and the summary rows every issue adds to an
 * order: one function each, calling the owners' seams in a fixed order. */
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"

int order_hooks_run(struct app *app, const struct order_change *change, struct err *e)
{
    int rc = promotion_on_order(app, change, e);
    return rc != ERR_OK ? rc : loyalty_on_order(app, change, e);
}

int order_summary_rows(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    static int (*const parts[])(struct app *, const struct order *, struct rows *, struct err *) = {
        promotion_order_summary, loyalty_order_summary, fulfilment_order_summary, return_order_summary};
    rows_reset(out, sizeof(struct order_summary_row));
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        int rc = parts[i](app, o, out, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}
