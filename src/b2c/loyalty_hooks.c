/* Loyalty points in the cart and on orders (issue 12 fills this file;
 * until then each seam does nothing, and points asked are said not
 * redeemed). */
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"

int loyalty_step_redeem(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                        struct err *e)
{
    (void)in, (void)e;
    if (c->points > 0 || c->points_max)
        priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "points: not redeemed (no points to spend)");
    return ERR_OK;
}

int loyalty_step_earn(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e)
{
    (void)in, (void)c, (void)p, (void)e;
    return ERR_OK;
}

int loyalty_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    (void)app, (void)c, (void)in, (void)e;
    return ERR_OK;
}

void loyalty_cart_free(struct cart_inputs *in)
{
    in->loyalty = NULL;
}

int loyalty_on_order(struct app *app, const struct order_change *change, struct err *e)
{
    (void)app, (void)change, (void)e;
    return ERR_OK;
}

int loyalty_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    (void)app, (void)o, (void)out, (void)e;
    return ERR_OK;
}

int loyalty_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    (void)app, (void)report, (void)problems, (void)e;
    return ERR_OK;
}

int loyalty_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)app, (void)seed, (void)progress, (void)e;
    return ERR_OK;
}
