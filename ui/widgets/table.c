/* The table drawn and driven: column headings with the sort mark, the visible
 * window of rows formatted by the source's cell callback, the filter line, and
 * the key tables for moving, filtering and sorting. */
#include <stdio.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/shell.h"
#include "ui/widgets/lineedit.h"
#include "ui/widgets/table.h"

void table_layout(struct table *t, int y, int x, int h, int w)
{
    t->y = y;
    t->x = x;
    t->h = h;
    t->w = w;
    view_resize(&t->view, h - 2 > 1 ? h - 2 : 1);
    /* a taller window may show rows not fetched yet */
    if (t->view.top + t->view.height > t->nrows && !t->at_end)
        table_move(t, 0);
}

static void table_draw_heading(struct table *t, const int *widths)
{
    int x = t->x;
    draw_fill(t->y, t->x, t->w, STYLE_COLUMN_HEAD);
    for (int c = 0; c < t->src.ncols; c++) {
        char title[96];
        const char *mark = "";
        if (c == t->sort_col && !t->src.forward_only && t->src.cols[c].sort >= 0)
            mark = text_locale_utf8() ? (t->descending ? " ▼" : " ▲") : (t->descending ? " v" : " ^");
        snprintf(title, sizeof title, "%s%s", t->src.cols[c].title, mark);
        draw_text(t->y, x, widths[c], title, t->src.cols[c].align, STYLE_COLUMN_HEAD);
        x += widths[c] + 1;
    }
}

static void table_draw_row(struct table *t, int i, int y, const int *widths)
{
    const void *row = table_row(t, i);
    enum ui_style st = i != t->view.cursor ? STYLE_NORMAL : (t->inactive ? STYLE_TITLE : STYLE_SELECTED);
    int x = t->x;
    char cell[1024];
    draw_fill(y, t->x, t->w, st);
    for (int c = 0; c < t->src.ncols; c++) {
        cell[0] = '\0';
        t->src.cell(t->src.ctx, row, c, cell, sizeof cell);
        if (t->src.cols[c].width < 0 && t->src.cell_short && text_width(cell) > widths[c])
            t->src.cell_short(t->src.ctx, row, c, widths[c], cell, sizeof cell);
        draw_text(y, x, widths[c], cell, t->src.cols[c].align, st);
        x += widths[c] + 1;
    }
}

static void table_draw_footer(struct table *t)
{
    int y = t->y + t->h - 1;
    if (t->filtering) {
        char vis[1024];
        const char *label = t->filter_label ? t->filter_label : "Filter: ";
        int lw = text_width(label);
        int col = lineedit_view(&t->filter_edit, t->w - lw - 1);
        lineedit_visible(&t->filter_edit, t->w - lw - 1, vis, sizeof vis);
        draw_text(y, t->x, lw, label, TEXT_LEFT, STYLE_LABEL);
        draw_text(y, t->x + lw, t->w - lw, vis, TEXT_LEFT, STYLE_FIELD_ACTIVE);
        if (t->con)
            console_cursor(t->con, y, t->x + lw + col);
        return;
    }
    char info[400];
    size_t n = 0;
    if (!t->src.forward_only && t->src.cols[t->sort_col].sort >= 0)
        n += (size_t)snprintf(info, sizeof info, "sorted by %s%s", t->src.cols[t->sort_col].title,
                              t->descending ? " (descending)" : "");
    if (t->filter[0])
        snprintf(info + n, sizeof info - n, "%sfilter: %s", n ? " · " : "", t->filter);
    else if (n == 0)
        info[0] = '\0';
    draw_text(y, t->x, t->w, info, TEXT_LEFT, STYLE_DIM);
}

static bool table_measured(const struct table_column *col)
{
    return col->align == TEXT_RIGHT || col->width < 0 || col->width >= TABLE_WHOLE_BASE;
}

/* The widest cell (or heading) of each right-aligned or fitted column among the rows in view. */
static void table_measure_numbers(struct table *t, int *need)
{
    char cell[1024];
    for (int c = 0; c < t->src.ncols; c++)
        need[c] = !table_measured(&t->src.cols[c])
                      ? 0
                      : text_width(t->src.cols[c].title) + (c == t->sort_col && !t->src.forward_only ? 2 : 0);
    for (int r = 0; r < t->view.height && t->view.top + r < t->nrows; r++)
        for (int c = 0; c < t->src.ncols; c++) {
            if (!table_measured(&t->src.cols[c]))
                continue;
            cell[0] = '\0';
            t->src.cell(t->src.ctx, table_row(t, t->view.top + r), c, cell, sizeof cell);
            if (text_width(cell) > need[c])
                need[c] = text_width(cell);
        }
}

void table_draw(struct table *t)
{
    int widths[TABLE_MAX_COLUMNS], need[TABLE_MAX_COLUMNS];
    table_measure_numbers(t, need);
    table_column_fit(t->src.cols, t->src.ncols, t->w, need, widths);
    table_draw_heading(t, widths);
    if (t->error.code != ERR_OK) {
        draw_text(t->y + 2, t->x + 2, t->w - 4, t->error.msg, TEXT_LEFT, STYLE_ERROR);
    } else if (t->nrows == 0) {
        char searching[32];
        snprintf(searching, sizeof searching, "Searching%s", text_ellipsis());
        const char *empty = t->behind      ? searching
                            : t->filter[0] ? "Nothing matches the filter."
                                           : t->empty_text;
        draw_text(t->y + 2, t->x + 2, t->w - 4, empty ? empty : "Nothing here yet.", TEXT_LEFT, STYLE_DIM);
    }
    for (int r = 0; r < t->view.height && t->view.top + r < t->nrows; r++)
        table_draw_row(t, t->view.top + r, t->y + 1 + r, widths);
    table_draw_footer(t);
}

/* ------------------------------------------------------------------ keys */

/* A key that acts on the rows first brings them up to the filter typed. */
static struct table *table_settled(void *p)
{
    struct table *t = p;
    table_catch_up(t);
    return t;
}

static int table_key_down(void *p)
{
    return table_move(table_settled(p), 1) ? UI_DRAW : UI_DONE;
}

static int table_key_up(void *p)
{
    return table_move(table_settled(p), -1) ? UI_DRAW : UI_DONE;
}

static int table_key_pgdn(void *p)
{
    return table_page(table_settled(p), 1) ? UI_DRAW : UI_DONE;
}

static int table_key_pgup(void *p)
{
    return table_page(table_settled(p), -1) ? UI_DRAW : UI_DONE;
}

static int table_key_first(void *p)
{
    return table_first(table_settled(p)) ? UI_DRAW : UI_DONE;
}

static int table_key_last(void *p)
{
    return table_last(table_settled(p)) ? UI_DRAW : UI_DONE;
}

static int table_key_filter(void *p)
{
    struct table *t = p;
    t->filtering = true;
    lineedit_set(&t->filter_edit, t->filter);
    return UI_DRAW;
}

static int table_key_sort_next(void *p)
{
    return table_sort_next(table_settled(p), 1) ? UI_DRAW : UI_DONE;
}

static int table_key_sort_prev(void *p)
{
    return table_sort_next(table_settled(p), -1) ? UI_DRAW : UI_DONE;
}

static int table_key_reverse(void *p)
{
    return table_sort_reverse(table_settled(p)) ? UI_DRAW : UI_DONE;
}

static int table_key_open(void *p)
{
    struct table *t = table_settled(p);
    if (t->on_open == NULL || table_selected(t) == NULL)
        return UI_DONE;
    return t->on_open(t->owner);
}

static int table_filter_clear(void *p)
{
    struct table *t = p;
    t->filtering = false;
    if (t->filter[0])
        table_set_filter(t, "");
    return UI_DRAW;
}

static const struct keydef table_nav_keys[] = {
    {UA_OPEN, table_key_open, KEYDEF_BAR, NULL},
    {UA_FILTER, table_key_filter, KEYDEF_BAR, NULL},
    {UA_DOWN, table_key_down, 0, NULL},
    {UA_UP, table_key_up, 0, NULL},
    {UA_PAGE_DOWN, table_key_pgdn, 0, NULL},
    {UA_PAGE_UP, table_key_pgup, 0, NULL},
    {UA_FIRST, table_key_first, 0, NULL},
    {UA_LAST, table_key_last, 0, NULL},
    {UA_SORT, table_key_sort_next, KEYDEF_BAR, NULL},
    {UA_SORT_BACK, table_key_sort_prev, 0, NULL},
    {UA_REVERSE, table_key_reverse, 0, NULL},
};

/* A filtered list: Esc clears the filter before it goes back. */
static const struct keydef table_filtered_keys[] = {
    {UA_BACK, table_filter_clear, KEYDEF_BAR, "Clear filter"},
};

static int table_filter_accept(void *p)
{
    struct table *t = table_settled(p);
    t->filtering = false;
    return UI_DRAW;
}

static const struct keydef table_filter_keys[] = {
    {UA_ACCEPT, table_filter_accept, KEYDEF_BAR, "Done"},
    {UA_BACK, table_filter_clear, KEYDEF_BAR, "Clear"},
    {UA_DOWN, table_key_down, 0, NULL},
    {UA_UP, table_key_up, 0, NULL},
    {UA_PAGE_DOWN, table_key_pgdn, 0, NULL},
    {UA_PAGE_UP, table_key_pgup, 0, NULL},
};

int table_keytables(struct table *t, struct keytable *out, int max)
{
    int n = 0;
    if (max < 1)
        return 0;
    if (t->filtering) {
        out[n++] = (struct keytable)KEYTABLE("Filter", table_filter_keys, t);
        return n;
    }
    if (t->filter[0] && max > 1)
        out[n++] = (struct keytable)KEYTABLE("Filtered", table_filtered_keys, t);
    struct keytable *nav = &out[n++];
    *nav = (struct keytable)KEYTABLE("List", table_nav_keys, t);
    if (t->on_open == NULL) {
        nav->defs++; /* no Enter when rows do not open (Enter is first) */
        nav->n--;
    }
    bool sortable = false;
    for (int c = 0; c < t->src.ncols; c++)
        sortable |= t->src.cols[c].sort >= 0;
    if (t->src.forward_only || !sortable)
        nav->n -= 3; /* no sorting of what cannot be re-read in order (sort keys are last) */
    return n;
}

int table_input(struct table *t, int key)
{
    if (!t->filtering)
        return UI_PASS;
    if (!lineedit_key(&t->filter_edit, key))
        return UI_DONE; /* the filter line is modal: other keys do nothing */
    char text[sizeof t->filter];
    lineedit_get(&t->filter_edit, text, sizeof text);
    if (strcmp(text, t->filter) != 0)
        table_set_filter_later(t, text); /* the key shows now, the rows when no key waits */
    return UI_DRAW;
}

void table_set_filter_later(struct table *t, const char *filter)
{
    if (t->con == NULL) {
        table_set_filter(t, filter);
        return;
    }
    snprintf(t->filter, sizeof t->filter, "%s", filter ? filter : "");
    t->behind = true;
    console_table_behind(t->con, t);
}
