/* The window of rows a table holds: a few pages fetched from its source after
 * or before a keyset cursor, dropped from the far end as the cursor travels.
 * No curses here: tested with a fake source of a million rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "ui/widgets/table.h"

static int table_page_size(const struct table *t)
{
    return t->page;
}

void table_init(struct table *t, const struct table_source *src)
{
    memset(t, 0, sizeof *t);
    t->src = *src;
    t->page = src->page > 0 ? src->page : TABLE_PAGE;
    if (t->page > 500)
        t->page = 500;
    t->cap = src->forward_only ? TABLE_SEARCH_MAX : t->page * TABLE_PAGES;
    t->rows = xcalloc((size_t)t->cap, src->row_size);
    t->sort_col = 0;
    while (t->sort_col < src->ncols - 1 && src->cols[t->sort_col].sort < 0)
        t->sort_col++;
    t->view.height = 1;
    t->at_start = t->at_end = true;
}

void table_free(struct table *t)
{
    if (t->con != NULL)
        console_table_gone(t->con, t);
    free(t->rows);
    t->rows = NULL;
    t->nrows = 0;
}

const void *table_row(const struct table *t, int i)
{
    if (i < 0 || i >= t->nrows)
        return NULL;
    return t->rows + (size_t)i * t->src.row_size;
}

const void *table_selected(const struct table *t)
{
    return table_row(t, t->view.cursor);
}

static int table_sort_value(const struct table *t)
{
    int s = t->src.cols[t->sort_col].sort;
    return s < 0 ? 0 : s;
}

static void table_request(const struct table *t, struct page_req *q, int limit)
{
    memset(q, 0, sizeof *q);
    q->filter = t->filter;
    q->sort = table_sort_value(t);
    q->descending = t->descending;
    q->limit = limit;
}

/* One window of a rows + more source, copied into the buffer. */
static int table_fetch_rows(struct table *t, const struct page_req *q, unsigned char *into)
{
    struct rows got = {0};
    int rc = t->src.fetch_rows(t->src.ctx, q, &got, &t->error);
    int n = got.n < q->limit ? got.n : q->limit;
    if (rc == ERR_OK && n > 0)
        memcpy(into, got.items, (size_t)n * t->src.row_size);
    rows_free(&got);
    return rc == ERR_OK ? n : -1;
}

/* Runs one fetch into the spare buffer; returns the rows got or -1. */
static int table_fetch(struct table *t, const struct page_req *q, unsigned char *into)
{
    int count = 0;
    t->fetches++;
    err_clear(&t->error);
    if (t->src.fetch_rows != NULL)
        return table_fetch_rows(t, q, into);
    if (t->src.fetch(t->src.ctx, q, into, &count, &t->error) != ERR_OK)
        return -1;
    return count < 0 ? 0 : (count > q->limit ? q->limit : count);
}

static void table_sync_view(struct table *t)
{
    t->view.count = t->nrows;
    view_clamp(&t->view);
}

/* The rows of a first page are in: n of them (-1: the fetch failed). */
static void table_first_page(struct table *t, int n, int limit)
{
    t->nrows = n < 0 ? 0 : n;
    t->first = 0;
    t->at_start = true;
    t->at_end = n < limit;
    t->view.cursor = t->view.top = 0;
    t->behind = t->filling = false;
    table_sync_view(t);
}

int table_reload(struct table *t)
{
    struct page_req q;
    table_request(t, &q, table_page_size(t));
    int n = table_fetch(t, &q, t->rows);
    table_first_page(t, n, q.limit);
    return n < 0 ? t->error.code : ERR_OK;
}

int table_catch_up(struct table *t)
{
    if (!t->behind)
        return ERR_OK;
    struct page_req q;
    /* one screen first (a filter's sorted or walked rows cost by the row):
     * the rest of the page follows with table_fill */
    int page = table_page_size(t), screen = t->view.height + 1;
    table_request(t, &q, t->view.height > 0 && screen < page ? screen : page);
    struct err before = t->error;
    unsigned char *fresh = xcalloc((size_t)q.limit, t->src.row_size); /* one page: the window starts over */
    int n = table_fetch(t, &q, fresh);
    if (n < 0 && t->error.code == ERR_CANCELLED) {
        free(fresh); /* abandoned: what was shown stays */
        t->error = before;
        return ERR_CANCELLED;
    }
    if (n > 0)
        memcpy(t->rows, fresh, (size_t)n * t->src.row_size);
    free(fresh);
    table_first_page(t, n, q.limit);
    t->filling = n == q.limit && q.limit < page;
    return n < 0 ? t->error.code : ERR_OK;
}

int table_fill(struct table *t)
{
    int page = table_page_size(t), limit = page - t->nrows;
    if (!t->filling || t->behind || t->at_end || t->nrows == 0 || limit <= 0 || t->nrows + limit > t->cap) {
        t->filling = false;
        return ERR_OK;
    }
    struct page_req q;
    table_request(t, &q, limit);
    q.has_cursor = true;
    t->src.cursor(table_row(t, t->nrows - 1), q.sort, &q.cursor);
    struct err before = t->error;
    unsigned char *spare = xcalloc((size_t)limit, t->src.row_size);
    int n = table_fetch(t, &q, spare);
    if (n < 0) {
        /* abandoned: it runs again; failed: the next move fetches, and says why */
        int code = t->error.code;
        t->error = before;
        free(spare);
        t->filling = code == ERR_CANCELLED;
        return code == ERR_CANCELLED ? ERR_CANCELLED : ERR_OK;
    }
    memcpy(t->rows + (size_t)t->nrows * t->src.row_size, spare, (size_t)n * t->src.row_size);
    t->nrows += n;
    t->at_end = n < limit;
    t->view.count = t->nrows;
    t->filling = false;
    free(spare);
    return ERR_OK;
}

/* Appends the page after the last row held, dropping rows in front when full. */
static bool table_fetch_after(struct table *t, int *shift)
{
    *shift = 0;
    if (t->at_end || t->nrows == 0)
        return false;
    struct page_req q;
    int limit = table_page_size(t);
    table_request(t, &q, limit);
    q.has_cursor = true;
    t->src.cursor(table_row(t, t->nrows - 1), q.sort, &q.cursor);
    unsigned char *spare = xcalloc((size_t)limit, t->src.row_size);
    int n = table_fetch(t, &q, spare);
    if (n < limit)
        t->at_end = true;
    if (n > 0) {
        int drop = t->nrows + n - t->cap;
        size_t rs = t->src.row_size;
        if (drop > 0) {
            memmove(t->rows, t->rows + (size_t)drop * rs, (size_t)(t->nrows - drop) * rs);
            t->nrows -= drop;
            t->first += drop;
            t->at_start = false;
        }
        memcpy(t->rows + (size_t)t->nrows * rs, spare, (size_t)n * rs);
        t->nrows += n;
        t->view.count = t->nrows;
        if (drop > 0) {
            view_shift(&t->view, drop);
            *shift = drop;
        }
    }
    free(spare);
    return n > 0;
}

/* A source that cannot read backward reads again from its start until the
 * window holds the page before the rows it held: nothing dropped in front is
 * out of reach. The cursor stays on the same row. */
static bool table_rewalk_before(struct table *t, int *shift)
{
    int64_t old_first = t->first;
    struct table_view view = t->view;
    int ignored;
    table_reload(t);
    while (!t->at_end && t->first + t->nrows < old_first + t->cap - t->page && table_fetch_after(t, &ignored))
        ;
    int added = (int)(old_first - t->first);
    view.cursor += added;
    view.top += added;
    view.count = t->nrows;
    t->view = view;
    view_clamp(&t->view);
    *shift = -added;
    return added > 0;
}

/* Prepends the page before the first row held, dropping rows at the end when full. */
static bool table_fetch_before(struct table *t, int *shift)
{
    *shift = 0;
    if (t->at_start || t->nrows == 0)
        return false;
    if (t->src.forward_only)
        return table_rewalk_before(t, shift);
    struct page_req q;
    int limit = table_page_size(t);
    table_request(t, &q, limit);
    q.has_cursor = true;
    q.before = true;
    t->src.cursor(table_row(t, 0), q.sort, &q.cursor);
    unsigned char *spare = xcalloc((size_t)limit, t->src.row_size);
    int n = table_fetch(t, &q, spare);
    if (n < limit)
        t->at_start = true;
    if (n > 0) {
        size_t rs = t->src.row_size;
        int keep = t->nrows;
        if (keep + n > t->cap) {
            keep = t->cap - n;
            t->at_end = false;
        }
        memmove(t->rows + (size_t)n * rs, t->rows, (size_t)keep * rs);
        memcpy(t->rows, spare, (size_t)n * rs);
        t->nrows = keep + n;
        t->first -= n;
        t->view.count = t->nrows;
        view_shift(&t->view, -n);
        *shift = -n;
    }
    free(spare);
    return n > 0;
}

/* Makes sure rows up to index want (which may be negative) are held; returns
 * want adjusted for rows dropped or added in front. */
static int table_ensure(struct table *t, int want)
{
    int shift = 0;
    while (want >= t->nrows && !t->at_end && table_fetch_after(t, &shift))
        want -= shift;
    while (want < 0 && !t->at_start && table_fetch_before(t, &shift))
        want -= shift;
    return want;
}

bool table_move(struct table *t, int delta)
{
    if (delta > 0)
        table_ensure(t, t->view.cursor + delta + t->view.height);
    else
        table_ensure(t, t->view.cursor + delta);
    return view_move(&t->view, delta);
}

bool table_page(struct table *t, int dir)
{
    int step = t->view.height * 2;
    table_ensure(t, dir > 0 ? t->view.cursor + step : t->view.cursor - step);
    return view_page(&t->view, dir);
}

bool table_first(struct table *t)
{
    if (t->at_start && t->view.cursor == 0)
        return false;
    if (t->at_start)
        return view_move(&t->view, -t->view.cursor);
    table_reload(t);
    return true;
}

bool table_last(struct table *t)
{
    int shift;
    while (t->src.forward_only && !t->at_end && table_fetch_after(t, &shift))
        ; /* no way to read backwards: walk forward to the end */
    if (t->at_end || t->src.forward_only)
        return view_move(&t->view, t->nrows - 1 - t->view.cursor);
    struct page_req q;
    table_request(t, &q, table_page_size(t));
    q.descending = !t->descending;
    int n = table_fetch(t, &q, t->rows);
    t->nrows = n < 0 ? 0 : n;
    size_t rs = t->src.row_size;
    unsigned char *tmp = xmalloc(rs);
    for (int i = 0, j = t->nrows - 1; i < j; i++, j--) {
        memcpy(tmp, t->rows + (size_t)i * rs, rs);
        memcpy(t->rows + (size_t)i * rs, t->rows + (size_t)j * rs, rs);
        memcpy(t->rows + (size_t)j * rs, tmp, rs);
    }
    free(tmp);
    t->at_end = true;
    t->at_start = n < q.limit;
    t->view.count = t->nrows;
    t->view.cursor = t->nrows - 1;
    t->view.top = t->nrows;
    view_clamp(&t->view);
    return true;
}

bool table_select_id(struct table *t, int64_t id)
{
    for (int i = 0; i < t->nrows; i++)
        if (t->src.id(table_row(t, i)) == id) {
            t->view.cursor = i;
            view_clamp(&t->view);
            return true;
        }
    return false;
}

/* Fetches half a page before the anchor row and a page from there on (the
 * anchor included), so the rows in view come back where they were. */
static void table_refetch_from(struct table *t, const void *anchor)
{
    size_t rs = t->src.row_size;
    struct page_req q;
    table_request(t, &q, t->page / 2);
    q.has_cursor = true;
    q.before = true;
    t->src.cursor(anchor, q.sort, &q.cursor);
    unsigned char *spare = xcalloc((size_t)t->page, rs);
    int n1 = table_fetch(t, &q, spare);
    if (n1 < 0)
        n1 = 0;
    bool at_start = n1 < q.limit;
    table_request(t, &q, t->page);
    if (n1 > 0) {
        q.has_cursor = true;
        t->src.cursor(spare + (size_t)(n1 - 1) * rs, q.sort, &q.cursor);
    }
    memcpy(t->rows, spare, (size_t)n1 * rs);
    int n2 = table_fetch(t, &q, t->rows + (size_t)n1 * rs);
    if (n2 < 0)
        n2 = 0;
    free(spare);
    t->nrows = n1 + n2;
    t->at_start = at_start;
    t->at_end = n2 < q.limit;
    t->view.top = n1;
    t->view.cursor = n1;
}

static void table_refetch_around(struct table *t)
{
    unsigned char *anchor = xmalloc(t->src.row_size);
    memcpy(anchor, table_row(t, t->view.top), t->src.row_size);
    table_refetch_from(t, anchor);
    free(anchor);
}

bool table_show_record(struct table *t, const void *row)
{
    if (t->src.forward_only || t->src.fetch_rows != NULL) {
        table_refresh(t);
        return table_select_id(t, t->src.id(row));
    }
    table_refetch_from(t, row);
    t->view.count = t->nrows;
    view_clamp(&t->view);
    bool found = table_select_id(t, t->src.id(row));
    if (found)
        t->view.top = t->view.cursor > 2 ? t->view.cursor - 2 : 0; /* a little of what comes before */
    view_clamp(&t->view);
    return found;
}

int table_refresh(struct table *t)
{
    if (t->behind)
        return table_catch_up(t);
    const void *sel = table_selected(t);
    int64_t sel_id = sel ? t->src.id(sel) : 0;
    int64_t at = t->first + t->view.cursor; /* forward-only: the place to walk back to */
    int screen_row = t->view.cursor - t->view.top;
    if (t->nrows == 0 || t->src.forward_only || (t->at_start && t->view.top < t->page / 2)) {
        table_reload(t);
        if (t->src.forward_only)
            table_ensure(t, (int)(at + t->view.height));
    } else {
        table_refetch_around(t);
    }
    t->view.count = t->nrows;
    if (sel == NULL || !table_select_id(t, sel_id))
        t->view.cursor = t->view.top + screen_row;
    else
        t->view.top = t->view.cursor - screen_row;
    view_clamp(&t->view);
    return t->error.code;
}

void table_set_filter(struct table *t, const char *filter)
{
    snprintf(t->filter, sizeof t->filter, "%s", filter ? filter : "");
    table_reload(t);
}

bool table_sort_next(struct table *t, int dir)
{
    if (t->src.forward_only)
        return false;
    int n = t->src.ncols;
    for (int step = 1; step <= n; step++) {
        int c = ((t->sort_col + dir * step) % n + n) % n;
        if (t->src.cols[c].sort >= 0) {
            if (c == t->sort_col)
                return false;
            t->sort_col = c;
            t->descending = false;
            table_reload(t);
            return true;
        }
    }
    return false;
}

bool table_sort_reverse(struct table *t)
{
    if (t->src.forward_only)
        return false;
    t->descending = !t->descending;
    table_reload(t);
    return true;
}

/* Takes columns from the widest of those allowed (mask) down to floor until
 * the row fits in total; returns what is still too wide. */
static int table_columns_shrink(int *widths, int ncols, const bool *allowed, int floor, int over)
{
    while (over > 0) {
        int widest = -1;
        for (int i = ncols - 1; i >= 0; i--)
            if (allowed[i] && widths[i] > floor && (widest < 0 || widths[i] > widths[widest]))
                widest = i;
        if (widest < 0)
            break;
        widths[widest]--;
        over--;
    }
    return over;
}

void table_column_fit(const struct table_column *cols, int ncols, int total, const int *need, int *widths)
{
    int fixed = 0, nflex = 0;
    bool text[TABLE_MAX_COLUMNS], number[TABLE_MAX_COLUMNS], fit[TABLE_MAX_COLUMNS];
    for (int i = 0; i < ncols; i++) {
        fit[i] = cols[i].width < 0;
        bool whole = cols[i].width >= TABLE_WHOLE_BASE; /* a phone: a number, though written from the left */
        widths[i] = fit[i] ? -cols[i].width : whole ? cols[i].width - TABLE_WHOLE_BASE : cols[i].width;
        number[i] = cols[i].align == TEXT_RIGHT || whole;
        text[i] = !number[i];
        if ((number[i] || fit[i]) && need && need[i] > widths[i])
            widths[i] = need[i]; /* amounts, numbers and fitted text take what they need */
        fixed += widths[i];
        nflex += cols[i].width == 0 && text[i];
    }
    int rest = total - fixed - (ncols - 1); /* one space between columns */
    /* fitted columns give way to the shared ones until those have TABLE_FLEX_KEEP each */
    int short_by = nflex * TABLE_FLEX_KEEP - rest;
    while (nflex > 0 && short_by > 0) {
        int widest = -1;
        for (int i = 0; i < ncols; i++)
            if (fit[i] && widths[i] > -cols[i].width && (widest < 0 || widths[i] > widths[widest]))
                widest = i;
        if (widest < 0)
            break;
        widths[widest]--;
        rest++;
        short_by--;
    }
    if (nflex > 0) {
        int share = rest / nflex, extra = rest % nflex;
        for (int i = 0; i < ncols; i++)
            if (cols[i].width == 0 && text[i]) {
                widths[i] = share + (extra-- > 0 ? 1 : 0);
                if (widths[i] < 4)
                    widths[i] = 4;
            }
    }
    int used = ncols - 1;
    for (int i = 0; i < ncols; i++)
        used += widths[i];
    /* too narrow: text gives way first (to 4 columns, then to 1), numbers last */
    int over = table_columns_shrink(widths, ncols, text, 4, used - total);
    over = table_columns_shrink(widths, ncols, text, 1, over);
    table_columns_shrink(widths, ncols, number, 1, over);
}

void table_column_widths(const struct table_column *cols, int ncols, int total, int *widths)
{
    table_column_fit(cols, ncols, total, NULL, widths);
}
