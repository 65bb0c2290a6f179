/* Reorder: a past order's goods lines in a new cart, priced today, with
 * every price that moved (and every product no longer sold) said. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/cart.h"
#include "src/b2c/order_place.h"
#include "src/b2c/shipping.h"
#include "src/base/money.h"
#include "src/orders.h"
#include "src/products.h"

static void reorder_note(struct rows *notes, const char *fmt, const char *sku, const char *a, const char *b)
{
    char *text = rows_add(notes);
    snprintf(text, 160, fmt, sku, a, b);
}

/* The old unit price in the new cart's basis (a B2C order from before may
 * have been priced excluding tax). */
static int64_t old_unit_in_basis(const struct order_line *l, bool tax_included)
{
    return money_unit_in_basis(l->unit_price, l->tax_rate_bp, l->tax_included, tax_included);
}

static int reorder_lines(struct app *app, const struct rows *lines, struct cart *c, struct rows *notes,
                         struct err *e)
{
    const struct order_line *l = lines->items;
    for (int i = 0; i < lines->n; i++) {
        if (l[i].kind != LINE_GOODS)
            continue;
        struct product p;
        struct err miss = {0};
        if (l[i].product_id <= 0 || product_get(app, l[i].product_id, &p, &miss) != ERR_OK || !p.active) {
            reorder_note(notes, "%s is no longer sold: left out%s%s", l[i].sku, "", "");
            continue;
        }
        int rc = cart_add(c, p.id, p.sku, l[i].quantity, NULL, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* One note per line whose unit price is not what the old order charged. */
static int reorder_compare(struct app *app, const struct rows *lines, const struct cart *c,
                           struct rows *notes, struct err *e)
{
    struct cart_inputs in;
    struct priced_cart p = {0};
    int rc = cart_inputs_load(app, c, &in, e);
    bool loaded = rc == ERR_OK;
    if (rc == ERR_OK)
        rc = cart_price(&in, c, &p, e);
    const struct order_line *l = lines->items;
    for (int k = 0; rc == ERR_OK && k < p.ngoods; k++) {
        for (int i = 0; i < lines->n; i++) {
            if (l[i].kind != LINE_GOODS || l[i].product_id != p.lines[k].product_id)
                continue;
            int64_t was = old_unit_in_basis(&l[i], p.tax_included);
            if (was != p.lines[k].unit_price) {
                char a[32], b[32];
                money_format_plain(was, a, sizeof a);
                money_format_plain(p.lines[k].unit_price, b, sizeof b);
                reorder_note(notes, "%s was %s, now %s", p.lines[k].sku, a, b);
            }
            break;
        }
    }
    priced_cart_free(&p);
    if (loaded)
        cart_inputs_free(&in);
    return rc;
}

int order_reorder_cart(struct app *app, const char *number, struct cart **out, struct rows *notes,
                       struct err *e)
{
    struct order o;
    struct rows lines = {0};
    *out = NULL;
    rows_reset(notes, 160);
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    if (rc == ERR_OK)
        rc = order_get(app, number, &o, e);
    if (rc == ERR_OK)
        rc = order_lines(app, &o, NULL, &lines, e);
    if (rc != ERR_OK) {
        rows_free(&lines);
        return rc;
    }
    struct cart *c = cart_new(o.channel);
    if (o.channel == CHANNEL_B2B)
        cart_set_account(c, o.account_id, o.contact_id);
    else
        cart_set_customer(c, o.customer_id);
    struct shipping_method m;
    struct err miss = {0};
    if (shipping_get(app, o.shipping_method, &m, &miss) == ERR_OK && m.active) /* else the default */
        snprintf(c->shipping_method, sizeof c->shipping_method, "%s", o.shipping_method);
    rc = reorder_lines(app, &lines, c, notes, e);
    if (rc == ERR_OK && c->nlines == 0)
        rc = err_set(e, ERR_STATE, "lines", "nothing of %s is still sold", o.number);
    if (rc == ERR_OK)
        rc = reorder_compare(app, &lines, c, notes, e);
    rows_free(&lines);
    if (rc != ERR_OK)
        cart_free(&c);
    *out = c;
    return rc;
}
