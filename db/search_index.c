/* Keeping the search indexes in step with their tables. The stores write
 * the index entries themselves, one single-row statement each, instead of
 * triggers: in SQLite 3.40 a statement that runs triggers opens a statement
 * savepoint, and FTS5 writes its pending entries to disk at every savepoint
 * — a new index segment for every row, and merges without end, which made an
 * import of a million customers 19 times slower than the table alone. */
#include <string.h>

#include "db/db_private.h"

/* Per index: the columns, in the order of the table's fields; statements
 * that add a row's entries, remove them, and read what a row holds now. */
struct search_index {
    const char *add, *remove, *read;
    int ncols;
};

/* clang-format off */
#define INDEX_SPEC(FTS, TABLE, COLS, PARAMS) \
    "INSERT INTO " FTS "(rowid, " COLS ") VALUES (?1, " PARAMS ")", \
    "INSERT INTO " FTS "(" FTS ", rowid, " COLS ") VALUES ('delete', ?1, " PARAMS ")", \
    "SELECT " COLS " FROM " TABLE " WHERE id = ?1"
static const struct search_index indexes[] = {
    [DB_SEARCH_ACCOUNTS] = {INDEX_SPEC("accounts_fts", "accounts", "code, name, email, phone, city",
                                       "?2, ?3, ?4, ?5, ?6"), 5},
    [DB_SEARCH_CONTACTS] = {INDEX_SPEC("contacts_fts", "contacts", "name, email, phone", "?2, ?3, ?4"), 3},
    [DB_SEARCH_CUSTOMERS] = {INDEX_SPEC("customers_fts", "customers", "name, email, phone, city",
                                        "?2, ?3, ?4, ?5"), 4},
    [DB_SEARCH_PRODUCTS] = {INDEX_SPEC("products_fts", "products", "sku, name, category", "?2, ?3, ?4"), 3},
};
/* clang-format on */

static int index_write(struct db *db, const char *sql, int64_t id, const char *const *fields, int n,
                       struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    for (int i = 0; i < n; i++)
        db_bind_text(s, i + 2, fields[i]);
    return db_step_done(db, s, sqlite3_step(s), e, "updating a search index");
}

int db_search_index_add(struct db *db, enum db_search_kind kind, int64_t id, const char *const *fields,
                        struct err *e)
{
    const struct search_index *x = &indexes[kind];
    return index_write(db, x->add, id, fields, x->ncols, e);
}

int db_search_fields_read(struct db *db, enum db_search_kind kind, int64_t id, struct db_search_fields *f,
                          struct err *e)
{
    const struct search_index *x = &indexes[kind];
    memset(f, 0, sizeof *f);
    DB_PREPARE_OR_RETURN(s, x->read);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        f->found = true;
        for (int i = 0; i < x->ncols; i++)
            db_column_copy(s, i, f->text[i], sizeof f->text[i]);
    }
    for (int i = 0; i < x->ncols; i++)
        f->fields[i] = f->text[i];
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK
                                                 : db_fail(db, e, "reading what a search index holds");
}

int db_search_index_remove(struct db *db, enum db_search_kind kind, int64_t id,
                           const struct db_search_fields *old, struct err *e)
{
    if (!old->found)
        return ERR_OK;
    const struct search_index *x = &indexes[kind];
    return index_write(db, x->remove, id, old->fields, x->ncols, e);
}

int db_search_index_change(struct db *db, enum db_search_kind kind, int64_t id,
                           const struct db_search_fields *old, const char *const *fields, struct err *e)
{
    const struct search_index *x = &indexes[kind];
    bool same = old->found;
    for (int i = 0; same && i < x->ncols; i++)
        same = strcmp(old->fields[i], fields[i]) == 0;
    if (same)
        return ERR_OK;
    int rc = db_search_index_remove(db, kind, id, old, e);
    return rc == ERR_OK ? index_write(db, x->add, id, fields, x->ncols, e) : rc;
}

int db_search_repair(struct db *db, struct err *e)
{
    static const char *const sql[] = {
        "INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild')",
        "INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')",
        "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')",
        "INSERT INTO products_fts(products_fts) VALUES ('rebuild')",
        "UPDATE accounts SET name_key = comptoir_sort_key(name), city_key = comptoir_sort_key(city)"
        " WHERE name_key <> comptoir_sort_key(name) OR city_key <> comptoir_sort_key(city)",
        "UPDATE customers SET name_key = comptoir_sort_key(name), city_key = comptoir_sort_key(city)"
        " WHERE name_key <> comptoir_sort_key(name) OR city_key <> comptoir_sort_key(city)",
        "UPDATE products SET name_key = comptoir_sort_key(name), category_key = comptoir_sort_key(category)"
        " WHERE name_key <> comptoir_sort_key(name) OR category_key <> comptoir_sort_key(category)",
    };
    int rc = db_begin(db, e);
    for (size_t i = 0; rc == ERR_OK && i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *s = db_stmt(db, sql[i], e);
        if (s == NULL)
            rc = e ? (int)e->code : ERR_INTERNAL;
        else
            rc = db_step_done(db, s, sqlite3_step(s), e, "repairing the search indexes");
    }
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}
