/* Keyset paging shared by the stores: binding the cursor, putting a page
 * read backwards into display order, and the plan of a filtered page (the
 * search rules are db/search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"

#define PAGE_DEFAULT 50

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

void db_page_bind(sqlite3_stmt *s, const struct page_req *q, bool text_key)
{
    bool desc = db_page_reads_descending(q);
    int key = db_param(s, ":key"), id = db_param(s, ":id");
    db_bind_text(s, db_param_if(s, ":typed"), q->filter);
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

/* ------------------------------------------------------------- id sets */

/* Ids above this are not put in a bitmap (8 MB). */
#define SET_MAX_ID ((int64_t)1 << 26)

bool db_id_set_has(const struct db_id_set *set, int64_t id)
{
    return id >= 0 && id / 8 < set->size && (set->bits[id / 8] >> (id % 8) & 1);
}

/* Adds id, growing the bitmap; false when the id is too large for one. */
static bool id_set_add(struct db_id_set *set, int64_t id)
{
    if (id < 0 || id > SET_MAX_ID)
        return false;
    if (id / 8 >= set->size) {
        int64_t size = set->size ? set->size : 4096;
        while (id / 8 >= size)
            size *= 2;
        unsigned char *bits = xrealloc(set->bits, (size_t)size);
        memset(bits + set->size, 0, (size_t)(size - set->size));
        set->bits = bits;
        set->size = size;
    }
    if (!db_id_set_has(set, id))
        set->count++;
    set->bits[id / 8] |= (unsigned char)(1u << (id % 8));
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

/* ------------------------------------------------------ a filtered page */

/* A filter is planned from the tokens of its words (db/search.h):
 *  1. each token is counted in the index up to FEW_ROWS (a fraction of a
 *     millisecond); one under that: the rows of the rare tokens, checked
 *     with comptoir_hit and sorted (the "few" statement);
 *  2. else the filter is made of common pieces: walk the sort index from
 *     the cursor, checking each row, for WALK_ROWS rows (a common filter
 *     fills its page long before; WALK_ROWS_COSTLY when looking its tokens
 *     up would cost more than that);
 *  3. else count the tokens again up to MANY_ROWS, and gather the ids of
 *     the rows with the (at most three) tokens under that — or, when every
 *     token is in more rows, with all tokens — in a bitmap, and walk the
 *     sort index again, checking only the rows in the bitmap (a fraction of
 *     a microsecond each for the others), for NEAR_ROWS rows; when that
 *     walk does not fill the page (the rows are few, or far from the
 *     cursor: a first name in a list by name), sort them (the index reads
 *     the sort key of each, some microseconds); past SORT_ROWS of them,
 *     walk on instead, to the end if need be.
 * A walk answers when it fills the page or reaches the end of the list.
 * A costly token (" a"*: a prefix of many trigrams) is never counted: its
 * look-up reads every row it is in. */
#define FEW_ROWS 3000
#define MANY_ROWS 40000
#define WALK_ROWS 400
#define WALK_ROWS_COSTLY 8000
#define NEAR_ROWS 20000
#define SORT_ROWS 60000
#define MATCH_TOKENS 3

int db_walk_window(const struct db *db, enum db_walk_tier tier, int fallback)
{
    return db->walk_custom ? db->walk_window[tier] : fallback;
}

void db_page_set_walk_windows(struct db *db, int walk_rows, int set_rows)
{
    db->walk_custom = true;
    db->walk_window[DB_WALK_ROWS] = walk_rows;
    db->walk_window[DB_WALK_SET] = set_rows;
}

int db_search_count(struct db *db, const char *sql, const char *match, int cap, int64_t *count, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":match"), match);
    sqlite3_bind_int(s, db_param(s, ":cap"), cap);
    int rc = sqlite3_step(s);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int r = rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "counting what a filter finds");
    sqlite3_reset(s);
    return r;
}

static int token_by_count(const void *a, const void *b)
{
    int64_t x = ((const struct search_token *)a)->count, y = ((const struct search_token *)b)->count;
    return x < y ? -1 : x > y;
}

/* A token across words or at the end of a field is rarer than one inside a
 * word: counted first. */
static int token_by_rarity(const void *a, const void *b)
{
    const struct search_token *x = a, *y = b;
    bool rx = strpbrk(x->text, " $") != NULL, ry = strpbrk(y->text, " $") != NULL;
    return (int)ry - (int)rx;
}

/* Counts the tokens not counted past cap yet (up to cap), sorts them by
 * count and sets match to the (at most MATCH_TOKENS) tokens under cap;
 * enough stops the counting once that many are under cap. */
static int plan_count(struct db *db, const char *count_sql, struct db_search_plan *p, int cap, int enough,
                      struct err *e)
{
    char one[64];
    int under = 0;
    qsort(p->tokens, (size_t)p->ntokens, sizeof p->tokens[0], token_by_rarity);
    for (int i = 0; i < p->ntokens; i++) {
        struct search_token *t = &p->tokens[i];
        if (t->costly || t->count < p->counted_to)
            ; /* never counted, or known already */
        else if (under >= enough)
            t->count = INT64_MAX; /* not counted this far: as common as can be */
        else {
            search_match_expr(t, 1, one, sizeof one);
            int rc = db_search_count(db, count_sql, one, cap, &t->count, e);
            if (rc != ERR_OK)
                return rc;
        }
        under += t->count < cap;
    }
    p->counted_to = cap;
    qsort(p->tokens, (size_t)p->ntokens, sizeof p->tokens[0], token_by_count);
    under = 0;
    while (under < p->ntokens && under < MATCH_TOKENS && p->tokens[under].count < cap)
        under++;
    search_match_expr(p->tokens, under, p->match, sizeof p->match);
    return ERR_OK;
}

int db_search_plan(struct db *db, const char *count_sql, const struct search_query *sq,
                   struct db_search_plan *p, struct err *e)
{
    memset(p, 0, sizeof *p);
    p->ntokens = search_query_tokens(sq, p->tokens, DB_SEARCH_TOKENS);
    for (int i = 0; i < p->ntokens; i++)
        p->tokens[i].count = INT64_MAX; /* not counted yet */
    p->counted_to = INT64_MAX;
    int rc = plan_count(db, count_sql, p, FEW_ROWS, MATCH_TOKENS, e);
    p->few = p->match[0] != '\0';
    return rc;
}

int db_search_narrow(struct db *db, const char *count_sql, struct db_search_plan *p, struct err *e)
{
    if (p->few)
        return ERR_OK;
    return plan_count(db, count_sql, p, MANY_ROWS, 2, e);
}

void db_search_match_all(struct db_search_plan *p)
{
    search_match_expr(p->tokens, p->ntokens, p->match, sizeof p->match);
}

/* Steps a walk statement of (id, hit) rows: collects the ids that hit; done
 * when the page is full or the walk ran out of rows before its window. */
static int page_walk_run(struct db *db, sqlite3_stmt *s, int window, int limit, struct db_walk *w, bool *done,
                         struct err *e)
{
    int rc = SQLITE_DONE, walked = 0;
    w->n = 0;
    while (w->n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walked++;
        if (sqlite3_column_int(s, 1))
            w->ids[w->n++] = sqlite3_column_int64(s, 0);
    }
    int r = w->n < limit && rc != SQLITE_DONE ? db_fail(db, e, "filtering a list") : ERR_OK;
    sqlite3_reset(s);
    *done = w->n == limit || walked < window;
    return r;
}

/* One walk from the cursor over window rows, checking only the rows in set
 * when there is one. */
static int page_walk(struct db *db, const char *sql, const struct page_req *q, bool text_key, int window,
                     const struct db_id_set *set, struct db_walk *w, bool *done, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    db_page_bind(s, q, text_key);
    sqlite3_bind_int(s, db_param(s, ":window"), window);
    sqlite3_bind_int(s, db_param(s, ":use_set"), set != NULL);
    sqlite3_bind_pointer(s, db_param(s, ":set"), (void *)set, DB_ID_SET_POINTER, NULL);
    return page_walk_run(db, s, window, db_page_limit(q), w, done, e);
}

/* The rows of a walk, read by id in the walk's order. */
static int page_walk_rows(struct db *db, const struct db_page_kind *k, const struct page_req *q,
                          const struct db_walk *w, char *rows, int *count, struct err *e)
{
    for (int i = 0; i < w->n; i++) {
        int rc = k->get(db, w->ids[i], rows + (size_t)i * k->size, e);
        if (rc != ERR_OK)
            return rc;
    }
    *count = w->n;
    if (q->has_cursor && q->before)
        db_page_reverse(rows, *count, k->size);
    return ERR_OK;
}

/* Runs a page statement (binding :match when it has one) into rows. */
static int page_read(struct db *db, const struct db_page_kind *k, const char *sql, const struct page_req *q,
                     const char *match, bool text_key, char *rows, int *count, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    db_page_bind(s, q, text_key);
    db_bind_text(s, db_param_if(s, ":match"), match);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        k->row(s, rows + (size_t)(*count)++ * k->size);
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

/* The ids of few_sql's candidates after batch's cursor, up to max (every
 * one when max < 0), into a growing array. */
static int page_candidates(struct db *db, const struct db_page_kind *k, const char *few_sql,
                           const struct page_req *batch, const char *match, bool text_key, int max,
                           int64_t **ids, int *n, int *cap, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, few_sql);
    db_page_bind(s, batch, text_key);
    db_bind_text(s, db_param(s, ":match"), match);
    sqlite3_bind_int(s, db_param(s, ":limit"), max < 0 ? INT32_MAX : max);
    int step;
    *n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *ids = xrealloc(*ids, sizeof **ids * (size_t)*cap);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    int rc = step == SQLITE_DONE ? ERR_OK : db_fail(db, e, k->listing);
    sqlite3_reset(s);
    return rc;
}

/* The rows of the candidates of match, in the sort's order, that match the
 * words: the candidates' ids come sorted (an index reads the sort key of
 * each), and the rows are read and checked one by one. The first query
 * asks for twice the page; when checking leaves it short (most candidates
 * were false), the second checks the rest in SQL and sorts what passes. */
static int page_sorted(struct db *db, const struct db_page_kind *k, const struct db_page_sql *sql,
                       const struct page_req *q, const struct search_query *sq, const char *match,
                       bool text_key, char *rows, int *count, struct err *e)
{
    int limit = db_page_limit(q), rc = ERR_OK, n = 0, cap = 0;
    struct page_req batch = *q;
    int64_t *ids = NULL;
    char *row = xmalloc(k->size);
    for (int round = 0; rc == ERR_OK && round < 2 && *count < limit; round++) {
        /* the second round checks in SQL: the first found most candidates false */
        int max = round == 0 ? 2 * limit : limit - *count;
        const char *few = round == 0 ? sql->few : sql->few_checked;
        rc = page_candidates(db, k, few, &batch, match, text_key, max, &ids, &n, &cap, e);
        for (int i = 0; rc == ERR_OK && i < n && *count < limit; i++) {
            if ((rc = k->get(db, ids[i], row, e)) != ERR_OK)
                break;
            const char *fields[DB_SEARCH_FIELDS_MAX];
            int nfields = k->searched(row, fields);
            if (round == 1 || search_row_matches(sq, fields, NULL, nfields))
                memcpy(rows + (size_t)(*count)++ * k->size, row, k->size);
            batch.has_cursor = true;
            k->cursor(row, q->sort, &batch.cursor);
        }
        if (round == 0 && n < max)
            break; /* every candidate was read */
    }
    free(row);
    free(ids);
    if (rc == ERR_OK && q->has_cursor && q->before)
        db_page_reverse(rows, *count, k->size);
    return rc;
}

/* Walks window rows (with set: only its rows checked); *done when the walk answered. */
static int page_try_walk(struct db *db, const struct db_page_kind *k, const struct db_page_sql *sql,
                         const struct page_req *q, bool text_key, int window, const struct db_id_set *set,
                         char *rows, int *count, bool *done, struct err *e)
{
    *done = false;
    if (window <= 0)
        return ERR_OK;
    struct db_walk *w = xmalloc(sizeof *w);
    int rc = page_walk(db, sql->walk, q, text_key, window, set, w, done, e);
    if (rc == ERR_OK && *done)
        rc = page_walk_rows(db, k, q, w, rows, count, e);
    free(w);
    return rc;
}

/* Step 3: the bitmap of the rows with the plan's tokens, a walk near the
 * cursor checking only them, on to the end when they are too many to sort,
 * else sorted. */
static int page_by_set(struct db *db, const struct db_page_kind *k, const struct db_page_sql *sql,
                       const struct page_req *q, const struct search_query *sq,
                       const struct db_search_plan *plan, bool text_key, char *rows, int *count,
                       struct err *e)
{
    struct db_id_set set = {0};
    bool usable = false, done = false;
    DB_PREPARE_OR_RETURN(s, k->matches);
    db_bind_text(s, db_param(s, ":match"), plan->match);
    int rc = db_id_set_read(db, s, &set, INT64_MAX, &usable, e);
    int window = db_walk_window(db, DB_WALK_SET, NEAR_ROWS);
    if (rc == ERR_OK && usable && set.count > FEW_ROWS)
        rc = page_try_walk(db, k, sql, q, text_key, window, &set, rows, count, &done, e);
    if (rc == ERR_OK && usable && !done && set.count > SORT_ROWS && !db->walk_custom)
        rc = page_try_walk(db, k, sql, q, text_key, INT32_MAX, &set, rows, count, &done, e);
    db_id_set_free(&set);
    if (rc != ERR_OK || done)
        return rc;
    return page_sorted(db, k, sql, q, sq, plan->match, text_key, rows, count, e);
}

int db_page_rows(struct db *db, const struct db_page_kind *k, const struct page_req *q,
                 const struct db_page_sql sql_by_dir[2], bool text_key, void *rows, int *count, struct err *e)
{
    const struct db_page_sql *sql = &sql_by_dir[db_page_reads_descending(q)];
    *count = 0;
    struct search_query sq;
    search_query_parse(q->filter, &sq);
    if (sq.n == 0)
        return page_read(db, k, sql->all, q, NULL, text_key, rows, count, e);
    struct db_search_plan plan;
    int rc = db_search_plan(db, k->count, &sq, &plan, e);
    if (rc != ERR_OK)
        return rc;
    if (plan.few && !db->walk_custom)
        return page_sorted(db, k, sql, q, &sq, plan.match, text_key, rows, count, e);
    /* Nothing to look up (a lone digit, in most rows): the walk goes to the
     * end; only costly tokens (" m"*): a longer walk before looking them up. */
    bool costly = true, done = false;
    for (int i = 0; i < plan.ntokens; i++)
        costly = costly && plan.tokens[i].costly;
    int window = plan.ntokens == 0 ? INT32_MAX
                                   : db_walk_window(db, DB_WALK_ROWS, costly ? WALK_ROWS_COSTLY : WALK_ROWS);
    rc = page_try_walk(db, k, sql, q, text_key, window, NULL, rows, count, &done, e);
    if (rc != ERR_OK || done || (rc = db_search_narrow(db, k->count, &plan, e)) != ERR_OK)
        return rc;
    if (plan.match[0] == '\0')
        db_search_match_all(&plan);
    return page_by_set(db, k, sql, q, &sq, &plan, text_key, rows, count, e);
}
