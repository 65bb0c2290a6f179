/* Customers (consumers): the list, one customer with their orders, and the
 * customer form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/loyalty.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/customers.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------- the list */

static const struct table_column customer_columns[] = {
    {"Name", 0, TEXT_LEFT, CUSTOMER_SORT_NAME},
    {"E-mail", 0, TEXT_LEFT, CUSTOMER_SORT_EMAIL},
    {"Phone", TABLE_WHOLE(16), TEXT_LEFT, -1},
    {"City", 14, TEXT_LEFT, CUSTOMER_SORT_CITY},
    {"Points", 7, TEXT_RIGHT, -1},
};

static int customer_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return customer_page(((struct screen *)ctx)->con->app, q, rows, count, e);
}

static void customer_row_cursor(const void *row, int sort, struct page_cursor *cur)
{
    customer_cursor(row, sort, cur);
}

static int64_t customer_id(const void *row)
{
    return ((const struct customer *)row)->id;
}

static void customer_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct customer *cu = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", cu->name); break;
    case 1: snprintf(out, len, "%s", cu->email); break;
    case 2: snprintf(out, len, "%s", cu->phone); break;
    case 3: snprintf(out, len, "%s", cu->city); break;
    case 4: fmt_int(cu->loyalty_points, out, len); break;
    }
}

static int customers_open(void *owner)
{
    struct list_screen *l = owner;
    const struct customer *cu = table_selected(&l->table);
    console_push(l->base.con, customer_detail_new(l->base.con, cu->id));
    return UI_DRAW;
}

static int customers_add(void *owner)
{
    struct list_screen *l = owner;
    list_push_editor(l, customer_edit_new(l->base.con, NULL));
    return UI_DRAW;
}

static int customers_edit(void *owner)
{
    struct list_screen *l = owner;
    const struct customer *cu = table_selected(&l->table);
    if (cu == NULL)
        return UI_DONE;
    list_push_editor(l, customer_edit_new(l->base.con, cu));
    return UI_DRAW;
}

static const struct keydef customers_keys[] = {
    {UA_NEW, customers_add, KEYDEF_BAR, NULL},
    {UA_EDIT, customers_edit, KEYDEF_BAR, NULL},
};

struct screen *customers_new(struct console *c)
{
    struct list_screen *l = xcalloc(1, sizeof *l);
    struct table_source src = {.cols = customer_columns,
                               .ncols = 5,
                               .row_size = sizeof(struct customer),
                               .fetch = customer_fetch,
                               .cursor = customer_row_cursor,
                               .id = customer_id,
                               .cell = customer_cell,
                               .ctx = l,
                               .forward_only = false,
                               .page = 0};
    list_screen_init(l, c, "Customers", &src, customers_keys,
                     (int)(sizeof customers_keys / sizeof customers_keys[0]), customers_open);
    l->table.empty_text = "No customers yet.";
    return &l->base;
}

/* ----------------------------------------------------------- the detail */

struct customer_detail {
    struct screen base;
    int64_t id;
    struct customer customer;
    struct loyalty_summary points;
    struct err load_error, points_error;
    struct table orders;
    struct table ledger; /* the points ledger, newest first */
    bool on_ledger;      /* Tab: which list has the keys */
};

static int customer_orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct customer_detail *d = ctx;
    return order_page_for_customer(d->base.con->app, d->id, q, rows, count, e);
}

/* ------------------------------------------------------- the points ledger */

static const struct table_column ledger_columns[] = {
    {"When", 16, TEXT_LEFT, -1},    {"Kind", 7, TEXT_LEFT, -1},  {"Points", 7, TEXT_RIGHT, -1},
    {"Balance", 8, TEXT_RIGHT, -1}, {"Order", 9, TEXT_LEFT, -1}, {"Expires", 10, TEXT_LEFT, -1},
    {"Why", 0, TEXT_LEFT, -1},
};

static int ledger_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct customer_detail *d = ctx;
    return loyalty_ledger(d->base.con->app, d->id, q, out, e);
}

static void ledger_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    loyalty_ledger_cursor(row, c);
}

static int64_t ledger_id(const void *row)
{
    return ((const struct loyalty_entry *)row)->id;
}

/* Why a row is there: the reason, who wrote it, a pending row's bucket. */
static void ledger_why(const struct loyalty_entry *l, char *out, size_t len)
{
    const char *bucket = l->bucket == LOYALTY_PENDING ? "pending" : "";
    snprintf(out, len, "%s%s%s%s%s", bucket, bucket[0] && (l->user_login[0] || l->reason[0]) ? " · " : "",
             l->user_login, l->user_login[0] && l->reason[0] ? ": " : "", l->reason);
}

static void ledger_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct loyalty_entry *l = row;
    switch (col) {
    case 0: fmt_time(l->at, out, len); break;
    case 1: snprintf(out, len, "%s", loyalty_kind_names[l->kind]); break;
    case 2: snprintf(out, len, "%+lld", (long long)l->points); break;
    case 3: fmt_int(l->bucket == LOYALTY_PENDING ? l->pending_after : l->available_after, out, len); break;
    case 4: snprintf(out, len, "%s", l->order_number); break;
    case 5: snprintf(out, len, "%s", l->expires_on); break;
    case 6: ledger_why(l, out, len); break;
    }
}

/* ------------------------------------------------------------- the screen */

static int cdetail_load(struct customer_detail *d)
{
    err_clear(&d->load_error);
    err_clear(&d->points_error);
    if (customer_get(d->base.con->app, d->id, &d->customer, &d->load_error) != ERR_OK)
        return d->load_error.code;
    loyalty_summary_get(d->base.con->app, d->id, &d->points, &d->points_error);
    screen_set_title(&d->base, d->customer.name);
    return ERR_OK;
}

static struct table *cdetail_list(struct customer_detail *d)
{
    return d->on_ledger ? &d->ledger : &d->orders;
}

static void cdetail_layout(struct screen *s)
{
    struct customer_detail *d = (struct customer_detail *)s;
    table_layout(&d->orders, s->y + 8, s->x, s->h - 8, s->w);
    table_layout(&d->ledger, s->y + 8, s->x, s->h - 8, s->w);
}

/* Points: available (what they pay), pending, expiring soon; the tier and
 * what is left to the next one. */
static void cdetail_draw_points(struct customer_detail *d, int y)
{
    struct screen *s = &d->base;
    const struct loyalty_summary *p = &d->points;
    char v[400], worth[64], spend[64], next[64], times[16];
    if (d->points_error.code != ERR_OK) {
        draw_field(y, s->x + 1, 10, s->w - 2, "Points", d->points_error.msg);
        return;
    }
    fmt_money(s->con, p->available_worth, worth, sizeof worth);
    snprintf(v, sizeof v, "%lld available (%s) · %lld pending", (long long)p->available, worth,
             (long long)p->pending);
    draw_field(y, s->x + 1, 10, s->w - 2, "Points", v);
    /* Expiring within 30 days, beside the customer's facts: in full when it fits. */
    int half = s->w / 2, room = half - 1 - 11;
    if (p->expiring > 0)
        snprintf(v, sizeof v, "%lld within %d %s, from %s", (long long)p->expiring, p->expiring_days,
                 text_plural(p->expiring_days, "day", "days"), p->expiring_first);
    else
        snprintf(v, sizeof v, "none within %d days", p->expiring_days);
    if (text_width(v) > room && p->expiring > 0)
        snprintf(v, sizeof v, "%lld from %s", (long long)p->expiring, p->expiring_first);
    draw_field(s->y + 2, s->x + half, 10, half - 1, "Expiring", v);
    loyalty_multiplier_text(p->multiplier_bp, times, sizeof times);
    fmt_money(s->con, p->spend, spend, sizeof spend);
    fmt_money(s->con, p->to_next_tier, next, sizeof next);
    if (p->next_tier[0])
        snprintf(v, sizeof v, "%s %s · %s in 12 months · %s more to %s", p->tier, times, spend, next,
                 p->next_tier);
    else
        snprintf(v, sizeof v, "%s %s · %s in 12 months · the top tier", p->tier, times, spend);
    draw_field(y + 1, s->x + 1, 10, s->w - 2, "Tier", v);
}

static void cdetail_draw(struct screen *s)
{
    struct customer_detail *d = (struct customer_detail *)s;
    const struct customer *cu = &d->customer;
    if (d->load_error.code != ERR_OK) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, d->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    int half = s->w / 2;
    char v[256];
    draw_text(s->y, s->x + 1, s->w - 2, cu->name, TEXT_LEFT, STYLE_TITLE);
    draw_field(s->y + 1, s->x + 1, 10, half - 2, "E-mail", cu->email);
    draw_field(s->y + 2, s->x + 1, 10, half - 2, "Phone", cu->phone);
    draw_field(s->y + 3, s->x + 1, 10, half - 2, "Address", cu->address);
    place_text(cu->city, cu->country, v, sizeof v);
    draw_field(s->y + 4, s->x + 1, 10, half - 2, "City", v);
    fmt_time(cu->created_at, v, sizeof v);
    draw_field(s->y + 1, s->x + half, 10, half - 1, "Since", v);
    cdetail_draw_points(d, s->y + 5);
    draw_text(s->y + 7, s->x + 1, s->w - 2,
              d->on_ledger ? "Points ledger, newest first (Tab: orders)" : "Orders (Tab: points ledger)",
              TEXT_LEFT, STYLE_DIM);
    table_draw(cdetail_list(d));
}

static int cdetail_edit(void *p)
{
    struct customer_detail *d = p;
    if (d->load_error.code == ERR_OK)
        console_push(d->base.con, customer_edit_new(d->base.con, &d->customer));
    return UI_DRAW;
}

static int cdetail_open_order(void *owner)
{
    struct customer_detail *d = owner;
    const struct order *o = table_selected(&d->orders);
    console_push(d->base.con, order_detail_new(d->base.con, o->number));
    return UI_DRAW;
}

static int cdetail_switch(void *p)
{
    struct customer_detail *d = p;
    d->on_ledger = !d->on_ledger;
    return UI_DRAW;
}

static const struct keydef cdetail_keys[] = {
    {UA_EDIT, cdetail_edit, KEYDEF_BAR, NULL},
    {UA_NEXT, cdetail_switch, KEYDEF_BAR, "Orders / points"},
};

static int cdetail_keytables(struct screen *s, struct keytable *out, int max)
{
    struct customer_detail *d = (struct customer_detail *)s;
    int n = 0;
    if (!cdetail_list(d)->filtering)
        out[n++] = (struct keytable)KEYTABLE("Customer", cdetail_keys, d);
    return n + table_keytables(cdetail_list(d), out + n, max - n);
}

static int cdetail_input(struct screen *s, int key)
{
    return table_input(cdetail_list((struct customer_detail *)s), key);
}

static bool cdetail_typing(struct screen *s)
{
    struct customer_detail *d = (struct customer_detail *)s;
    return d->orders.filtering || d->ledger.filtering;
}

static int cdetail_reload(struct screen *s)
{
    struct customer_detail *d = (struct customer_detail *)s;
    if (cdetail_load(d) == ERR_OK) {
        table_refresh(&d->orders);
        table_refresh(&d->ledger);
    }
    return UI_DRAW;
}

static void cdetail_destroy(struct screen *s)
{
    struct customer_detail *d = (struct customer_detail *)s;
    table_free(&d->orders);
    table_free(&d->ledger);
    free(d);
}

static const struct screen_ops customer_detail_ops = {
    .kind = "customer",
    .layout = cdetail_layout,
    .draw = cdetail_draw,
    .keytables = cdetail_keytables,
    .input = cdetail_input,
    .reload = cdetail_reload,
    .typing = cdetail_typing,
    .destroy = cdetail_destroy,
};

struct screen *customer_detail_new(struct console *c, int64_t id)
{
    struct customer_detail *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &customer_detail_ops, c, "Customer");
    d->id = id;
    struct table_source orders = {.cols = order_columns,
                                  .ncols = order_ncolumns,
                                  .row_size = sizeof(struct order),
                                  .fetch = customer_orders_fetch,
                                  .cursor = order_row_cursor,
                                  .id = order_row_id,
                                  .cell = order_cell,
                                  .cell_short = order_cell_short,
                                  .ctx = d,
                                  .forward_only = true,
                                  .page = 50};
    struct table_source ledger = {.cols = ledger_columns,
                                  .ncols = 7,
                                  .row_size = sizeof(struct loyalty_entry),
                                  .fetch_rows = ledger_fetch,
                                  .cursor = ledger_cursor,
                                  .id = ledger_id,
                                  .cell = ledger_cell,
                                  .ctx = d};
    table_init(&d->orders, &orders);
    table_init(&d->ledger, &ledger);
    d->orders.con = d->ledger.con = c;
    d->orders.owner = d;
    d->orders.on_open = cdetail_open_order;
    d->orders.empty_text = "No orders yet.";
    d->ledger.empty_text = "No points yet.";
    d->ledger.descending = true; /* what happened last first */
    if (cdetail_load(d) == ERR_OK) {
        table_reload(&d->orders);
        table_reload(&d->ledger);
    }
    return &d->base;
}

/* ------------------------------------------------------------- the form */

static int customer_save(struct edit_screen *ed, struct err *e)
{
    struct customer cu = *(struct customer *)ed->record;
    struct form *f = &ed->form;
    FORM_COPY(f, "name", cu.name);
    FORM_COPY(f, "email", cu.email);
    FORM_COPY(f, "phone", cu.phone);
    FORM_COPY(f, "address", cu.address);
    FORM_COPY(f, "city", cu.city);
    FORM_COPY(f, "country", cu.country);
    struct app *app = ed->base.con->app;
    int rc = cu.id ? customer_update(app, &cu, e) : customer_create(app, &cu, e);
    if (rc == ERR_OK)
        *(struct customer *)ed->record = cu;
    return rc;
}

static void customer_form_values(struct form *f, const void *record)
{
    const struct customer *cu = record;
    form_set(f, "name", cu->name);
    form_set(f, "email", cu->email);
    form_set(f, "phone", cu->phone);
    form_set(f, "address", cu->address);
    form_set(f, "city", cu->city);
    form_set(f, "country", cu->country);
}

static int customer_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return customer_get(app, ((const struct customer *)record)->id, fresh, e);
}

struct screen *customer_edit_new(struct console *c, const struct customer *cu)
{
    struct customer *rec = xcalloc(1, sizeof *rec);
    if (cu)
        *rec = *cu;
    struct edit_screen *ed = edit_screen_new(c, cu ? "Edit" : "New customer", customer_save, rec);
    snprintf(ed->intro, sizeof ed->intro, "%s — Ctrl-S saves, Esc leaves", cu ? "Customer" : "New customer");
    struct form *f = &ed->form;
    form_add(f, "name", "Name", FIELD_TEXT, 200);
    form_add(f, "email", "E-mail", FIELD_TEXT, 200);
    form_add(f, "phone", "Phone", FIELD_TEXT, 40);
    form_add(f, "address", "Address", FIELD_TEXT, 400);
    form_add(f, "city", "City", FIELD_TEXT, 100);
    form_add(f, "country", "Country", FIELD_TEXT, 60);
    customer_form_values(f, rec);
    if (cu)
        edit_screen_reloadable(ed, customer_form_values, customer_load, sizeof *rec);
    return &ed->base;
}
