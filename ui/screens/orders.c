/* Orders: the support agent's search — one field that matches an order
 * number, a name, an e-mail, a phone, a company or a SKU as they type —
 * narrowed by status (f) and channel (b), and the order columns every list
 * of orders shares. */
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

/* The search, and the status and channel it is narrowed to. */
struct orders_list {
    struct list_screen list; /* first: the list screen's ops see only this */
    struct order_filter filter;
    char intro[240];
};

static int orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct orders_list *ol = ctx;
    return order_find_filtered(ol->list.base.con->app, q->filter ? q->filter : "", &ol->filter, q, rows,
                               count, e);
}

static int orders_open(void *owner)
{
    struct list_screen *l = owner;
    const struct order *o = table_selected(&l->table);
    console_push(l->base.con, order_detail_new(l->base.con, o->number));
    return UI_DRAW;
}

static void orders_intro(struct orders_list *ol)
{
    snprintf(
        ol->intro, sizeof ol->intro,
        "Status: %s (f) · channel: %s (b) · the search finds an order number, a name, an e-mail, a phone, "
        "a company or a SKU as you type",
        ol->filter.status < 0 ? "any" : order_status_name((enum order_status)ol->filter.status),
        ol->filter.channel < 0              ? "B2B and B2C"
        : ol->filter.channel == CHANNEL_B2B ? "B2B only"
                                            : "B2C only");
    ol->list.intro = ol->intro;
}

static int orders_refilter(struct orders_list *ol)
{
    orders_intro(ol);
    table_reload(&ol->list.table);
    return UI_DRAW;
}

static int orders_step_status(struct orders_list *ol, int dir)
{
    ol->filter.status += dir;
    if (ol->filter.status >= ORDER_STATUS_COUNT)
        ol->filter.status = -1;
    else if (ol->filter.status < -1)
        ol->filter.status = ORDER_STATUS_COUNT - 1;
    return orders_refilter(ol);
}

static int orders_next_status(void *p)
{
    return orders_step_status(p, 1);
}

static int orders_prev_status(void *p)
{
    return orders_step_status(p, -1);
}

static int orders_next_channel(void *p)
{
    struct orders_list *ol = p;
    ol->filter.channel = ol->filter.channel < 0              ? CHANNEL_B2B
                         : ol->filter.channel == CHANNEL_B2B ? CHANNEL_B2C
                                                             : -1;
    return orders_refilter(ol);
}

static const struct keydef orders_keys[] = {
    {UA_FILTER_STATUS, orders_next_status, KEYDEF_BAR, "Status"},
    {UA_FILTER_STATUS_BACK, orders_prev_status, 0, NULL},
    {UA_FILTER_CHANNEL, orders_next_channel, KEYDEF_BAR, NULL},
};

struct screen *orders_new(struct console *c)
{
    struct orders_list *ol = xcalloc(1, sizeof *ol);
    struct list_screen *l = &ol->list;
    ol->filter = (struct order_filter){.status = -1, .channel = -1};
    struct table_source src = {.cols = order_columns,
                               .ncols = order_ncolumns,
                               .row_size = sizeof(struct order),
                               .fetch = orders_fetch,
                               .cursor = order_row_cursor,
                               .id = order_row_id,
                               .cell = order_cell,
                               .ctx = ol,
                               .forward_only = true,
                               .page = 100};
    orders_intro(ol);
    list_screen_init(l, c, "Orders", &src, orders_keys, (int)(sizeof orders_keys / sizeof orders_keys[0]),
                     orders_open);
    l->table.empty_text = "No order matches.";
    l->table.filter_label = "Search: ";
    l->table.filtering = true; /* the search field has the keys at once */
    return &l->base;
}
