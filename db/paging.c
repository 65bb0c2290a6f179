/* Keyset paging shared by the stores: choosing the filter, binding the
 * cursor, and putting a page read backwards into display order. */
#include <string.h>

#include "db_private.h"

#define PAGE_DEFAULT 50

/* Trigrams need three characters; "株" is three bytes but one character. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* Copies the filter without the spaces typed around it (not part of what is
 * looked for); returns its length. */
static size_t page_trim(const char *filter, char *typed, size_t len)
{
    while (filter != NULL && *filter == ' ')
        filter++;
    size_t n = filter ? strlen(filter) : 0;
    while (n > 0 && filter[n - 1] == ' ')
        n--;
    if (n >= len)
        n = len - 1;
    if (n > 0)
        memcpy(typed, filter, n);
    typed[n] = '\0';
    return n;
}

enum db_filter_mode db_page_filter(const char *filter, char *pattern, size_t len)
{
    char typed[256];
    pattern[0] = '\0';
    if (page_trim(filter, typed, sizeof typed) == 0)
        return DB_FILTER_NONE;
    if (utf8_chars(typed) >= 3 && db_fts_phrase(typed, pattern, len))
        return DB_FILTER_FTS;
    db_like_prefix(typed, pattern, len);
    return DB_FILTER_PREFIX;
}

bool db_page_reads_descending(const struct page_req *q)
{
    return q->descending != (q->has_cursor && q->before);
}

int db_page_limit(const struct page_req *q)
{
    if (q->limit <= 0)
        return PAGE_DEFAULT;
    return q->limit > DB_PAGE_MAX ? DB_PAGE_MAX : q->limit;
}

void db_page_bind(sqlite3_stmt *s, const struct page_req *q, const char *pattern, bool text_key)
{
    bool desc = db_page_reads_descending(q);
    db_bind_text(s, 1, pattern);
    sqlite3_bind_int64(s, 2, q->owner_id);
    if (q->has_cursor) {
        if (text_key)
            db_bind_text(s, 3, q->cursor.text);
        else
            sqlite3_bind_int64(s, 3, q->cursor.num);
        sqlite3_bind_int64(s, 4, q->cursor.id);
    } else if (text_key) {
        /* '' sorts before every text and a blob after every text. */
        if (desc)
            sqlite3_bind_zeroblob(s, 3, 0);
        else
            db_bind_text(s, 3, "");
        sqlite3_bind_int64(s, 4, desc ? INT64_MAX : INT64_MIN);
    } else {
        sqlite3_bind_int64(s, 3, desc ? INT64_MAX : INT64_MIN);
        sqlite3_bind_int64(s, 4, desc ? INT64_MAX : INT64_MIN);
    }
    sqlite3_bind_int(s, 5, db_page_limit(q));
}

void db_page_reverse(void *rows, int n, size_t size)
{
    unsigned char *base = rows;
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        unsigned char *a = base + (size_t)i * size, *b = base + (size_t)j * size;
        for (size_t k = 0; k < size; k++) {
            unsigned char t = a[k];
            a[k] = b[k];
            b[k] = t;
        }
    }
}

/* ------------------------------------------------------ bounded walks */

/* Rows each walk may read before giving up. The LIKE walk reads the table
 * row of each (about 2 us); the set walk reads only the sort index (about
 * 0.1 us) but first gathers the trigram matches (about 0.13 us each). */
static const int walk_window_default[DB_WALK_TIERS] = {1000, 60000};

void db_page_set_walk_windows(struct db *db, int like_rows, int set_rows)
{
    db->walk_custom = true;
    db->walk_window[DB_WALK_LIKE] = like_rows;
    db->walk_window[DB_WALK_SET] = set_rows;
}

/* "%text%" with % _ and \ escaped; false when the text is not plain ASCII:
 * LIKE folds the case of ASCII letters only, the trigram index of all. */
static bool page_like_contains(const char *filter, char *out, size_t len)
{
    char typed[256];
    page_trim(filter, typed, sizeof typed);
    for (const unsigned char *p = (const unsigned char *)typed; *p; p++)
        if (*p >= 0x80)
            return false;
    out[0] = '%';
    db_like_prefix(typed, out + 1, len - 1);
    return true;
}

/* Steps one walk: collects the ids whose hit column is true; done when the
 * page is full or the walk ran out of rows before its window. */
static int page_walk_run(struct db *db, sqlite3_stmt *s, int window, int limit, struct db_walk *w, bool *done,
                         struct err *e)
{
    int rc, walked = 0;
    w->n = 0;
    while (w->n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walked++;
        if (sqlite3_column_int(s, 1))
            w->ids[w->n++] = sqlite3_column_int64(s, 0);
    }
    if (w->n < limit && rc != SQLITE_DONE) {
        int r = db_fail(db, e, "filtering a list");
        sqlite3_reset(s);
        return r;
    }
    *done = w->n == limit || walked < window;
    sqlite3_reset(s);
    return ERR_OK;
}

int db_page_walk(struct db *db, const char *const sql[DB_WALK_TIERS], const struct page_req *q,
                 const char *pattern, bool text_key, struct db_walk *w, bool *done, struct err *e)
{
    char like[600];
    bool ascii = page_like_contains(q->filter, like, sizeof like);
    *done = false;
    w->n = 0;
    for (int tier = ascii ? DB_WALK_LIKE : DB_WALK_SET; tier < DB_WALK_TIERS; tier++) {
        int window = db->walk_custom ? db->walk_window[tier] : walk_window_default[tier];
        if (window <= 0)
            continue;
        sqlite3_stmt *s = db_stmt(db, sql[tier], e);
        if (s == NULL)
            return e ? e->code : ERR_INTERNAL;
        db_page_bind(s, q, pattern, text_key);
        sqlite3_bind_int(s, 6, window);
        db_bind_text(s, 7, like);
        int rc = page_walk_run(db, s, window, db_page_limit(q), w, done, e);
        if (rc != ERR_OK || *done)
            return rc;
    }
    return ERR_OK;
}
