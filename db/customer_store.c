/* The customers (B2C people): insert, update with optimistic locking,
 * look-ups by id and e-mail, and keyset-paged lists filtered in SQL. */
#include <stdio.h>
#include <string.h>

#include "db/customer_store.h"
#include "db/db_private.h"
#include "db/loyalty_store.h"
#include "src/base/datetime.h"

/* The points a customer may spend today: the available balance, less what
 * has passed its day and no expiry row records yet — never more than the
 * credits still valid (0020's loyalty_ledger_valid: a range of the
 * customer's live credits). */
#define CUSTOMER_POINTS                                                                                      \
    "CASE WHEN c.loyalty_points > 0 THEN min(c.loyalty_points, (SELECT coalesce(sum(v.points), 0)"           \
    " FROM loyalty_ledger v WHERE v.customer_id = c.id AND v.bucket = 'available' AND v.points > 0"          \
    " AND v.expires_on > comptoir_today())) ELSE c.loyalty_points END"
#define CUSTOMER_COLUMNS                                                                                     \
    "c.id, c.name, c.email, c.phone, c.address, c.city, c.country, " CUSTOMER_POINTS ", "                    \
    "c.loyalty_tier, c.created_at, c.updated_at, c.version"
#define CUSTOMER_FROM " FROM customers c"
/* The statements of a page (struct db_page_sql): every row; the rows of the
 * search index checked by comptoir_hit; the walk's (id, hit). CASE, not
 * AND/OR: in a result column SQLite evaluates both sides of those. */
#define CUSTOMER_HIT "comptoir_hit(:typed, c.name, c.email, c.phone, c.city)"
#define CUSTOMER_KEYSET(KEY, OP) KEY " " OP "= :key AND (" KEY ", c.id) " OP " (:key, :id)"
#define CUSTOMER_ORDER(KEY, DIR) " ORDER BY " KEY " " DIR ", c.id " DIR
/* clang-format off */
#define CUSTOMER_SQL(KEY, BY_ID, OP, DIR) \
    { \
        "SELECT " CUSTOMER_COLUMNS CUSTOMER_FROM \
            " WHERE " CUSTOMER_KEYSET(KEY, OP) CUSTOMER_ORDER(KEY, DIR) " LIMIT :limit", \
        "SELECT c.id FROM customers_fts f CROSS JOIN customers c" BY_ID " ON c.id = f.rowid" \
            " WHERE customers_fts MATCH :match AND " CUSTOMER_KEYSET(KEY, OP) CUSTOMER_ORDER(KEY, DIR) \
            " LIMIT :limit", \
        "SELECT c.id FROM customers_fts f CROSS JOIN customers c ON c.id = f.rowid" \
            " WHERE customers_fts MATCH :match AND " CUSTOMER_KEYSET(KEY, OP) " AND " CUSTOMER_HIT \
            CUSTOMER_ORDER(KEY, DIR) " LIMIT :limit", \
        "SELECT c.id, CASE WHEN :use_set = 0 THEN " CUSTOMER_HIT \
            " WHEN comptoir_in_set(:set, c.id) THEN " CUSTOMER_HIT " ELSE 0 END" CUSTOMER_FROM \
            " WHERE " CUSTOMER_KEYSET(KEY, OP) CUSTOMER_ORDER(KEY, DIR) " LIMIT :window" \
    }
/* clang-format on */
#define CUSTOMER_SORT_SQL(KEY, BY_ID)                                                                        \
    {                                                                                                        \
        CUSTOMER_SQL(KEY, BY_ID, ">", "ASC"), CUSTOMER_SQL(KEY, BY_ID, "<", "DESC")                          \
    }

/* [sort][descending]; e-mail is a NOCASE column already. The candidates of
 * a filter read their key from an index by id (0009_search.sql) when there
 * is one. */
static const struct db_page_sql customer_page_sql[4][2] = {
    [CUSTOMER_SORT_NAME] = CUSTOMER_SORT_SQL("c.name_key", " INDEXED BY customers_id_name_key"),
    [CUSTOMER_SORT_EMAIL] = CUSTOMER_SORT_SQL("c.email", ""),
    [CUSTOMER_SORT_CITY] = CUSTOMER_SORT_SQL("c.city_key", " INDEXED BY customers_id_city_key"),
    [CUSTOMER_SORT_ID] = CUSTOMER_SORT_SQL("c.id", ""),
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
    int rc = ERR_OK;
    if (c->loyalty_points > 0 && db->defer_openings) {
        if (db->openings_from == 0)
            db->openings_from = c->id;
        db->openings_to = c->id; /* rowids grow: the batch's customers are one range */
    } else if (c->loyalty_points > 0)
        rc = loyalty_store_opening(db, c->id, c->loyalty_points, now, e);
    if (rc != ERR_OK)
        return rc;
    memcpy(c->created_at, now, sizeof c->created_at);
    memcpy(c->updated_at, now, sizeof c->updated_at);
    const char *searched[] = {c->name, c->email, c->phone, c->city};
    return db_search_index_add(db, DB_SEARCH_CUSTOMERS, c->id, searched, e);
}

void customer_store_defer_openings(struct db *db, bool on)
{
    db->defer_openings = on;
    if (!on)
        db->openings_from = db->openings_to = 0; /* a batch that failed: its rows are rolled back */
}

int customer_store_openings_flush(struct db *db, struct err *e)
{
    int rc =
        db->openings_from > 0 ? loyalty_store_openings(db, db->openings_from, db->openings_to, e) : ERR_OK;
    db->openings_from = db->openings_to = 0;
    return rc;
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
    struct db_search_fields old;
    int rc = db_search_fields_read(db, DB_SEARCH_CUSTOMERS, c->id, &old, e);
    if (rc != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    customer_bind(s, c, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), c->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), c->version);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = customer_write_failed(db, c, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) == 0)
        return customer_not_saved(db, c, e);
    const char *searched[] = {c->name, c->email, c->phone, c->city};
    if ((rc = db_search_index_change(db, DB_SEARCH_CUSTOMERS, c->id, &old, searched, e)) != ERR_OK)
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

/* The searched fields of a row, in the index's order. */
static int customer_searched(const void *row, const char **fields)
{
    const struct customer *c = row;
    const char *all[] = {c->name, c->email, c->phone, c->city};
    memcpy(fields, all, sizeof all);
    return (int)(sizeof all / sizeof all[0]);
}

static void customer_row_cursor(const void *row, int sort, struct page_cursor *c)
{
    customer_store_cursor(row, sort, c);
}

static const struct db_page_kind customer_page_kind = {
    .size = sizeof(struct customer),
    .count = "SELECT count(*) FROM (SELECT 1 FROM customers_fts WHERE customers_fts MATCH :match LIMIT :cap)",
    .matches = "SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match",
    .row = customer_row,
    .get = customer_get_row,
    .searched = customer_searched,
    .cursor = customer_row_cursor,
    .listing = "listing customers",
};

int customer_store_page(struct db *db, const struct page_req *q, struct customer *rows, int *count,
                        struct err *e)
{
    *count = 0;
    if (q->sort < CUSTOMER_SORT_NAME || q->sort > CUSTOMER_SORT_ID)
        return err_set(e, ERR_INTERNAL, "sort", "unknown customer sort %d", q->sort);
    return db_page_rows(db, &customer_page_kind, q, customer_page_sql[q->sort], q->sort != CUSTOMER_SORT_ID,
                        rows, count, e);
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
