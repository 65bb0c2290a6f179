/* The virtual table without a terminal: movement math, and the window of rows
 * over a fake source of a million rows (keyset pages, filter, sort, refresh). */
#include <locale.h>

#include "testutil.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------ the view */

static void test_cursor_stays_visible_when_moving(void **state)
{
    (void)state;
    struct table_view v = {.count = 100, .height = 10};
    assert_true(view_move(&v, 12));
    assert_int_equal(v.cursor, 12);
    assert_int_equal(v.top, 3);
    assert_true(view_move(&v, -10));
    assert_int_equal(v.cursor, 2);
    assert_int_equal(v.top, 2);
    assert_true(view_move(&v, -50));
    assert_int_equal(v.cursor, 0);
    assert_false(view_move(&v, -1)); /* nothing changed: nothing to redraw */
}

static void test_page_moves_cursor_and_top_together(void **state)
{
    (void)state;
    struct table_view v = {.count = 100, .height = 10, .cursor = 3};
    view_page(&v, 1);
    assert_int_equal(v.top, 9);
    assert_int_equal(v.cursor, 12);
    view_page(&v, 1);
    view_page(&v, 100);
    assert_int_equal(v.cursor, 99);
    assert_int_equal(v.top, 90);
    view_page(&v, -1);
    assert_int_equal(v.top, 81);
    assert_int_equal(v.cursor, 90);
}

static void test_shrinking_the_view_keeps_the_cursor_on_screen(void **state)
{
    (void)state;
    struct table_view v = {.count = 100, .height = 20, .cursor = 19};
    view_resize(&v, 5);
    assert_int_equal(v.cursor, 19);
    assert_int_equal(v.top, 15);
    struct table_view empty = {.count = 0, .height = 5, .cursor = 3, .top = 2};
    view_clamp(&empty);
    assert_int_equal(empty.cursor, 0);
    assert_int_equal(empty.top, 0);
}

/* ------------------------------------------------- a fake data source */

/* Rows are the numbers 1..size; the filter "7" keeps multiples of 7; sort 0 is
 * by number. Each fetch is arithmetic, like an index seek. */
struct fake_row {
    int64_t id;
    char name[32];
};

struct fake_source {
    int64_t size;
    int64_t deleted; /* one number that no longer exists, or 0 */
    int fetches;
    bool abandon; /* the next fetch is abandoned, as when a key comes while it runs */
};

static bool fake_keeps(const struct fake_source *f, const char *filter, int64_t n)
{
    if (n == f->deleted)
        return false;
    return filter == NULL || filter[0] == '\0' || n % atoi(filter) == 0;
}

static int fake_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct fake_source *f = ctx;
    struct fake_row *out = rows;
    bool up = q->descending == q->before; /* walking towards bigger numbers */
    int64_t n = q->has_cursor ? q->cursor.id + (up ? 1 : -1) : (up ? 1 : f->size);
    f->fetches++;
    if (f->abandon) {
        f->abandon = false;
        return err_set(e, ERR_CANCELLED, NULL, "abandoned for newer input");
    }
    *count = 0;
    for (; n >= 1 && n <= f->size && *count < q->limit; n += up ? 1 : -1) {
        if (!fake_keeps(f, q->filter, n))
            continue;
        out[*count].id = n;
        snprintf(out[*count].name, sizeof out[*count].name, "row %lld", (long long)n);
        (*count)++;
    }
    if (q->before) /* display order */
        for (int i = 0, j = *count - 1; i < j; i++, j--) {
            struct fake_row tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
    return ERR_OK;
}

static void fake_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    memset(c, 0, sizeof *c);
    c->id = ((const struct fake_row *)row)->id;
}

static int64_t fake_id(const void *row)
{
    return ((const struct fake_row *)row)->id;
}

static void fake_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    (void)col;
    snprintf(out, len, "%s", ((const struct fake_row *)row)->name);
}

static const struct table_column fake_columns[] = {
    {"Number", 10, TEXT_RIGHT, 0},
    {"Name", 0, TEXT_LEFT, -1},
};

/* A table of size fake rows, 20 rows high, fetching page rows at a time. */
static void fake_table_paged(struct table *t, struct fake_source *f, int64_t size, bool forward_only,
                             int page)
{
    memset(f, 0, sizeof *f);
    f->size = size;
    struct table_source src = {.cols = fake_columns,
                               .ncols = 2,
                               .row_size = sizeof(struct fake_row),
                               .fetch = fake_fetch,
                               .cursor = fake_cursor,
                               .id = fake_id,
                               .cell = fake_cell,
                               .ctx = f,
                               .forward_only = forward_only,
                               .page = page};
    table_init(t, &src);
    t->view.height = 20;
    assert_int_equal(table_reload(t), ERR_OK);
}

static void fake_table(struct table *t, struct fake_source *f, int64_t size)
{
    fake_table_paged(t, f, size, false, 50);
}

static int64_t selected_id(const struct table *t)
{
    return fake_id(table_selected(t));
}

static void test_scrolling_a_million_rows_holds_only_a_few_pages(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 1000000);
    for (int i = 0; i < 300; i++) {
        table_page(&t, 1);
        assert_true(t.nrows <= t.cap);
    }
    assert_int_equal(selected_id(&t), 1 + 300 * 19);
    assert_false(t.at_start);
    assert_true(t.fetches < 300); /* a page of 50 rows serves several moves */
    for (int i = 0; i < 300; i++)
        table_page(&t, -1);
    assert_int_equal(selected_id(&t), 1);
    assert_true(t.nrows <= t.cap);
    table_free(&t);
}

static void test_end_shows_the_last_row_with_one_fetch(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 1000000);
    int before = f.fetches;
    assert_true(table_last(&t));
    assert_int_equal(f.fetches, before + 1);
    assert_int_equal(selected_id(&t), 1000000);
    assert_int_equal(t.view.top, t.nrows - 20);
    table_move(&t, -60); /* walks back past the page End fetched */
    assert_int_equal(selected_id(&t), 1000000 - 60);
    assert_true(table_first(&t));
    assert_int_equal(selected_id(&t), 1);
    table_free(&t);
}

static void test_filter_and_reverse_sort_requery(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 1000);
    table_set_filter(&t, "7");
    assert_int_equal(selected_id(&t), 7);
    table_move(&t, 2);
    assert_int_equal(selected_id(&t), 21);
    assert_true(table_sort_reverse(&t));
    assert_int_equal(selected_id(&t), 994);
    table_last(&t);
    assert_int_equal(selected_id(&t), 7);
    assert_true(t.at_end);
    table_free(&t);
}

static void test_sorting_skips_columns_that_cannot_sort(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 10);
    assert_false(table_sort_next(&t, 1)); /* Name is not sortable; only Number is */
    assert_int_equal(t.sort_col, 0);
    table_free(&t);
}

static void test_refresh_keeps_the_cursor_on_the_same_record(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 1000000);
    for (int i = 0; i < 40; i++)
        table_page(&t, 1);
    table_move(&t, 5);
    int64_t id = selected_id(&t);
    int row_on_screen = t.view.cursor - t.view.top;
    f.deleted = id - 3; /* another terminal removed a row above */
    assert_int_equal(table_refresh(&t), ERR_OK);
    assert_int_equal(selected_id(&t), id);
    assert_int_equal(t.view.cursor - t.view.top, row_on_screen);
    f.deleted = 0;
    table_refresh(&t);
    assert_int_equal(selected_id(&t), id);
    /* the selected record itself disappears: the cursor stays on its line */
    f.deleted = id;
    table_refresh(&t);
    assert_int_equal(t.view.cursor - t.view.top, row_on_screen);
    assert_int_equal(selected_id(&t), id + 1);
    table_free(&t);
}

static void test_an_empty_source_has_no_selection(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_table(&t, &f, 0);
    assert_null(table_selected(&t));
    assert_false(table_move(&t, 1));
    table_last(&t);
    assert_null(table_selected(&t));
    table_free(&t);
}

/* A source that can only read forward (the support search): rows past the
 * window are still reached, and so are the rows dropped in front of it. */
static void fake_forward_table(struct table *t, struct fake_source *f, int64_t size)
{
    fake_table_paged(t, f, size, true, 100);
}

static void test_a_forward_only_list_reaches_row_5001_and_back(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    fake_forward_table(&t, &f, 5001);
    assert_true(table_last(&t));
    assert_int_equal(selected_id(&t), 5001); /* no longer stops at the 2000 rows it holds */
    assert_true(t.at_end);
    assert_true(t.nrows <= t.cap);
    table_move(&t, -4000); /* back past the rows dropped in front: read again from the start */
    assert_int_equal(selected_id(&t), 1001);
    for (int i = 0; i < 60; i++)
        table_page(&t, -1);
    assert_int_equal(selected_id(&t), 1);
    table_free(&t);
}

/* A list that fills rows + more (an order's lines): read a window at a time. */
static int fake_fetch_rows(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct fake_row *buf = xcalloc((size_t)q->limit + 1, sizeof *buf);
    struct page_req one_more = *q;
    int n = 0;
    one_more.limit = q->limit + 1;
    fake_fetch(ctx, &one_more, buf, &n, e);
    rows_reset(out, sizeof(struct fake_row));
    for (int i = 0; i < n && i < q->limit; i++)
        *(struct fake_row *)rows_add(out) = buf[q->before && n > q->limit ? i + 1 : i];
    out->more = n > q->limit;
    free(buf);
    return ERR_OK;
}

static void test_a_rows_list_of_250_shows_row_250(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f = {.size = 250};
    struct table_source src = {.cols = fake_columns,
                               .ncols = 2,
                               .row_size = sizeof(struct fake_row),
                               .fetch_rows = fake_fetch_rows,
                               .cursor = fake_cursor,
                               .id = fake_id,
                               .cell = fake_cell,
                               .ctx = &f};
    table_init(&t, &src);
    t.view.height = 20;
    assert_int_equal(table_reload(&t), ERR_OK);
    assert_int_equal(t.nrows, TABLE_PAGE); /* one window */
    table_move(&t, 249);
    assert_int_equal(selected_id(&t), 250);
    assert_true(t.at_end);
    table_free(&t);
}

/* Typing into the filter: the key shows at once (no fetch, the rows held
 * stay), the console fetches when no key waits; a fetch abandoned for the
 * next key keeps what was shown, with no error, and the rows that follow
 * are those of the text as it then is. */
static void test_typing_shows_at_once_and_the_rows_follow(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    struct console con;
    memset(&con, 0, sizeof con);
    fake_table(&t, &f, 1000);
    t.con = &con;
    int before = f.fetches;
    table_set_filter_later(&t, "7");
    assert_int_equal(f.fetches, before);
    assert_true(t.behind);
    assert_ptr_equal(con.behind, &t);
    assert_int_equal(selected_id(&t), 1);
    f.abandon = true;
    assert_int_equal(table_catch_up(&t), ERR_CANCELLED);
    assert_true(t.behind);
    assert_int_equal(selected_id(&t), 1);
    assert_int_equal(t.error.code, ERR_OK);
    table_set_filter_later(&t, "70"); /* the next key */
    assert_int_equal(table_catch_up(&t), ERR_OK);
    assert_false(t.behind);
    assert_int_equal(selected_id(&t), 70);
    table_move(&t, 1);
    assert_int_equal(selected_id(&t), 140);
    int fetched = f.fetches;
    assert_int_equal(table_catch_up(&t), ERR_OK); /* nothing behind: no fetch */
    assert_int_equal(f.fetches, fetched);
    table_free(&t);
    assert_null(con.behind); /* a list freed is forgotten by the console */
}

/* A filter's results come one screen first, drawn at once; the rest of the
 * page follows while nobody types (table_fill), abandoned by a key and taken
 * up again after it, and continues exactly after the screen. */
static void test_results_show_a_screen_first_and_the_page_follows(void **state)
{
    (void)state;
    struct table t;
    struct fake_source f;
    struct console con;
    memset(&con, 0, sizeof con);
    fake_table_paged(&t, &f, 1000, false, 50);
    t.con = &con;
    table_set_filter_later(&t, "7");
    assert_int_equal(table_catch_up(&t), ERR_OK);
    assert_int_equal(t.nrows, 21); /* the screen (20 rows) and one: whether more follow */
    assert_false(t.at_end);
    assert_true(t.filling);
    f.abandon = true;
    assert_int_equal(table_fill(&t), ERR_CANCELLED); /* a key came: nothing lost, to do again */
    assert_int_equal(t.nrows, 21);
    assert_true(t.filling);
    assert_int_equal(t.error.code, ERR_OK);
    assert_int_equal(table_fill(&t), ERR_OK);
    assert_false(t.filling);
    assert_int_equal(t.nrows, 50);
    for (int i = 1; i < t.nrows; i++) /* no row twice, none skipped */
        assert_true(((const struct fake_row *)table_row(&t, i))->id >
                    ((const struct fake_row *)table_row(&t, i - 1))->id);
    assert_int_equal(((const struct fake_row *)table_row(&t, 21))->id, 22 * 7); /* right after the screen */
    int fetched = f.fetches;
    assert_int_equal(table_fill(&t), ERR_OK); /* done: no fetch */
    assert_int_equal(f.fetches, fetched);
    /* few results: the screen holds them all, nothing to fill */
    table_set_filter_later(&t, "999");
    assert_int_equal(table_catch_up(&t), ERR_OK);
    assert_true(t.at_end);
    assert_false(t.filling);
    table_free(&t);
}

static void test_column_widths_share_what_is_left(void **state)
{
    (void)state;
    static const struct table_column cols[] = {{"Code", 8, TEXT_LEFT, 0},
                                               {"Name", 0, TEXT_LEFT, 1},
                                               {"City", 0, TEXT_LEFT, 2},
                                               {"Balance", 12, TEXT_RIGHT, 3}};
    int w[4];
    table_column_widths(cols, 4, 80, w);
    assert_int_equal(w[0], 8);
    assert_int_equal(w[3], 12);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + 3, 80);
    table_column_widths(cols, 4, 20, w);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + 3, 20);
}

/* Issue 9: "Total 752,6…" — amounts keep their full width at 80 columns;
 * the text columns give way, and only when nothing else is left do numbers. */
static void test_amounts_keep_their_width_and_text_gives_way(void **state)
{
    (void)state;
    static const struct table_column cols[] = {
        {"SKU", 14, TEXT_LEFT, -1},         {"Description", 0, TEXT_LEFT, -1}, {"Qty", 6, TEXT_RIGHT, -1},
        {"Unit price", 13, TEXT_RIGHT, -1}, {"Net", 13, TEXT_RIGHT, -1},       {"Tax", 11, TEXT_RIGHT, -1}};
    int need[6] = {0, 0, 6, 13, 14, 14}, w[6]; /* 752,607.22 € and 102,504.50 € */
    table_column_fit(cols, 6, 80, need, w);
    assert_int_equal(w[4], 14);
    assert_int_equal(w[5], 14);
    assert_int_equal(w[3], 13);
    assert_true(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5 <= 80);
    assert_true(w[1] >= 4); /* the description gave way, and still shows something */
    table_column_fit(cols, 6, 55, need, w);
    assert_int_equal(w[4], 14); /* the text goes down to one column before any amount */
    assert_int_equal(w[5], 14);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5, 55);
    table_column_fit(cols, 6, 40, need, w);
    assert_int_equal(w[0] + w[1], 2); /* only then numbers give way */
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5, 40);
}

/* A status as wide as its longest in view: whole whenever there is room,
 * giving way to the shared text columns first, then cut to its least width
 * (where the screen writes its documented short form); amounts never. */
static void test_a_fitted_status_reads_in_full_when_there_is_room(void **state)
{
    (void)state;
    static const struct table_column cols[] = {
        {"Number", 10, TEXT_LEFT, -1}, {"Placed", 16, TEXT_LEFT, -1}, {"Status", TABLE_FIT(9), TEXT_LEFT, -1},
        {"For", 0, TEXT_LEFT, -1},     {"E-mail", 0, TEXT_LEFT, -1},  {"Total", 10, TEXT_RIGHT, -1}};
    int need[6] = {0, 0, 17, 0, 0, 11}, w[6]; /* "partially shipped", 16,774.62 € */
    table_column_fit(cols, 6, 200, need, w);
    assert_int_equal(w[2], 17);
    assert_int_equal(w[5], 11);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5, 200);
    table_column_fit(cols, 6, 100, need, w);
    assert_int_equal(w[2], 17);
    assert_true(w[3] >= TABLE_FLEX_KEEP && w[4] >= TABLE_FLEX_KEEP);
    table_column_fit(cols, 6, 80, need, w); /* the names keep 12 columns: "part. shipped" */
    assert_int_equal(w[3], TABLE_FLEX_KEEP);
    assert_int_equal(w[2], 14);
    assert_int_equal(w[5], 11);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5, 80);
    table_column_fit(cols, 6, 66, need, w); /* down to its least, never past it before the others */
    assert_int_equal(w[2], 9);
    assert_int_equal(w[5], 11);
    assert_int_equal(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 5, 66);
    need[2] = 9; /* nothing long in view: the least */
    table_column_fit(cols, 6, 200, need, w);
    assert_int_equal(w[2], 9);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cursor_stays_visible_when_moving),
        cmocka_unit_test(test_page_moves_cursor_and_top_together),
        cmocka_unit_test(test_shrinking_the_view_keeps_the_cursor_on_screen),
        cmocka_unit_test(test_scrolling_a_million_rows_holds_only_a_few_pages),
        cmocka_unit_test(test_end_shows_the_last_row_with_one_fetch),
        cmocka_unit_test(test_filter_and_reverse_sort_requery),
        cmocka_unit_test(test_sorting_skips_columns_that_cannot_sort),
        cmocka_unit_test(test_refresh_keeps_the_cursor_on_the_same_record),
        cmocka_unit_test(test_an_empty_source_has_no_selection),
        cmocka_unit_test(test_column_widths_share_what_is_left),
        cmocka_unit_test(test_amounts_keep_their_width_and_text_gives_way),
        cmocka_unit_test(test_a_fitted_status_reads_in_full_when_there_is_room),
        cmocka_unit_test(test_a_forward_only_list_reaches_row_5001_and_back),
        cmocka_unit_test(test_a_rows_list_of_250_shows_row_250),
        cmocka_unit_test(test_typing_shows_at_once_and_the_rows_follow),
        cmocka_unit_test(test_results_show_a_screen_first_and_the_page_follows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
