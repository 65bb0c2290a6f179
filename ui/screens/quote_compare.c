/* Revision compare: two revisions of a quote line by line — added (+),
 * removed (-), changed (~) with the quantity and price moves shown as
 * "a → b" — and the total and margin deltas. Markers always, colour when the
 * terminal has it, so NO_COLOR loses nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

struct quote_compare {
    struct screen base;
    char number[17];
    struct quote quote;
    struct rows revs; /* every revision (struct quote_revision), by number */
    int a, b;         /* revision numbers */
    struct quote_diff diff;
    struct err error;
    struct table_view view;
    bool picking_a; /* which side the revision picker sets */
};

static const struct quote_revision *compare_revision(const struct quote_compare *qc, int number)
{
    const struct quote_revision *r = qc->revs.items;
    for (int i = 0; i < qc->revs.n; i++)
        if (r[i].number == number)
            return &r[i];
    return NULL;
}

static void compare_layout(struct screen *s);

static int compare_load(struct quote_compare *qc)
{
    struct app *app = qc->base.con->app;
    err_clear(&qc->error);
    quote_diff_free(&qc->diff);
    if (quote_get(app, qc->number, &qc->quote, &qc->error) != ERR_OK ||
        quote_revisions(app, &qc->quote, NULL, &qc->revs, &qc->error) != ERR_OK)
        return qc->error.code;
    if (qc->b <= 0 || compare_revision(qc, qc->b) == NULL)
        qc->b = qc->quote.revision;
    if (qc->a <= 0 || compare_revision(qc, qc->a) == NULL)
        qc->a = qc->b > 1 ? qc->b - 1 : qc->b;
    if (quote_diff(app, &qc->quote, qc->a, qc->b, &qc->diff, &qc->error) != ERR_OK)
        return qc->error.code;
    qc->view.count = qc->diff.nlines;
    compare_layout(&qc->base); /* the revision lines may take more or fewer lines now */
    return ERR_OK;
}

/* ------------------------------------------------------------- drawing */

static const char *arrow(void)
{
    return text_locale_utf8() ? " → " : " -> ";
}

/* "10" when both sides agree, "10 → 12" when they differ, one side when the line is on one side only. */
static void side_text(const struct quote_compare *qc, const struct quote_diff_line *l, int64_t va, int64_t vb,
                      bool money, char *out, size_t len)
{
    char a[64], b[64];
    if (money) {
        fmt_money(qc->base.con, va, a, sizeof a);
        fmt_money(qc->base.con, vb, b, sizeof b);
    } else {
        fmt_int(va, a, sizeof a);
        fmt_int(vb, b, sizeof b);
    }
    if (l->kind == QUOTE_DIFF_ADDED)
        snprintf(out, len, "%s", b);
    else if (l->kind == QUOTE_DIFF_REMOVED)
        snprintf(out, len, "%s", a);
    else if (va == vb)
        snprintf(out, len, "%s", b);
    else
        snprintf(out, len, "%s%s%s", a, arrow(), b);
}

static void revision_text(const struct quote_compare *qc, int number, char *out, size_t len)
{
    const struct quote_revision *r = compare_revision(qc, number);
    char when[32];
    if (r == NULL) {
        snprintf(out, len, "revision %d", number);
        return;
    }
    fmt_time(r->frozen_at[0] ? r->frozen_at : r->created_at, when, sizeof when);
    snprintf(out, len, "revision %d — %s, %s %s%s%s%s", r->number,
             r->proposed_by == QUOTE_SIDE_CUSTOMER ? "the customer's" : "ours",
             r->frozen_at[0] ? "sent" : "draft", when, r->comment[0] ? " — \"" : "", r->comment,
             r->comment[0] ? "\"" : "");
}

/* The numbers take the width their cells in view need (measured when drawn):
 * the SKU gives way, never an amount. */
static const struct table_column diff_columns[] = {
    {"", 1, TEXT_LEFT, -1},     {"#", 3, TEXT_RIGHT, -1},           {"SKU", 0, TEXT_LEFT, -1},
    {"Qty", 3, TEXT_RIGHT, -1}, {"Unit price", 10, TEXT_RIGHT, -1}, {"Line total", 10, TEXT_RIGHT, -1},
};
#define DIFF_NCOLS 6

static const char *diff_marker(enum quote_diff_kind k)
{
    switch (k) {
    case QUOTE_DIFF_ADDED: return "+";
    case QUOTE_DIFF_REMOVED: return "-";
    case QUOTE_DIFF_CHANGED: return "~";
    default: return " ";
    }
}

static enum ui_style diff_style(enum quote_diff_kind k)
{
    return k == QUOTE_DIFF_ADDED ? STYLE_OK : k == QUOTE_DIFF_REMOVED ? STYLE_ERROR : STYLE_NORMAL;
}

static void diff_cells(const struct quote_compare *qc, const struct quote_diff_line *l, char cells[][160])
{
    snprintf(cells[0], 160, "%s", diff_marker(l->kind));
    snprintf(cells[1], 160, "%d", l->line_no);
    snprintf(cells[2], 160, "%s", l->sku);
    side_text(qc, l, l->quantity_a, l->quantity_b, false, cells[3], 160);
    side_text(qc, l, l->price_a, l->price_b, true, cells[4], 160);
    side_text(qc, l, l->net_a, l->net_b, true, cells[5], 160);
}

/* Column widths for the lines in view: each number column as wide as its widest cell. */
static void diff_widths(const struct quote_compare *qc, int *widths)
{
    int need[DIFF_NCOLS];
    char cells[DIFF_NCOLS][160];
    for (int c = 0; c < DIFF_NCOLS; c++)
        need[c] = text_width(diff_columns[c].title);
    for (int r = 0; r < qc->view.height && qc->view.top + r < qc->diff.nlines; r++) {
        diff_cells(qc, &qc->diff.lines[qc->view.top + r], cells);
        for (int c = 0; c < DIFF_NCOLS; c++)
            if (text_width(cells[c]) > need[c])
                need[c] = text_width(cells[c]);
    }
    table_column_fit(diff_columns, DIFF_NCOLS, qc->base.w, need, widths);
}

static void draw_diff_row(struct quote_compare *qc, int i, int y, const int *widths)
{
    const struct quote_diff_line *l = &qc->diff.lines[i];
    struct screen *s = &qc->base;
    bool cursor = i == qc->view.cursor;
    enum ui_style base = cursor ? STYLE_SELECTED : diff_style(l->kind);
    char cells[DIFF_NCOLS][160];
    bool changed[DIFF_NCOLS] = {false};
    diff_cells(qc, l, cells);
    if (l->kind == QUOTE_DIFF_CHANGED) {
        changed[3] = l->quantity_a != l->quantity_b;
        changed[4] = l->price_a != l->price_b;
        changed[5] = l->net_a != l->net_b;
    }
    draw_fill(y, s->x, s->w, base);
    for (int c = 0, x = s->x; c < DIFF_NCOLS; x += widths[c] + 1, c++)
        draw_text(y, x, widths[c], cells[c], diff_columns[c].align,
                  changed[c] && !cursor ? STYLE_KEY
                  : c == 0 && !cursor   ? STYLE_TITLE
                                        : base);
}

static void draw_diff_heading(struct screen *s, int y, const int *widths)
{
    draw_fill(y, s->x, s->w, STYLE_COLUMN_HEAD);
    for (int c = 0, x = s->x; c < DIFF_NCOLS; x += widths[c] + 1, c++)
        draw_text(y, x, widths[c], diff_columns[c].title, diff_columns[c].align, STYLE_COLUMN_HEAD);
}

static void draw_deltas(struct quote_compare *qc, int y)
{
    struct screen *s = &qc->base;
    const struct quote_diff *d = &qc->diff;
    char ta[64], tb[64], td[64], ma[32], mb[32], md[32];
    fmt_money(s->con, d->total_a, ta, sizeof ta);
    fmt_money(s->con, d->total_b, tb, sizeof tb);
    fmt_money(s->con, d->total_delta, td, sizeof td);
    margin_format(d->margin_a_bp, ma, sizeof ma);
    margin_format(d->margin_b_bp, mb, sizeof mb);
    int64_t abs_bp = d->margin_delta_bp < 0 ? -d->margin_delta_bp : d->margin_delta_bp;
    snprintf(md, sizeof md, "%s%lld.%02lld pt", d->margin_delta_bp < 0 ? "-" : "+", (long long)(abs_bp / 100),
             (long long)(abs_bp % 100));
    draw_textf(y, s->x + 1, s->w - 2, STYLE_TITLE, "Excl. tax %s%s%s (%s%s)", ta, arrow(), tb,
               d->total_delta > 0 ? "+" : "", td);
    draw_textf(y + 1, s->x + 1, s->w - 2, STYLE_TITLE, "Margin %s%s%s (%s)", ma, arrow(), mb, md);
    draw_text(y + 1, s->x + s->w / 2, s->w - s->w / 2 - 1, "+ added  - removed  ~ changed", TEXT_RIGHT,
              STYLE_DIM);
}

/* "A  revision 2 — the customer's, sent … — "comment"": wrapped, so the
 * customer's comment reads whole (up to REVISION_LINES lines a side). */
#define REVISION_LINES 3

static void revision_line(const struct quote_compare *qc, int side, char *out, size_t len)
{
    char text[1400];
    revision_text(qc, side == 0 ? qc->a : qc->b, text, sizeof text);
    snprintf(out, len, "%s  %s", side == 0 ? "A" : "B", text);
}

static int revision_lines(const struct quote_compare *qc, int side)
{
    char line[1500];
    if (qc->error.code != ERR_OK || qc->base.w < 4)
        return 1;
    revision_line(qc, side, line, sizeof line);
    int n = draw_wrapped_lines(line, qc->base.w - 2);
    return n < 1 ? 1 : n > REVISION_LINES ? REVISION_LINES : n;
}

static void compare_draw(struct screen *s)
{
    struct quote_compare *qc = (struct quote_compare *)s;
    char line[1500];
    int widths[DIFF_NCOLS], y = s->y;
    if (qc->error.code != ERR_OK) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, qc->error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    for (int side = 0; side < 2; side++) {
        revision_line(qc, side, line, sizeof line);
        y += draw_wrapped(y, s->x + 1, s->w - 2, revision_lines(qc, side), line, STYLE_NORMAL);
    }
    diff_widths(qc, widths);
    draw_diff_heading(s, y, widths);
    if (qc->diff.nlines == 0)
        draw_text(y + 2, s->x + 2, s->w - 4, "Neither revision has lines.", TEXT_LEFT, STYLE_DIM);
    for (int r = 0; r < qc->view.height && qc->view.top + r < qc->diff.nlines; r++)
        draw_diff_row(qc, qc->view.top + r, y + 1 + r, widths);
    draw_deltas(qc, s->y + s->h - 2);
}

static void compare_layout(struct screen *s)
{
    struct quote_compare *qc = (struct quote_compare *)s;
    int rows = s->h - 3 - revision_lines(qc, 0) - revision_lines(qc, 1);
    view_resize(&qc->view, rows > 1 ? rows : 1);
}

/* ---------------------------------------------------------------- keys */

static int compare_picked(void *owner, const struct lookup_item *item)
{
    struct quote_compare *qc = owner;
    if (qc->picking_a)
        qc->a = (int)item->id;
    else
        qc->b = (int)item->id;
    if (compare_load(qc) != ERR_OK)
        console_error(qc->base.con, &qc->error);
    return UI_DRAW;
}

static int compare_pick(struct quote_compare *qc, bool side_a)
{
    const struct quote_revision *r = qc->revs.items;
    struct lookup_item *items = xcalloc((size_t)(qc->revs.n > 0 ? qc->revs.n : 1), sizeof *items);
    for (int i = 0; i < qc->revs.n; i++) {
        items[i].id = r[i].number;
        revision_text(qc, r[i].number, items[i].label, sizeof items[i].label);
        snprintf(items[i].value, sizeof items[i].value, "%d", r[i].number);
    }
    qc->picking_a = side_a;
    dialog_pick(qc->base.con, side_a ? "Revision A" : "Revision B", items, qc->revs.n, 0, compare_picked, qc);
    free(items);
    return UI_DRAW;
}

static int compare_pick_a(void *p)
{
    return compare_pick(p, true);
}

static int compare_pick_b(void *p)
{
    return compare_pick(p, false);
}

static int compare_swap(void *p)
{
    struct quote_compare *qc = p;
    int t = qc->a;
    qc->a = qc->b;
    qc->b = t;
    if (compare_load(qc) != ERR_OK)
        console_error(qc->base.con, &qc->error);
    return UI_DRAW;
}

static int compare_down(void *p)
{
    return view_move(&((struct quote_compare *)p)->view, 1) ? UI_DRAW : UI_DONE;
}

static int compare_up(void *p)
{
    return view_move(&((struct quote_compare *)p)->view, -1) ? UI_DRAW : UI_DONE;
}

static int compare_pgdn(void *p)
{
    return view_page(&((struct quote_compare *)p)->view, 1) ? UI_DRAW : UI_DONE;
}

static int compare_pgup(void *p)
{
    return view_page(&((struct quote_compare *)p)->view, -1) ? UI_DRAW : UI_DONE;
}

static const struct keydef compare_keys[] = {
    {UA_REVISION_A, compare_pick_a, KEYDEF_BAR, NULL},
    {UA_REVISION_B, compare_pick_b, KEYDEF_BAR, NULL},
    {UA_SWAP, compare_swap, KEYDEF_BAR, NULL},
    {UA_DOWN, compare_down, 0, "Next line"},
    {UA_UP, compare_up, 0, "Previous line"},
    {UA_PAGE_DOWN, compare_pgdn, 0, NULL},
    {UA_PAGE_UP, compare_pgup, 0, NULL},
};

static int compare_keytables(struct screen *s, struct keytable *out, int max)
{
    if (max < 1)
        return 0;
    out[0] = (struct keytable)KEYTABLE("Compare", compare_keys, s);
    return 1;
}

static int compare_reload(struct screen *s)
{
    compare_load((struct quote_compare *)s);
    return UI_DRAW;
}

static void compare_destroy(struct screen *s)
{
    struct quote_compare *qc = (struct quote_compare *)s;
    quote_diff_free(&qc->diff);
    rows_free(&qc->revs);
    free(qc);
}

static const struct screen_ops quote_compare_ops = {
    .kind = "quote-compare",
    .layout = compare_layout,
    .draw = compare_draw,
    .keytables = compare_keytables,
    .reload = compare_reload,
    .destroy = compare_destroy,
};

struct screen *quote_compare_new(struct console *c, const char *number, int revision_a, int revision_b)
{
    struct quote_compare *qc = xcalloc(1, sizeof *qc);
    screen_init(&qc->base, &quote_compare_ops, c, "Compare");
    snprintf(qc->number, sizeof qc->number, "%s", number);
    qc->a = revision_a;
    qc->b = revision_b;
    qc->view.height = 1;
    compare_load(qc);
    return &qc->base;
}
