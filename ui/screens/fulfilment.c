/* Fulfilment, the warehouse's screen: the orders to ship (express first,
 * then by promise), the back-orders by SKU with the units waiting, and the
 * orders past their promise; Tab goes round the three, Enter opens an
 * order (or the product waiting), h ships the order under the cursor.
 * Those who read reports see the on-time rate of the last twelve months
 * under the title (a rep: the orders credited to them). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2c/fulfilment.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/orders.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

const bool fulfilment_screen_ready = true;

enum fulfil_list { LIST_TO_SHIP, LIST_BACKORDERS, LIST_LATE, LIST_COUNT };

struct fulfilment_screen {
    struct screen base;
    struct table lists[LIST_COUNT];
    int focus;        /* enum fulfil_list */
    char ontime[200]; /* the rate over twelve months, "" when not theirs to read */
};

/* ------------------------------------------------------------ orders */

static const struct table_column ship_columns[] = {
    {"Order", 9, TEXT_LEFT, -1}, {"Method", 9, TEXT_LEFT, -1}, {"Promised", 10, TEXT_LEFT, -1},
    {"For", 0, TEXT_LEFT, -1},   {"Ready", 7, TEXT_RIGHT, -1}, {"Waiting", 7, TEXT_RIGHT, -1},
};

static const struct table_column late_columns[] = {
    {"Order", 9, TEXT_LEFT, -1}, {"Status", 17, TEXT_LEFT, -1}, {"Promised", 10, TEXT_LEFT, -1},
    {"Late", 9, TEXT_RIGHT, -1}, {"For", 0, TEXT_LEFT, -1},
};

static int ship_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct fulfilment_screen *fs = ctx;
    return fulfilment_to_ship(fs->base.con->app, q, rows, count, e);
}

static int late_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct fulfilment_screen *fs = ctx;
    return fulfilment_late(fs->base.con->app, q, rows, count, e);
}

static void ship_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    fulfilment_cursor(row, true, c);
}

static void late_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    fulfilment_cursor(row, false, c);
}

static int64_t fulfil_row_id(const void *row)
{
    return ((const struct fulfilment_row *)row)->order.id;
}

static void ship_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct fulfilment_row *r = row;
    const struct order *o = &r->order;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: snprintf(out, len, "%s", o->shipping_method); break;
    case 2: snprintf(out, len, "%s", o->promised_date[0] ? o->promised_date : "—"); break;
    case 3: snprintf(out, len, "%s", o->party_name[0] ? o->party_name : "(cash sale)"); break;
    case 4: fmt_int(r->ready, out, len); break;
    default: r->waiting ? fmt_int(r->waiting, out, len) : (void)snprintf(out, len, "—"); break;
    }
}

static void late_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct fulfilment_row *r = row;
    const struct order *o = &r->order;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: snprintf(out, len, "%s", order_status_name(o->status)); break;
    case 2: snprintf(out, len, "%s", o->promised_date); break;
    case 3: snprintf(out, len, "%d day%s", r->late_days, r->late_days == 1 ? "" : "s"); break;
    default: snprintf(out, len, "%s", o->party_name[0] ? o->party_name : "(cash sale)"); break;
    }
}

/* -------------------------------------------------------- back-orders */

static const struct table_column backorder_columns[] = {
    {"SKU", 14, TEXT_LEFT, -1},    {"Product", 0, TEXT_LEFT, -1},        {"Waiting", 8, TEXT_RIGHT, -1},
    {"Orders", 6, TEXT_RIGHT, -1}, {"First promise", 13, TEXT_LEFT, -1}, {"Free", 6, TEXT_RIGHT, -1},
};

static int backorder_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct fulfilment_screen *fs = ctx;
    return fulfilment_backorders(fs->base.con->app, q, out, e);
}

static void backorder_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    fulfilment_backorder_cursor(row, c);
}

static int64_t backorder_id(const void *row)
{
    return ((const struct backorder_row *)row)->product_id;
}

static void backorder_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct backorder_row *b = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", b->sku); break;
    case 1: snprintf(out, len, "%s", b->name); break;
    case 2: fmt_int(b->waiting, out, len); break;
    case 3: fmt_int(b->orders, out, len); break;
    case 4: snprintf(out, len, "%s", b->first_promise[0] ? b->first_promise : "—"); break;
    default: fmt_int(b->free, out, len); break;
    }
}

/* -------------------------------------------------------------- screen */

static const char *const list_titles[LIST_COUNT] = {
    "To ship: express first, then by promise (Tab: back-orders)",
    "Back-orders by SKU: the units waiting for stock (Tab: late orders)",
    "Late: open orders past their promise, most overdue first (Tab: to ship)",
};

static void fscreen_layout(struct screen *s)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    for (int i = 0; i < LIST_COUNT; i++)
        table_layout(&fs->lists[i], s->y + 2, s->x, s->h - 2, s->w);
}

/* The on-time rate over the last twelve months, for those who read reports. */
static void fscreen_load_ontime(struct fulfilment_screen *fs)
{
    struct app *app = fs->base.con->app;
    struct ontime_query q = {0};
    struct ontime_row overall;
    struct rows rows = {0};
    char rate[32];
    fs->ontime[0] = '\0';
    if (!rights_allows(app->user.role, ACT_REPORTS) && !rights_allows(app->user.role, ACT_REPORTS_OWN))
        return;
    if (ontime_report(app, &q, &rows, &overall, NULL) == ERR_OK) {
        ontime_rate_format(&overall, rate, sizeof rate);
        snprintf(fs->ontime, sizeof fs->ontime, "On time, 12 months%s: %s (%lld of %lld delivered)",
                 rights_allows(app->user.role, ACT_REPORTS) ? "" : ", your orders", rate,
                 (long long)overall.on_time, (long long)overall.delivered);
    }
    rows_free(&rows);
}

static void fscreen_draw(struct screen *s)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    draw_text(s->y, s->x + 1, s->w - 2, list_titles[fs->focus], TEXT_LEFT, STYLE_TITLE);
    if (fs->ontime[0])
        draw_text(s->y + 1, s->x + 1, s->w - 2, fs->ontime, TEXT_LEFT, STYLE_LABEL);
    table_draw(&fs->lists[fs->focus]);
}

static int fscreen_next(void *p)
{
    struct fulfilment_screen *fs = p;
    fs->focus = (fs->focus + 1) % LIST_COUNT;
    table_refresh(&fs->lists[fs->focus]);
    return UI_DRAW;
}

static int fscreen_open(void *owner)
{
    struct fulfilment_screen *fs = owner;
    struct console *c = fs->base.con;
    const void *row = table_selected(&fs->lists[fs->focus]);
    if (row == NULL)
        return UI_DONE;
    if (fs->focus == LIST_BACKORDERS)
        console_push(c, product_detail_new(c, ((const struct backorder_row *)row)->product_id));
    else
        console_push(c, order_detail_new(c, ((const struct fulfilment_row *)row)->order.number));
    return UI_DRAW;
}

static int fscreen_ship(void *p)
{
    struct fulfilment_screen *fs = p;
    const void *row = fs->focus == LIST_BACKORDERS ? NULL : table_selected(&fs->lists[fs->focus]);
    if (row == NULL) {
        console_status(fs->base.con, true, "Pick an order to ship (Tab: the orders to ship).");
        return UI_DRAW;
    }
    return order_ship_form_open(fs->base.con, &((const struct fulfilment_row *)row)->order);
}

static const struct keydef fscreen_keys[] = {
    {UA_SHIP, fscreen_ship, KEYDEF_BAR, "Ship…"},
    {UA_NEXT, fscreen_next, KEYDEF_BAR, "Next list"},
};

static int fscreen_keytables(struct screen *s, struct keytable *out, int max)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    struct table *t = &fs->lists[fs->focus];
    int n = 0;
    if (!t->filtering)
        out[n++] = (struct keytable)KEYTABLE("Fulfilment", fscreen_keys, fs);
    return n + table_keytables(t, out + n, max - n);
}

static int fscreen_input(struct screen *s, int key)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    return table_input(&fs->lists[fs->focus], key);
}

static bool fscreen_typing(struct screen *s)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    return fs->lists[fs->focus].filtering;
}

static int fscreen_reload(struct screen *s)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    table_refresh(&fs->lists[fs->focus]);
    fscreen_load_ontime(fs);
    return UI_DRAW;
}

static void fscreen_destroy(struct screen *s)
{
    struct fulfilment_screen *fs = (struct fulfilment_screen *)s;
    for (int i = 0; i < LIST_COUNT; i++)
        table_free(&fs->lists[i]);
    free(fs);
}

static const struct screen_ops fulfilment_ops = {
    .kind = "fulfilment",
    .layout = fscreen_layout,
    .draw = fscreen_draw,
    .keytables = fscreen_keytables,
    .input = fscreen_input,
    .reload = fscreen_reload,
    .typing = fscreen_typing,
    .destroy = fscreen_destroy,
};

struct screen *fulfilment_new(struct console *c)
{
    struct fulfilment_screen *fs = xcalloc(1, sizeof *fs);
    screen_init(&fs->base, &fulfilment_ops, c, "Fulfilment");
    const struct table_source sources[LIST_COUNT] = {
        {.cols = ship_columns,
         .ncols = (int)(sizeof ship_columns / sizeof ship_columns[0]),
         .row_size = sizeof(struct fulfilment_row),
         .fetch = ship_fetch,
         .cursor = ship_cursor,
         .id = fulfil_row_id,
         .cell = ship_cell,
         .ctx = fs,
         .forward_only = true,
         .page = 50},
        {.cols = backorder_columns,
         .ncols = (int)(sizeof backorder_columns / sizeof backorder_columns[0]),
         .row_size = sizeof(struct backorder_row),
         .fetch_rows = backorder_fetch,
         .cursor = backorder_cursor,
         .id = backorder_id,
         .cell = backorder_cell,
         .ctx = fs},
        {.cols = late_columns,
         .ncols = (int)(sizeof late_columns / sizeof late_columns[0]),
         .row_size = sizeof(struct fulfilment_row),
         .fetch = late_fetch,
         .cursor = late_cursor,
         .id = fulfil_row_id,
         .cell = late_cell,
         .ctx = fs,
         .forward_only = true,
         .page = 50},
    };
    static const char *const empty[LIST_COUNT] = {"Nothing is ready to ship.", "Nothing waits for stock.",
                                                  "No open order is past its promise."};
    for (int i = 0; i < LIST_COUNT; i++) {
        table_init(&fs->lists[i], &sources[i]);
        fs->lists[i].con = c;
        fs->lists[i].owner = fs;
        fs->lists[i].on_open = fscreen_open;
        fs->lists[i].empty_text = empty[i];
        table_reload(&fs->lists[i]);
    }
    fscreen_load_ontime(fs);
    return &fs->base;
}
