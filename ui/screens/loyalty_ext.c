/* Loyalty in the console: the Quick order's points key (F7: the most the
 * cart allows at once; again: an amount typed, or none) and its line under
 * the totals (available, redeemed, what this sale earns — live), and the
 * order screen's section (its rows come from loyalty_order_summary). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/cart.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/screens/kit.h"
#include "ui/screens/order_sections.h"
#include "ui/screens/quick_order_ext.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"

/* ------------------------------------------------------- the amount typed */

/* "max", a number of points, or 0 / nothing for none. */
static int points_read(const char *text, struct cart *c, struct err *e)
{
    char *end = NULL;
    if (strcmp(text, "max") == 0 || strcmp(text, "MAX") == 0) {
        c->points_max = true;
        c->points = 0;
        return ERR_OK;
    }
    long long n = text[0] ? strtoll(text, &end, 10) : 0;
    if (text[0] && (end == text || *end != '\0' || n < 0))
        return err_set(e, ERR_INVALID, "points", "a number of points, max, or 0 for none — not '%s'", text);
    c->points_max = false;
    c->points = n;
    return ERR_OK;
}

static int points_save(struct edit_screen *es, struct err *e)
{
    struct quick_order *qo = *(struct quick_order **)es->record;
    char text[32];
    FORM_COPY(&es->form, "points", text);
    int rc = points_read(text, quick_order_cart(qo), e);
    if (rc != ERR_OK)
        return rc;
    quick_order_changed(qo);
    const struct priced_cart *p = quick_order_priced(qo);
    snprintf(es->saved, sizeof es->saved, "%.110s",
             p->payment_issue[0]      ? p->payment_issue
             : p->points_redeemed > 0 ? "Points redeemed."
                                      : "No points redeemed.");
    return ERR_OK;
}

static int points_form(struct quick_order *qo)
{
    const struct cart *c = quick_order_cart(qo);
    const struct priced_cart *p = quick_order_priced(qo);
    struct quick_order **r = xmalloc(sizeof *r);
    *r = qo;
    struct edit_screen *es = edit_screen_new(quick_order_console(qo), "Points", points_save, r);
    char now[32];
    form_add(&es->form, "points", "Redeem", FIELD_TEXT, 12);
    if (c->points_max)
        snprintf(now, sizeof now, "max");
    else
        snprintf(now, sizeof now, "%lld", (long long)c->points);
    form_set(&es->form, "points", now);
    snprintf(es->intro, sizeof es->intro,
             "%lld %s available; this cart takes %lld now. A number, max, or 0 for none; Ctrl-S redeems.",
             (long long)p->points_available, text_plural(p->points_available, "point", "points"),
             (long long)p->points_redeemed);
    console_push(quick_order_console(qo), &es->base);
    return UI_DRAW;
}

/* F7: the most the cart allows, at once; when points are already asked,
 * the amount to type (or none). */
static int points_key(struct quick_order *qo)
{
    struct cart *c = quick_order_cart(qo);
    struct console *con = quick_order_console(qo);
    if (c->channel != CHANNEL_B2C || c->customer_id <= 0) {
        console_status(con, true, "Points: choose the customer first; only a known customer spends points.");
        return UI_DRAW;
    }
    if (c->points_max || c->points > 0)
        return points_form(qo);
    const struct priced_cart *p = quick_order_priced(qo);
    if (c->nlines == 0) {
        console_status(con, true, "Points: %lld available; add the products first.",
                       (long long)p->points_available);
        return UI_DRAW;
    }
    c->points_max = true;
    int rc = quick_order_changed(qo);
    p = quick_order_priced(qo);
    char value[64];
    fmt_money(con, p->points_value, value, sizeof value);
    if (p->points_redeemed > 0) {
        console_status(con, false, "%lld %s redeemed (-%s); F7 again for another amount or none.",
                       (long long)p->points_redeemed, text_plural(p->points_redeemed, "point", "points"),
                       value);
        return rc;
    }
    c->points_max = false; /* nothing to take: the cart is as it was */
    rc = quick_order_changed(qo);
    console_status(con, true, "No points to redeem on this cart (%lld available).",
                   (long long)quick_order_priced(qo)->points_available);
    return rc;
}

/* "Points 4240 available · 1000 redeemed -10.00 € · earns 90 when delivered"
 * (what this sale earns: within 80 columns with the larger numbers). */
static void points_panel(struct quick_order *qo, char *out, size_t len)
{
    const struct cart *c = quick_order_cart(qo);
    const struct priced_cart *p = quick_order_priced(qo);
    out[0] = '\0';
    if (c->channel != CHANNEL_B2C || c->customer_id <= 0)
        return;
    char value[64];
    int n = snprintf(out, len, "Points %lld available", (long long)p->points_available);
    if (p->points_redeemed > 0 && n > 0 && (size_t)n < len) {
        fmt_money(quick_order_console(qo), p->points_value, value, sizeof value);
        n += snprintf(out + n, len - (size_t)n, " · %lld redeemed -%s", (long long)p->points_redeemed, value);
    }
    if (n > 0 && (size_t)n < len)
        snprintf(out + n, len - (size_t)n, " · earns %lld when delivered", (long long)p->points_earned);
}

const struct quick_order_ext loyalty_quick_order_ext = {UA_QO_POINTS, "Points", points_key, points_panel};

/* The order screen's points section: its rows (earned, redeemed, released,
 * taken back, given back) are loyalty_order_summary's; no keys of its own. */
const struct order_section loyalty_order_section = {"Points", NULL, 0};
