/* Internals shared by the stores of db/: the connection struct, the statement
 * cache and small binding helpers. Only the db folder includes this header. */
#ifndef COMPTOIR_DB_PRIVATE_H
#define COMPTOIR_DB_PRIVATE_H

#include <sqlite3.h>

#include "db/db.h"
#include "db/search.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"

/* A statement prepared once per connection, keyed by the address of its SQL
 * (a string literal). */
struct db_cached_stmt {
    const char *sql;
    sqlite3_stmt *stmt;
};

/* The walks of a filtered page (db_page_rows), whose rows tests may set. */
enum db_walk_tier { DB_WALK_ROWS, DB_WALK_SET, DB_WALK_TIERS };

/* A wait for the write lock in progress (db/activity.c). */
struct db_wait {
    int64_t started, changed, looked; /* monotonic ms: start, last move of the holder, last look */
    struct db_holder holder;          /* as last seen */
    bool told;                        /* the wait callback was called */
};

struct db {
    sqlite3 *handle;
    char *path;
    int depth;      /* transaction nesting */
    bool doomed;    /* an inner rollback happened: the outer commit must fail */
    bool writing;   /* the outer transaction is a write (BEGIN IMMEDIATE) */
    int64_t person; /* the real user at the terminal (db_set_person) */
    /* Who holds the database, for those who wait (db/activity.c). */
    int activity_fd; /* the side file DB-activity, -1 when none */
    bool activity_claimed;
    char who[65], what[128];
    int64_t done, total, beat, claimed_at, last_write_ms;
    db_wait_fn *on_wait;
    void *wait_ctx;
    int wait_limit_s;
    struct db_wait wait;
    char gave_up[300];            /* why the last wait gave up, for the error */
    struct db_cached_stmt *cache; /* grows; a statement is finalized only by db_close */
    int ncache, capcache;
    bool walk_custom;           /* tests set the walk windows (db_page_set_walk_windows) */
    bool (*abandon)(void *ctx); /* db_set_abandon */
    void *abandon_ctx;
    int walk_window[DB_WALK_TIERS];
    /* A bulk write's customers with points brought in, ids openings_from to
     * openings_to (0: none): their opening rows of the ledger are written
     * when it ends (customer_store_defer_openings) */
    bool defer_openings;
    int64_t openings_from, openings_to;
};

/* Prepares sql once per connection and hands back the reset statement with
 * its bindings cleared. sql must be a string literal (static storage). The
 * cache only grows (one entry per statement of the program): it never
 * finalizes a statement a caller may still be stepping. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct err *e);

/* The side file of who holds the database (db/activity.c): opened with the
 * connection, claimed when a write transaction starts, released before it
 * ends. */
void db_activity_open(struct db *db);
void db_activity_close(struct db *db);
void db_activity_claim(struct db *db);
void db_activity_release(struct db *db);
/* SQLite's busy handler (p is the struct db); db_wait_over tells the wait
 * callback a wait that it was told about is over. */
int db_busy_handler(void *p, int count);
void db_wait_over(struct db *db);

/* Whether migration sql already ran on a database made before the ledger
 * of migrations: something it creates is there (db/migration_present.c). */
bool db_migration_present(struct db *db, const char *sql);

/* Maps an SQLite result code to an error with a message. */
int db_fail(struct db *db, struct err *e, const char *what);

/* Resets s after its last step and turns that step's result rc into ERR_OK
 * (SQLITE_DONE) or an error saying what failed. */
int db_step_done(struct db *db, sqlite3_stmt *s, int rc, struct err *e, const char *what);

/* Declares s as the cached statement for sql, or RETURNS from the enclosing
 * function with the error (it must have `db` and `e` in scope and return an
 * error code): the name says so, as the return is hidden in the macro. */
#define DB_PREPARE_OR_RETURN(s, sql)                                                                         \
    sqlite3_stmt *s = db_stmt(db, sql, e);                                                                   \
    if (s == NULL)                                                                                           \
    return e ? e->code : ERR_INTERNAL

/* The index of a named parameter (":email") of s. A name the statement does
 * not have is a bug of the program: it aborts with the SQL. Statements with
 * more than a few parameters bind by name. */
int db_param(sqlite3_stmt *s, const char *name);
/* The same for a parameter the statement may leave out (a page without a
 * filter has no :pattern): 0 when it has none, and binding 0 does nothing. */
int db_param_if(sqlite3_stmt *s, const char *name);

/* Reads one row of a statement into row (a struct of the statement's kind). */
typedef void db_row_reader(sqlite3_stmt *s, void *row);
/* Reads every row of s into rows (the statement's LIMIT keeps it within the
 * array), counting them in *count; what names the reading in an error. */
int db_read_rows(struct db *db, sqlite3_stmt *s, db_row_reader *read, void *rows, size_t size, int *count,
                 struct err *e, const char *what);
/* Prepares sql, binds ?1 an id (the row to page after) and ?2 max, and reads
 * the rows as db_read_rows does: one page of an export by id. */
int db_page_after_id(struct db *db, const char *sql, int64_t id, int max, db_row_reader *read, void *rows,
                     size_t size, int *count, struct err *e, const char *what);

/* What a one-row look-up names when it fails: "no <noun> <key>" on field, or
 * the reading it was doing ("reading an account"). */
struct db_fetch_what {
    const char *noun, *field, *key, *reading;
};
/* Steps a one-row look-up into out with read; ERR_NOTFOUND when there is none. */
int db_fetch_one(struct db *db, sqlite3_stmt *s, void (*read)(sqlite3_stmt *s, void *row), void *out,
                 struct err *e, const struct db_fetch_what *w);

/* Binding and column helpers: text columns copy into fixed buffers, truncated safely. */
void db_bind_text(sqlite3_stmt *s, int idx, const char *text);
void db_bind_text_or_null(sqlite3_stmt *s, int idx, const char *text);
void db_bind_id_or_null(sqlite3_stmt *s, int idx, int64_t id);
void db_column_copy(sqlite3_stmt *s, int col, char *out, size_t len);

/* A small list (db/lists.c): the rows of one parent (an order's lines, an
 * account's contacts) or of a small table (users, rules), in a fixed order,
 * small enough to count. Its statements bind :parent (when they name it),
 * :after (1 when reading past a cursor), :key and :id (the cursor: text or
 * number as text_key says); the forward one orders by (key, id) ascending,
 * the backward one descending. Lists over big tables page (db_page_rows). */
struct db_list_spec {
    const char *forward, *backward;
    size_t size; /* bytes of one row */
    db_row_reader *read;
    bool text_key;
    const char *what; /* names the reading in an error: "reading order lines" */
};
/* Empties out and reads the rows of parent: every row when q is NULL or its
 * limit 0, else at most q->limit rows after (or, q->before, before) its
 * cursor, in display order (q->descending turns it round); the rows left
 * out in the reading direction are counted in out->more. */
int db_list_read(struct db *db, const struct db_list_spec *l, int64_t parent, const struct page_req *q,
                 struct rows *out, struct err *e);
/* The two halves of db_list_read, for a list with more to bind than a parent:
 * the statement of q's direction with the parent and the cursor bound, then
 * the reading of its rows into out. */
sqlite3_stmt *db_list_prepare(struct db *db, const struct db_list_spec *l, int64_t parent,
                              const struct page_req *q, struct err *e);
int db_list_collect(struct db *db, sqlite3_stmt *s, const struct db_list_spec *l, const struct page_req *q,
                    struct rows *out, struct err *e);

/* Binds a set of enum values (bits 1u << value) as the JSON list of their
 * names, for `col IN (SELECT value FROM json_each(:set))`; NULL when set is
 * 0 (any value). The set is the core's (e.g. the open quote statuses). */
void db_bind_name_set(sqlite3_stmt *s, int idx, unsigned set, const char *const *names, int n);
/* Builds a LIKE pattern "text%" with % _ and \ escaped (use ESCAPE '\'). */
void db_like_prefix(const char *text, char *out, size_t len);
/* Builds an FTS5 trigram query matching text as a substring; 0 when too short (< 3 bytes). */
int db_fts_phrase(const char *text, char *out, size_t len);
/* The sort key of a name or city (db/sort_key.c): ASCII lowercased, Latin-1 and
 * Latin Extended-A letters folded to their base letters (É→e, ß→ss, œ→oe),
 * anything else copied; cut at a whole character to fit len. Lists order by it. */
void db_sort_key(const char *utf8, char *out, size_t len);
/* Registers the audit chain's hash as comptoir_audit_hash(...) (db/audit_store.c; migrations). */
int db_audit_hash_register(sqlite3 *handle);
/* Registers db_sort_key as the SQL function comptoir_sort_key(text) (migrations). */
int db_sort_key_register(sqlite3 *handle);
/* The base letters of a Latin-1 Supplement or Latin Extended-A letter
 * (U+00C0..U+017F: "É" → "e", "ß" → "ss"), or NULL for any other character. */
const char *db_fold_latin(unsigned c);
/* Registers the search tokenizer "comptoir" and the SQL functions
 * comptoir_hit(typed, field, …) and comptoir_in_set(set, id) (db/search.c). */
int db_search_register(sqlite3 *handle);

/* The search indexes (db/search_index.c), kept by the stores that write
 * their tables: after an insert, add the row's fields; for an update, read
 * the fields before it and change the index after it (nothing when the
 * searched fields are the same); for a delete, read before, remove after. */
enum db_search_kind { DB_SEARCH_ACCOUNTS, DB_SEARCH_CONTACTS, DB_SEARCH_CUSTOMERS, DB_SEARCH_PRODUCTS };
#define DB_SEARCH_FIELDS_MAX 5
/* What a row's entries in its index were made of. */
struct db_search_fields {
    bool found;
    char text[DB_SEARCH_FIELDS_MAX][420];
    const char *fields[DB_SEARCH_FIELDS_MAX];
};
/* fields: the searched fields in the index's order (accounts: code, name,
 * email, phone, city; contacts: name, email, phone; customers: name,
 * email, phone, city; products: sku, name, category). */
int db_search_index_add(struct db *db, enum db_search_kind kind, int64_t id, const char *const *fields,
                        struct err *e);
int db_search_fields_read(struct db *db, enum db_search_kind kind, int64_t id, struct db_search_fields *f,
                          struct err *e);
int db_search_index_remove(struct db *db, enum db_search_kind kind, int64_t id,
                           const struct db_search_fields *old, struct err *e);
int db_search_index_change(struct db *db, enum db_search_kind kind, int64_t id,
                           const struct db_search_fields *old, const char *const *fields, struct err *e);

/* Keyset paging shared by the stores (db/paging.c). A page statement binds
 * :typed the filter as typed, :owner the owner (0 = all), :key the cursor
 * key, :id the cursor id and :limit the limit (each by name, and any but
 * :key and :id may be left out), and states its keyset condition as
 * `KEY >= :key AND (KEY, id) > (:key, :id)` (the first term lets SQLite seek the
 * index; the row value alone does not when KEY has a COLLATE). */
#define DB_PAGE_MAX 500
/* True when the rows are read in descending key order (descending XOR before). */
bool db_page_reads_descending(const struct page_req *q);
/* The number of rows to read: q->limit clamped to 1..DB_PAGE_MAX (50 when 0). */
int db_page_limit(const struct page_req *q);
/* Binds a page statement; without a cursor binds a key below (or above) every row. */
void db_page_bind(sqlite3_stmt *s, const struct page_req *q, bool text_key);
/* Puts n rows of size bytes back in display order after a backwards read. */
void db_page_reverse(void *rows, int n, size_t size);

/* The plan of a search (db/paging.c says how it goes): the tokens of its
 * words, counted in an index up to counted_to (INT64_MAX: not counted),
 * and the MATCH expression of the tokens found under it: the rare tokens
 * when one is rare (few). */
#define DB_SEARCH_TOKENS 16
struct db_search_plan {
    struct search_token tokens[DB_SEARCH_TOKENS];
    int ntokens;
    int64_t counted_to;
    bool few;
    char match[600];
};
/* The first count (a few thousand rows). count_sql: `SELECT count(*) FROM
 * (SELECT 1 FROM X_fts WHERE X_fts MATCH :match LIMIT :cap)` of the index. */
int db_search_plan(struct db *db, const char *count_sql, const struct search_query *sq,
                   struct db_search_plan *p, struct err *e);
/* The second count (tens of thousands of rows), when the first found none
 * rare: match names the tokens under it, or is empty when every token is
 * in more rows. */
int db_search_narrow(struct db *db, const char *count_sql, struct db_search_plan *p, struct err *e);
/* match names every token (the last resort: exact, but may read many rows). */
void db_search_match_all(struct db_search_plan *p);
/* Runs count_sql for one MATCH expression, counting up to cap. */
int db_search_count(struct db *db, const char *sql, const char *match, int cap, int64_t *count,
                    struct err *e);

/* The statements of a store's list for one sort and direction, each
 * binding like a page (db_page_bind):
 *  - all: every row, no filter;
 *  - few: the ids of the rows of the index that match :match (FTS5 MATCH),
 *    sorted (each is then checked against the words: search_row_matches);
 *  - few_checked: the same, checked in SQL (comptoir_hit(:typed, fields …)),
 *    for when most candidates fail the check;
 *  - walk: (id, hit) for :window rows of the sort index from the cursor,
 *    hit = comptoir_hit(:typed, fields …). */
struct db_page_sql {
    const char *all, *few, *few_checked, *walk;
};
/* One kind of row paged with a filter (accounts, customers, products). */
struct db_page_kind {
    size_t size;                             /* bytes of one row */
    const char *count;                       /* see db_search_plan */
    const char *matches;                     /* the rowids of the index that MATCH :match */
    void (*row)(sqlite3_stmt *s, void *row); /* reads a page row */
    int (*get)(struct db *db, int64_t id, void *row, struct err *e); /* reads a row by id */
    int (*searched)(const void *row, const char **fields); /* a row's searched fields; returns how many */
    void (*cursor)(const void *row, int sort, struct page_cursor *c); /* the store's cursor of a row */
    const char *listing; /* what failed, e.g. "listing accounts" */
};
/* Reads the page q into rows (display order) and counts them in *count;
 * sql[0] are the ascending statements of the sort, sql[1] the descending
 * ones; text_key: the sort key is text. */
int db_page_rows(struct db *db, const struct db_page_kind *k, const struct page_req *q,
                 const struct db_page_sql sql[2], bool text_key, void *rows, int *count, struct err *e);

struct db_walk {
    int64_t ids[DB_PAGE_MAX];
    int n;
};
/* A set of ids as a bitmap (ids up to 2^26). */
struct db_id_set {
    unsigned char *bits;
    int64_t size; /* bytes */
    int64_t count;
};
bool db_id_set_has(const struct db_id_set *set, int64_t id);
/* The pointer type of a set bound for comptoir_in_set (sqlite3_bind_pointer). */
#define DB_ID_SET_POINTER "comptoir_id_set"
/* Adds column 0 of every row of s (then reset); *usable false when an id is
 * too large for a bitmap or more than cap were read. */
int db_id_set_read(struct db *db, sqlite3_stmt *s, struct db_id_set *set, int64_t cap, bool *usable,
                   struct err *e);
void db_id_set_free(struct db_id_set *set);
/* The rows a walk may read: fallback, unless a test set the windows. */
int db_walk_window(const struct db *db, enum db_walk_tier tier, int fallback);
/* For tests: the rows each walk may read (0 turns a walk off); with windows
 * set, a rare token does not short-cut the walks. */
void db_page_set_walk_windows(struct db *db, int walk_rows, int set_rows);

#endif
