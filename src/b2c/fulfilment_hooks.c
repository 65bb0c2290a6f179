/* Fulfilment on orders: shipments in an order's summary, its checks and
 * demo history (issue 13 fills this file; until then each does nothing). */
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"

int fulfilment_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    (void)app, (void)o, (void)out, (void)e;
    return ERR_OK;
}

int fulfilment_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    (void)app, (void)report, (void)problems, (void)e;
    return ERR_OK;
}

int fulfilment_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)app, (void)seed, (void)progress, (void)e;
    return ERR_OK;
}
