/* Orders: the support agent's search — one field that matches an order
 * number, a name, an e-mail, a phone, a company or a SKU as they type — and
 * the order columns every list of orders shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

const struct table_column order_columns[] = {
    {"Number", 10, TEXT_LEFT, -1}, {"Placed", 16, TEXT_LEFT, -1}, {"Status", 9, TEXT_LEFT, -1},
    {"For", 0, TEXT_LEFT, -1},     {"E-mail", 0, TEXT_LEFT, -1},  {"Total", 13, TEXT_RIGHT, -1},
};
const int order_ncolumns = (int)(sizeof order_columns / sizeof order_columns[0]);

void order_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct order *o = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: fmt_time(o->placed_at, out, len); break;
    case 2: snprintf(out, len, "%s", order_status_name(o->status)); break;
    case 3: snprintf(out, len, "%s", o->party_name); break;
    case 4: snprintf(out, len, "%s", o->party_email); break;
    case 5: fmt_money(((struct screen *)ctx)->con, o->total, out, len); break;
    }
}

void order_row_cursor(const void *row, int sort, struct page_cursor *c)
{
    order_cursor(row, sort, c);
}

int64_t order_row_id(const void *row)
{
    return ((const struct order *)row)->id;
}

static int orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct screen *s = ctx;
    return order_find(s->con->app, q->filter ? q->filter : "", q, rows, count, e);
}

static int orders_open(void *owner)
{
    struct list_screen *l = owner;
    const struct order *o = table_selected(&l->table);
    console_push(l->base.con, order_detail_new(l->base.con, o->number));
    return UI_DRAW;
}

struct screen *orders_new(struct console *c)
{
    struct list_screen *l = xcalloc(1, sizeof *l);
    struct table_source src = {.cols = order_columns,
                               .ncols = order_ncolumns,
                               .row_size = sizeof(struct order),
                               .fetch = orders_fetch,
                               .cursor = order_row_cursor,
                               .id = order_row_id,
                               .cell = order_cell,
                               .ctx = l,
                               .forward_only = true,
                               .page = 100};
    list_screen_init(l, c, "Orders", &src, NULL, 0, orders_open);
    l->intro = "Number, name, e-mail, phone, company or SKU: results as you type.";
    l->table.empty_text = "No order matches.";
    l->table.filter_label = "Search: ";
    l->table.filtering = true; /* the search field has the keys at once */
    return &l->base;
}
