/* Products: the list with stock, one product, and the product form. Prices
 * are read-only for those who may not change them; the core refuses anyway,
 * and its message is what the screen shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/products.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------- the list */

static const struct table_column product_columns[] = {
    {"SKU", 14, TEXT_LEFT, PRODUCT_SORT_SKU},
    {"Name", 0, TEXT_LEFT, PRODUCT_SORT_NAME},
    {"Category", 14, TEXT_LEFT, PRODUCT_SORT_CATEGORY},
    {"Price", 13, TEXT_RIGHT, PRODUCT_SORT_PRICE},
    {"In stock", 9, TEXT_RIGHT, -1},
};

static int product_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return product_page(((struct screen *)ctx)->con->app, q, rows, count, e);
}

static void product_row_cursor(const void *row, int sort, struct page_cursor *cur)
{
    product_cursor(row, sort, cur);
}

static int64_t product_id(const void *row)
{
    return ((const struct product *)row)->id;
}

static void product_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct product *p = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", p->sku); break;
    case 1: snprintf(out, len, "%s%s", p->name, p->active ? "" : " (inactive)"); break;
    case 2: snprintf(out, len, "%s", p->category); break;
    case 3: fmt_money(((struct screen *)ctx)->con, p->list_price, out, len); break;
    case 4: fmt_int(p->stock_on_hand - p->stock_reserved, out, len); break;
    }
}

static int products_open(void *owner)
{
    struct list_screen *l = owner;
    const struct product *p = table_selected(&l->table);
    console_push(l->base.con, product_detail_new(l->base.con, p->id));
    return UI_DRAW;
}

static int products_add(void *owner)
{
    struct list_screen *l = owner;
    struct err e = {0};
    if (app_require(l->base.con->app, ACT_PRODUCT_EDIT, &e) != ERR_OK) {
        console_error(l->base.con, &e);
        return UI_DRAW;
    }
    list_push_editor(l, product_edit_new(l->base.con, NULL));
    return UI_DRAW;
}

static int products_edit(void *owner)
{
    struct list_screen *l = owner;
    const struct product *p = table_selected(&l->table);
    if (p == NULL)
        return UI_DONE;
    list_push_editor(l, product_edit_new(l->base.con, p));
    return UI_DRAW;
}

static const struct keydef products_keys[] = {
    {UA_NEW, products_add, KEYDEF_BAR, NULL},
    {UA_EDIT, products_edit, KEYDEF_BAR, NULL},
};

struct screen *products_new(struct console *c)
{
    struct list_screen *l = xcalloc(1, sizeof *l);
    struct table_source src = {.cols = product_columns,
                               .ncols = 5,
                               .row_size = sizeof(struct product),
                               .fetch = product_fetch,
                               .cursor = product_row_cursor,
                               .id = product_id,
                               .cell = product_cell,
                               .ctx = l,
                               .forward_only = false,
                               .page = 0};
    list_screen_init(l, c, "Products", &src, products_keys,
                     (int)(sizeof products_keys / sizeof products_keys[0]), products_open);
    l->table.empty_text = "No products yet.";
    return &l->base;
}

/* ----------------------------------------------------------- the detail */

struct product_detail {
    struct screen base;
    int64_t id;
    struct product product;
    struct err load_error;
};

static int pdetail_load(struct product_detail *d)
{
    err_clear(&d->load_error);
    if (product_get(d->base.con->app, d->id, &d->product, &d->load_error) != ERR_OK)
        return d->load_error.code;
    screen_set_title(&d->base, d->product.sku);
    return ERR_OK;
}

static void pdetail_draw(struct screen *s)
{
    struct product_detail *d = (struct product_detail *)s;
    const struct product *p = &d->product;
    if (d->load_error.code != ERR_OK) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, d->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    char v[256];
    int y = s->y, x = s->x + 1, w = s->w - 2;
    draw_textf(y, x, w, STYLE_TITLE, "%s  %s%s", p->sku, p->name, p->active ? "" : "  (inactive)");
    draw_field(y + 2, x, 18, w, "Category", p->category);
    draw_field(y + 3, x, 18, w, "Unit", p->unit);
    fmt_money(s->con, p->list_price, v, sizeof v);
    draw_field(y + 4, x, 18, w, "List price (excl.)", v);
    draw_field(y + 5, x, 18, w, "Tax class", p->tax_class);
    fmt_money(s->con, p->unit_cost, v, sizeof v);
    draw_field(y + 6, x, 18, w, "Unit cost", v);
    snprintf(v, sizeof v, "%lld on hand, %lld reserved, %lld available", (long long)p->stock_on_hand,
             (long long)p->stock_reserved, (long long)(p->stock_on_hand - p->stock_reserved));
    draw_field(y + 7, x, 18, w, "Stock", v);
    snprintf(v, sizeof v, "minimum %lld, packs of %lld", (long long)p->min_order_qty,
             (long long)p->pack_size);
    draw_field(y + 8, x, 18, w, "B2B quantities", v);
    fmt_time(p->updated_at, v, sizeof v);
    draw_field(y + 9, x, 18, w, "Updated", v);
}

static int pdetail_edit(void *p)
{
    struct product_detail *d = p;
    if (d->load_error.code == ERR_OK)
        console_push(d->base.con, product_edit_new(d->base.con, &d->product));
    return UI_DRAW;
}

static const struct keydef pdetail_keys[] = {
    {UA_EDIT, pdetail_edit, KEYDEF_BAR, NULL},
};

static int pdetail_keytables(struct screen *s, struct keytable *out, int max)
{
    (void)max;
    out[0] = (struct keytable)KEYTABLE("Product", pdetail_keys, s);
    return 1;
}

static int pdetail_reload(struct screen *s)
{
    pdetail_load((struct product_detail *)s);
    return UI_DRAW;
}

static void pdetail_destroy(struct screen *s)
{
    free(s);
}

static const struct screen_ops product_detail_ops = {
    .kind = "product",
    .draw = pdetail_draw,
    .keytables = pdetail_keytables,
    .reload = pdetail_reload,
    .destroy = pdetail_destroy,
};

struct screen *product_detail_new(struct console *c, int64_t id)
{
    struct product_detail *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &product_detail_ops, c, "Product");
    d->id = id;
    pdetail_load(d);
    return &d->base;
}

/* ------------------------------------------------------------- the form */

static const char *const yes_no[] = {"yes", "no", NULL};

static int product_save(struct edit_screen *ed, struct err *e)
{
    struct product p = *(struct product *)ed->record;
    struct form *f = &ed->form;
    char active[8];
    FORM_COPY(f, "sku", p.sku);
    FORM_COPY(f, "name", p.name);
    FORM_COPY(f, "category", p.category);
    FORM_COPY(f, "unit", p.unit);
    FORM_COPY(f, "tax_class", p.tax_class);
    FORM_COPY(f, "active", active);
    p.active = strcmp(active, "yes") == 0;
    if (form_get_money(f, "list_price", &p.list_price, e) != ERR_OK ||
        form_get_money(f, "unit_cost", &p.unit_cost, e) != ERR_OK ||
        form_get_int(f, "stock_on_hand", &p.stock_on_hand, e) != ERR_OK ||
        form_get_int(f, "min_order_qty", &p.min_order_qty, e) != ERR_OK ||
        form_get_int(f, "pack_size", &p.pack_size, e) != ERR_OK)
        return e->code;
    struct app *app = ed->base.con->app;
    int rc = p.id ? product_update(app, &p, e) : product_create(app, &p, e);
    if (rc == ERR_OK)
        *(struct product *)ed->record = p;
    return rc;
}

static void product_form_fields(struct form *f, const struct app *app)
{
    const char *currency = money_currency_symbol(app->currency);
    form_add(f, "sku", "SKU", FIELD_TEXT, 64);
    form_add(f, "name", "Name", FIELD_TEXT, 200);
    form_add(f, "category", "Category", FIELD_TEXT, 100);
    form_add(f, "unit", "Unit", FIELD_TEXT, 16);
    form_add(f, "list_price", "List price (excl.)", FIELD_MONEY, 20)->unit = currency;
    form_add(f, "tax_class", "Tax class", FIELD_TEXT, 16);
    form_add(f, "unit_cost", "Unit cost", FIELD_MONEY, 20)->unit = currency;
    form_add(f, "stock_on_hand", "Stock on hand", FIELD_NUMBER, 12);
    form_add(f, "min_order_qty", "Minimum order qty", FIELD_NUMBER, 12);
    form_add(f, "pack_size", "Pack size", FIELD_NUMBER, 12);
    form_add(f, "active", "Active", FIELD_CHOICE, 0)->choices = yes_no;
}

static void product_form_values(struct form *f, const void *record)
{
    const struct product *p = record;
    form_set(f, "sku", p->sku);
    form_set(f, "name", p->name);
    form_set(f, "category", p->category);
    form_set(f, "unit", p->unit);
    form_set_money(f, "list_price", p->list_price);
    form_set(f, "tax_class", p->tax_class);
    form_set_money(f, "unit_cost", p->unit_cost);
    form_set_int(f, "stock_on_hand", p->stock_on_hand);
    form_set_int(f, "min_order_qty", p->min_order_qty);
    form_set_int(f, "pack_size", p->pack_size);
    form_set_choice(f, "active", p->active ? "yes" : "no");
}

static int product_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return product_get(app, ((const struct product *)record)->id, fresh, e);
}

struct screen *product_edit_new(struct console *c, const struct product *p)
{
    struct product *rec = xcalloc(1, sizeof *rec);
    if (p) {
        *rec = *p;
    } else {
        rec->active = true;
        rec->min_order_qty = rec->pack_size = 1;
        snprintf(rec->unit, sizeof rec->unit, "each");
        snprintf(rec->tax_class, sizeof rec->tax_class, "standard");
    }
    struct edit_screen *ed = edit_screen_new(c, p ? "Edit" : "New product", product_save, rec);
    struct form *f = &ed->form;
    product_form_fields(f, c->app);
    product_form_values(f, rec);
    enum role role = c->app->user.role;
    bool may_edit = rights_allows(role, ACT_PRODUCT_EDIT), may_price = rights_allows(role, ACT_PRICE_EDIT);
    for (int i = 0; i < f->n; i++) {
        bool price =
            strcmp(f->fields[i].name, "list_price") == 0 || strcmp(f->fields[i].name, "unit_cost") == 0;
        f->fields[i].readonly = price ? !may_price : !may_edit;
    }
    if (p) {
        f->fields[0].readonly = true; /* the SKU is the product's key */
        edit_screen_reloadable(ed, product_form_values, product_load, sizeof *rec);
    }
    f->current = 0;
    while (f->current < f->n - 1 && f->fields[f->current].readonly)
        f->current++;
    struct err why = {0};
    if (!may_edit && app_require(c->app, ACT_PRODUCT_EDIT, &why) != ERR_OK)
        snprintf(ed->intro, sizeof ed->intro, "Read only: %s", why.msg);
    else if (!may_price && app_require(c->app, ACT_PRICE_EDIT, &why) != ERR_OK)
        snprintf(ed->intro, sizeof ed->intro, "Prices are read only: %s", why.msg);
    else
        snprintf(ed->intro, sizeof ed->intro, "%s — Ctrl-S saves, Esc leaves", p ? "Product" : "New product");
    return &ed->base;
}
