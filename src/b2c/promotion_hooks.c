/* Promotions in the cart and on orders (issue 11 fills this file; until
 * then each seam does nothing, and a coupon typed is said not applied). */
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"

int promotion_step_lines(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e)
{
    (void)in, (void)c, (void)p, (void)e;
    return ERR_OK;
}

int promotion_step_order(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e)
{
    (void)in, (void)e;
    /* Nothing typed is silently ignored. */
    for (int i = 0; i < c->ncoupons; i++)
        priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "%s: unknown code", c->coupons[i]);
    return ERR_OK;
}

int promotion_step_shipping(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                            struct err *e)
{
    (void)in, (void)c, (void)p, (void)e;
    return ERR_OK;
}

int promotion_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    (void)app, (void)c, (void)in, (void)e;
    return ERR_OK;
}

void promotion_cart_free(struct cart_inputs *in)
{
    in->promotions = NULL;
}

int promotion_on_order(struct app *app, const struct order_change *change, struct err *e)
{
    (void)app, (void)change, (void)e;
    return ERR_OK;
}

int promotion_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    (void)app, (void)o, (void)out, (void)e;
    return ERR_OK;
}

int promotion_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    (void)app, (void)report, (void)problems, (void)e;
    return ERR_OK;
}

int promotion_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)app, (void)seed, (void)progress, (void)e;
    return ERR_OK;
}
