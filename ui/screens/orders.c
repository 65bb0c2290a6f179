/* Orders: the support agent's search — one field that matches an order
 * number, a name, an e-mail, a phone, a company or a SKU as they type —
 * narrowed by status (f) and channel (b), and the order columns every list
 * of orders shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/datetime.h"
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

/* Status is as wide as the longest in view ("partially shipped"), at least
 * 9: it gives way to For and E-mail (down to TABLE_FLEX_KEEP each) and
 * then reads "part. shipped", narrower still "partial" (README, Orders). */
const struct table_column order_columns[] = {
    {"Number", 10, TEXT_LEFT, -1}, {"Placed", 16, TEXT_LEFT, -1}, {"Status", TABLE_FIT(9), TEXT_LEFT, -1},
    {"For", 0, TEXT_LEFT, -1},     {"E-mail", 0, TEXT_LEFT, -1},  {"Total", 10, TEXT_RIGHT, -1},
};
const int order_ncolumns = (int)(sizeof order_columns / sizeof order_columns[0]);

void order_status_text(int status, int width, char *out, size_t len)
{
    enum order_status s = (enum order_status)status;
    snprintf(out, len, "%s", order_status_name(s));
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (width > 0 && text_width(out) > width && s == ORDER_PARTIALLY_SHIPPED)
        snprintf(out, len, "%s", width >= 13 ? "part. shipped" : "partial");
}

void order_cell_short(void *ctx, const void *row, int col, int width, char *out, size_t len)
{
    (void)ctx;
    if (col == 2)
        order_status_text(((const struct order *)row)->status, width, out, len);
}

void order_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct order *o = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: fmt_time(o->placed_at, out, len); break;
    case 2: order_status_text(o->status, 0, out, len); break;
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
    char intro[320];
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
    const struct order_filter *f = &ol->filter;
    char dates[80] = "any day";
    if (f->from[0] || f->to[0])
        snprintf(dates, sizeof dates, "%s%s%s%s", f->from[0] ? "from " : "", f->from,
                 f->from[0] && f->to[0] ? " " : "", f->to[0] ? "to " : "");
    if (f->to[0])
        snprintf(dates + strlen(dates), sizeof dates - strlen(dates), "%s", f->to);
    char status[40];
    order_status_text(f->status, 0, status, sizeof status);
    snprintf(
        ol->intro, sizeof ol->intro,
        "Status: %s (f) · channel: %s (b) · placed %s%s (z) · the search finds an order number, a name, an "
        "e-mail, a phone, a company or a SKU as you type",
        f->status < 0 ? "any" : status,
        f->channel < 0              ? "B2B and B2C"
        : f->channel == CHANNEL_B2B ? "B2B only"
                                    : "B2C only",
        dates, f->late ? ", late only" : "");
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

/* ---------------------------------------------------- the days (z) */

static const char *const late_choices[] = {"all", "late only", NULL};

/* The form's answer: the days placed and lateness, checked before they narrow the list. */
static int dates_save(struct edit_screen *ed, struct err *e)
{
    struct order_filter *f = ed->record;
    char from[16], to[16], late[16];
    FORM_COPY(&ed->form, "from", from);
    FORM_COPY(&ed->form, "to", to);
    FORM_COPY(&ed->form, "late", late);
    if (from[0] && !datetime_is_date(from))
        return err_set(e, ERR_INVALID, "from", "a day is YYYY-MM-DD (empty: from the first order)");
    if (to[0] && !datetime_is_date(to))
        return err_set(e, ERR_INVALID, "to", "a day is YYYY-MM-DD (empty: up to today)");
    if (from[0] && to[0] && strcmp(from, to) > 0)
        return err_set(e, ERR_INVALID, "to", "the last day comes after the first");
    snprintf(f->from, sizeof f->from, "%.10s", from);
    snprintf(f->to, sizeof f->to, "%.10s", to);
    f->late = strcmp(late, late_choices[1]) == 0;
    snprintf(ed->saved, sizeof ed->saved, "Orders narrowed to the days asked.");
    return ERR_OK;
}

static void dates_saved(void *owner, const void *record)
{
    struct orders_list *ol = owner;
    ol->filter = *(const struct order_filter *)record;
    orders_refilter(ol);
}

static int orders_dates(void *p)
{
    struct orders_list *ol = p;
    struct console *c = ol->list.base.con;
    struct order_filter *rec = xcalloc(1, sizeof *rec);
    *rec = ol->filter;
    struct edit_screen *ed = edit_screen_new(c, "Dates", dates_save, rec);
    snprintf(ed->intro, sizeof ed->intro,
             "The days the orders were placed (YYYY-MM-DD, empty: no limit), and whether only the late ones: "
             "past their promise, or delivered after their first promise. Ctrl-S narrows, Esc leaves.");
    form_add(&ed->form, "from", "From", FIELD_DATE, 10);
    form_add(&ed->form, "to", "To", FIELD_DATE, 10);
    struct form_field *late = form_add(&ed->form, "late", "Orders", FIELD_CHOICE, 12);
    late->choices = late_choices;
    form_set(&ed->form, "from", rec->from);
    form_set(&ed->form, "to", rec->to);
    form_set_choice(&ed->form, "late", late_choices[rec->late ? 1 : 0]);
    ed->form.dirty = false;
    ed->on_saved = dates_saved;
    ed->saved_owner = ol;
    console_push(c, &ed->base);
    return UI_DRAW;
}

static const struct keydef orders_keys[] = {
    {UA_FILTER_STATUS, orders_next_status, KEYDEF_BAR, "Status"},
    {UA_FILTER_STATUS_BACK, orders_prev_status, 0, NULL},
    {UA_FILTER_CHANNEL, orders_next_channel, KEYDEF_BAR, NULL},
    {UA_FILTER_DATES, orders_dates, KEYDEF_BAR, "Dates…"},
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
                               .cell_short = order_cell_short,
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
