/* Home: what needs the user now — for a rep their accounts, for everyone the
 * latest orders — and one key to each screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/kit.h"

struct home {
    struct screen base;
    struct table list; /* a rep's accounts, or the latest orders */
    bool rep;
};

static const struct table_column home_account_columns[] = {
    {"Your accounts", 0, TEXT_LEFT, ACCOUNT_SORT_NAME},
    {"Code", 12, TEXT_LEFT, -1},
    {"City", 16, TEXT_LEFT, -1},
    {"Balance", 14, TEXT_RIGHT, -1},
};

static int home_accounts_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return account_page(((struct screen *)ctx)->con->app, q, rows, count, e);
}

static void home_account_cursor(const void *row, int sort, struct page_cursor *c)
{
    account_store_cursor(row, sort, c);
}

static int64_t home_account_id(const void *row)
{
    return ((const struct account *)row)->id;
}

static void home_account_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct account *a = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", a->name); break;
    case 1: snprintf(out, len, "%s", a->code); break;
    case 2: snprintf(out, len, "%s", a->city); break;
    case 3: fmt_money(((struct screen *)ctx)->con, a->open_balance, out, len); break;
    }
}

static int home_orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return order_find(((struct screen *)ctx)->con->app, q->filter ? q->filter : "", q, rows, count, e);
}

static int home_open(void *owner)
{
    struct home *h = owner;
    const void *row = table_selected(&h->list);
    struct console *c = h->base.con;
    if (h->rep)
        console_push(c, account_detail_new(c, ((const struct account *)row)->id));
    else
        console_push(c, order_detail_new(c, ((const struct order *)row)->number));
    return UI_DRAW;
}

static void home_layout(struct screen *s)
{
    struct home *h = (struct home *)s;
    table_layout(&h->list, s->y + 3, s->x, s->h - 3, s->w);
}

static void home_draw(struct screen *s)
{
    struct home *h = (struct home *)s;
    const struct user *u = &s->con->app->user;
    draw_textf(s->y, s->x + 1, s->w - 2, STYLE_TITLE, "Hello %s.", u->full_name[0] ? u->full_name : u->login);
    draw_text(s->y + 1, s->x + 1, s->w - 2,
              "a accounts · c customers · p products · o orders · i import · : go to · ? keys",
              TEXT_LEFT, STYLE_DIM);
    if (!h->rep)
        draw_text(s->y + 2, s->x + 1, s->w - 2, "Latest orders", TEXT_LEFT, STYLE_LABEL);
    table_draw(&h->list);
}

static int home_go(struct home *h, struct screen *(*open)(struct console *c))
{
    console_push(h->base.con, open(h->base.con));
    return UI_DRAW;
}

static int home_accounts(void *p)
{
    return home_go(p, accounts_new);
}

static int home_customers(void *p)
{
    return home_go(p, customers_new);
}

static int home_products(void *p)
{
    return home_go(p, products_new);
}

static int home_orders(void *p)
{
    return home_go(p, orders_new);
}

static int home_admin(void *p)
{
    return home_go(p, admin_new);
}

static const struct keydef home_keys[] = {
    {{'a'}, "a", "accounts", "Accounts", home_accounts, KEYDEF_BAR},
    {{'c'}, "c", "customers", "Customers", home_customers, KEYDEF_BAR},
    {{'p'}, "p", "products", "Products", home_products, KEYDEF_BAR},
    {{'o'}, "o", "orders", "Orders", home_orders, KEYDEF_BAR},
    {{'i'}, "i", "admin", "Import/export", home_admin, 0},
};

static int home_keytables(struct screen *s, struct keytable *out, int max)
{
    struct home *h = (struct home *)s;
    int n = 0;
    if (!h->list.filtering)
        out[n++] = (struct keytable)KEYTABLE("Home", home_keys, h);
    return n + table_keytables(&h->list, out + n, max - n);
}

static int home_input(struct screen *s, int key)
{
    return table_input(&((struct home *)s)->list, key);
}

static bool home_typing(struct screen *s)
{
    return ((struct home *)s)->list.filtering;
}

static int home_reload(struct screen *s)
{
    table_refresh(&((struct home *)s)->list);
    return UI_DRAW;
}

static void home_destroy(struct screen *s)
{
    struct home *h = (struct home *)s;
    table_free(&h->list);
    free(h);
}

static const struct screen_ops home_ops = {
    .kind = "home",
    .layout = home_layout,
    .draw = home_draw,
    .keytables = home_keytables,
    .input = home_input,
    .reload = home_reload,
    .typing = home_typing,
    .destroy = home_destroy,
};

struct screen *home_new(struct console *c)
{
    struct home *h = xcalloc(1, sizeof *h);
    screen_init(&h->base, &home_ops, c, "Home");
    h->rep = c->app->user.role == ROLE_REP;
    struct table_source accounts = {home_account_columns, 4, sizeof(struct account), home_accounts_fetch,
                                    home_account_cursor, home_account_id, home_account_cell, h, false, 50};
    struct table_source orders = {order_columns, order_ncolumns, sizeof(struct order), home_orders_fetch,
                                  order_row_cursor, order_row_id, order_cell, h, true, 30};
    table_init(&h->list, h->rep ? &accounts : &orders);
    h->list.con = c;
    h->list.owner = h;
    h->list.on_open = home_open;
    h->list.empty_text = h->rep ? "No account is assigned to you yet." : "No orders yet.";
    table_reload(&h->list);
    return &h->base;
}
