/* Reports (issue 15): the list of reports (managers and admins read
 * everyone's figures, a rep their own), and one report drawn as its tables,
 * each row with a bar of its chart column (eighth blocks, or '#' where the
 * terminal shows no Unicode; styles follow NO_COLOR); z moves the date range
 * through this month, last month, 3 and 12 months, this year; Enter on a row
 * opens the quotes or orders behind it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/report.h"
#include "src/base/chart.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

const bool reports_screen_ready = true;

#define BAR_MIN 8 /* columns a bar needs to be worth drawing */
#define LINKED_MAX 500

/* ------------------------------------------------- the quotes behind a row */

struct linked_quotes {
    struct list_screen list; /* first: the list screen's ops see only this */
    struct report_link link;
};

static const struct table_column quote_cols[] = {{"Quote", 12, TEXT_LEFT, -1},
                                                 {"Account", 0, TEXT_LEFT, -1},
                                                 {"Status", 10, TEXT_LEFT, -1},
                                                 {"Rep", 10, TEXT_LEFT, -1},
                                                 {"Amount", 14, TEXT_RIGHT, -1}};

static int linked_quotes_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct linked_quotes *lq = ctx;
    if (q->has_cursor) { /* one window holds them all */
        rows_reset(out, sizeof(struct report_quote_item));
        return ERR_OK;
    }
    return report_link_quotes(lq->list.base.con->app, &lq->link, LINKED_MAX, out, e);
}

static void linked_quote_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct report_quote_item *it = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", it->number); break;
    case 1: snprintf(out, len, "%s", it->account); break;
    case 2: snprintf(out, len, "%s", it->status); break;
    case 3: snprintf(out, len, "%s", it->owner); break;
    default: fmt_money(((struct screen *)ctx)->con, it->amount, out, len); break;
    }
}

static void linked_quote_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    memset(c, 0, sizeof *c);
    c->id = ((const struct report_quote_item *)row)->id;
}

static int64_t linked_quote_id(const void *row)
{
    return ((const struct report_quote_item *)row)->id;
}

static int linked_quote_open(void *owner)
{
    struct list_screen *l = owner;
    const struct report_quote_item *it = table_selected(&l->table);
    if (it)
        console_push(l->base.con, quote_editor_new(l->base.con, it->number));
    return UI_DRAW;
}

static struct screen *linked_quotes_new(struct console *c, const struct report_link *link, const char *title)
{
    struct linked_quotes *lq = xcalloc(1, sizeof *lq);
    lq->link = *link;
    struct table_source src = {.cols = quote_cols,
                               .ncols = (int)(sizeof quote_cols / sizeof quote_cols[0]),
                               .row_size = sizeof(struct report_quote_item),
                               .fetch_rows = linked_quotes_fetch,
                               .cursor = linked_quote_cursor,
                               .id = linked_quote_id,
                               .cell = linked_quote_cell,
                               .ctx = lq,
                               .forward_only = true,
                               .page = LINKED_MAX};
    list_screen_init(&lq->list, c, title, &src, NULL, 0, linked_quote_open);
    lq->list.intro = link->decided ? "The quotes decided in the range (newest first). Enter opens one."
                                   : "The open quotes (newest first). Enter opens one.";
    lq->list.table.empty_text = "No quote.";
    return &lq->list.base;
}

/* ------------------------------------------------- the orders behind a row */

struct linked_orders {
    struct list_screen list;
    char text[101];
    struct order_filter filter;
};

static int linked_orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct linked_orders *lo = ctx;
    return order_find_filtered(lo->list.base.con->app, lo->text, &lo->filter, q, rows, count, e);
}

static int linked_order_open(void *owner)
{
    struct list_screen *l = owner;
    const struct order *o = table_selected(&l->table);
    if (o)
        console_push(l->base.con, order_detail_new(l->base.con, o->number));
    return UI_DRAW;
}

static struct screen *linked_orders_new(struct console *c, const struct report_link *link, const char *title)
{
    struct linked_orders *lo = xcalloc(1, sizeof *lo);
    snprintf(lo->text, sizeof lo->text, "%s", link->text);
    lo->filter = (struct order_filter){.status = -1, .channel = link->channel};
    snprintf(lo->filter.from, sizeof lo->filter.from, "%s", link->from);
    snprintf(lo->filter.to, sizeof lo->filter.to, "%s", link->to);
    struct table_source src = {.cols = order_columns,
                               .ncols = order_ncolumns,
                               .row_size = sizeof(struct order),
                               .fetch = linked_orders_fetch,
                               .cursor = order_row_cursor,
                               .id = order_row_id,
                               .cell = order_cell,
                               .ctx = lo,
                               .forward_only = true,
                               .page = 100};
    list_screen_init(&lo->list, c, title, &src, NULL, 0, linked_order_open);
    lo->list.intro = "The orders behind the row (those you may see). Enter opens one.";
    lo->list.table.empty_text = "No order.";
    return &lo->list.base;
}

/* ------------------------------- the orders of a set (report_link_orders) */

struct linked_set {
    struct list_screen list;
    struct report_link link;
};

static int linked_set_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct linked_set *ls = ctx;
    return report_link_orders(ls->list.base.con->app, &ls->link, q, rows, count, e);
}

static void linked_set_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    report_link_order_cursor(row, c);
}

static struct screen *linked_set_new(struct console *c, const struct report_link *link, const char *title)
{
    static const char *const intros[] = {
        [RSET_DELIVERED] =
            "The orders delivered in the month, on time or late (newest first). Enter opens one.",
        [RSET_PROMOTION] = "The orders that used the promotion in the range (newest first). Enter opens one.",
        [RSET_RETURNS] = "The orders of the returns behind the row (newest first). Enter opens one."};
    struct linked_set *ls = xcalloc(1, sizeof *ls);
    ls->link = *link;
    struct table_source src = {.cols = order_columns,
                               .ncols = order_ncolumns,
                               .row_size = sizeof(struct order),
                               .fetch = linked_set_fetch,
                               .cursor = linked_set_cursor,
                               .id = order_row_id,
                               .cell = order_cell,
                               .ctx = ls,
                               .forward_only = true,
                               .page = 100};
    list_screen_init(&ls->list, c, title, &src, NULL, 0, linked_order_open);
    ls->list.intro = intros[link->set];
    ls->list.table.empty_text = "No order.";
    return &ls->list.base;
}

/* ------------------------------------------------------------ one report */

/* VL_CHART_HEAD, VL_CHART: a section's chart under its table, a bar per
 * row, when the screen leaves no room for the bars beside the rows. */
enum view_line_kind { VL_TITLE, VL_HEAD, VL_ROW, VL_MORE, VL_EMPTY, VL_BLANK, VL_CHART_HEAD, VL_CHART };

struct report_line {
    enum view_line_kind kind;
    int section, row;
};

struct report_screen {
    struct screen base;
    enum report_kind kind;
    enum report_range range;
    struct report_query q;
    struct report rep;
    bool loaded;
    struct err error;
    struct report_line *lines;
    int nlines;
    int cursor, top, height; /* cursor: a VL_ROW of lines, -1 when none */
    int built_width;         /* the width the lines were built for (charts beside or under) */
    int widths[REPORT_MAX_SECTIONS][REPORT_MAX_COLS];
    int bar_width[REPORT_MAX_SECTIONS];
    int bar_x[REPORT_MAX_SECTIONS]; /* where the bar starts: two columns after the table */
    int64_t scale[REPORT_MAX_SECTIONS];
    bool plain_money[REPORT_MAX_SECTIONS]; /* too wide with the money format: amounts plain */
};

/* A cell as the console shows it: as the command line prints it (money in
 * the money format: the figures keep their room and the bar gets the rest);
 * a terminal without UTF-8 gets money plain, as it gets '#' bars, and so
 * does a section too wide for the screen once its text columns gave way. */
static void cell_shown(const struct report_screen *r, int s, const struct report_column *col,
                       const struct report_cell *cell, char *out, size_t len)
{
    bool formatted = text_locale_utf8() && !r->plain_money[s];
    report_cell_show(col, cell, formatted ? r->base.con->app->currency : NULL, out, len);
}

static void lines_add(struct report_screen *r, enum view_line_kind kind, int section, int row)
{
    r->lines = xrealloc(r->lines, sizeof *r->lines * (size_t)(r->nlines + 1));
    r->lines[r->nlines++] = (struct report_line){kind, section, row};
}

static void section_fit(struct report_screen *r, int s, int width);

/* Whether section s has bars to draw under its table: a chart, rows that
 * are not totals, and no room for the bars beside them at this width. */
static bool chart_under(struct report_screen *r, int s)
{
    const struct report_section *sec = &r->rep.sections[s];
    const struct report_row *rows = sec->rows.items;
    if (sec->chart_col < 0 || r->bar_width[s] > 0 || r->scale[s] <= 0)
        return false;
    for (int i = 0; i < sec->rows.n; i++)
        if (!rows[i].total)
            return true;
    return false;
}

static void lines_build(struct report_screen *r)
{
    r->nlines = 0;
    r->built_width = r->base.w;
    for (int s = 0; s < r->rep.nsections; s++)
        section_fit(r, s, r->base.w);
    for (int s = 0; s < r->rep.nsections; s++) {
        const struct report_section *sec = &r->rep.sections[s];
        if (s > 0)
            lines_add(r, VL_BLANK, s, -1);
        lines_add(r, VL_TITLE, s, -1);
        if (sec->rows.n == 0) {
            lines_add(r, VL_EMPTY, s, -1);
            continue;
        }
        lines_add(r, VL_HEAD, s, -1);
        for (int i = 0; i < sec->rows.n; i++)
            lines_add(r, VL_ROW, s, i);
        if (sec->left_out > 0)
            lines_add(r, VL_MORE, s, -1);
        if (chart_under(r, s)) {
            lines_add(r, VL_BLANK, s, -1);
            lines_add(r, VL_CHART_HEAD, s, -1);
            for (int i = 0; i < sec->rows.n; i++)
                if (!((const struct report_row *)rows_at(&sec->rows, i))->total)
                    lines_add(r, VL_CHART, s, i);
        }
    }
    r->cursor = -1;
    for (int i = 0; i < r->nlines && r->cursor < 0; i++)
        if (r->lines[i].kind == VL_ROW)
            r->cursor = i;
    r->top = 0;
}

/* The lines again for a new width, the cursor on the same row. */
static void lines_rebuild(struct report_screen *r)
{
    struct report_line at = r->cursor >= 0 ? r->lines[r->cursor] : (struct report_line){VL_ROW, -1, -1};
    int screen_row = r->cursor - r->top;
    lines_build(r);
    for (int i = 0; i < r->nlines; i++)
        if (r->lines[i].kind == VL_ROW && r->lines[i].section == at.section && r->lines[i].row == at.row) {
            r->cursor = i;
            r->top = i - screen_row > 0 ? i - screen_row : 0;
        }
}

static int report_load(struct report_screen *r)
{
    err_clear(&r->error);
    if (r->loaded)
        report_free(&r->rep);
    r->loaded = false;
    report_range_set(r->range, &r->q);
    if (report_run(r->base.con->app, r->kind, &r->q, &r->rep, &r->error) != ERR_OK) {
        r->nlines = 0;
        r->cursor = -1;
        return r->error.code;
    }
    r->loaded = true;
    lines_build(r);
    return ERR_OK;
}

/* The widest text column (or figure column: figures) gives a column, one
 * at a time, each down to its least, until the columns fit in room. */
static void columns_give_way(const struct report_section *sec, bool figures, int *w, const int *least,
                             int *total, int room)
{
    while (*total > room) {
        int widest = -1;
        for (int c = 0; c < sec->ncols; c++)
            if ((sec->cols[c].kind == RCOL_TEXT) != figures && w[c] > least[c] &&
                (widest < 0 || w[c] > w[widest]))
                widest = c;
        if (widest < 0)
            return;
        w[widest]--;
        (*total)--;
    }
}

static bool section_fit_once(struct report_screen *r, int s, int width, bool cut_text);

/* Column widths for the screen: figures keep theirs, text columns give way
 * first (down to what they hold), the bar takes what is left when it is
 * worth drawing; without room for a bar, the figures' heads give way too.
 * Still too wide, the amounts go plain (no currency), never cut; then text
 * gives way further. */
static void section_fit(struct report_screen *r, int s, int width)
{
    r->plain_money[s] = false;
    if (section_fit_once(r, s, width, false))
        return;
    r->plain_money[s] = true;
    if (!section_fit_once(r, s, width, false))
        section_fit_once(r, s, width, true);
}

/* One fitting: whether the columns fit in width (cut_text: text may be cut
 * below what it holds). */
static bool section_fit_once(struct report_screen *r, int s, int width, bool cut_text)
{
    const struct report_section *sec = &r->rep.sections[s];
    const struct report_row *rows = sec->rows.items;
    int *w = r->widths[s], total = 0, least[REPORT_MAX_COLS], values_width[REPORT_MAX_COLS];
    int64_t *values = xcalloc((size_t)sec->rows.n + 1, sizeof *values);
    int nvalues = 0;
    for (int c = 0; c < sec->ncols; c++) {
        int widest = 0;
        for (int i = 0; i < sec->rows.n; i++) {
            char cell[128];
            cell_shown(r, s, &sec->cols[c], &rows[i].cells[c], cell, sizeof cell);
            int cw = text_width(cell);
            widest = cw > widest ? cw : widest;
        }
        int head = text_width(sec->cols[c].name);
        w[c] = widest > head ? widest : head;
        values_width[c] = widest > 4 ? widest : 4;
        least[c] =
            widest < 10 ? (widest > 4 ? widest : 4) : 10; /* a short text is never cut, a head may be */
        total += w[c] + (c ? 2 : 0);
    }
    for (int i = 0; sec->chart_col >= 0 && i < sec->rows.n; i++)
        if (!rows[i].total && !rows[i].cells[sec->chart_col].empty)
            values[nvalues++] = rows[i].cells[sec->chart_col].value;
    r->scale[s] = chart_scale(values, nvalues);
    free(values);
    int room = width - 2; /* a column at each side */
    int want_bar = sec->chart_col >= 0 ? BAR_MIN + 2 : 0;
    columns_give_way(sec, false, w, least, &total, room - want_bar);
    /* no room for a bar: a figure's head gives way, down to its figures (or
     * 4); then, cut_text, text below what it holds; amounts are never cut */
    columns_give_way(sec, true, w, values_width, &total, room);
    if (total > room && cut_text) {
        int shortest[REPORT_MAX_COLS];
        for (int c = 0; c < sec->ncols; c++)
            shortest[c] = 4;
        columns_give_way(sec, false, w, shortest, &total, room);
    }
    r->bar_width[s] = sec->chart_col >= 0 && room - total - 2 >= BAR_MIN ? room - total - 2 : 0;
    r->bar_x[s] = r->base.x + 1 + total + 2;
    if (r->bar_width[s] > 40)
        r->bar_width[s] = 40;
    return total <= room;
}

static void draw_cells(struct report_screen *r, int s, int y, const char *const *cells, bool head,
                       enum ui_style style)
{
    const struct report_section *sec = &r->rep.sections[s];
    int x = r->base.x + 1;
    for (int c = 0; c < sec->ncols; c++) {
        bool left = sec->cols[c].kind == RCOL_TEXT;
        draw_text(y, x, r->widths[s][c], cells[c], left ? TEXT_LEFT : TEXT_RIGHT,
                  head ? STYLE_COLUMN_HEAD : style);
        x += r->widths[s][c];
        if (c + 1 < sec->ncols) {
            draw_fill(y, x, 2, head ? STYLE_COLUMN_HEAD : style);
            x += 2;
        }
    }
}

static void draw_row(struct report_screen *r, int s, int i, int y, bool selected)
{
    const struct report_section *sec = &r->rep.sections[s];
    const struct report_row *row = rows_at(&sec->rows, i);
    char cells[REPORT_MAX_COLS][128];
    const char *shown[REPORT_MAX_COLS];
    for (int c = 0; c < sec->ncols; c++) {
        cell_shown(r, s, &sec->cols[c], &row->cells[c], cells[c], sizeof cells[c]);
        shown[c] = cells[c];
    }
    enum ui_style style = selected ? STYLE_SELECTED : row->total ? STYLE_LABEL : STYLE_NORMAL;
    draw_fill(y, r->base.x, r->base.w, selected ? STYLE_SELECTED : STYLE_NORMAL);
    draw_cells(r, s, y, shown, false, style);
    if (r->bar_width[s] > 0 && !row->total) {
        char bar[256];
        const struct report_cell *cell = &row->cells[sec->chart_col];
        chart_bar(cell->empty ? 0 : cell->value, r->scale[s], r->bar_width[s], text_locale_utf8(), bar,
                  sizeof bar);
        draw_text(y, r->bar_x[s], r->bar_width[s], bar, TEXT_LEFT, selected ? STYLE_SELECTED : STYLE_OK);
    }
}

/* The label of a row in a chart: its first cell, and its second when that
 * is text too (a month and a channel), as the command line writes it. */
static void chart_label(const struct report_section *sec, const struct report_row *row, char *out, size_t len)
{
    bool two = sec->ncols > 1 && sec->cols[1].kind == RCOL_TEXT;
    snprintf(out, len, "%s%s%s", row->cells[0].text, two ? " " : "", two ? row->cells[1].text : "");
}

/* One bar of a chart under its table: the row's label, the bar, the
 * figure, as the command line prints it. */
static void draw_chart_row(struct report_screen *r, int s, int i, int y)
{
    const struct report_section *sec = &r->rep.sections[s];
    int keyw = 4, valw = 4;
    char key[256], value[128], bar[256];
    for (int k = 0; k < sec->rows.n; k++) {
        const struct report_row *row = rows_at(&sec->rows, k);
        if (row->total)
            continue;
        chart_label(sec, row, key, sizeof key);
        cell_shown(r, s, &sec->cols[sec->chart_col], &row->cells[sec->chart_col], value, sizeof value);
        keyw = text_width(key) > keyw ? text_width(key) : keyw;
        valw = text_width(value) > valw ? text_width(value) : valw;
    }
    int room = r->base.w - 2 - valw - 2;
    keyw = keyw > room / 3 ? room / 3 : keyw;
    int barw = room - keyw - 2;
    barw = barw > 40 ? 40 : barw;
    const struct report_row *row = rows_at(&sec->rows, i);
    const struct report_cell *cell = &row->cells[sec->chart_col];
    chart_label(sec, row, key, sizeof key);
    cell_shown(r, s, &sec->cols[sec->chart_col], cell, value, sizeof value);
    int x = r->base.x + 1;
    draw_text(y, x, keyw, key, TEXT_LEFT, STYLE_NORMAL);
    x += keyw + 2;
    if (barw > 0) {
        chart_bar(cell->empty ? 0 : cell->value, r->scale[s], barw, text_locale_utf8(), bar, sizeof bar);
        draw_text(y, x, barw, bar, TEXT_LEFT, STYLE_OK);
        x += barw + 1;
    }
    draw_text(y, x, valw, value, TEXT_RIGHT, STYLE_NORMAL);
}

static void draw_line(struct report_screen *r, int li, int y)
{
    const struct report_line *l = &r->lines[li];
    const struct report_section *sec = &r->rep.sections[l->section];
    struct screen *sc = &r->base;
    switch (l->kind) {
    case VL_TITLE: draw_text(y, sc->x + 1, sc->w - 2, sec->title, TEXT_LEFT, STYLE_TITLE); break;
    case VL_HEAD: {
        const char *heads[REPORT_MAX_COLS];
        for (int c = 0; c < sec->ncols; c++)
            heads[c] = sec->cols[c].name;
        draw_fill(y, sc->x, sc->w, STYLE_COLUMN_HEAD);
        draw_cells(r, l->section, y, heads, true, STYLE_COLUMN_HEAD);
        if (r->bar_width[l->section] > 0)
            draw_text(y, r->bar_x[l->section], r->bar_width[l->section], sec->cols[sec->chart_col].name,
                      TEXT_LEFT, STYLE_COLUMN_HEAD);
        break;
    }
    case VL_ROW: draw_row(r, l->section, l->row, y, li == r->cursor); break;
    case VL_MORE:
        draw_textf(y, sc->x + 1, sc->w - 2, STYLE_DIM,
                   "… %lld more (comptoir report %s --csv lists every row)", (long long)sec->left_out,
                   report_names[r->kind]);
        break;
    case VL_EMPTY: draw_text(y, sc->x + 1, sc->w - 2, "Nothing in this range.", TEXT_LEFT, STYLE_DIM); break;
    case VL_BLANK: break;
    case VL_CHART_HEAD:
        draw_text(y, sc->x + 1, sc->w - 2, sec->cols[sec->chart_col].name, TEXT_LEFT, STYLE_COLUMN_HEAD);
        break;
    case VL_CHART: draw_chart_row(r, l->section, l->row, y); break;
    }
}

static void report_layout(struct screen *s)
{
    struct report_screen *r = (struct report_screen *)s;
    r->height = s->h - 2 > 1 ? s->h - 2 : 1;
}

static void report_keep_visible(struct report_screen *r)
{
    if (r->cursor < 0)
        return;
    if (r->cursor < r->top)
        r->top = r->cursor;
    if (r->cursor >= r->top + r->height)
        r->top = r->cursor - r->height + 1;
    /* the section's title and head stay in view above its first row */
    int first = r->cursor;
    while (first > 0 && r->lines[first - 1].kind == VL_ROW)
        first--;
    int title = first;
    while (title > 0 && r->lines[title - 1].kind != VL_ROW && r->lines[title - 1].kind != VL_MORE &&
           r->lines[title - 1].kind != VL_EMPTY && r->lines[title - 1].kind != VL_CHART)
        title--;
    if (title < r->top && r->cursor - title < r->height)
        r->top = title;
}

static void report_draw(struct screen *s)
{
    struct report_screen *r = (struct report_screen *)s;
    if (!r->loaded) {
        draw_wrapped(s->y + 1, s->x + 1, s->w - 2, 3, r->error.msg, STYLE_ERROR);
        return;
    }
    draw_textf(s->y, s->x + 1, s->w - 2, STYLE_DIM, "%s · %s · z: %s", r->rep.range, r->rep.scope,
               report_range_name((enum report_range)((r->range + 1) % RANGE_COUNT)));
    for (int sec = 0; sec < r->rep.nsections; sec++)
        section_fit(r, sec, s->w);
    if (r->built_width != s->w)
        lines_rebuild(r); /* the charts go beside the rows or under them */
    report_keep_visible(r);
    for (int i = 0; i < r->height && r->top + i < r->nlines; i++)
        draw_line(r, r->top + i, s->y + 2 + i);
}

/* ---------------------------------------------------------------- keys */

static bool report_step(struct report_screen *r, int delta)
{
    int dir = delta > 0 ? 1 : -1, moved = 0, at = r->cursor;
    for (int i = r->cursor + dir; i >= 0 && i < r->nlines && moved < (delta > 0 ? delta : -delta); i += dir)
        if (r->lines[i].kind == VL_ROW) {
            at = i;
            moved++;
        }
    if (at == r->cursor || r->cursor < 0) {
        /* nothing to move to: scroll the text instead (a title or "more" below) */
        int top = r->top + dir;
        if (top >= 0 && top + r->height <= r->nlines + 0) {
            r->top = top;
            return true;
        }
        return false;
    }
    r->cursor = at;
    return true;
}

static int report_down(void *p)
{
    return report_step(p, 1) ? UI_DRAW : UI_DONE;
}

static int report_up(void *p)
{
    return report_step(p, -1) ? UI_DRAW : UI_DONE;
}

static int report_pgdn(void *p)
{
    struct report_screen *r = p;
    return report_step(r, r->height > 1 ? r->height - 1 : 1) ? UI_DRAW : UI_DONE;
}

static int report_pgup(void *p)
{
    struct report_screen *r = p;
    return report_step(r, -(r->height > 1 ? r->height - 1 : 1)) ? UI_DRAW : UI_DONE;
}

static int report_first(void *p)
{
    return report_step(p, -1000000) ? UI_DRAW : UI_DONE;
}

static int report_last(void *p)
{
    return report_step(p, 1000000) ? UI_DRAW : UI_DONE;
}

static int report_next_range(void *p)
{
    struct report_screen *r = p;
    r->range = (enum report_range)((r->range + 1) % RANGE_COUNT);
    if (report_load(r) != ERR_OK)
        console_error(r->base.con, &r->error);
    else
        console_status(r->base.con, false, "%s: %s", report_title(r->kind), r->rep.range);
    return UI_DRAW;
}

static int report_open(void *p)
{
    struct report_screen *r = p;
    if (r->cursor < 0)
        return UI_DONE;
    const struct report_line *l = &r->lines[r->cursor];
    const struct report_row *row = rows_at(&r->rep.sections[l->section].rows, l->row);
    struct console *c = r->base.con;
    const char *title = row->cells[0].text; /* the screen cuts its breadcrumb */
    switch (row->link.kind) {
    case REPORT_LINK_QUOTE: console_push(c, quote_editor_new(c, row->link.text)); break;
    case REPORT_LINK_QUOTES: console_push(c, linked_quotes_new(c, &row->link, title)); break;
    case REPORT_LINK_ORDERS: console_push(c, linked_orders_new(c, &row->link, title)); break;
    case REPORT_LINK_ORDER_SET: console_push(c, linked_set_new(c, &row->link, title)); break;
    default:
        console_status(c, false, "%s",
                       row->link.text[0] ? row->link.text
                                         : "This row has no quotes or orders of its own to open.");
        break;
    }
    return UI_DRAW;
}

static const struct keydef report_keys[] = {
    {UA_OPEN, report_open, KEYDEF_BAR, "Open its quotes or orders"},
    {UA_FILTER_DATES, report_next_range, KEYDEF_BAR, "Date range"},
    {UA_DOWN, report_down, 0, "Next row"},
    {UA_UP, report_up, 0, "Previous row"},
    {UA_PAGE_DOWN, report_pgdn, 0, NULL},
    {UA_PAGE_UP, report_pgup, 0, NULL},
    {UA_FIRST, report_first, 0, NULL},
    {UA_LAST, report_last, 0, NULL},
};

static int report_keytables(struct screen *s, struct keytable *out, int max)
{
    if (max < 1)
        return 0;
    out[0] = (struct keytable)KEYTABLE("Report", report_keys, s);
    return 1;
}

static int report_reload(struct screen *s)
{
    struct report_screen *r = (struct report_screen *)s;
    int cursor = r->cursor, top = r->top;
    report_load(r);
    if (cursor >= 0 && cursor < r->nlines && r->lines[cursor].kind == VL_ROW) {
        r->cursor = cursor;
        r->top = top;
    }
    return UI_DRAW;
}

static void report_destroy(struct screen *s)
{
    struct report_screen *r = (struct report_screen *)s;
    if (r->loaded)
        report_free(&r->rep);
    free(r->lines);
    free(r);
}

static const struct screen_ops report_ops = {
    .kind = "report",
    .layout = report_layout,
    .draw = report_draw,
    .keytables = report_keytables,
    .reload = report_reload,
    .destroy = report_destroy,
};

static struct screen *report_screen_new(struct console *c, enum report_kind kind)
{
    struct report_screen *r = xcalloc(1, sizeof *r);
    screen_init(&r->base, &report_ops, c, report_title(kind));
    r->kind = kind;
    r->range = RANGE_DEFAULT;
    r->height = 1;
    if (report_load(r) != ERR_OK)
        console_error(c, &r->error);
    return &r->base;
}

/* ---------------------------------------------------------- the list */

struct report_entry {
    int64_t id; /* kind + 1 */
};

static const struct table_column list_cols[] = {{"Report", 18, TEXT_LEFT, -1},
                                                {"What it shows", 0, TEXT_LEFT, -1}};

static int list_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    (void)ctx, (void)e;
    rows_reset(out, sizeof(struct report_entry));
    for (int k = 0; k < REPORT_KIND_COUNT; k++)
        if (!q->has_cursor || (!q->before && k + 1 > q->cursor.id) || (q->before && k + 1 < q->cursor.id))
            ((struct report_entry *)rows_add(out))->id = k + 1;
    return ERR_OK;
}

static void list_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    enum report_kind k = (enum report_kind)(((const struct report_entry *)row)->id - 1);
    snprintf(out, len, "%s", col == 0 ? report_title(k) : report_about(k));
}

static void list_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    memset(c, 0, sizeof *c);
    c->id = ((const struct report_entry *)row)->id;
}

static int64_t list_id(const void *row)
{
    return ((const struct report_entry *)row)->id;
}

static int list_open(void *owner)
{
    struct list_screen *l = owner;
    const struct report_entry *it = table_selected(&l->table);
    if (it)
        console_push(l->base.con, report_screen_new(l->base.con, (enum report_kind)(it->id - 1)));
    return UI_DRAW;
}

struct screen *reports_new(struct console *c)
{
    struct list_screen *l = xcalloc(1, sizeof *l);
    struct table_source src = {.cols = list_cols,
                               .ncols = 2,
                               .row_size = sizeof(struct report_entry),
                               .fetch_rows = list_fetch,
                               .cursor = list_cursor,
                               .id = list_id,
                               .cell = list_cell,
                               .ctx = l};
    list_screen_init(l, c, "Reports", &src, NULL, 0, list_open);
    l->intro =
        rights_allows(c->app->user.role, ACT_REPORTS)
            ? "Everyone's figures. Enter opens a report; in it, z changes the dates and Enter opens a row."
            : "Your own figures. Enter opens a report; in it, z changes the dates and Enter opens a row.";
    return &l->base;
}
