/* The catalogue: products (insert, update with optimistic locking, look-ups,
 * keyset-paged lists filtered in SQL) and the tax classes they refer to. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/product_store.h"
#include "src/base/datetime.h"

#define PRODUCT_COLUMNS                                                                                      \
    "p.id, p.sku, p.name, p.category, p.unit, p.list_price, p.tax_class, p.unit_cost, "                      \
    "p.stock_on_hand, p.stock_reserved, p.min_order_qty, p.pack_size, p.active, p.created_at, "              \
    "p.updated_at, p.version"
#define PRODUCT_FROM " FROM products p"
/* The statements of a page (struct db_page_sql): every row; the rows of the
 * search index checked by comptoir_hit; the walk's (id, hit). CASE, not
 * AND/OR: in a result column SQLite evaluates both sides of those. */
#define PRODUCT_HIT "comptoir_hit(:typed, p.sku, p.name, p.category)"
#define PRODUCT_KEYSET(KEY, OP) KEY " " OP "= :key AND (" KEY ", p.id) " OP " (:key, :id)"
#define PRODUCT_ORDER(KEY, DIR) " ORDER BY " KEY " " DIR ", p.id " DIR
/* clang-format off */
#define PRODUCT_SQL(KEY, OP, DIR) \
    { \
        "SELECT " PRODUCT_COLUMNS PRODUCT_FROM \
            " WHERE " PRODUCT_KEYSET(KEY, OP) PRODUCT_ORDER(KEY, DIR) " LIMIT :limit", \
        "SELECT p.id FROM products_fts f CROSS JOIN products p ON p.id = f.rowid" \
            " WHERE products_fts MATCH :match AND " PRODUCT_KEYSET(KEY, OP) PRODUCT_ORDER(KEY, DIR) \
            " LIMIT :limit", \
        "SELECT p.id FROM products_fts f CROSS JOIN products p ON p.id = f.rowid" \
            " WHERE products_fts MATCH :match AND " PRODUCT_KEYSET(KEY, OP) " AND " PRODUCT_HIT \
            PRODUCT_ORDER(KEY, DIR) " LIMIT :limit", \
        "SELECT p.id, CASE WHEN :use_set = 0 THEN " PRODUCT_HIT \
            " WHEN comptoir_in_set(:set, p.id) THEN " PRODUCT_HIT " ELSE 0 END" PRODUCT_FROM \
            " WHERE " PRODUCT_KEYSET(KEY, OP) PRODUCT_ORDER(KEY, DIR) " LIMIT :window" \
    }
/* clang-format on */
#define PRODUCT_SORT_SQL(KEY)                                                                                \
    {                                                                                                        \
        PRODUCT_SQL(KEY, ">", "ASC"), PRODUCT_SQL(KEY, "<", "DESC")                                          \
    }

/* [sort][descending]: every statement a literal, prepared once. */
static const struct db_page_sql product_page_sql[4][2] = {
    [PRODUCT_SORT_NAME] = PRODUCT_SORT_SQL("p.name_key"),
    [PRODUCT_SORT_SKU] = PRODUCT_SORT_SQL("p.sku COLLATE NOCASE"),
    [PRODUCT_SORT_CATEGORY] = PRODUCT_SORT_SQL("p.category_key"),
    [PRODUCT_SORT_PRICE] = PRODUCT_SORT_SQL("p.list_price"),
};

static void product_row(sqlite3_stmt *s, void *row)
{
    struct product *p = row;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, p->sku, sizeof p->sku);
    db_column_copy(s, 2, p->name, sizeof p->name);
    db_column_copy(s, 3, p->category, sizeof p->category);
    db_column_copy(s, 4, p->unit, sizeof p->unit);
    p->list_price = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, p->tax_class, sizeof p->tax_class);
    p->unit_cost = sqlite3_column_int64(s, 7);
    p->stock_on_hand = sqlite3_column_int64(s, 8);
    p->stock_reserved = sqlite3_column_int64(s, 9);
    p->min_order_qty = sqlite3_column_int64(s, 10);
    p->pack_size = sqlite3_column_int64(s, 11);
    p->active = sqlite3_column_int(s, 12) != 0;
    db_column_copy(s, 13, p->created_at, sizeof p->created_at);
    db_column_copy(s, 14, p->updated_at, sizeof p->updated_at);
    p->version = sqlite3_column_int64(s, 15);
}

/* Binds the editable columns by name, the time as :now and the sort keys of
 * the name and the category. */
static void product_bind(sqlite3_stmt *s, const struct product *p, const char *now)
{
    char key[sizeof p->name];
    db_bind_text(s, db_param(s, ":sku"), p->sku);
    db_bind_text(s, db_param(s, ":name"), p->name);
    db_bind_text(s, db_param(s, ":category"), p->category);
    db_bind_text(s, db_param(s, ":unit"), p->unit);
    sqlite3_bind_int64(s, db_param(s, ":list_price"), p->list_price);
    db_bind_text(s, db_param(s, ":tax_class"), p->tax_class);
    sqlite3_bind_int64(s, db_param(s, ":unit_cost"), p->unit_cost);
    sqlite3_bind_int64(s, db_param(s, ":stock_on_hand"), p->stock_on_hand);
    sqlite3_bind_int64(s, db_param(s, ":min_order_qty"), p->min_order_qty);
    sqlite3_bind_int64(s, db_param(s, ":pack_size"), p->pack_size);
    sqlite3_bind_int(s, db_param(s, ":active"), p->active ? 1 : 0);
    db_bind_text(s, db_param(s, ":now"), now);
    db_sort_key(p->name, key, sizeof key);
    db_bind_text(s, db_param(s, ":name_key"), key);
    db_sort_key(p->category, key, sizeof key);
    db_bind_text(s, db_param(s, ":category_key"), key);
}

static int product_write_failed(struct db *db, const struct product *p, struct err *e)
{
    int rc = sqlite3_extended_errcode(db->handle);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, ERR_EXISTS, "sku", "sku '%s' already exists", p->sku);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, ERR_INVALID, "tax_class", "tax_class: no tax class '%s'", p->tax_class);
    return db_fail(db, e, "saving the product");
}

int product_store_insert(struct db *db, struct product *p, struct err *e)
{
    static const char sql[] =
        "INSERT INTO products(sku, name, category, unit, list_price, tax_class, unit_cost, "
        "stock_on_hand, min_order_qty, pack_size, active, created_at, updated_at, "
        "stock_reserved, version, name_key, category_key) "
        "VALUES (:sku, :name, :category, :unit, :list_price, :tax_class, :unit_cost, :stock_on_hand, "
        ":min_order_qty, :pack_size, :active, :now, :now, :stock_reserved, 1, :name_key, :category_key)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    product_bind(s, p, now);
    sqlite3_bind_int64(s, db_param(s, ":stock_reserved"), p->stock_reserved);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = product_write_failed(db, p, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    p->id = sqlite3_last_insert_rowid(db->handle);
    p->version = 1;
    memcpy(p->created_at, now, sizeof p->created_at);
    memcpy(p->updated_at, now, sizeof p->updated_at);
    const char *searched[] = {p->sku, p->name, p->category};
    return db_search_index_add(db, DB_SEARCH_PRODUCTS, p->id, searched, e);
}

static int product_not_saved(struct db *db, const struct product *p, struct err *e)
{
    struct product cur;
    int rc = product_store_get(db, p->id, &cur, e);
    if (rc != ERR_OK)
        return rc;
    return err_set(e, ERR_CONFLICT, "version",
                   "product %s was changed by someone else since you opened it — reload", cur.sku);
}

/* stock_reserved is not written here: orders reserve and release stock with
 * their own conditional updates. */
int product_store_update(struct db *db, struct product *p, struct err *e)
{
    static const char sql[] =
        "UPDATE products SET sku = :sku, name = :name, category = :category, unit = :unit, "
        "list_price = :list_price, tax_class = :tax_class, unit_cost = :unit_cost, "
        "stock_on_hand = :stock_on_hand, min_order_qty = :min_order_qty, pack_size = :pack_size, "
        "active = :active, updated_at = :now, version = version + 1, name_key = :name_key, "
        "category_key = :category_key WHERE id = :id AND version = :version";
    struct db_search_fields old;
    int rc = db_search_fields_read(db, DB_SEARCH_PRODUCTS, p->id, &old, e);
    if (rc != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    product_bind(s, p, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), p->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), p->version);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = product_write_failed(db, p, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) == 0)
        return product_not_saved(db, p, e);
    const char *searched[] = {p->sku, p->name, p->category};
    if ((rc = db_search_index_change(db, DB_SEARCH_PRODUCTS, p->id, &old, searched, e)) != ERR_OK)
        return rc;
    p->version++;
    memcpy(p->updated_at, now, sizeof p->updated_at);
    return ERR_OK;
}

static int product_fetch_one(struct db *db, sqlite3_stmt *s, struct product *out, struct err *e,
                             const char *field, const char *what)
{
    const struct db_fetch_what w = {"product", field, what, "reading a product"};
    return db_fetch_one(db, s, product_row, out, e, &w);
}

int product_store_get(struct db *db, int64_t id, struct product *out, struct err *e)
{
    static const char sql[] = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM " WHERE p.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char what[40];
    snprintf(what, sizeof what, "with id %lld", (long long)id);
    return product_fetch_one(db, s, out, e, "id", what);
}

int product_store_find_sku(struct db *db, const char *sku, struct product *out, struct err *e)
{
    static const char sql[] = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM " WHERE p.sku = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, sku);
    char what[100];
    snprintf(what, sizeof what, "with sku '%.70s'", sku ? sku : "");
    return product_fetch_one(db, s, out, e, "sku", what);
}

/* The paging kind of products (db_page_rows): rows by id, page rows, the walk's statements. */
static int product_get_row(struct db *db, int64_t id, void *row, struct err *e)
{
    return product_store_get(db, id, row, e);
}

/* The searched fields of a row, in the index's order. */
static int product_searched(const void *row, const char **fields)
{
    const struct product *p = row;
    const char *all[] = {p->sku, p->name, p->category};
    memcpy(fields, all, sizeof all);
    return (int)(sizeof all / sizeof all[0]);
}

static void product_row_cursor(const void *row, int sort, struct page_cursor *c)
{
    product_store_cursor(row, sort, c);
}

static const struct db_page_kind product_page_kind = {
    .size = sizeof(struct product),
    .count = "SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH :match LIMIT :cap)",
    .matches = "SELECT rowid FROM products_fts WHERE products_fts MATCH :match",
    .row = product_row,
    .get = product_get_row,
    .searched = product_searched,
    .cursor = product_row_cursor,
    .listing = "listing products",
};

int product_store_page(struct db *db, const struct page_req *q, struct product *rows, int *count,
                       struct err *e)
{
    *count = 0;
    if (q->sort < PRODUCT_SORT_NAME || q->sort > PRODUCT_SORT_PRICE)
        return err_set(e, ERR_INTERNAL, "sort", "unknown product sort %d", q->sort);
    return db_page_rows(db, &product_page_kind, q, product_page_sql[q->sort], q->sort != PRODUCT_SORT_PRICE,
                        rows, count, e);
}

void product_store_cursor(const struct product *p, int sort, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    if (sort == PRODUCT_SORT_SKU)
        snprintf(c->text, sizeof c->text, "%s", p->sku);
    else
        db_sort_key(sort == PRODUCT_SORT_CATEGORY ? p->category : p->name, c->text, sizeof c->text);
    c->num = p->list_price;
    c->id = p->id;
}

/* --------------------------------------------------------- tax classes */

static void tax_row(sqlite3_stmt *s, void *row)
{
    struct tax_class *t = row;
    memset(t, 0, sizeof *t);
    db_column_copy(s, 0, t->code, sizeof t->code);
    db_column_copy(s, 1, t->name, sizeof t->name);
    t->rate_bp = sqlite3_column_int(s, 2);
}

int tax_store_get(struct db *db, const char *code, struct tax_class *out, struct err *e)
{
    static const char sql[] = "SELECT code, name, rate_bp FROM tax_classes WHERE code = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, code);
    int rc = sqlite3_step(s);
    int r = ERR_OK;
    if (rc == SQLITE_ROW)
        tax_row(s, out);
    else if (rc == SQLITE_DONE)
        r = err_set(e, ERR_NOTFOUND, "tax_class", "no tax class '%.40s'", code ? code : "");
    else
        r = db_fail(db, e, "reading a tax class");
    sqlite3_reset(s);
    return r;
}

#define TAX_PAGE "SELECT code, name, rate_bp FROM tax_classes WHERE (:after = 0 OR (code, rowid) "

static const struct db_list_spec tax_classes = {
    TAX_PAGE "> (:key, :id)) ORDER BY code",
    TAX_PAGE "< (:key, :id)) ORDER BY code DESC",
    sizeof(struct tax_class),
    tax_row,
    true,
    "listing tax classes",
};

int tax_store_list(struct db *db, struct rows *out, struct err *e)
{
    return db_list_read(db, &tax_classes, 0, NULL, out, e);
}