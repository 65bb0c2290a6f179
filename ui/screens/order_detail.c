/* One order: who it is for, its lines and totals, how it was paid, what the
 * other issues say of it (promotions, points, shipments, returns), its
 * timeline (status moves, payment, promise …), and the status move (m)
 * with a confirmation; the sections of issues 11-14 add their keys
 * (order_sections.h). The core checks who may see and move it; the screen
 * shows the core's refusal when there is one. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/order_place.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/names.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/order_sections.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

struct order_detail {
    struct screen base;
    char number[33];
    struct order order;
    struct err load_error;
    struct table lines;
    struct table events;
    int focus; /* 0 = lines, 1 = timeline */
    enum order_status move_to;
    char payment[200]; /* "card 48.97 €" */
    char summary[600]; /* the issues' summary rows, on one line */
};

/* -------------------------------------------------------------- lines */

static const struct table_column line_columns[] = {
    {"SKU", 14, TEXT_LEFT, -1},         {"Description", 0, TEXT_LEFT, -1}, {"Qty", 6, TEXT_RIGHT, -1},
    {"Unit price", 13, TEXT_RIGHT, -1}, {"Net", 13, TEXT_RIGHT, -1},       {"Tax", 11, TEXT_RIGHT, -1},
};
/* Wide: where each line's units are too (shipped, waiting for stock, cancelled). */
static const struct table_column line_columns_wide[] = {
    {"SKU", 14, TEXT_LEFT, -1},         {"Description", 0, TEXT_LEFT, -1}, {"Qty", 6, TEXT_RIGHT, -1},
    {"Unit price", 13, TEXT_RIGHT, -1}, {"Net", 13, TEXT_RIGHT, -1},       {"Tax", 11, TEXT_RIGHT, -1},
    {"Shipped", 7, TEXT_RIGHT, -1},     {"Waiting", 7, TEXT_RIGHT, -1},    {"Cancelled", 9, TEXT_RIGHT, -1},
};

/* The order was authorised by order_get; its lines come a window at a time. */
static int lines_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct order_detail *d = ctx;
    if (d->load_error.code != ERR_OK)
        return ERR_OK;
    return order_lines(d->base.con->app, &d->order, q, out, e);
}

static void line_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    order_line_cursor(row, c);
}

static int64_t line_id(const void *row)
{
    return ((const struct order_line *)row)->id;
}

static void line_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct order_line *l = row;
    struct console *c = ((struct screen *)ctx)->con;
    switch (col) {
    case 0: snprintf(out, len, "%s", l->sku); break;
    case 1: snprintf(out, len, "%s", l->description); break;
    case 2: fmt_int(l->quantity, out, len); break;
    case 3: fmt_money(c, l->unit_price, out, len); break;
    case 4: fmt_money(c, l->net_amount, out, len); break;
    case 5: fmt_money(c, l->tax_amount, out, len); break;
    case 6: l->kind == LINE_GOODS ? fmt_int(l->shipped_qty, out, len) : (void)snprintf(out, len, " "); break;
    case 7:
        l->kind == LINE_GOODS && l->backorder_qty ? fmt_int(l->backorder_qty, out, len)
                                                  : (void)snprintf(out, len, " ");
        break;
    case 8:
        l->kind == LINE_GOODS && l->cancelled_qty ? fmt_int(l->cancelled_qty, out, len)
                                                  : (void)snprintf(out, len, " ");
        break;
    }
}

/* ----------------------------------------------------------- timeline */

/* Status moves and what else happened (payment, promise, …), oldest first. */
static const struct table_column event_columns[] = {
    {"When", 16, TEXT_LEFT, -1},
    {"Status", 22, TEXT_LEFT, -1},
    {"Who", 10, TEXT_LEFT, -1},
    {"Note", 0, TEXT_LEFT, -1},
};
/* Wide enough for every status move ("allocated → partially_shipped"). */
static const struct table_column event_columns_wide[] = {
    {"When", 16, TEXT_LEFT, -1},
    {"Status", 29, TEXT_LEFT, -1},
    {"Who", 12, TEXT_LEFT, -1},
    {"Note", 0, TEXT_LEFT, -1},
};

static int events_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct order_detail *d = ctx;
    if (d->load_error.code != ERR_OK)
        return ERR_OK;
    return order_timeline(d->base.con->app, &d->order, q, out, e);
}

static void event_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    order_timeline_cursor(row, c);
}

static int64_t event_id(const void *row)
{
    return ((const struct order_timeline_entry *)row)->id;
}

static void event_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct order_timeline_entry *t = row;
    bool status = strcmp(t->kind, "status") == 0;
    char amount[64] = "";
    switch (col) {
    case 0: fmt_time(t->at, out, len); break;
    case 1:
        if (status && !text_locale_utf8() && strstr(t->detail, " → ")) {
            char from[40] = "", *arrow = strstr(t->detail, " → ");
            snprintf(from, sizeof from, "%.*s", (int)(arrow - t->detail), t->detail);
            snprintf(out, len, "%s -> %s", from, arrow + strlen(" → "));
        } else {
            snprintf(out, len, "%s", status ? t->detail : t->kind);
        }
        break;
    case 2: snprintf(out, len, "%s", t->user_login); break;
    case 3:
        if (t->has_amount)
            fmt_money(((struct screen *)ctx)->con, t->amount, amount, sizeof amount);
        snprintf(out, len, "%s%s%s", status ? t->note : amount, !status && amount[0] ? " " : "",
                 status ? "" : t->detail);
        break;
    }
}

/* ------------------------------------------------------------- screen */

/* How it was paid, and what the other issues say of it, each on one line. */
static void odetail_load_extras(struct order_detail *d)
{
    struct app *app = d->base.con->app;
    struct rows rows = {0};
    size_t n = 0;
    d->payment[0] = d->summary[0] = '\0';
    if (order_payments(app, &d->order, &rows, NULL) == ERR_OK) {
        const struct payment *p = rows.items;
        for (int i = 0; i < rows.n && n < sizeof d->payment; i++) {
            char amount[64];
            fmt_money(d->base.con, p[i].amount, amount, sizeof amount);
            n += (size_t)snprintf(d->payment + n, sizeof d->payment - n, "%s%s%s %s", n ? ", " : "",
                                  p[i].out ? "refund " : "",
                                  name_at(payment_method_names, PAY_METHOD_COUNT, (int)p[i].method), amount);
        }
    }
    n = 0;
    if (order_summary_rows(app, &d->order, &rows, NULL) == ERR_OK) {
        const struct order_summary_row *r = rows.items;
        for (int i = 0; i < rows.n && n < sizeof d->summary; i++) {
            char amount[64] = "";
            if (r[i].has_amount)
                fmt_money(d->base.con, r[i].amount, amount, sizeof amount);
            bool same = i > 0 && strcmp(r[i].section, r[i - 1].section) == 0; /* said once per section */
            n += (size_t)snprintf(d->summary + n, sizeof d->summary - n, "%s%s%s%s%s%s", n ? " · " : "",
                                  same ? "" : r[i].section, same ? "" : ": ", r[i].text, amount[0] ? " " : "",
                                  amount);
        }
    }
    rows_free(&rows);
}

static int odetail_load(struct order_detail *d)
{
    err_clear(&d->load_error);
    if (order_get(d->base.con->app, d->number, &d->order, &d->load_error) != ERR_OK)
        return d->load_error.code;
    screen_set_title(&d->base, d->order.number);
    odetail_load_extras(d);
    return ERR_OK;
}

/* The lines take what they need, up to three fifths; the timeline (newest
 * first) takes every row left, so a short order shows its whole history. */
static void odetail_layout(struct screen *s)
{
    struct order_detail *d = (struct order_detail *)s;
    int top = 5, bottom_gap = 1, rest = s->h - top - bottom_gap;
    int hl = rest * 3 / 5, want = d->order.line_count + 2;
    if (want < hl)
        hl = want < 3 ? 3 : want;
    table_layout(&d->lines, s->y + top, s->x, hl, s->w);
    bool wide = s->w >= 120;
    d->lines.src.cols = wide ? line_columns_wide : line_columns;
    d->lines.src.ncols = wide ? 9 : 6;
    d->events.src.cols = wide ? event_columns_wide : event_columns;
    table_layout(&d->events, s->y + top + hl + bottom_gap, s->x, rest - hl, s->w);
}

/* The totals in full: the widest wording that fits, else the shortest on the whole line. */
static void odetail_draw_totals(struct order_detail *d, int y)
{
    struct screen *s = &d->base;
    const struct order *o = &d->order;
    char sub[64], tax[64], total[64], v[300];
    fmt_money(s->con, o->subtotal, sub, sizeof sub);
    fmt_money(s->con, o->tax_total, tax, sizeof tax);
    fmt_money(s->con, o->total, total, sizeof total);
    static const char *const forms[] = {"Subtotal %s   Tax %s   Total %s", "Subtotal %s Tax %s Total %s",
                                        "Net %s Tax %s Total %s"};
    const char *label = d->focus == 0 ? "Lines (Tab: timeline)" : "Timeline (Tab: lines)";
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        snprintf(v, sizeof v, forms[i], sub, tax, total);
        if (text_width(v) <= s->w - 25) {
            draw_text(y, s->x + 1, 22, label, TEXT_LEFT, STYLE_DIM);
            draw_text(y, s->x + 24, s->w - 25, v, TEXT_RIGHT, STYLE_TITLE);
            return;
        }
    }
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        snprintf(v, sizeof v, forms[i], sub, tax, total);
        if (text_width(v) <= s->w - 2 || i + 1 == sizeof forms / sizeof forms[0])
            break; /* the key bar still says what Tab does */
    }
    draw_text(y, s->x + 1, s->w - 2, v, TEXT_RIGHT, STYLE_TITLE);
}

static void odetail_draw(struct screen *s)
{
    struct order_detail *d = (struct order_detail *)s;
    const struct order *o = &d->order;
    if (d->load_error.code != ERR_OK) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, d->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    char v[700], t[64];
    int half = s->w / 2, x = s->x + 1;
    fmt_time(o->placed_at, t, sizeof t);
    draw_textf(s->y, x, s->w - 2, STYLE_TITLE, "%s  %s  %s  placed %s", o->number,
               order_status_name(o->status), o->channel == CHANNEL_B2B ? "B2B" : "B2C", t);
    snprintf(v, sizeof v, "%s%s%s%s", o->party_name, o->party_code[0] ? " (" : "", o->party_code,
             o->party_code[0] ? ")" : "");
    draw_field(s->y + 1, x, 8, half - 2, "For", v);
    draw_field(s->y + 2, x, 8, half - 2, "E-mail", o->party_email);
    draw_field(s->y + 3, x, 8, half - 2, "Phone", o->party_phone);
    snprintf(v, sizeof v, "%s%s%s", o->shipping_method, o->promised_date[0] ? ", promised " : "",
             o->promised_date);
    draw_field(s->y + 1, s->x + half, 9, half - 1, "Shipping", v);
    snprintf(v, sizeof v, "%s %s", o->ship_name, o->ship_address);
    draw_field(s->y + 2, s->x + half, 9, half - 1, "Ship to", v);
    if (d->payment[0] || o->gift_wrap || o->gift_message[0]) {
        char paid[1400];
        snprintf(paid, sizeof paid, "%s%s%s%s", d->payment[0] ? d->payment : "not paid",
                 o->gift_wrap ? " · gift wrapped" : "", o->gift_message[0] ? ": " : "", o->gift_message);
        draw_field(s->y + 3, s->x + half, 9, half - 1, "Paid", paid);
    } else {
        draw_field(s->y + 3, s->x + half, 9, half - 1, "Lines", "");
        draw_textf(s->y + 3, s->x + half + 10, half - 11, STYLE_NORMAL, "%d", o->line_count);
    }
    odetail_draw_totals(d, s->y + 4);
    d->lines.inactive = d->focus != 0;
    d->events.inactive = d->focus != 1;
    table_draw(&d->lines);
    if (d->summary[0])
        draw_text(d->events.y - 1, x, s->w - 2, d->summary, TEXT_LEFT, STYLE_LABEL);
    table_draw(&d->events);
}

static int odetail_do_move(void *owner)
{
    struct order_detail *d = owner;
    struct err e = {0};
    if (order_move(d->base.con->app, &d->order, d->move_to, "", &e) != ERR_OK) {
        console_error(d->base.con, &e);
    } else {
        /* cancelling the rest of a partly shipped order leaves it shipped or delivered */
        if (d->move_to == ORDER_CANCELLED && d->order.status != ORDER_CANCELLED)
            console_status(d->base.con, false, "What was left of %s is cancelled; it is now %s.",
                           d->order.number, order_status_name(d->order.status));
        else
            console_status(d->base.con, false, "%s is now %s.", d->order.number,
                           order_status_name(d->order.status));
        odetail_load_extras(d);
        table_reload(&d->events);
    }
    return UI_DRAW;
}

static int odetail_picked(void *owner, const struct lookup_item *item)
{
    struct order_detail *d = owner;
    char text[200];
    d->move_to = (enum order_status)item->id;
    if (d->move_to == ORDER_CANCELLED && d->order.status == ORDER_PARTIALLY_SHIPPED)
        snprintf(text, sizeof text,
                 "Cancel what is left of %s? What has shipped stays; the rest is released and paid back.",
                 d->order.number);
    else
        snprintf(text, sizeof text, "Move %s from %s to %s?", d->order.number,
                 order_status_name(d->order.status), order_status_name(d->move_to));
    dialog_confirm(d->base.con, "Change status", text, odetail_do_move, d);
    return UI_DRAW;
}

static int odetail_move(void *p)
{
    struct order_detail *d = p;
    struct lookup_item items[ORDER_CANCELLED + 1];
    int n = 0;
    if (d->load_error.code != ERR_OK)
        return UI_DONE;
    for (int s = ORDER_PLACED; s <= ORDER_CANCELLED; s++)
        if (order_can_move(d->order.status, (enum order_status)s)) {
            items[n].id = s;
            snprintf(items[n].label, sizeof items[n].label, "%s", order_status_name((enum order_status)s));
            snprintf(items[n].value, sizeof items[n].value, "%s", order_status_name((enum order_status)s));
            n++;
        }
    if (n == 0) {
        console_status(d->base.con, true, "%s is %s: it cannot move any more", d->order.number,
                       order_status_name(d->order.status));
        return UI_DRAW;
    }
    dialog_pick(d->base.con, "Move to", items, n, 0, odetail_picked, d);
    return UI_DRAW;
}

static int odetail_switch(void *p)
{
    struct order_detail *d = p;
    d->focus = !d->focus;
    return UI_DRAW;
}

static const struct keydef odetail_keys[] = {
    {UA_NEXT, odetail_switch, KEYDEF_BAR, "Lines / timeline"},
};
/* Only for those who may move orders (the core's rights: support, managers). */
static const struct keydef odetail_move_keys[] = {
    {UA_STATUS, odetail_move, KEYDEF_BAR, "Status…"},
};

static int odetail_keytables(struct screen *s, struct keytable *out, int max)
{
    static const struct order_section *const sections[] = {&promotion_order_section, &loyalty_order_section,
                                                           &fulfilment_order_section, &return_order_section};
    struct order_detail *d = (struct order_detail *)s;
    struct table *t = d->focus == 0 ? &d->lines : &d->events;
    int n = 0;
    if (!t->filtering) {
        if (rights_allows(d->base.con->app->user.role, ACT_ORDER_STATUS))
            out[n++] = (struct keytable)KEYTABLE("Order", odetail_move_keys, d);
        out[n++] = (struct keytable)KEYTABLE("Order", odetail_keys, d);
        for (size_t i = 0; i < sizeof sections / sizeof sections[0] && n < max - 4; i++)
            if (sections[i]->nkeys > 0)
                out[n++] = (struct keytable){
                    sections[i]->title, sections[i]->keys, sections[i]->nkeys, d, false, false};
    }
    return n + table_keytables(t, out + n, max - n);
}

const struct order *order_view_order(const struct order_view *v)
{
    return &((const struct order_detail *)(const void *)v)->order;
}

struct console *order_view_console(struct order_view *v)
{
    return ((struct order_detail *)(void *)v)->base.con;
}

static int odetail_input(struct screen *s, int key)
{
    struct order_detail *d = (struct order_detail *)s;
    return table_input(d->focus == 0 ? &d->lines : &d->events, key);
}

static bool odetail_typing(struct screen *s)
{
    struct order_detail *d = (struct order_detail *)s;
    return d->lines.filtering || d->events.filtering;
}

static int odetail_reload(struct screen *s)
{
    struct order_detail *d = (struct order_detail *)s;
    /* a reader at the top of the timeline (newest first) sees what was just added */
    bool newest = d->events.at_start && d->events.view.top == 0;
    if (odetail_load(d) == ERR_OK) {
        table_refresh(&d->lines);
        table_refresh(&d->events);
        if (newest)
            table_first(&d->events);
    }
    return UI_DRAW;
}

int order_view_reload(struct order_view *v)
{
    return odetail_reload(&((struct order_detail *)(void *)v)->base);
}

static void odetail_destroy(struct screen *s)
{
    struct order_detail *d = (struct order_detail *)s;
    table_free(&d->lines);
    table_free(&d->events);
    free(d);
}

static const struct screen_ops order_detail_ops = {
    .kind = "order",
    .layout = odetail_layout,
    .draw = odetail_draw,
    .keytables = odetail_keytables,
    .input = odetail_input,
    .reload = odetail_reload,
    .typing = odetail_typing,
    .destroy = odetail_destroy,
};

struct screen *order_detail_new(struct console *c, const char *number)
{
    struct order_detail *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &order_detail_ops, c, number);
    snprintf(d->number, sizeof d->number, "%s", number);
    struct table_source lines = {.cols = line_columns,
                                 .ncols = 6,
                                 .row_size = sizeof(struct order_line),
                                 .fetch_rows = lines_fetch,
                                 .cursor = line_cursor,
                                 .id = line_id,
                                 .cell = line_cell,
                                 .ctx = d};
    struct table_source events = {.cols = event_columns,
                                  .ncols = 4,
                                  .row_size = sizeof(struct order_timeline_entry),
                                  .fetch_rows = events_fetch,
                                  .cursor = event_cursor,
                                  .id = event_id,
                                  .cell = event_cell,
                                  .ctx = d};
    table_init(&d->lines, &lines);
    table_init(&d->events, &events);
    d->lines.con = d->events.con = c;
    d->lines.empty_text = "No lines.";
    d->events.empty_text = "No status change recorded.";
    d->events.descending = true; /* the newest first: what happened last is what a caller asks about */
    if (odetail_load(d) == ERR_OK) {
        table_reload(&d->lines);
        table_reload(&d->events);
    }
    return &d->base;
}
