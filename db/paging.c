/* Keyset paging shared by the stores: choosing the filter, binding the
 * cursor, and putting a page read backwards into display order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"

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

/* :lo and :hi: the sort keys of names starting with the typed filter, for a
 * prefix statement ordered by name_key. A name LIKE 'typed%' has a key that
 * starts with the key of typed (keys fold character by character), so the
 * range only narrows the index walk and drops nothing the LIKE keeps. */
static void page_bind_key_range(sqlite3_stmt *s, const struct page_req *q)
{
    char typed[256], key[258];
    page_trim(q->filter, typed, sizeof typed);
    db_sort_key(typed, key, sizeof key - 1);
    db_bind_text(s, db_param(s, ":lo"), key);
    /* 0xFF never occurs in UTF-8: above every key with this prefix. */
    strcat(key, "\xff");
    db_bind_text(s, db_param(s, ":hi"), key);
}

void db_page_bind(sqlite3_stmt *s, const struct page_req *q, const char *pattern, bool text_key)
{
    bool desc = db_page_reads_descending(q);
    int key = db_param(s, ":key"), id = db_param(s, ":id");
    db_bind_text(s, db_param_if(s, ":pattern"), pattern);
    sqlite3_bind_int64(s, db_param_if(s, ":owner"), q->owner_id);
    if (q->has_cursor) {
        if (text_key)
            db_bind_text(s, key, q->cursor.text);
        else
            sqlite3_bind_int64(s, key, q->cursor.num);
        sqlite3_bind_int64(s, id, q->cursor.id);
    } else if (text_key) {
        /* '' sorts before every text and a blob after every text. */
        if (desc)
            sqlite3_bind_zeroblob(s, key, 0);
        else
            db_bind_text(s, key, "");
        sqlite3_bind_int64(s, id, desc ? INT64_MAX : INT64_MIN);
    } else {
        sqlite3_bind_int64(s, key, desc ? INT64_MAX : INT64_MIN);
        sqlite3_bind_int64(s, id, desc ? INT64_MAX : INT64_MIN);
    }
    sqlite3_bind_int(s, db_param_if(s, ":limit"), db_page_limit(q));
    if (db_param_if(s, ":lo") > 0)
        page_bind_key_range(s, q);
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
 * 0.1 us) after gathering the ids of the trigram matches (about 0.04 us each). */
static const int walk_window_default[DB_WALK_TIERS] = {400, DB_WALK_SET_ROWS};
/* Fewer trigram matches than this are sorted at once (about 1 us each). */
#define WALK_FEW 4000
/* Ids above this are not put in a bitmap (8 MB); such tables sort instead. */
#define WALK_SET_MAX_ID ((int64_t)1 << 26)

int db_walk_window(const struct db *db, enum db_walk_tier tier, int fallback)
{
    return db->walk_custom ? db->walk_window[tier] : fallback;
}

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

bool db_id_set_has(const struct db_id_set *set, int64_t id)
{
    return id >= 0 && id / 8 < set->size && (set->bits[id / 8] >> (id % 8) & 1);
}

/* Adds id, growing the bitmap; false when the id is too large for one. */
static bool id_set_add(struct db_id_set *set, int64_t id)
{
    if (id < 0 || id > WALK_SET_MAX_ID)
        return false;
    if (id / 8 >= set->size) {
        int64_t size = set->size ? set->size : 4096;
        while (id / 8 >= size)
            size *= 2;
        unsigned char *bits = realloc(set->bits, (size_t)size);
        if (bits == NULL) {
            fprintf(stderr, "comptoir: out of memory\n");
            abort();
        }
        memset(bits + set->size, 0, (size_t)(size - set->size));
        set->bits = bits;
        set->size = size;
    }
    set->bits[id / 8] |= (unsigned char)(1u << (id % 8));
    set->count++;
    return true;
}

int db_id_set_read(struct db *db, sqlite3_stmt *s, struct db_id_set *set, int64_t cap, bool *usable,
                   struct err *e)
{
    int rc = SQLITE_DONE;
    *usable = true;
    while (*usable && (rc = sqlite3_step(s)) == SQLITE_ROW)
        *usable = id_set_add(set, sqlite3_column_int64(s, 0)) && set->count <= cap;
    sqlite3_reset(s);
    if (*usable && rc != SQLITE_DONE)
        return db_fail(db, e, "gathering the ids a filter finds");
    return ERR_OK;
}

void db_id_set_free(struct db_id_set *set)
{
    free(set->bits);
    memset(set, 0, sizeof *set);
}

/* Steps one walk: collects the ids whose hit column is true (and which are in
 * set, when given); done when the page is full or the walk ran out of rows
 * before its window. */
static int page_walk_run(struct db *db, sqlite3_stmt *s, int window, int limit, const struct db_id_set *set,
                         struct db_walk *w, bool *done, struct err *e)
{
    int rc = SQLITE_DONE, walked = 0;
    w->n = 0;
    while (w->n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walked++;
        int64_t id = sqlite3_column_int64(s, 0);
        if (sqlite3_column_int(s, 1) && (set == NULL || db_id_set_has(set, id)))
            w->ids[w->n++] = id;
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

static int page_matches_few(struct db *db, const char *few_sql, const char *pattern, bool *few, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, few_sql);
    db_bind_text(s, db_param(s, ":pattern"), pattern);
    sqlite3_bind_int(s, db_param(s, ":cap"), WALK_FEW);
    if (sqlite3_step(s) != SQLITE_ROW) {
        int r = db_fail(db, e, "counting what a filter finds");
        sqlite3_reset(s);
        return r;
    }
    *few = sqlite3_column_int(s, 0) < WALK_FEW;
    sqlite3_reset(s);
    return ERR_OK;
}

/* One walk from the cursor: binds the page, the window and the LIKE pattern. */
static int page_walk_tier(struct db *db, const char *sql, const struct page_req *q, const char *pattern,
                          bool text_key, int window, const char *like, const struct db_id_set *set,
                          struct db_walk *w, bool *done, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    db_page_bind(s, q, pattern, text_key);
    sqlite3_bind_int(s, db_param(s, ":window"), window);
    db_bind_text(s, db_param_if(s, ":like"), like);
    return page_walk_run(db, s, window, db_page_limit(q), set, w, done, e);
}

static int page_walk_set(struct db *db, const struct db_walk_sql *sql, const struct page_req *q,
                         const char *pattern, bool text_key, int window, struct db_walk *w, bool *done,
                         struct err *e)
{
    struct db_id_set set = {0};
    bool usable = false;
    DB_PREPARE_OR_RETURN(s, sql->matches);
    db_bind_text(s, db_param(s, ":pattern"), pattern);
    int rc = db_id_set_read(db, s, &set, INT64_MAX, &usable, e);
    if (rc == ERR_OK && usable)
        rc = page_walk_tier(db, sql->set, q, pattern, text_key, window, "", &set, w, done, e);
    db_id_set_free(&set);
    return rc;
}

int db_page_walk(struct db *db, const struct db_walk_sql *sql, const struct page_req *q, const char *pattern,
                 bool text_key, struct db_walk *w, bool *done, struct err *e)
{
    char like[600];
    bool few = false;
    *done = false;
    w->n = 0;
    int rc = db->walk_custom ? ERR_OK : page_matches_few(db, sql->few, pattern, &few, e);
    if (rc != ERR_OK || few)
        return rc;
    int window = db_walk_window(db, DB_WALK_LIKE, walk_window_default[DB_WALK_LIKE]);
    if (window > 0 && page_like_contains(q->filter, like, sizeof like)) {
        rc = page_walk_tier(db, sql->like, q, pattern, text_key, window, like, NULL, w, done, e);
        if (rc != ERR_OK || *done)
            return rc;
    }
    window = db_walk_window(db, DB_WALK_SET, walk_window_default[DB_WALK_SET]);
    if (window > 0)
        return page_walk_set(db, sql, q, pattern, text_key, window, w, done, e);
    return ERR_OK;
}

/* ------------------------------------------------- a store's filtered page */

/* A trigram filter answered by a bounded walk when it can (db_page_walk). */
static int page_walked(struct db *db, const struct db_page_kind *k, const struct page_req *q,
                       const char *pattern, const char *const sql[DB_WALK_TIERS], bool text_key, char *rows,
                       int *count, bool *done, struct err *e)
{
    const struct db_walk_sql walk = {
        .like = sql[DB_WALK_LIKE], .set = sql[DB_WALK_SET], .few = k->few, .matches = k->matches};
    struct db_walk w;
    int rc = db_page_walk(db, &walk, q, pattern, text_key, &w, done, e);
    for (int i = 0; rc == ERR_OK && *done && i < w.n; i++)
        rc = k->get(db, w.ids[i], rows + (size_t)i * k->size, e);
    if (rc != ERR_OK || !*done)
        return rc;
    *count = w.n;
    if (q->has_cursor && q->before)
        db_page_reverse(rows, *count, k->size);
    return ERR_OK;
}

int db_page_rows(struct db *db, const struct db_page_kind *k, const struct page_req *q,
                 const char *const walk_sql[2][DB_WALK_TIERS], const char *const page_sql[2][3],
                 bool text_key, void *rows, int *count, struct err *e)
{
    char pattern[600];
    *count = 0;
    enum db_filter_mode mode = db_page_filter(q->filter, pattern, sizeof pattern);
    bool desc = db_page_reads_descending(q);
    if (mode == DB_FILTER_FTS) {
        bool done = false;
        int rc = page_walked(db, k, q, pattern, walk_sql[desc], text_key, rows, count, &done, e);
        if (rc != ERR_OK || done)
            return rc;
    }
    DB_PREPARE_OR_RETURN(s, page_sql[desc][mode]);
    db_page_bind(s, q, pattern, text_key);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        k->row(s, (char *)rows + (size_t)(*count)++ * k->size);
    if (rc != SQLITE_DONE) {
        int r = db_fail(db, e, k->listing);
        sqlite3_reset(s);
        return r;
    }
    sqlite3_reset(s);
    if (q->has_cursor && q->before)
        db_page_reverse(rows, *count, k->size);
    return ERR_OK;
}
