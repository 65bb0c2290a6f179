/* The customers (B2C people): insert, update with optimistic locking,
 * look-ups by id and e-mail, and keyset-paged lists filtered in SQL. */
#include <stdio.h>
#include <string.h>

#include "db/customer_store.h"
#include "db/db_private.h"
#include "db/loyalty_store.h"
#include "src/base/datetime.h"

#define CUSTOMER_COLUMNS                                                                                     \
    "c.id, c.name, c.email, c.phone, c.address, c.city, c.country, c.loyalty_points, "                       \
    "c.loyalty_tier, c.created_at, c.updated_at, c.version"
#define CUSTOMER_FROM " FROM customers c"
#define CUSTOMER_FROM_FTS " FROM customers_fts f JOIN customers c ON c.id = f.rowid"
#define CUSTOMER_WHERE_NONE " WHERE 1"
#define CUSTOMER_WHERE_PREFIX " WHERE c.name LIKE :pattern ESCAPE '\\'"
/* The same, bounding the name_key index to the keys of the prefix (:lo, :hi). */
#define CUSTOMER_WHERE_PREFIX_KEY CUSTOMER_WHERE_PREFIX " AND c.name_key >= :lo AND c.name_key < :hi"
#define CUSTOMER_WHERE_FTS " WHERE customers_fts MATCH :pattern"

/* :owner is not used by customers. A short filter is a prefix of the
 * name only: with an OR on the e-mail SQLite cannot bound the name index by
 * both the prefix and the cursor, and a 1-character filter over a million
 * customers took 0.8 s instead of 0.3 ms. E-mails are found from 3 characters. */
#define CUSTOMER_PAGE(FROM, WHERE, KEY, OP, DIR)                                                             \
    "SELECT " CUSTOMER_COLUMNS FROM WHERE " AND " KEY " " OP "= :key AND (" KEY ", c.id) " OP                \
    " (:key, :id) ORDER BY " KEY " " DIR ", c.id " DIR " LIMIT :limit"
#define CUSTOMER_PAGE_DIR(KEY, PREFIX, OP, DIR)                                                              \
    {                                                                                                        \
        CUSTOMER_PAGE(CUSTOMER_FROM, CUSTOMER_WHERE_NONE, KEY, OP, DIR),                                     \
            CUSTOMER_PAGE(CUSTOMER_FROM, PREFIX, KEY, OP, DIR),                                              \
            CUSTOMER_PAGE(CUSTOMER_FROM_FTS, CUSTOMER_WHERE_FTS, KEY, OP, DIR)                               \
    }
#define CUSTOMER_PAGE_SORT(KEY, PREFIX)                                                                      \
    {                                                                                                        \
        CUSTOMER_PAGE_DIR(KEY, PREFIX, ">", "ASC"), CUSTOMER_PAGE_DIR(KEY, PREFIX, "<", "DESC")              \
    }

/* The bounded walks of a trigram filter (db_page_walk): (id, hit) in sort
 * order. CASE, not AND/OR: in a result column SQLite evaluates both sides. */
#define CUSTOMER_HIT_LIKE                                                                                    \
    "CASE WHEN c.name LIKE :like ESCAPE '\\' OR c.email LIKE :like "                                         \
    "ESCAPE '\\' OR c.phone LIKE :like ESCAPE '\\' THEN 1"                                                   \
    " WHEN ifnull(c.name, '') || ifnull(c.email, '') || ifnull(c.phone, '') GLOB " DB_GLOB_FOLDS_TO_ASCII    \
    " THEN EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH :pattern AND rowid = c.id) ELSE "   \
    "0 END"
#define CUSTOMER_HIT_SET "1"
#define CUSTOMER_FEW                                                                                         \
    "SELECT count(*) FROM (SELECT 1 FROM customers_fts WHERE customers_fts MATCH :pattern LIMIT :cap)"
#define CUSTOMER_WALK(HIT, KEY, OP, DIR)                                                                     \
    "SELECT c.id, " HIT CUSTOMER_FROM " WHERE " KEY " " OP "= :key AND (" KEY ", c.id) " OP " (:key, :id)"   \
    " ORDER BY " KEY " " DIR ", c.id " DIR " LIMIT :window"
#define CUSTOMER_WALK_DIR(KEY, OP, DIR)                                                                      \
    {                                                                                                        \
        CUSTOMER_WALK(CUSTOMER_HIT_LIKE, KEY, OP, DIR), CUSTOMER_WALK(CUSTOMER_HIT_SET, KEY, OP, DIR)        \
    }
#define CUSTOMER_WALK_SORT(KEY)                                                                              \
    {                                                                                                        \
        CUSTOMER_WALK_DIR(KEY, ">", "ASC"), CUSTOMER_WALK_DIR(KEY, "<", "DESC")                              \
    }

/* [sort][descending][walk tier] */
static const char *const customer_walk_sql[4][2][DB_WALK_TIERS] = {
    [CUSTOMER_SORT_NAME] = CUSTOMER_WALK_SORT("c.name_key"),
    [CUSTOMER_SORT_EMAIL] = CUSTOMER_WALK_SORT("c.email"),
    [CUSTOMER_SORT_CITY] = CUSTOMER_WALK_SORT("c.city_key"),
    [CUSTOMER_SORT_ID] = CUSTOMER_WALK_SORT("c.id"),
};

/* [sort][descending][filter mode]; e-mail is a NOCASE column already. */
static const char *const customer_page_sql[4][2][3] = {
    [CUSTOMER_SORT_NAME] = CUSTOMER_PAGE_SORT("c.name_key", CUSTOMER_WHERE_PREFIX_KEY),
    [CUSTOMER_SORT_EMAIL] = CUSTOMER_PAGE_SORT("c.email", CUSTOMER_WHERE_PREFIX),
    [CUSTOMER_SORT_CITY] = CUSTOMER_PAGE_SORT("c.city_key", CUSTOMER_WHERE_PREFIX),
    [CUSTOMER_SORT_ID] = CUSTOMER_PAGE_SORT("c.id", CUSTOMER_WHERE_PREFIX),
};

static void customer_row(sqlite3_stmt *s, void *row)
{
    struct customer *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, c->name, sizeof c->name);
    db_column_copy(s, 2, c->email, sizeof c->email);
    db_column_copy(s, 3, c->phone, sizeof c->phone);
    db_column_copy(s, 4, c->address, sizeof c->address);
    db_column_copy(s, 5, c->city, sizeof c->city);
    db_column_copy(s, 6, c->country, sizeof c->country);
    c->loyalty_points = sqlite3_column_int64(s, 7);
    db_column_copy(s, 8, c->loyalty_tier, sizeof c->loyalty_tier);
    db_column_copy(s, 9, c->created_at, sizeof c->created_at);
    db_column_copy(s, 10, c->updated_at, sizeof c->updated_at);
    c->version = sqlite3_column_int64(s, 11);
}

/* Binds the editable columns by name, the time as :now and the sort keys of
 * the name and the city. */
static void customer_bind(sqlite3_stmt *s, const struct customer *c, const char *now)
{
    char key[sizeof c->name];
    db_bind_text(s, db_param(s, ":name"), c->name);
    db_bind_text(s, db_param(s, ":email"), c->email);
    db_bind_text(s, db_param(s, ":phone"), c->phone);
    db_bind_text(s, db_param(s, ":address"), c->address);
    db_bind_text(s, db_param(s, ":city"), c->city);
    db_bind_text(s, db_param(s, ":country"), c->country);
    db_bind_text(s, db_param_if(s, ":loyalty_tier"), c->loyalty_tier); /* insert only: tiers follow spend */
    db_bind_text(s, db_param(s, ":now"), now);
    db_sort_key(c->name, key, sizeof key);
    db_bind_text(s, db_param(s, ":name_key"), key);
    db_sort_key(c->city, key, sizeof key);
    db_bind_text(s, db_param(s, ":city_key"), key);
}

static int customer_write_failed(struct db *db, const struct customer *c, struct err *e)
{
    if (sqlite3_extended_errcode(db->handle) == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, ERR_EXISTS, "email", "email '%s' already exists", c->email);
    return db_fail(db, e, "saving the customer");
}

int customer_store_insert(struct db *db, struct customer *c, struct err *e)
{
    static const char sql[] =
        "INSERT INTO customers(name, email, phone, address, city, country, loyalty_tier, "
        "created_at, updated_at, loyalty_points, version, name_key, city_key) "
        "VALUES (:name, :email, :phone, :address, :city, :country, :loyalty_tier, :now, :now, "
        ":loyalty_points, 1, :name_key, :city_key)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    customer_bind(s, c, now);
    sqlite3_bind_int64(s, db_param(s, ":loyalty_points"), c->loyalty_points);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = customer_write_failed(db, c, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    c->id = sqlite3_last_insert_rowid(db->handle);
    c->version = 1;
    /* Points brought in (an import, the demo) are the customer's opening row of the ledger. */
    int rc = c->loyalty_points > 0 ? loyalty_store_opening(db, c->id, c->loyalty_points, now, e) : ERR_OK;
    if (rc != ERR_OK)
        return rc;
    memcpy(c->created_at, now, sizeof c->created_at);
    memcpy(c->updated_at, now, sizeof c->updated_at);
    return ERR_OK;
}

static int customer_not_saved(struct db *db, const struct customer *c, struct err *e)
{
    struct customer cur;
    int rc = customer_store_get(db, c->id, &cur, e);
    if (rc != ERR_OK)
        return rc;
    return err_set(e, ERR_CONFLICT, "version",
                   "customer %s was changed by someone else since you opened it — reload", cur.email);
}

/* loyalty_points and loyalty_tier are not written here: the ledger moves
 * points and the spend of the last 12 months moves the tier (a form opened
 * before either changed must not put it back). */
int customer_store_update(struct db *db, struct customer *c, struct err *e)
{
    static const char sql[] =
        "UPDATE customers SET name = :name, email = :email, phone = :phone, address = :address, "
        "city = :city, country = :country, updated_at = :now, "
        "version = version + 1, name_key = :name_key, city_key = :city_key "
        "WHERE id = :id AND version = :version";
    static const char keys[] = "UPDATE customers SET name_key = ?2, city_key = ?3 "
                               "WHERE id = ?1 AND (name_key <> ?2 OR city_key <> ?3)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    customer_bind(s, c, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), c->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), c->version);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = customer_write_failed(db, c, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) == 0)
        return customer_not_saved(db, c, e);
    int rc = db_sort_keys_restore(db, keys, c->id, c->name, c->city, e);
    if (rc != ERR_OK)
        return rc;
    c->version++;
    memcpy(c->updated_at, now, sizeof c->updated_at);
    return ERR_OK;
}

static int customer_fetch_one(struct db *db, sqlite3_stmt *s, struct customer *out, struct err *e,
                              const char *field, const char *what)
{
    const struct db_fetch_what w = {"customer", field, what, "reading a customer"};
    return db_fetch_one(db, s, customer_row, out, e, &w);
}

int customer_store_get(struct db *db, int64_t id, struct customer *out, struct err *e)
{
    static const char sql[] = "SELECT " CUSTOMER_COLUMNS CUSTOMER_FROM " WHERE c.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char what[40];
    snprintf(what, sizeof what, "with id %lld", (long long)id);
    return customer_fetch_one(db, s, out, e, "id", what);
}

/* E-mails compare without regard to case (the column is NOCASE). */
int customer_store_find_email(struct db *db, const char *email, struct customer *out, struct err *e)
{
    static const char sql[] = "SELECT " CUSTOMER_COLUMNS CUSTOMER_FROM " WHERE c.email = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, email);
    char what[120];
    snprintf(what, sizeof what, "with email '%.80s'", email ? email : "");
    return customer_fetch_one(db, s, out, e, "email", what);
}

/* The paging kind of customers (db_page_rows): rows by id, page rows, the walk's statements. */
static int customer_get_row(struct db *db, int64_t id, void *row, struct err *e)
{
    return customer_store_get(db, id, row, e);
}

static const char customer_few[] = CUSTOMER_FEW;
static const struct db_page_kind customer_page_kind = {
    .size = sizeof(struct customer),
    .few = customer_few,
    .matches = "SELECT rowid FROM customers_fts WHERE customers_fts MATCH :pattern",
    .row = customer_row,
    .get = customer_get_row,
    .listing = "listing customers",
};

int customer_store_page(struct db *db, const struct page_req *q, struct customer *rows, int *count,
                        struct err *e)
{
    *count = 0;
    if (q->sort < CUSTOMER_SORT_NAME || q->sort > CUSTOMER_SORT_ID)
        return err_set(e, ERR_INTERNAL, "sort", "unknown customer sort %d", q->sort);
    return db_page_rows(db, &customer_page_kind, q, customer_walk_sql[q->sort], customer_page_sql[q->sort],
                        q->sort != CUSTOMER_SORT_ID, rows, count, e);
}

void customer_store_cursor(const struct customer *c, int sort, struct page_cursor *cur)
{
    memset(cur, 0, sizeof *cur);
    if (sort == CUSTOMER_SORT_EMAIL)
        snprintf(cur->text, sizeof cur->text, "%s", c->email);
    else
        db_sort_key(sort == CUSTOMER_SORT_CITY ? c->city : c->name, cur->text, sizeof cur->text);
    cur->num = c->id;
    cur->id = c->id;
}
