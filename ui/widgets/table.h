/* The virtual table: it asks a data source for one window of rows at a time
 * (keyset pages after or before a cursor, filtered and sorted in SQL) and keeps
 * only a few pages in memory, so a million rows scroll like a hundred. The
 * movement math (table_view) and the window of rows are plain code tested
 * without a terminal; table.c draws and binds the keys. */
#ifndef COMPTOIR_UI_TABLE_H
#define COMPTOIR_UI_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/widgets/lineedit.h"

struct console;

#define TABLE_MAX_COLUMNS 12
#define TABLE_PAGE 100        /* rows per fetch */
#define TABLE_PAGES 4         /* pages kept in memory */
#define TABLE_SEARCH_MAX 2000 /* rows held for a source that cannot page backward */

/* ---------------------------------------------------------------- view */

/* Cursor and first visible row over count rows shown height at a time. */
struct table_view {
    int count;
    int cursor;
    int top;
    int height;
};

/* Keeps cursor in 0..count-1 and visible, top in range. */
void view_clamp(struct table_view *v);
/* Moves the cursor by delta (clamped); true when the cursor or top changed. */
bool view_move(struct table_view *v, int delta);
/* A page down (dir 1) or up (-1): cursor and top move together by height. */
bool view_page(struct table_view *v, int dir);
void view_resize(struct table_view *v, int height);
/* The rows before top were dropped (by > 0) or rows were added in front (by < 0). */
void view_shift(struct table_view *v, int by);

/* -------------------------------------------------------------- source */

/* A text column as wide as its widest cell in view (a status), at least n:
 * it gives way, down to n, to the columns that share what is left until
 * those have TABLE_FLEX_KEEP each; a cell still too wide is written by the
 * source's cell_short when it has one (cut otherwise). */
#define TABLE_FIT(n) (-(n))
#define TABLE_FLEX_KEEP 12
/* A number written from the left (a phone), at least n wide: kept whole as
 * amounts are — as wide as its widest cell in view; text gives way first. */
#define TABLE_WHOLE_BASE 10000
#define TABLE_WHOLE(n) (TABLE_WHOLE_BASE + (n))

struct table_column {
    const char *title;
    int width;             /* display columns; 0 = shares what is left; TABLE_FIT(n); TABLE_WHOLE(n) */
    enum text_align align; /* TEXT_RIGHT for numbers and money */
    int sort;              /* the store's sort value, -1 when not sortable */
};

struct table_source {
    const struct table_column *cols;
    int ncols;
    size_t row_size; /* bytes of one row record (struct account …) */
    /* One page: q says the filter, sort, direction, cursor and limit. Rows come
     * in display order, also when q->before is set. */
    int (*fetch)(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e);
    /* The keyset cursor of a row for a sort. */
    void (*cursor)(const void *row, int sort, struct page_cursor *c);
    int64_t (*id)(const void *row);
    /* The text of one cell. */
    void (*cell)(void *ctx, const void *row, int col, char *out, size_t len);
    /* Optional: a shorter form of a TABLE_FIT column's cell that is wider than
     * width (an abbreviation documented where the screen is). */
    void (*cell_short)(void *ctx, const void *row, int col, int width, char *out, size_t len);
    void *ctx;
    bool forward_only; /* cannot page backward or sort: going back reads it again from its start */
    int page;          /* rows per fetch; 0 = TABLE_PAGE */
    /* Instead of fetch, a list that fills rows + more (src/base/rows.h): one
     * window of q, in display order, copied into the table's window. */
    int (*fetch_rows)(void *ctx, const struct page_req *q, struct rows *out, struct err *e);
};

struct table {
    struct table_source src;
    unsigned char *rows; /* the window: nrows records of src.row_size */
    int nrows, cap, page;
    bool at_start, at_end; /* nothing before the first / after the last row held */
    int64_t first;         /* forward-only: the place in the list of the first row held */
    struct table_view view;
    char filter[256];
    int sort_col;
    bool descending;
    struct err error; /* the last fetch's failure, shown in place of rows */
    bool behind;      /* the filter changed since the rows were fetched (table_catch_up) */
    bool filling;     /* caught up with one screen; the rest of the page is still to fetch (table_fill) */
    int64_t fetches;  /* pages asked for (tests and traces) */
    /* drawing and keys (table.c) */
    int y, x, h, w;
    bool filtering;
    struct lineedit filter_edit;
    const char *empty_text;      /* shown when there are no rows */
    const char *filter_label;    /* "Filter: " unless set */
    int (*on_open)(void *owner); /* Enter on a row */
    void *owner;
    struct console *con; /* for the text cursor of the filter line */
    bool inactive;       /* another widget has the keys: the cursor row is only marked */
};

void table_init(struct table *t, const struct table_source *src);
void table_free(struct table *t);
/* Fetches the first page again (after a filter or sort change). */
int table_reload(struct table *t);
/* Moves by delta rows, fetching pages as the cursor leaves the window. */
bool table_move(struct table *t, int delta);
bool table_page(struct table *t, int dir);
bool table_first(struct table *t);
/* The last rows: one page in the opposite order, turned around. */
bool table_last(struct table *t);
/* The data changed: fetch around the visible rows again and keep the cursor on
 * the same record (by id) when it is still there. */
int table_refresh(struct table *t);
void table_set_filter(struct table *t, const char *filter);
/* Typing: sets the filter and leaves the rows as they are, so the key shows
 * at once; the console fetches them when no key waits (table_catch_up), and
 * abandons that fetch when the next key comes. Without a console (t->con
 * NULL) it fetches at once. */
void table_set_filter_later(struct table *t, const char *filter);
/* Fetches the rows of the filter when they lag behind it. A fetch the
 * console abandoned (ERR_CANCELLED) keeps the rows it had, still behind. */
int table_catch_up(struct table *t);
/* After a catch-up: the rest of the page after the screen it fetched, so
 * the results of a filter show as soon as one screen of them is read and
 * the rows below come while nobody types. ERR_CANCELLED when the console
 * abandoned it (it can run again); ERR_OK when there is nothing left to do. */
int table_fill(struct table *t);
/* The next (dir 1) or previous sortable column; reloads. */
bool table_sort_next(struct table *t, int dir);
bool table_sort_reverse(struct table *t);
/* The record under the cursor, or NULL when the list is empty. */
const void *table_selected(const struct table *t);
const void *table_row(const struct table *t, int i);
/* Fetches the window around a record (a new one, say) and puts the cursor on
 * it; false when the list does not hold it (a filter leaves it out). */
bool table_show_record(struct table *t, const void *row);
/* Moves the cursor to the record with this id if it is in the window. */
bool table_select_id(struct table *t, int64_t id);
/* Column widths for a total width: fixed columns first, the rest shared. */
void table_column_widths(const struct table_column *cols, int ncols, int total, int *widths);
/* The same, with need[i] the widest cell of each right-aligned column (money,
 * numbers) and TABLE_FIT column: numbers keep their full width, and text
 * columns give way first — the shared ones down to TABLE_FLEX_KEEP, then
 * the fitted ones down to their least, then every text column. */
void table_column_fit(const struct table_column *cols, int ncols, int total, const int *need, int *widths);

/* ------------------------------------------------------ drawing and keys */

void table_layout(struct table *t, int y, int x, int h, int w);
void table_draw(struct table *t);
/* The key tables of the table in its current state (navigation or filter). */
int table_keytables(struct table *t, struct keytable *out, int max);
/* Text typed into the filter line; UI_PASS when the key is not for it. */
int table_input(struct table *t, int key);

/* The console's side of table_set_filter_later (ui/console.c): t lags
 * behind its filter; t is being freed. */
void console_table_behind(struct console *c, struct table *t);
void console_table_gone(struct console *c, const struct table *t);

#endif
