/* What a cart is priced with, loaded from the database: the store-local
 * clock, the products of its lines (with free stock), an account's B2B
 * prices and credit, shipping methods, closing days, the gift-wrap fee,
 * what promotions and loyalty read (their own loaders). Pricing itself
 * (cart_price.c) never reads the database. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/cart_store.h"
#include "db/pricing_store.h"
#include "db/product_store.h"
#include "db/settings_store.h"
#include "db/shipping_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/customers.h"
#include "src/products.h"
#include "src/settings.h"
#include "src/validate.h"

const struct cart_product *cart_inputs_product(const struct cart_inputs *in, int64_t product_id)
{
    int lo = 0, hi = in->nproducts;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (in->products[mid].id < product_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < in->nproducts && in->products[lo].id == product_id ? &in->products[lo] : NULL;
}

const struct shipping_method *cart_inputs_method(const struct cart_inputs *in, const char *code)
{
    for (int i = 0; i < in->nmethods; i++)
        if (strcmp(in->methods[i].code, code) == 0)
            return &in->methods[i];
    return NULL;
}

void cart_inputs_free(struct cart_inputs *in)
{
    promotion_cart_free(in);
    loyalty_cart_free(in);
    free(in->products);
    free(in->methods);
    free(in->closures);
    if (in->has_b2b)
        pricing_inputs_free(&in->b2b);
    memset(in, 0, sizeof *in);
}

static int product_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct cart_product *)a)->id, y = ((const struct cart_product *)b)->id;
    return x < y ? -1 : x > y;
}

/* The lines' product ids not loaded yet. */
static int64_t *missing_products(const struct cart_inputs *in, const struct cart *c, int *n)
{
    int64_t *ids = xmalloc(sizeof *ids * (size_t)(c->nlines + 1));
    *n = 0;
    for (int i = 0; i < c->nlines; i++)
        if (cart_inputs_product(in, c->lines[i].product_id) == NULL)
            ids[(*n)++] = c->lines[i].product_id;
    return ids;
}

/* An account's prices for every product of the cart, again. */
static int load_b2b(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    int64_t *ids = xmalloc(sizeof *ids * (size_t)(in->nproducts + 1));
    for (int i = 0; i < in->nproducts; i++)
        ids[i] = in->products[i].id;
    if (in->has_b2b)
        pricing_inputs_free(&in->b2b);
    in->has_b2b = false;
    int rc = pricing_store_load(app->db, c->account_id, ids, in->nproducts, in->today, &in->b2b, e);
    in->has_b2b = rc == ERR_OK;
    free(ids);
    return rc;
}

int cart_inputs_refresh(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    int n = 0;
    int64_t *ids = missing_products(in, c, &n);
    struct rows got = {0};
    rows_reset(&got, sizeof(struct cart_product));
    int rc = n > 0 ? cart_store_products(app->db, ids, n, &got, e) : ERR_OK;
    free(ids);
    if (rc == ERR_OK && got.n > 0) {
        if (in->nproducts + got.n > in->products_cap) {
            in->products_cap = (in->nproducts + got.n) * 2;
            in->products = xrealloc(in->products, sizeof *in->products * (size_t)in->products_cap);
        }
        memcpy(in->products + in->nproducts, got.items, sizeof *in->products * (size_t)got.n);
        in->nproducts += got.n;
        qsort(in->products, (size_t)in->nproducts, sizeof *in->products, product_cmp);
    }
    if (rc == ERR_OK && c->channel == CHANNEL_B2B && c->account_id > 0 && (got.n > 0 || !in->has_b2b))
        rc = load_b2b(app, c, in, e);
    rows_free(&got);
    if (rc == ERR_OK && in->today[0]) /* a code typed since: issue 11 reads what it names */
        rc = promotion_cart_load(app, c, in, e);
    return rc;
}

static void inputs_clock(struct cart_inputs *in)
{
    time_t now = datetime_now();
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(in->today, sizeof in->today, "%Y-%m-%d", &tm);
    strftime(in->now_hm, sizeof in->now_hm, "%H:%M", &tm);
}

static int load_shipping(struct app *app, struct cart_inputs *in, struct err *e)
{
    struct rows r = {0};
    int rc = shipping_store_list(app->db, &r, e);
    if (rc == ERR_OK && r.n > 0) {
        in->methods = xmalloc(sizeof *in->methods * (size_t)r.n);
        memcpy(in->methods, r.items, sizeof *in->methods * (size_t)r.n);
        in->nmethods = r.n;
    }
    if (rc == ERR_OK && (rc = shipping_store_closures(app->db, in->today, &r, e)) == ERR_OK && r.n > 0) {
        in->closures = xmalloc(sizeof *in->closures * (size_t)r.n);
        const struct business_closure *days = r.items;
        for (int i = 0; i < r.n; i++)
            snprintf(in->closures[i], sizeof in->closures[i], "%s", days[i].day);
        in->nclosures = r.n;
    }
    rows_free(&r);
    return rc;
}

static int load_settings(struct app *app, struct cart_inputs *in, struct err *e)
{
    in->gift_wrap_fee = settings_get_int(app, "order.gift_wrap_fee", 0, 100000000, 350);
    in->backorder_days = settings_get_int(app, "stock.backorder_days", 0, 365, 10);
    settings_get(app, "order.gift_wrap_tax_class", "standard", in->gift_wrap_tax_class,
                 sizeof in->gift_wrap_tax_class);
    struct tax_class t;
    int rc = tax_store_get(app->db, in->gift_wrap_tax_class, &t, e);
    in->gift_wrap_rate_bp = rc == ERR_OK ? t.rate_bp : 0;
    return rc;
}

static int load_party(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    if (c->channel == CHANNEL_B2B) {
        struct account a;
        int rc = account_get(app, c->account_id, &a, e); /* a rep: only their own */
        if (rc != ERR_OK)
            return rc;
        snprintf(in->account_code, sizeof in->account_code, "%s", a.code);
        in->credit_limit = a.credit_limit;
        in->open_balance = a.open_balance;
        return ERR_OK;
    }
    if (c->customer_id <= 0)
        return ERR_OK;
    return cart_store_customer_facts(app->db, c->customer_id, in->customer_tier, sizeof in->customer_tier,
                                     &in->first_order, e);
}

int cart_inputs_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    memset(in, 0, sizeof *in);
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    return rc != ERR_OK ? rc : cart_inputs_load_for(app, c, in, e);
}

int cart_inputs_load_for(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    memset(in, 0, sizeof *in);
    int rc;
    inputs_clock(in);
    if ((rc = load_shipping(app, in, e)) == ERR_OK && (rc = load_settings(app, in, e)) == ERR_OK &&
        (rc = load_party(app, c, in, e)) == ERR_OK && (rc = cart_inputs_refresh(app, c, in, e)) == ERR_OK &&
        (rc = promotion_cart_load(app, c, in, e)) == ERR_OK)
        rc = loyalty_cart_load(app, c, in, e);
    if (rc != ERR_OK)
        cart_inputs_free(in);
    return rc;
}

int cart_set_party(struct app *app, struct cart *c, const char *customer_email, const char *account_code,
                   const char *contact_name, struct err *e)
{
    if (customer_email && customer_email[0]) {
        struct customer cu;
        int rc = customer_find_email(app, customer_email, &cu, e);
        if (rc == ERR_OK)
            rc = customer_get(app, cu.id, &cu, e);
        if (rc == ERR_OK)
            cart_set_customer(c, cu.id);
        return rc;
    }
    struct account a;
    int rc = account_find_code(app, account_code ? account_code : "", &a, e);
    if (rc != ERR_OK || contact_name == NULL || contact_name[0] == '\0') {
        if (rc == ERR_OK)
            cart_set_account(c, a.id, 0);
        return rc;
    }
    struct rows contacts = {0};
    int64_t contact = 0;
    rc = contact_list(app, a.id, NULL, &contacts, e);
    const struct contact *k = contacts.items;
    for (int i = 0; rc == ERR_OK && i < contacts.n && contact == 0; i++)
        if (strcasecmp(k[i].name, contact_name) == 0)
            contact = k[i].id;
    rows_free(&contacts);
    if (rc == ERR_OK && contact == 0)
        rc =
            err_set(e, ERR_NOTFOUND, "contact", "account %s has no contact named '%s'", a.code, contact_name);
    if (rc == ERR_OK)
        cart_set_account(c, a.id, contact);
    return rc;
}

int cart_set_shipping(struct app *app, struct cart *c, const char *code, struct err *e)
{
    struct rows methods = {0};
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    if (rc == ERR_OK)
        rc = shipping_store_list(app->db, &methods, e);
    const struct shipping_method *m = methods.items;
    char offered[200] = "";
    size_t used = 0;
    for (int i = 0; rc == ERR_OK && i < methods.n; i++) {
        if (!m[i].active)
            continue;
        if (strcmp(m[i].code, code) == 0) {
            snprintf(c->shipping_method, sizeof c->shipping_method, "%s", code);
            rows_free(&methods);
            return ERR_OK;
        }
        if (used < sizeof offered)
            used +=
                (size_t)snprintf(offered + used, sizeof offered - used, "%s%s", used ? ", " : "", m[i].code);
    }
    rows_free(&methods);
    return rc != ERR_OK
               ? rc
               : err_set(e, ERR_INVALID, "ship", "no shipping method '%s' (there are: %s)", code, offered);
}

int cart_add_sku(struct app *app, struct cart *c, const char *sku, int64_t quantity, int *index,
                 struct err *e)
{
    struct product p;
    char upper[65];
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    if (rc == ERR_OK)
        rc = product_find_sku(app, sku, &p, e);
    if (rc == ERR_NOTFOUND) { /* SKUs are upper case; people type either */
        size_t i = 0;
        for (; sku[i] && i + 1 < sizeof upper; i++)
            upper[i] = (char)toupper((unsigned char)sku[i]);
        upper[i] = '\0';
        if (strcmp(upper, sku) != 0 && product_find_sku(app, upper, &p, NULL) == ERR_OK)
            rc = ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    if (!p.active)
        return err_set(e, ERR_STATE, "sku", "%s (%s) is no longer sold", p.sku, p.name);
    return cart_add(c, p.id, p.sku, quantity, index, e);
}

/* Characters (not bytes) of UTF-8 text. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int cart_check_options(const struct cart *c, const char *today, struct err *e)
{
    int rc = text_check("gift_message", c->gift_message, sizeof c->gift_message - 1, TEXT_MULTILINE, e);
    if (rc == ERR_OK && utf8_chars(c->gift_message) > GIFT_MESSAGE_MAX_CHARS)
        rc =
            err_set(e, ERR_INVALID, "gift_message", "a gift message has at most %d characters (this one %zu)",
                    GIFT_MESSAGE_MAX_CHARS, utf8_chars(c->gift_message));
    if (rc == ERR_OK)
        rc = text_check("note", c->note, sizeof c->note - 1, TEXT_MULTILINE, e);
    if (rc == ERR_OK)
        rc = text_check("reference", c->pay_reference, sizeof c->pay_reference - 1, 0, e);
    if (rc == ERR_OK)
        rc = text_check("po_number", c->po_number, sizeof c->po_number - 1, 0, e);
    if (rc == ERR_OK && c->requested_date[0] && !datetime_is_date(c->requested_date))
        rc = err_set(e, ERR_INVALID, "requested", "a requested date is YYYY-MM-DD, not '%s'",
                     c->requested_date);
    if (rc == ERR_OK && c->requested_date[0] && strcmp(c->requested_date, today) < 0)
        rc = err_set(e, ERR_INVALID, "requested", "the requested date %s is past", c->requested_date);
    if (rc == ERR_OK && c->cash_tendered < 0)
        rc = err_set(e, ERR_INVALID, "cash", "cash handed over cannot be negative");
    if (rc == ERR_OK && c->cash_tendered > 0 && cart_payment(c) != PAY_CASH)
        rc = err_set(e, ERR_INVALID, "cash", "cash handed over is for a cash payment");
    return rc;
}
