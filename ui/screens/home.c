/* Home: what needs the user now. Counts (my open quotes, approvals waiting
 * for me, today's orders, open orders); a rep's open quotes and accounts, a
 * manager's approval queue and the latest orders; and this month's sales
 * per day, B2B against B2C, as a bar chart of block characters (ASCII when
 * the locale is not UTF-8), scaled so one large day does not flatten the rest. Every number comes from one
 * core call that counts or sums in SQL, so Home is as quick on a million orders as on ten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/b2c/fulfilment.h"
#include "src/base/chart.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/home.h"
#include "src/orders.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

enum home_top { TOP_NONE, TOP_MY_QUOTES, TOP_AWAITING };

struct home {
    struct screen base;
    enum home_top top_kind;
    bool rep;              /* the lower table lists the rep's accounts, not orders */
    struct table top;      /* my open quotes / approvals waiting for me */
    struct table bottom;   /* a rep's accounts, or the latest orders */
    struct table slipping; /* a rep's orders whose promise slipped, in the bottom's place */
    int64_t slipping_count;
    int focus; /* 0 = top, 1 = bottom, 2 = slipping (a rep with some) */
    struct home_counts counts;
    struct home_sales sales;
    struct err error; /* counts or sales could not be read */
    int chart_h;      /* lines of bars */
};

/* ------------------------------------------------------------- quotes */

static const struct table_column quote_columns[] = {
    {"Quote", 9, TEXT_LEFT, -1},
    {"Status", 8, TEXT_LEFT, -1},
    {"Account", 0, TEXT_LEFT, -1},
    {"Owner", 8, TEXT_LEFT, -1},
    {"Amount", 14, TEXT_RIGHT, -1},
    {"Margin", 7, TEXT_RIGHT, -1},
    {"Updated", 16, TEXT_LEFT, QUOTE_SORT_UPDATED},
};

static int home_quotes_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct home *h = ctx;
    struct app *app = h->base.con->app;
    struct quote_filter mine = {.owner_id = app->user.id, .statuses = quote_open_statuses()};
    struct quote_filter awaiting = {.awaiting_role_of = app->user.id};
    return quote_page(app, h->top_kind == TOP_MY_QUOTES ? &mine : &awaiting, q, rows, count, e);
}

static void home_quote_cursor(const void *row, int sort, struct page_cursor *c)
{
    quote_cursor(row, sort, c);
}

static int64_t home_quote_id(const void *row)
{
    return ((const struct quote *)row)->id;
}

static void home_quote_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct quote *q = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", q->number); break;
    case 1: snprintf(out, len, "%s", quote_status_name(q->status)); break;
    case 2: snprintf(out, len, "%s", q->account_name); break;
    case 3: snprintf(out, len, "%s", q->owner_login); break;
    case 4: fmt_money(((struct screen *)ctx)->con, q->total, out, len); break;
    case 5: margin_format(q->margin_bp, out, len); break;
    default: fmt_time(q->updated_at, out, len); break;
    }
}

/* ----------------------------------------------------------- accounts */

static const struct table_column home_account_columns[] = {
    {"Account", 0, TEXT_LEFT, ACCOUNT_SORT_NAME},
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
    account_cursor(row, sort, c);
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

static int home_open_top(void *owner)
{
    struct home *h = owner;
    const struct quote *q = table_selected(&h->top);
    if (q != NULL)
        console_push(h->base.con, quote_editor_new(h->base.con, q->number));
    return UI_DRAW;
}

static int home_open_bottom(void *owner)
{
    struct home *h = owner;
    const void *row = table_selected(&h->bottom);
    struct console *c = h->base.con;
    if (row == NULL)
        return UI_DONE;
    if (h->rep)
        console_push(c, account_detail_new(c, ((const struct account *)row)->id));
    else
        console_push(c, order_detail_new(c, ((const struct order *)row)->number));
    return UI_DRAW;
}

/* ------------------------------------------- promises that slipped (rep) */

static const struct table_column slipping_columns[] = {
    {"Order", 9, TEXT_LEFT, -1},  {"For", 0, TEXT_LEFT, -1},          {"Promised", 10, TEXT_LEFT, -1},
    {"First", 10, TEXT_LEFT, -1}, {"What slipped", 0, TEXT_LEFT, -1},
};

static int home_slipping_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return fulfilment_slipping(((struct screen *)ctx)->con->app, q, rows, count, e);
}

static void home_slipping_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    fulfilment_cursor(row, false, c);
}

static int64_t home_slipping_id(const void *row)
{
    return ((const struct fulfilment_row *)row)->order.id;
}

static void home_slipping_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct order *o = &((const struct fulfilment_row *)row)->order;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: snprintf(out, len, "%s", o->party_name); break;
    case 2: snprintf(out, len, "%s", o->promised_date); break;
    case 3: snprintf(out, len, "%s", o->first_promised_date); break;
    default: fmt_promise(o, out, len); break;
    }
}

static int home_open_slipping(void *owner)
{
    struct home *h = owner;
    const struct fulfilment_row *r = table_selected(&h->slipping);
    if (r != NULL)
        console_push(h->base.con, order_detail_new(h->base.con, r->order.number));
    return UI_DRAW;
}

/* -------------------------------------------------------------- data */

static void home_load(struct home *h)
{
    err_clear(&h->error);
    struct app *app = h->base.con->app;
    if (home_counts_load(app, &h->counts, &h->error) == ERR_OK)
        home_sales_month(app, 0, 0, &h->sales, &h->error);
    h->slipping_count = 0;
    if (h->rep && fulfilment_slipping_count(app, &h->slipping_count, NULL) != ERR_OK)
        h->slipping_count = 0;
    if (h->focus == 2 && h->slipping_count == 0)
        h->focus = 1;
    if (h->top_kind == TOP_AWAITING) /* the list shows quotes: refunds are on the Approvals screen */
        h->top.empty_text = h->counts.refunds > 0
                                ? "No quote waits for your approval; refunds do: A opens them."
                                : "Nothing waits for your approval.";
}

/* ------------------------------------------------------------- chart */

/* Money without decimals for the chart's labels: "12,345 €" reads faster. */
static void chart_amount(const struct console *c, int64_t minor, char *out, size_t len)
{
    fmt_money(c, minor - minor % 100, out, len);
    char *dot = strstr(out, ".00");
    if (dot == NULL)
        dot = strstr(out, ",00");
    if (dot)
        memmove(dot, dot + 3, strlen(dot + 3) + 1);
}

/* Cells of a bar of value v in a chart h cells high scaled to max, in eighths. */
static int chart_eighths(int64_t v, int64_t max, int h)
{
    if (v <= 0 || max <= 0)
        return 0;
    int64_t e = money_div_round(v * 8 * h, max);
    return e < 1 ? 1 : (int)e;
}

/* One cell of a bar: full, empty, or the partial top (eighth blocks in UTF-8). */
static const char *chart_cell(int eighths, bool b2b, bool utf8)
{
    static const char *const blocks[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    if (eighths <= 0)
        return " ";
    if (!utf8)
        return eighths >= 4 ? (b2b ? "#" : "+") : (eighths > 0 ? (b2b ? "." : ",") : " ");
    if (!b2b)
        return eighths >= 8 ? "▒" : blocks[eighths];
    return blocks[eighths > 8 ? 8 : eighths];
}

/* The figure of a bar taller than the chart, beside it: the day and channel
 * give way to the amount, which is never cut (when even it does not fit the
 * column beside the chart, it ends at the screen's edge, over the bars). */
static void chart_draw_clipped(struct home *h, int y, int right, int day, const char *channel, int64_t v)
{
    const char *mark = text_locale_utf8() ? "▲" : "^";
    char amount[64], label[128];
    chart_amount(h->base.con, v, amount, sizeof amount);
    int room = h->base.x + h->base.w - right - 1;
    snprintf(label, sizeof label, "%s%d %s %s", mark, day, channel, amount);
    if (text_width(label) > room)
        snprintf(label, sizeof label, "%s%d %s", mark, day, amount);
    if (text_width(label) > room)
        snprintf(label, sizeof label, "%s %s", mark, amount);
    if (text_width(label) > room)
        snprintf(label, sizeof label, "%s", amount);
    int w = text_width(label);
    if (w > room)
        right = h->base.x + h->base.w - 1 - w;
    draw_text(y, right, w > room ? w : room, label, TEXT_LEFT, STYLE_DIM);
}

/* Two bars a day side by side: B2B then B2C, then a gap when there is room.
 * The scale is chart_scale's: a day far above the others does not flatten
 * them; its bar is clipped (topped with ▲) and its figure written beside. */
static void chart_draw_bars(struct home *h, int y, int x, int step)
{
    const struct home_sales *s = &h->sales;
    bool utf8 = text_locale_utf8();
    int64_t values[62];
    int n = 0;
    for (int d = 0; d < s->ndays && d < 31; d++) {
        values[n++] = s->b2b[d];
        values[n++] = s->b2c[d];
    }
    int64_t max = chart_scale(values, n);
    int right = x + s->ndays * step + 1, clipped_lines = 0;
    for (int d = 0; d < s->ndays; d++) {
        int64_t b = s->b2b[d] > max ? max : s->b2b[d], c = s->b2c[d] > max ? max : s->b2c[d];
        int eb = chart_eighths(b, max, h->chart_h), ec = chart_eighths(c, max, h->chart_h);
        for (int r = 0; r < h->chart_h; r++) {
            int from = (h->chart_h - 1 - r) * 8; /* eighths below this row */
            draw_text(y + r, x + d * step, 1, chart_cell(eb - from, true, utf8), TEXT_LEFT, STYLE_LABEL);
            draw_text(y + r, x + d * step + 1, 1, chart_cell(ec - from, false, utf8), TEXT_LEFT, STYLE_OK);
        }
        for (int ch = 0; ch < 2; ch++) {
            int64_t v = ch == 0 ? s->b2b[d] : s->b2c[d];
            if (v <= max)
                continue;
            draw_text(y, x + d * step + ch, 1, utf8 ? "▲" : "^", TEXT_LEFT, STYLE_ERROR);
            if (clipped_lines + 1 < h->chart_h) /* the figure beside the chart */
                chart_draw_clipped(h, y + 1 + clipped_lines++, right, d + 1, ch == 0 ? "B2B" : "B2C", v);
        }
        if (d == 0 || (d + 1) % 5 == 0)
            draw_textf(y + h->chart_h, x + d * step, 3, STYLE_DIM, "%d", d + 1);
    }
    char top[64];
    chart_amount(h->base.con, max, top, sizeof top);
    int room = h->base.x + h->base.w - right - 1, w = text_width(top);
    if (max > 0 && w > room) /* the scale's amount is never cut either */
        draw_text(y, h->base.x + h->base.w - 1 - w, w, top, TEXT_LEFT, STYLE_DIM);
    else
        draw_textf(y, right, room, STYLE_DIM, "%s", max > 0 ? top : "");
}

static void chart_draw(struct home *h, int y)
{
    struct screen *s = &h->base;
    const struct home_sales *hs = &h->sales;
    char b2b[64], b2c[64];
    chart_amount(s->con, hs->total_b2b, b2b, sizeof b2b);
    chart_amount(s->con, hs->total_b2c, b2c, sizeof b2c);
    bool utf8 = text_locale_utf8();
    draw_textf(y, s->x + 1, s->w - 2, STYLE_TITLE,
               "Sales %04d-%02d excl. tax:  B2B %s %s   B2C %s %s   (%lld %s)", hs->year, hs->month,
               utf8 ? "█" : "#", b2b, utf8 ? "▒" : "+", b2c, (long long)hs->orders,
               text_plural(hs->orders, "order", "orders"));
    int step = s->w - 4 >= hs->ndays * 3 + 16 ? 3 : 2;
    chart_draw_bars(h, y + 1, s->x + 2, step);
}

/* ------------------------------------------------------------ screen */

static int home_chart_lines(const struct home *h)
{
    return h->chart_h + 2; /* title, bars, day numbers */
}

static void home_layout(struct screen *s)
{
    struct home *h = (struct home *)s;
    h->chart_h = s->h >= 40 ? 10 : (s->h >= 30 ? 7 : 4);
    int top = 3, rest = s->h - top - home_chart_lines(h);
    if (h->top_kind == TOP_NONE) {
        table_layout(&h->bottom, s->y + top, s->x, rest, s->w);
        return;
    }
    int ht = rest / 2; /* the lower list has its title line above it */
    table_layout(&h->top, s->y + top, s->x, ht, s->w);
    table_layout(&h->bottom, s->y + top + ht + 1, s->x, rest - ht - 1, s->w);
    table_layout(&h->slipping, s->y + top + ht + 1, s->x, rest - ht - 1, s->w);
}

static const char *home_bottom_title(const struct home *h)
{
    return h->focus == 2 ? "Your orders whose promise slipped" : h->rep ? "Your accounts" : "Latest orders";
}

static const char *home_top_title(const struct home *h)
{
    return h->top_kind == TOP_AWAITING ? "Waiting for your approval, oldest first"
                                       : "Your open quotes, latest first";
}

static void home_draw_counts(struct home *h)
{
    struct screen *s = &h->base;
    const struct home_counts *c = &h->counts;
    char line[300];
    size_t n = 0;
    if (h->top_kind == TOP_MY_QUOTES)
        n += (size_t)snprintf(line + n, sizeof line - n, "%lld open quote%s · ", (long long)c->open_quotes,
                              c->open_quotes == 1 ? "" : "s");
    int64_t waiting = c->awaiting + c->refunds; /* as the Approvals screen lists them: quotes, then refunds */
    if (h->top_kind == TOP_AWAITING && c->refunds > 0)
        n += (size_t)snprintf(line + n, sizeof line - n, "%lld approval%s waiting (%lld refund%s) · ",
                              (long long)waiting, waiting == 1 ? "" : "s", (long long)c->refunds,
                              c->refunds == 1 ? "" : "s");
    else if (h->top_kind == TOP_AWAITING)
        n += (size_t)snprintf(line + n, sizeof line - n, "%lld approval%s waiting · ", (long long)waiting,
                              waiting == 1 ? "" : "s");
    n += (size_t)snprintf(line + n, sizeof line - n, "%lld order%s today · %lld open order%s",
                          (long long)c->orders_today, c->orders_today == 1 ? "" : "s",
                          (long long)c->open_orders, c->open_orders == 1 ? "" : "s");
    if (h->slipping_count > 0 && n < sizeof line)
        snprintf(line + n, sizeof line - n, " · %lld promise%s slipping", (long long)h->slipping_count,
                 h->slipping_count == 1 ? "" : "s");
    if (h->error.code != ERR_OK)
        draw_text(s->y + 1, s->x + 1, s->w - 2, h->error.msg, TEXT_LEFT, STYLE_ERROR);
    else
        draw_text(s->y + 1, s->x + 1, s->w - 2, line, TEXT_LEFT, STYLE_LABEL);
}

/* Where the top list cuts, how many more there are and where they are. */
static void home_draw_more(struct home *h)
{
    const struct table *t = &h->top;
    int64_t total = h->top_kind == TOP_AWAITING ? h->counts.awaiting : h->counts.open_quotes;
    int shown = t->nrows - t->view.top < t->view.height ? t->nrows - t->view.top : t->view.height;
    int64_t more = total - t->view.top - shown;
    if (more <= 0 || h->error.code != ERR_OK)
        return;
    char text[160];
    snprintf(text, sizeof text, "%s %lld more (%sj scrolls, %s lists them all)", text_ellipsis(),
             (long long)more, h->focus == 0 ? "" : "Tab, then ", h->top_kind == TOP_AWAITING ? "A" : "u");
    draw_text(t->y + t->h - 1, t->x + 1, t->w - 2, text, TEXT_LEFT, STYLE_TITLE);
}

static void home_draw(struct screen *s)
{
    struct home *h = (struct home *)s;
    const struct user *u = &s->con->app->user;
    draw_textf(s->y, s->x + 1, s->w - 2, STYLE_TITLE, "Hello %s.", u->full_name[0] ? u->full_name : u->login);
    home_draw_counts(h);
    if (h->top_kind == TOP_NONE) {
        draw_text(s->y + 2, s->x + 1, s->w - 2,
                  "Latest orders · a accounts · c customers · p products · o orders", TEXT_LEFT, STYLE_DIM);
    } else {
        draw_textf(s->y + 2, s->x + 1, s->w - 2, h->focus == 0 ? STYLE_TITLE : STYLE_DIM, "%s%s",
                   home_top_title(h), h->focus == 0 ? "  (Tab: the list below)" : "");
        const char *hint = h->focus == 0                            ? ""
                           : h->focus == 1 && h->slipping_count > 0 ? "  (Tab: the promises that slipped)"
                                                                    : "  (Tab: the list above)";
        draw_textf(h->bottom.y - 1, s->x + 1, s->w - 2, h->focus != 0 ? STYLE_TITLE : STYLE_DIM, "%s%s",
                   home_bottom_title(h), hint);
    }
    h->top.inactive = h->focus != 0;
    h->bottom.inactive = h->focus != 1;
    h->slipping.inactive = h->focus != 2;
    if (h->top_kind != TOP_NONE) {
        table_draw(&h->top);
        home_draw_more(h);
    }
    table_draw(h->focus == 2 ? &h->slipping : &h->bottom);
    chart_draw(h, s->y + s->h - home_chart_lines(h));
}

static int home_go(struct home *h, const char *name)
{
    return command_run(h->base.con, name);
}

static int home_accounts(void *p)
{
    return home_go(p, "accounts");
}

static int home_customers(void *p)
{
    return home_go(p, "customers");
}

static int home_products(void *p)
{
    return home_go(p, "products");
}

static int home_orders(void *p)
{
    return home_go(p, "orders");
}

static int home_quotes(void *p)
{
    return home_go(p, "quotes");
}

static int home_approvals(void *p)
{
    return home_go(p, "approvals");
}

static int home_admin(void *p)
{
    return home_go(p, "admin");
}

static int home_quick_order(void *p)
{
    return home_go(p, "new");
}

static int home_switch(void *p)
{
    struct home *h = p;
    if (h->top_kind == TOP_NONE)
        return UI_DRAW;
    /* a rep whose orders' promises slipped goes round three lists */
    h->focus = (h->focus + 1) % (h->slipping_count > 0 ? 3 : 2);
    if (h->focus == 2)
        table_refresh(&h->slipping);
    return UI_DRAW;
}

/* The screens Home leads to; the same keys go there from every screen. */
static const struct keydef home_keys[] = {
    {UA_GO_ACCOUNTS, home_accounts, KEYDEF_BAR, NULL},
    {UA_GO_ORDERS, home_orders, KEYDEF_BAR, NULL},
    {UA_GO_CUSTOMERS, home_customers, 0, NULL},
    {UA_GO_PRODUCTS, home_products, 0, NULL},
    {UA_GO_ADMIN, home_admin, 0, NULL},
};
/* Only for those who build quotes or approve them. */
static const struct keydef home_quote_keys[] = {
    {UA_NEXT, home_switch, KEYDEF_BAR, "Other list"},
    {UA_GO_QUOTES, home_quotes, KEYDEF_BAR, NULL},
};
/* Only for those who sell (reps, managers, admins). */
static const struct keydef home_seller_keys[] = {
    {UA_NEW, home_quick_order, KEYDEF_BAR, "Quick order"},
};
static const struct keydef home_approver_keys[] = {
    {UA_GO_APPROVALS, home_approvals, KEYDEF_BAR, NULL},
};

static struct table *home_focused(struct home *h)
{
    if (h->focus == 2)
        return &h->slipping;
    return h->focus == 0 && h->top_kind != TOP_NONE ? &h->top : &h->bottom;
}

static int home_keytables(struct screen *s, struct keytable *out, int max)
{
    struct home *h = (struct home *)s;
    struct table *t = home_focused(h);
    int n = 0;
    if (!t->filtering) {
        if (rights_allows(s->con->app->user.role, ACT_ORDER_CREATE))
            out[n++] = (struct keytable)KEYTABLE("Sell", home_seller_keys, h);
        if (h->top_kind != TOP_NONE)
            out[n++] = (struct keytable)KEYTABLE("Quotes", home_quote_keys, h);
        if (h->top_kind == TOP_AWAITING)
            out[n++] = (struct keytable)KEYTABLE("Approvals", home_approver_keys, h);
        out[n++] = (struct keytable)KEYTABLE("Home", home_keys, h);
    }
    return n + table_keytables(t, out + n, max - n);
}

static int home_input(struct screen *s, int key)
{
    return table_input(home_focused((struct home *)s), key);
}

static bool home_typing(struct screen *s)
{
    struct home *h = (struct home *)s;
    return h->top.filtering || h->bottom.filtering || h->slipping.filtering;
}

static int home_reload(struct screen *s)
{
    struct home *h = (struct home *)s;
    home_load(h);
    if (h->top_kind != TOP_NONE)
        table_refresh(&h->top);
    table_refresh(&h->bottom);
    if (h->focus == 2)
        table_refresh(&h->slipping);
    return UI_DRAW;
}

static void home_destroy(struct screen *s)
{
    struct home *h = (struct home *)s;
    table_free(&h->top);
    table_free(&h->bottom);
    table_free(&h->slipping);
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

static void home_init_top(struct home *h, struct console *c)
{
    enum role r = c->app->user.role;
    h->top_kind = rights_allows(r, ACT_QUOTE_APPROVE) ? TOP_AWAITING
                  : rights_allows(r, ACT_QUOTE_EDIT)  ? TOP_MY_QUOTES
                                                      : TOP_NONE;
    struct table_source quotes = {.cols = quote_columns,
                                  .ncols = (int)(sizeof quote_columns / sizeof quote_columns[0]),
                                  .row_size = sizeof(struct quote),
                                  .fetch = home_quotes_fetch,
                                  .cursor = home_quote_cursor,
                                  .id = home_quote_id,
                                  .cell = home_quote_cell,
                                  .ctx = h,
                                  .forward_only = true,
                                  .page = 30};
    table_init(&h->top, &quotes);
    h->top.descending = h->top_kind == TOP_MY_QUOTES; /* latest first; the queue oldest first */
    h->top.con = c;
    h->top.owner = h;
    h->top.on_open = home_open_top;
    h->top.empty_text = h->top_kind == TOP_MY_QUOTES ? "No open quote: u lists your quotes."
                                                     : "Nothing waits for your approval.";
    h->focus = h->top_kind == TOP_NONE;
    if (h->top_kind != TOP_NONE)
        table_reload(&h->top);
    if (h->top.nrows == 0)
        h->focus = 1; /* nothing above: the keys go to the list that has something */
}

struct screen *home_new(struct console *c)
{
    struct home *h = xcalloc(1, sizeof *h);
    screen_init(&h->base, &home_ops, c, "Home");
    h->rep = c->app->user.role == ROLE_REP;
    struct table_source accounts = {.cols = home_account_columns,
                                    .ncols = 4,
                                    .row_size = sizeof(struct account),
                                    .fetch = home_accounts_fetch,
                                    .cursor = home_account_cursor,
                                    .id = home_account_id,
                                    .cell = home_account_cell,
                                    .ctx = h,
                                    .forward_only = false,
                                    .page = 50};
    struct table_source orders = {.cols = order_columns,
                                  .ncols = order_ncolumns,
                                  .row_size = sizeof(struct order),
                                  .fetch = home_orders_fetch,
                                  .cursor = order_row_cursor,
                                  .id = order_row_id,
                                  .cell = order_cell,
                                  .cell_short = order_cell_short,
                                  .ctx = h,
                                  .forward_only = true,
                                  .page = 30};
    home_init_top(h, c);
    table_init(&h->bottom, h->rep ? &accounts : &orders);
    h->bottom.con = c;
    h->bottom.owner = h;
    h->bottom.on_open = home_open_bottom;
    h->bottom.empty_text = h->rep ? "No account is assigned to you yet." : "No orders yet.";
    table_reload(&h->bottom);
    struct table_source slipping = {.cols = slipping_columns,
                                    .ncols = (int)(sizeof slipping_columns / sizeof slipping_columns[0]),
                                    .row_size = sizeof(struct fulfilment_row),
                                    .fetch = home_slipping_fetch,
                                    .cursor = home_slipping_cursor,
                                    .id = home_slipping_id,
                                    .cell = home_slipping_cell,
                                    .ctx = h,
                                    .forward_only = true,
                                    .page = 30};
    table_init(&h->slipping, &slipping);
    h->slipping.con = c;
    h->slipping.owner = h;
    h->slipping.on_open = home_open_slipping;
    h->slipping.empty_text = "No promise of yours has slipped.";
    home_load(h);
    return &h->base;
}
