/* The pricing data: price lists and their items, account links, contract
 * prices, volume tiers and floors; and the loader that gathers an account's
 * pricing inputs for a set of products in a handful of queries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/pricing_store.h"
#include "src/base/datetime.h"

void pricing_inputs_free(struct pricing_inputs *in)
{
    if (in == NULL)
        return;
    free(in->products);
    free(in->items);
    free(in->contracts);
    free(in->tiers);
    free(in->floors);
    memset(in, 0, sizeof *in);
}

/* Grows *arr so that index n fits; aborts when memory runs out, as xmalloc does. */
static void *grow(void *arr, int *cap, int n, size_t size)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 16;
    void *p = realloc(arr, (size_t)*cap * size);
    if (p == NULL) {
        fputs("comptoir: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* The product ids as a JSON array, bound as one value and read with json_each. */
static char *ids_json(const int64_t *ids, int n)
{
    size_t cap = (size_t)n * 21 + 3, used = 0;
    char *out = malloc(cap);
    if (out == NULL) {
        fputs("comptoir: out of memory\n", stderr);
        abort();
    }
    out[used++] = '[';
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%lld", i ? "," : "", (long long)ids[i]);
    snprintf(out + used, cap - used, "]");
    return out;
}

/* Appends every row of s to arr (n rows so far, capacity *cap) and hands back
 * the grown array; *rc receives the result of the last step. */
static void *rows_load(sqlite3_stmt *s, db_row_reader *read, size_t size, void *arr, int *n, int *cap,
                       int *rc)
{
    while ((*rc = sqlite3_step(s)) == SQLITE_ROW) {
        arr = grow(arr, cap, *n, size);
        read(s, (char *)arr + (size_t)(*n)++ * size);
    }
    return arr;
}

/* Steps an upsert ... RETURNING id: a row gives *id, then the statement must be done. */
static int step_returning_id(struct db *db, sqlite3_stmt *s, int64_t *id, struct err *e, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, what);
}

/* ------------------------------------------------------------ the loader */

static void product_from_row(sqlite3_stmt *s, void *row)
{
    struct pricing_product *p = row;
    memset(p, 0, sizeof *p);
    p->product_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, p->sku, sizeof p->sku);
    db_column_copy(s, 2, p->name, sizeof p->name);
    db_column_copy(s, 3, p->category, sizeof p->category);
    p->list_price = sqlite3_column_int64(s, 4);
    p->unit_cost = sqlite3_column_int64(s, 5);
    p->min_order_qty = sqlite3_column_int64(s, 6);
    p->pack_size = sqlite3_column_int64(s, 7);
    db_column_copy(s, 8, p->tax_class, sizeof p->tax_class);
    p->tax_rate_bp = sqlite3_column_int(s, 9);
    p->active = sqlite3_column_int(s, 10) != 0;
}

static int load_products(struct db *db, const char *ids, struct pricing_inputs *in, struct err *e)
{
    static const char sql[] =
        "SELECT p.id, p.sku, p.name, p.category, p.list_price, p.unit_cost, p.min_order_qty, p.pack_size, "
        "p.tax_class, coalesce(t.rate_bp, 0), p.active FROM products p "
        "LEFT JOIN tax_classes t ON t.code = p.tax_class "
        "WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.id";
    int rc, cap = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, ids);
    in->products =
        rows_load(s, product_from_row, sizeof *in->products, in->products, &in->nproducts, &cap, &rc);
    return db_step_done(db, s, rc, e, "loading products for pricing");
}

static void item_from_row(sqlite3_stmt *s, void *row)
{
    struct price_list_item *it = row;
    memset(it, 0, sizeof *it);
    it->product_id = sqlite3_column_int64(s, 0);
    it->price = sqlite3_column_int64(s, 1);
}

static int load_items(struct db *db, const char *ids, struct pricing_inputs *in, struct err *e)
{
    static const char sql[] = "SELECT product_id, price FROM price_list_items WHERE price_list_id = ? "
                              "AND product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id";
    int rc, cap = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, in->list.id);
    db_bind_text(s, 2, ids);
    in->items = rows_load(s, item_from_row, sizeof *in->items, in->items, &in->nitems, &cap, &rc);
    for (int i = 0; i < in->nitems; i++) { /* every item is of the account's list */
        in->items[i].price_list_id = in->list.id;
        snprintf(in->items[i].price_list_code, sizeof in->items[i].price_list_code, "%s", in->list.code);
    }
    return db_step_done(db, s, rc, e, "loading price list items");
}

static void contract_load_row(sqlite3_stmt *s, void *row)
{
    struct contract_price *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->product_id = sqlite3_column_int64(s, 1);
    c->price = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, c->valid_from, sizeof c->valid_from);
    db_column_copy(s, 4, c->valid_to, sizeof c->valid_to);
}

static int load_contracts(struct db *db, const char *ids, const char *date, struct pricing_inputs *in,
                          struct err *e)
{
    static const char sql[] =
        "SELECT id, product_id, price, valid_from, valid_to FROM contract_prices WHERE account_id = ? "
        "AND product_id IN (SELECT value FROM json_each(?)) AND (valid_from = '' OR valid_from <= ?) "
        "AND (valid_to = '' OR valid_to >= ?) ORDER BY product_id, valid_from";
    int rc, cap = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, in->account_id);
    db_bind_text(s, 2, ids);
    db_bind_text(s, 3, date);
    db_bind_text(s, 4, date);
    in->contracts =
        rows_load(s, contract_load_row, sizeof *in->contracts, in->contracts, &in->ncontracts, &cap, &rc);
    for (int i = 0; i < in->ncontracts; i++)
        in->contracts[i].account_id = in->account_id;
    return db_step_done(db, s, rc, e, "loading contract prices");
}

static void tier_from_row(sqlite3_stmt *s, void *row)
{
    struct volume_tier *t = row;
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(s, 0);
    t->product_id = sqlite3_column_int64(s, 1);
    t->price_list_id = sqlite3_column_int64(s, 2);
    t->min_qty = sqlite3_column_int64(s, 3);
    t->price = sqlite3_column_int64(s, 4);
    t->discount_bp = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, t->sku, sizeof t->sku);
    db_column_copy(s, 7, t->price_list_code, sizeof t->price_list_code);
}

#define TIER_COLUMNS                                                                                         \
    "t.id, coalesce(t.product_id, 0), coalesce(t.price_list_id, 0), t.min_qty, t.price, t.discount_bp, "     \
    "coalesce(p.sku, ''), coalesce(l.code, '') FROM volume_tiers t "                                         \
    "LEFT JOIN products p ON p.id = t.product_id LEFT JOIN price_lists l ON l.id = t.price_list_id "

static int load_tiers(struct db *db, const char *ids, struct pricing_inputs *in, struct err *e)
{
    static const char sql[] =
        "SELECT " TIER_COLUMNS "WHERE (t.product_id IN (SELECT value FROM json_each(?1)) "
        "AND (t.price_list_id IS NULL OR t.price_list_id = ?2)) "
        "OR (t.product_id IS NULL AND t.price_list_id = ?2) ORDER BY coalesce(t.product_id, 0), t.min_qty";
    int rc, cap = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, ids);
    sqlite3_bind_int64(s, 2, in->has_list ? in->list.id : -1);
    in->tiers = rows_load(s, tier_from_row, sizeof *in->tiers, in->tiers, &in->ntiers, &cap, &rc);
    return db_step_done(db, s, rc, e, "loading volume tiers");
}

static void floor_from_row(sqlite3_stmt *s, void *row)
{
    struct price_floor *f = row;
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(s, 0);
    f->product_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, f->category, sizeof f->category);
    f->min_price = sqlite3_column_int64(s, 3);
    f->min_margin_bp = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, f->sku, sizeof f->sku);
}

#define FLOOR_COLUMNS                                                                                        \
    "f.id, coalesce(f.product_id, 0), coalesce(f.category, ''), f.min_price, "                               \
    "coalesce(f.min_margin_bp, -1), coalesce(p.sku, '') "                                                    \
    "FROM price_floors f LEFT JOIN products p ON p.id = f.product_id "

static int load_floors(struct db *db, const char *ids, struct pricing_inputs *in, struct err *e)
{
    static const char sql[] =
        "SELECT " FLOOR_COLUMNS "WHERE f.product_id IN (SELECT value FROM json_each(?1)) "
        "OR f.category IN (SELECT category FROM products WHERE id IN (SELECT value FROM json_each(?1))) "
        "ORDER BY coalesce(f.product_id, 0)";
    int rc, cap = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, ids);
    in->floors = rows_load(s, floor_from_row, sizeof *in->floors, in->floors, &in->nfloors, &cap, &rc);
    return db_step_done(db, s, rc, e, "loading price floors");
}

int pricing_store_load(struct db *db, int64_t account_id, const int64_t *product_ids, int n, const char *date,
                       struct pricing_inputs *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    out->account_id = account_id;
    int rc = price_list_store_for_account(db, account_id, &out->list, &out->list_from_tier, e);
    if (rc == ERR_OK)
        out->has_list = true;
    else if (rc != ERR_NOTFOUND)
        return rc;
    char *ids = ids_json(product_ids, n);
    rc = load_products(db, ids, out, e);
    if (rc == ERR_OK && out->has_list)
        rc = load_items(db, ids, out, e);
    if (rc == ERR_OK)
        rc = load_contracts(db, ids, date, out, e);
    if (rc == ERR_OK)
        rc = load_tiers(db, ids, out, e);
    if (rc == ERR_OK)
        rc = load_floors(db, ids, out, e);
    free(ids);
    if (rc != ERR_OK)
        pricing_inputs_free(out);
    return rc;
}

/* ----------------------------------------------------------- price lists */

#define LIST_COLUMNS "pl.id, pl.code, pl.name, coalesce(pl.tier, ''), pl.discount_bp, pl.version"

static void list_from_row(sqlite3_stmt *s, void *row)
{
    struct price_list *pl = row;
    memset(pl, 0, sizeof *pl);
    pl->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, pl->code, sizeof pl->code);
    db_column_copy(s, 2, pl->name, sizeof pl->name);
    db_column_copy(s, 3, pl->tier, sizeof pl->tier);
    pl->discount_bp = sqlite3_column_int64(s, 4);
    pl->version = sqlite3_column_int64(s, 5);
}

int price_list_store_for_account(struct db *db, int64_t account_id, struct price_list *out, bool *from_tier,
                                 struct err *e)
{
    static const char sql[] =
        "SELECT " LIST_COLUMNS ", 0 AS via FROM account_price_lists a JOIN price_lists pl "
        "ON pl.id = a.price_list_id WHERE a.account_id = ?1 "
        "UNION ALL SELECT " LIST_COLUMNS ", 1 AS via FROM accounts a JOIN price_lists pl ON pl.tier = a.tier "
        "WHERE a.id = ?1 AND a.tier <> '' ORDER BY via LIMIT 1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, account_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        list_from_row(s, out);
        if (from_tier)
            *from_tier = sqlite3_column_int(s, 6) != 0;
        sqlite3_reset(s);
        return ERR_OK;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ERR_NOTFOUND : db_fail(db, e, "reading an account's price list");
}

/* Binds by name what insert and update both write of a price list. */
static void price_list_bind(sqlite3_stmt *s, const struct price_list *pl, const char *now)
{
    db_bind_text(s, db_param(s, ":name"), pl->name);
    db_bind_text_or_null(s, db_param(s, ":tier"), pl->tier);
    sqlite3_bind_int64(s, db_param(s, ":discount_bp"), pl->discount_bp);
    db_bind_text(s, db_param(s, ":now"), now);
}

int price_list_store_insert(struct db *db, struct price_list *pl, struct err *e)
{
    static const char sql[] =
        "INSERT INTO price_lists(code, name, tier, discount_bp, created_at, updated_at) "
        "VALUES (:code, :name, :tier, :discount_bp, :now, :now)";
    char now[32];
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(now);
    db_bind_text(s, db_param(s, ":code"), pl->code);
    price_list_bind(s, pl, now);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        rc = db_fail(db, e, "adding a price list");
        if (rc == ERR_EXISTS)
            err_set(e, ERR_EXISTS, "code", "price list '%s' (or its tier '%s') already exists", pl->code,
                    pl->tier);
        return rc;
    }
    pl->id = sqlite3_last_insert_rowid(db->handle);
    pl->version = 1;
    return ERR_OK;
}

int price_list_store_update(struct db *db, struct price_list *pl, struct err *e)
{
    static const char sql[] =
        "UPDATE price_lists SET name = :name, tier = :tier, discount_bp = :discount_bp, "
        "updated_at = :now, version = version + 1 WHERE id = :id AND version = :version";
    char now[32];
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(now);
    price_list_bind(s, pl, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), pl->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), pl->version);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "saving a price list");
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_CONFLICT, NULL, "price list %s was changed by someone else — reload", pl->code);
    pl->version++;
    return ERR_OK;
}

int price_list_store_find_code(struct db *db, const char *code, struct price_list *out, struct err *e)
{
    static const char sql[] = "SELECT " LIST_COLUMNS " FROM price_lists pl WHERE pl.code = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, code);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        list_from_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "price_list", "no price list '%s'", code);
    return db_fail(db, e, "reading a price list");
}

#define PRICE_LIST_PAGE "SELECT " LIST_COLUMNS " FROM price_lists pl WHERE (:after = 0 OR (pl.code, pl.id) "

static const struct db_list_spec price_lists = {
    PRICE_LIST_PAGE "> (:key, :id)) ORDER BY pl.code, pl.id",
    PRICE_LIST_PAGE "< (:key, :id)) ORDER BY pl.code DESC, pl.id DESC",
    sizeof(struct price_list),
    list_from_row,
    true,
    "listing price lists",
};

int price_list_store_list(struct db *db, struct rows *out, struct err *e)
{
    return db_list_read(db, &price_lists, 0, NULL, out, e);
}
int price_list_store_set_item(struct db *db, int64_t price_list_id, int64_t product_id, int64_t price,
                              struct err *e)
{
    static const char sql[] =
        "INSERT INTO price_list_items(price_list_id, product_id, price) VALUES (?, ?, ?) "
        "ON CONFLICT(price_list_id, product_id) DO UPDATE SET price = excluded.price";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, price_list_id);
    sqlite3_bind_int64(s, 2, product_id);
    sqlite3_bind_int64(s, 3, price);
    return db_step_done(db, s, sqlite3_step(s), e, "saving a price list item");
}

int price_list_store_assign(struct db *db, int64_t account_id, int64_t price_list_id, struct err *e)
{
    static const char set[] = "INSERT INTO account_price_lists(account_id, price_list_id) VALUES (?, ?) "
                              "ON CONFLICT(account_id) DO UPDATE SET price_list_id = excluded.price_list_id";
    static const char unset[] = "DELETE FROM account_price_lists WHERE account_id = ?";
    DB_PREPARE_OR_RETURN(s, price_list_id > 0 ? set : unset);
    sqlite3_bind_int64(s, 1, account_id);
    if (price_list_id > 0)
        sqlite3_bind_int64(s, 2, price_list_id);
    return db_step_done(db, s, sqlite3_step(s), e, "assigning a price list");
}

/* ------------------------------------------- contracts, tiers and floors */

int contract_price_store_insert(struct db *db, struct contract_price *c, struct err *e)
{
    static const char sql[] =
        "INSERT INTO contract_prices(account_id, product_id, price, valid_from, valid_to, created_at) "
        "VALUES (:account_id, :product_id, :price, :valid_from, :valid_to, :now) "
        "ON CONFLICT(account_id, product_id, valid_from) "
        "DO UPDATE SET price = excluded.price, valid_to = excluded.valid_to RETURNING id";
    char now[32];
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(now);
    sqlite3_bind_int64(s, db_param(s, ":account_id"), c->account_id);
    sqlite3_bind_int64(s, db_param(s, ":product_id"), c->product_id);
    sqlite3_bind_int64(s, db_param(s, ":price"), c->price);
    db_bind_text(s, db_param(s, ":valid_from"), c->valid_from);
    db_bind_text(s, db_param(s, ":valid_to"), c->valid_to);
    db_bind_text(s, db_param(s, ":now"), now);
    return step_returning_id(db, s, &c->id, e, "saving a contract price");
}

#define CONTRACT_COLUMNS                                                                                     \
    "c.id, c.account_id, a.code, c.product_id, p.sku, c.price, c.valid_from, c.valid_to "                    \
    "FROM contract_prices c JOIN accounts a ON a.id = c.account_id JOIN products p ON p.id = c.product_id "

static void contract_from_row(sqlite3_stmt *s, void *row)
{
    struct contract_price *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->account_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, c->account_code, sizeof c->account_code);
    c->product_id = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, c->sku, sizeof c->sku);
    c->price = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, c->valid_from, sizeof c->valid_from);
    db_column_copy(s, 7, c->valid_to, sizeof c->valid_to);
}

/* (SKU, valid from) as one key: the separator sorts below every character a SKU may hold. */
#define CONTRACT_KEY "p.sku || char(31) || c.valid_from"
#define CONTRACT_LIST                                                                                        \
    "SELECT " CONTRACT_COLUMNS "WHERE c.account_id = :parent AND (:after = 0 OR (" CONTRACT_KEY ", c.id) "

static const struct db_list_spec contracts_of_account = {
    CONTRACT_LIST "> (:key, :id)) ORDER BY " CONTRACT_KEY ", c.id",
    CONTRACT_LIST "< (:key, :id)) ORDER BY " CONTRACT_KEY " DESC, c.id DESC",
    sizeof(struct contract_price),
    contract_from_row,
    true,
    "listing contract prices",
};

int contract_price_store_list(struct db *db, int64_t account_id, const struct page_req *q, struct rows *out,
                              struct err *e)
{
    return db_list_read(db, &contracts_of_account, account_id, q, out, e);
}

void contract_price_store_cursor(const struct contract_price *c, struct page_cursor *cur)
{
    memset(cur, 0, sizeof *cur);
    snprintf(cur->text, sizeof cur->text, "%s\x1f%s", c->sku, c->valid_from);
    cur->id = c->id;
}

int contract_price_store_page(struct db *db, int64_t after_id, struct contract_price *rows, int max,
                              int *count, struct err *e)
{
    static const char sql[] = "SELECT " CONTRACT_COLUMNS "WHERE c.id > ? ORDER BY c.id LIMIT ?";
    return db_page_after_id(db, sql, after_id, max, contract_from_row, rows, sizeof *rows, count, e,
                            "listing contract prices");
}

int volume_tier_store_insert(struct db *db, struct volume_tier *t, struct err *e)
{
    /* a tier at the same break for the same product and list replaces the one before */
    static const char sql[] =
        "INSERT INTO volume_tiers(product_id, price_list_id, min_qty, price, discount_bp) "
        "VALUES (:product_id, :price_list_id, :min_qty, :price, :discount_bp) "
        "ON CONFLICT(coalesce(product_id, 0), coalesce(price_list_id, 0), min_qty) "
        "DO UPDATE SET price = excluded.price, discount_bp = excluded.discount_bp RETURNING id";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_id_or_null(s, db_param(s, ":product_id"), t->product_id);
    db_bind_id_or_null(s, db_param(s, ":price_list_id"), t->price_list_id);
    sqlite3_bind_int64(s, db_param(s, ":min_qty"), t->min_qty);
    sqlite3_bind_int64(s, db_param(s, ":price"), t->price);
    sqlite3_bind_int64(s, db_param(s, ":discount_bp"), t->discount_bp);
    return step_returning_id(db, s, &t->id, e, "saving a volume tier");
}

int volume_tier_store_page(struct db *db, int64_t after_id, struct volume_tier *rows, int max, int *count,
                           struct err *e)
{
    static const char sql[] = "SELECT " TIER_COLUMNS "WHERE t.id > ? ORDER BY t.id LIMIT ?";
    return db_page_after_id(db, sql, after_id, max, tier_from_row, rows, sizeof *rows, count, e,
                            "listing volume tiers");
}

int price_floor_store_insert(struct db *db, struct price_floor *f, struct err *e)
{
    static const char sql[] = "INSERT INTO price_floors(product_id, category, min_price, min_margin_bp) "
                              "VALUES (?, ?, ?, ?)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_id_or_null(s, 1, f->product_id);
    if (f->product_id > 0)
        sqlite3_bind_null(s, 2);
    else
        db_bind_text(s, 2, f->category);
    sqlite3_bind_int64(s, 3, f->min_price);
    if (f->min_margin_bp < 0)
        sqlite3_bind_null(s, 4);
    else
        sqlite3_bind_int64(s, 4, f->min_margin_bp);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "adding a price floor");
    if (rc == ERR_OK)
        f->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int price_floor_store_page(struct db *db, int64_t after_id, struct price_floor *rows, int max, int *count,
                           struct err *e)
{
    static const char sql[] = "SELECT " FLOOR_COLUMNS "WHERE f.id > ? ORDER BY f.id LIMIT ?";
    return db_page_after_id(db, sql, after_id, max, floor_from_row, rows, sizeof *rows, count, e,
                            "listing price floors");
}

static void list_item_from_row(sqlite3_stmt *s, void *row)
{
    struct price_list_item *it = row;
    memset(it, 0, sizeof *it);
    it->price_list_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, it->price_list_code, sizeof it->price_list_code);
    it->product_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, it->sku, sizeof it->sku);
    it->price = sqlite3_column_int64(s, 4);
}

/* A list's items by SKU, after the SKU given: an export's order does not
 * depend on ids, so it survives a round trip into another database. */
int price_list_item_store_page(struct db *db, int64_t price_list_id, const char *after_sku,
                               struct price_list_item *rows, int max, int *count, struct err *e)
{
    static const char sql[] =
        "SELECT i.price_list_id, l.code, i.product_id, p.sku, i.price FROM price_list_items i "
        "JOIN price_lists l ON l.id = i.price_list_id JOIN products p ON p.id = i.product_id "
        "WHERE i.price_list_id = ? AND p.sku > ? ORDER BY p.sku LIMIT ?";
    sqlite3_stmt *s = db_stmt(db, sql, e);
    *count = 0;
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    sqlite3_bind_int64(s, 1, price_list_id);
    db_bind_text(s, 2, after_sku);
    sqlite3_bind_int(s, 3, max);
    return db_read_rows(db, s, list_item_from_row, rows, sizeof *rows, count, e, "listing price list items");
}

static void account_list_from_row(sqlite3_stmt *s, void *row)
{
    struct account_price_list *r = row;
    memset(r, 0, sizeof *r);
    r->account_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, r->account_code, sizeof r->account_code);
    r->price_list_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, r->price_list_code, sizeof r->price_list_code);
}

int account_price_list_store_page(struct db *db, const char *after_code, struct account_price_list *rows,
                                  int max, int *count, struct err *e)
{
    static const char sql[] =
        "SELECT ap.account_id, a.code, ap.price_list_id, l.code FROM account_price_lists ap "
        "JOIN accounts a ON a.id = ap.account_id JOIN price_lists l ON l.id = ap.price_list_id "
        "WHERE a.code > ? ORDER BY a.code LIMIT ?";
    sqlite3_stmt *s = db_stmt(db, sql, e);
    *count = 0;
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, 1, after_code);
    sqlite3_bind_int(s, 2, max);
    return db_read_rows(db, s, account_list_from_row, rows, sizeof *rows, count, e,
                        "listing account price lists");
}

int price_floor_store_set(struct db *db, struct price_floor *f, struct err *e)
{
    static const char by_product[] =
        "INSERT INTO price_floors(product_id, category, min_price, min_margin_bp) VALUES (?, NULL, ?, ?) "
        "ON CONFLICT(product_id) DO UPDATE SET min_price = excluded.min_price, "
        "min_margin_bp = excluded.min_margin_bp RETURNING id";
    static const char by_category[] =
        "INSERT INTO price_floors(product_id, category, min_price, min_margin_bp) VALUES (NULL, ?, ?, ?) "
        "ON CONFLICT(category) DO UPDATE SET min_price = excluded.min_price, "
        "min_margin_bp = excluded.min_margin_bp RETURNING id";
    DB_PREPARE_OR_RETURN(s, f->product_id > 0 ? by_product : by_category);
    if (f->product_id > 0)
        sqlite3_bind_int64(s, 1, f->product_id);
    else
        db_bind_text(s, 1, f->category);
    sqlite3_bind_int64(s, 2, f->min_price);
    if (f->min_margin_bp < 0)
        sqlite3_bind_null(s, 3);
    else
        sqlite3_bind_int64(s, 3, f->min_margin_bp);
    return step_returning_id(db, s, &f->id, e, "saving a price floor");
}
