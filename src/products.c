/* Products: validation, rights (changing a price takes the right to change
 * prices), the tax class check, audited changes, lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/product_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

#define MAX(field) (sizeof(field) - 1)

static int product_check_numbers(const struct product *p, struct err *e)
{
    if (p->list_price < 0)
        return err_set(e, ERR_INVALID, "list_price", "list_price must not be negative");
    if (p->unit_cost < 0)
        return err_set(e, ERR_INVALID, "unit_cost", "unit_cost must not be negative");
    if (p->stock_on_hand < 0)
        return err_set(e, ERR_INVALID, "stock_on_hand", "stock_on_hand must not be negative");
    if (p->stock_reserved < 0)
        return err_set(e, ERR_INVALID, "stock_reserved", "stock_reserved must not be negative");
    if (p->min_order_qty < 1)
        return err_set(e, ERR_INVALID, "min_order_qty", "min_order_qty must be at least 1 (not %lld)",
                       (long long)p->min_order_qty);
    if (p->pack_size < 1)
        return err_set(e, ERR_INVALID, "pack_size", "pack_size must be at least 1 (not %lld)",
                       (long long)p->pack_size);
    return ERR_OK;
}

/* Whether the tax class exists is checked against the database by the
 * operations; here only its shape. */
int product_validate(const struct product *p, struct err *e)
{
    if (text_check("sku", p->sku, MAX(p->sku), TEXT_REQUIRED | TEXT_KEY, e) != ERR_OK ||
        text_check("name", p->name, MAX(p->name), TEXT_REQUIRED, e) != ERR_OK ||
        text_check("category", p->category, MAX(p->category), 0, e) != ERR_OK ||
        text_check("unit", p->unit, MAX(p->unit), TEXT_REQUIRED, e) != ERR_OK ||
        text_check("tax_class", p->tax_class, MAX(p->tax_class), TEXT_REQUIRED, e) != ERR_OK)
        return ERR_INVALID;
    return product_check_numbers(p, e);
}

static int finish(struct app *app, int rc, struct err *e)
{
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

/* The tax class must be one of the tax_classes table; the message lists them. */
static int product_check_tax_class(struct app *app, const struct product *p, struct err *e)
{
    struct tax_class t;
    struct rows all = {0};
    int rc = tax_store_get(app->db, p->tax_class, &t, e);
    if (rc != ERR_NOTFOUND)
        return rc;
    char names[400] = "";
    if (tax_store_list(app->db, &all, NULL) == ERR_OK)
        for (int i = 0; i < all.n; i++) {
            const struct tax_class *c = rows_at(&all, i);
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s", i > 0 ? ", " : "", c->code);
        }
    rows_free(&all);
    return err_set(e, ERR_INVALID, "tax_class", "tax_class '%s' is not one of the tax classes (%s)",
                   p->tax_class, names);
}

static int product_audit(struct app *app, const char *action, const struct product *before,
                         const struct product *after, struct err *e)
{
    char *b = before ? product_to_json(before) : NULL;
    char *a = product_to_json(after);
    int rc = audit_record(app, action, "product", after->sku, b, a, e);
    free(b);
    free(a);
    return rc;
}

/* What the operations fill in when the form left it empty. */
static void product_defaults(struct product *p)
{
    if (p->unit[0] == '\0')
        snprintf(p->unit, sizeof p->unit, "each");
    if (p->tax_class[0] == '\0')
        snprintf(p->tax_class, sizeof p->tax_class, "standard");
    if (p->min_order_qty == 0)
        p->min_order_qty = 1;
    if (p->pack_size == 0)
        p->pack_size = 1;
}

int product_create(struct app *app, struct product *p, struct err *e)
{
    struct product work = *p;
    product_defaults(&work);
    int rc = product_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_PRODUCT_EDIT, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_PRICE_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = product_check_tax_class(app, &work, e);
    if (rc == ERR_OK)
        rc = product_store_insert(app->db, &work, e);
    if (rc == ERR_OK)
        rc = product_audit(app, "create", NULL, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK)
        *p = work;
    return rc;
}

/* A change of price or cost takes the right to change prices; it is
 * checked first so that the refusal names the price. */
static int product_may_update(struct app *app, const struct product *before, const struct product *after,
                              struct err *e)
{
    const char *price_field = after->list_price != before->list_price ? "list_price"
                              : after->unit_cost != before->unit_cost ? "unit_cost"
                                                                      : NULL;
    if (price_field != NULL && app_require(app, ACT_PRICE_EDIT, e) != ERR_OK) {
        if (e)
            snprintf(e->field, sizeof e->field, "%s", price_field);
        return ERR_DENIED;
    }
    return app_require(app, ACT_PRODUCT_EDIT, e);
}

int product_update(struct app *app, struct product *p, struct err *e)
{
    struct product work = *p, before;
    int rc = product_validate(&work, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = product_store_get(app->db, work.id, &before, e);
    if (rc == ERR_OK)
        rc = product_may_update(app, &before, &work, e);
    if (rc == ERR_OK)
        rc = product_check_tax_class(app, &work, e);
    if (rc == ERR_OK)
        rc = product_store_update(app->db, &work, e);
    if (rc == ERR_OK)
        rc = product_store_get(app->db, work.id, &work, e);
    if (rc == ERR_OK)
        rc = product_audit(app, "update", &before, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK) {
        *p = work;
    } else if (rc == ERR_CONFLICT) {
        char what[96];
        snprintf(what, sizeof what, "product %s", before.sku);
        rc = audit_conflict(app, "product", before.sku, before.updated_at, what, e);
    }
    return rc;
}

/* The catalogue is open to every role. */
int product_get(struct app *app, int64_t id, struct product *out, struct err *e)
{
    return product_store_get(app->db, id, out, e);
}

int product_find_sku(struct app *app, const char *sku, struct product *out, struct err *e)
{
    return product_store_find_sku(app->db, sku, out, e);
}

int product_page(struct app *app, const struct page_req *q, struct product *rows, int *count, struct err *e)
{
    return product_store_page(app->db, q, rows, count, e);
}

void product_cursor(const struct product *p, int sort, struct page_cursor *c)
{
    product_store_cursor(p, sort, c);
}
