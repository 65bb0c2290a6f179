/* The accounts (B2B companies) and their contacts: insert, update with
 * optimistic locking, look-ups, and keyset-paged lists filtered in SQL. */
#include <stdio.h>
#include <string.h>

#include "db/account_store.h"
#include "db/db_private.h"
#include "src/base/datetime.h"

/* ------------------------------------------------------------ accounts */

#define ACCOUNT_COLUMNS                                                                                      \
    "a.id, a.code, a.name, a.vat_number, a.email, a.phone, a.billing_address, "                              \
    "a.shipping_address, a.city, a.country, a.payment_terms_days, a.credit_limit, "                          \
    "a.open_balance, a.rep_id, COALESCE(u.login, ''), a.tier, a.notes, a.created_at, "                       \
    "a.updated_at, a.version"
#define ACCOUNT_FROM " FROM accounts a LEFT JOIN users u ON u.id = a.rep_id"
#define ACCOUNT_FROM_FTS                                                                                     \
    " FROM accounts_fts f JOIN accounts a ON a.id = f.rowid LEFT JOIN users u ON u.id = a.rep_id"
#define ACCOUNT_WHERE_NONE " WHERE 1"
#define ACCOUNT_WHERE_PREFIX " WHERE (a.name LIKE :pattern ESCAPE '\\' OR a.code LIKE :pattern ESCAPE '\\')"
#define ACCOUNT_WHERE_FTS " WHERE accounts_fts MATCH :pattern"
#define ACCOUNT_OWNER " AND (:owner = 0 OR a.rep_id = :owner)"

#define ACCOUNT_PAGE(FROM, WHERE, KEY, OP, DIR)                                                              \
    "SELECT " ACCOUNT_COLUMNS FROM WHERE ACCOUNT_OWNER " AND " KEY " " OP "= :key AND (" KEY ", a.id) " OP   \
    " (:key, :id) ORDER BY " KEY " " DIR ", a.id " DIR " LIMIT :limit"
#define ACCOUNT_PAGE_DIR(KEY, OP, DIR)                                                                       \
    {                                                                                                        \
        ACCOUNT_PAGE(ACCOUNT_FROM, ACCOUNT_WHERE_NONE, KEY, OP, DIR),                                        \
            ACCOUNT_PAGE(ACCOUNT_FROM, ACCOUNT_WHERE_PREFIX, KEY, OP, DIR),                                  \
            ACCOUNT_PAGE(ACCOUNT_FROM_FTS, ACCOUNT_WHERE_FTS, KEY, OP, DIR)                                  \
    }
#define ACCOUNT_PAGE_SORT(KEY)                                                                               \
    {                                                                                                        \
        ACCOUNT_PAGE_DIR(KEY, ">", "ASC"), ACCOUNT_PAGE_DIR(KEY, "<", "DESC")                                \
    }

/* The bounded walks of a trigram filter (db_page_walk): (id, hit) in sort
 * order. CASE, not AND/OR: in a result column SQLite evaluates both sides. */
#define ACCOUNT_HIT_LIKE                                                                                     \
    "CASE WHEN :owner <> 0 AND a.rep_id IS NOT :owner THEN 0"                                                \
    " WHEN a.code LIKE :like ESCAPE '\\' OR a.name LIKE :like ESCAPE '\\'"                                   \
    " OR a.email LIKE :like ESCAPE '\\' OR a.phone LIKE :like ESCAPE '\\' THEN 1"                            \
    " WHEN ifnull(a.code, '') || ifnull(a.name, '') || ifnull(a.email, '') || ifnull(a.phone, '') "          \
    "GLOB " DB_GLOB_FOLDS_TO_ASCII                                                                           \
    " THEN EXISTS (SELECT 1 FROM accounts_fts WHERE accounts_fts MATCH :pattern AND rowid = a.id) ELSE 0 END"
#define ACCOUNT_HIT_SET "CASE WHEN :owner <> 0 AND a.rep_id IS NOT :owner THEN 0 ELSE 1 END"
#define ACCOUNT_FEW                                                                                          \
    "SELECT count(*) FROM (SELECT 1 FROM accounts_fts WHERE accounts_fts MATCH :pattern LIMIT :cap)"
#define ACCOUNT_WALK(HIT, KEY, OP, DIR)                                                                      \
    "SELECT a.id, " HIT " FROM accounts a WHERE " KEY " " OP "= :key AND (" KEY ", a.id) " OP " (:key, :id)" \
    " ORDER BY " KEY " " DIR ", a.id " DIR " LIMIT :window"
#define ACCOUNT_WALK_DIR(KEY, OP, DIR)                                                                       \
    {                                                                                                        \
        ACCOUNT_WALK(ACCOUNT_HIT_LIKE, KEY, OP, DIR), ACCOUNT_WALK(ACCOUNT_HIT_SET, KEY, OP, DIR)            \
    }
#define ACCOUNT_WALK_SORT(KEY)                                                                               \
    {                                                                                                        \
        ACCOUNT_WALK_DIR(KEY, ">", "ASC"), ACCOUNT_WALK_DIR(KEY, "<", "DESC")                                \
    }

/* [sort][descending][walk tier] */
static const char *const account_walk_sql[4][2][DB_WALK_TIERS] = {
    [ACCOUNT_SORT_NAME] = ACCOUNT_WALK_SORT("a.name_key"),
    [ACCOUNT_SORT_CODE] = ACCOUNT_WALK_SORT("a.code COLLATE NOCASE"),
    [ACCOUNT_SORT_CITY] = ACCOUNT_WALK_SORT("a.city_key"),
    [ACCOUNT_SORT_BALANCE] = ACCOUNT_WALK_SORT("a.open_balance"),
};

/* [sort][descending][filter mode]: every statement a literal, prepared once. */
static const char *const account_page_sql[4][2][3] = {
    [ACCOUNT_SORT_NAME] = ACCOUNT_PAGE_SORT("a.name_key"),
    [ACCOUNT_SORT_CODE] = ACCOUNT_PAGE_SORT("a.code COLLATE NOCASE"),
    [ACCOUNT_SORT_CITY] = ACCOUNT_PAGE_SORT("a.city_key"),
    [ACCOUNT_SORT_BALANCE] = ACCOUNT_PAGE_SORT("a.open_balance"),
};

static const char *const account_count_sql[3] = {
    "SELECT count(*)" ACCOUNT_FROM ACCOUNT_WHERE_NONE ACCOUNT_OWNER,
    "SELECT count(*)" ACCOUNT_FROM ACCOUNT_WHERE_PREFIX ACCOUNT_OWNER,
    "SELECT count(*)" ACCOUNT_FROM_FTS ACCOUNT_WHERE_FTS ACCOUNT_OWNER,
};

static void account_row(sqlite3_stmt *s, void *row)
{
    struct account *a = row;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, a->code, sizeof a->code);
    db_column_copy(s, 2, a->name, sizeof a->name);
    db_column_copy(s, 3, a->vat_number, sizeof a->vat_number);
    db_column_copy(s, 4, a->email, sizeof a->email);
    db_column_copy(s, 5, a->phone, sizeof a->phone);
    db_column_copy(s, 6, a->billing_address, sizeof a->billing_address);
    db_column_copy(s, 7, a->shipping_address, sizeof a->shipping_address);
    db_column_copy(s, 8, a->city, sizeof a->city);
    db_column_copy(s, 9, a->country, sizeof a->country);
    a->payment_terms_days = sqlite3_column_int(s, 10);
    a->credit_limit = sqlite3_column_int64(s, 11);
    a->open_balance = sqlite3_column_int64(s, 12);
    a->rep_id = sqlite3_column_int64(s, 13);
    db_column_copy(s, 14, a->rep_login, sizeof a->rep_login);
    db_column_copy(s, 15, a->tier, sizeof a->tier);
    db_column_copy(s, 16, a->notes, sizeof a->notes);
    db_column_copy(s, 17, a->created_at, sizeof a->created_at);
    db_column_copy(s, 18, a->updated_at, sizeof a->updated_at);
    a->version = sqlite3_column_int64(s, 19);
}

/* Binds the editable columns by name (insert and update name them alike), the
 * time as :now and the sort keys of the name and the city. */
static void account_bind(sqlite3_stmt *s, const struct account *a, const char *now)
{
    char key[sizeof a->name];
    db_bind_text(s, db_param(s, ":code"), a->code);
    db_bind_text(s, db_param(s, ":name"), a->name);
    db_bind_text(s, db_param(s, ":vat_number"), a->vat_number);
    db_bind_text(s, db_param(s, ":email"), a->email);
    db_bind_text(s, db_param(s, ":phone"), a->phone);
    db_bind_text(s, db_param(s, ":billing_address"), a->billing_address);
    db_bind_text(s, db_param(s, ":shipping_address"), a->shipping_address);
    db_bind_text(s, db_param(s, ":city"), a->city);
    db_bind_text(s, db_param(s, ":country"), a->country);
    sqlite3_bind_int(s, db_param(s, ":payment_terms_days"), a->payment_terms_days);
    sqlite3_bind_int64(s, db_param(s, ":credit_limit"), a->credit_limit);
    db_bind_id_or_null(s, db_param(s, ":rep_id"), a->rep_id);
    db_bind_text(s, db_param(s, ":tier"), a->tier);
    db_bind_text(s, db_param(s, ":notes"), a->notes);
    db_bind_text(s, db_param(s, ":now"), now);
    db_sort_key(a->name, key, sizeof key);
    db_bind_text(s, db_param(s, ":name_key"), key);
    db_sort_key(a->city, key, sizeof key);
    db_bind_text(s, db_param(s, ":city_key"), key);
}

/* Names the field behind a constraint failure: the code, or the rep. */
static int account_write_failed(struct db *db, const struct account *a, struct err *e)
{
    int rc = sqlite3_extended_errcode(db->handle);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, ERR_EXISTS, "code", "code '%s' already exists", a->code);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, ERR_INVALID, "rep", "rep: no user with id %lld", (long long)a->rep_id);
    return db_fail(db, e, "saving the account");
}

int account_store_insert(struct db *db, struct account *a, struct err *e)
{
    static const char sql[] =
        "INSERT INTO accounts(code, name, vat_number, email, phone, billing_address, "
        "shipping_address, city, country, payment_terms_days, credit_limit, rep_id, tier, notes, "
        "created_at, updated_at, open_balance, version, name_key, city_key) "
        "VALUES (:code, :name, :vat_number, :email, :phone, :billing_address, :shipping_address, :city, "
        ":country, :payment_terms_days, :credit_limit, :rep_id, :tier, :notes, :now, :now, :open_balance, 1, "
        ":name_key, :city_key)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    account_bind(s, a, now);
    sqlite3_bind_int64(s, db_param(s, ":open_balance"), a->open_balance);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = account_write_failed(db, a, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    a->id = sqlite3_last_insert_rowid(db->handle);
    a->version = 1;
    memcpy(a->created_at, now, sizeof a->created_at);
    memcpy(a->updated_at, now, sizeof a->updated_at);
    return ERR_OK;
}

/* Zero rows changed: the account is gone, or someone saved it first. */
static int account_not_saved(struct db *db, const struct account *a, struct err *e)
{
    struct account cur;
    int rc = account_store_get(db, a->id, &cur, e);
    if (rc != ERR_OK)
        return rc;
    return err_set(e, ERR_CONFLICT, "version",
                   "account %s was changed by someone else since you opened it — reload", cur.code);
}

/* open_balance is not written here: orders and payments move it on their own. */
int account_store_update(struct db *db, struct account *a, struct err *e)
{
    static const char sql[] =
        "UPDATE accounts SET code = :code, name = :name, vat_number = :vat_number, email = :email, "
        "phone = :phone, billing_address = :billing_address, shipping_address = :shipping_address, "
        "city = :city, country = :country, payment_terms_days = :payment_terms_days, "
        "credit_limit = :credit_limit, rep_id = :rep_id, tier = :tier, notes = :notes, updated_at = :now, "
        "version = version + 1, name_key = :name_key, city_key = :city_key "
        "WHERE id = :id AND version = :version";
    static const char keys[] = "UPDATE accounts SET name_key = ?2, city_key = ?3 "
                               "WHERE id = ?1 AND (name_key <> ?2 OR city_key <> ?3)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    account_bind(s, a, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), a->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), a->version);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = account_write_failed(db, a, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) == 0)
        return account_not_saved(db, a, e);
    int rc = db_sort_keys_restore(db, keys, a->id, a->name, a->city, e);
    if (rc != ERR_OK)
        return rc;
    a->version++;
    memcpy(a->updated_at, now, sizeof a->updated_at);
    return ERR_OK;
}

/* Steps a one-row look-up; ERR_NOTFOUND with what when there is none. */
static int account_fetch_one(struct db *db, sqlite3_stmt *s, struct account *out, struct err *e,
                             const char *field, const char *what)
{
    const struct db_fetch_what w = {"account", field, what, "reading an account"};
    return db_fetch_one(db, s, account_row, out, e, &w);
}

int account_store_get(struct db *db, int64_t id, struct account *out, struct err *e)
{
    static const char sql[] = "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE a.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char what[40];
    snprintf(what, sizeof what, "with id %lld", (long long)id);
    return account_fetch_one(db, s, out, e, "id", what);
}

int account_store_find_code(struct db *db, const char *code, struct account *out, struct err *e)
{
    static const char sql[] = "SELECT " ACCOUNT_COLUMNS ACCOUNT_FROM " WHERE a.code = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, code);
    char what[80];
    snprintf(what, sizeof what, "with code '%.40s'", code ? code : "");
    return account_fetch_one(db, s, out, e, "code", what);
}

static bool account_sort_valid(int sort)
{
    return sort >= ACCOUNT_SORT_NAME && sort <= ACCOUNT_SORT_BALANCE;
}

/* The paging kind of accounts (db_page_rows): rows by id, page rows, the walk's statements. */
static int account_get_row(struct db *db, int64_t id, void *row, struct err *e)
{
    return account_store_get(db, id, row, e);
}

static const char account_few[] = ACCOUNT_FEW;
static const struct db_page_kind account_page_kind = {
    .size = sizeof(struct account),
    .few = account_few,
    .matches = "SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH :pattern",
    .row = account_row,
    .get = account_get_row,
    .listing = "listing accounts",
};

int account_store_page(struct db *db, const struct page_req *q, struct account *rows, int *count,
                       struct err *e)
{
    *count = 0;
    if (!account_sort_valid(q->sort))
        return err_set(e, ERR_INTERNAL, "sort", "unknown account sort %d", q->sort);
    return db_page_rows(db, &account_page_kind, q, account_walk_sql[q->sort], account_page_sql[q->sort],
                        q->sort != ACCOUNT_SORT_BALANCE, rows, count, e);
}

void account_store_cursor(const struct account *a, int sort, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    if (sort == ACCOUNT_SORT_CODE)
        snprintf(c->text, sizeof c->text, "%s", a->code);
    else
        db_sort_key(sort == ACCOUNT_SORT_CITY ? a->city : a->name, c->text, sizeof c->text);
    c->num = a->open_balance;
    c->id = a->id;
}

int account_store_count(struct db *db, const struct page_req *q, int64_t *out, struct err *e)
{
    char pattern[600];
    enum db_filter_mode mode = db_page_filter(q->filter, pattern, sizeof pattern);
    DB_PREPARE_OR_RETURN(s, account_count_sql[mode]);
    db_bind_text(s, db_param_if(s, ":pattern"), pattern);
    sqlite3_bind_int64(s, db_param(s, ":owner"), q->owner_id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        int r = db_fail(db, e, "counting accounts");
        sqlite3_reset(s);
        return r;
    }
    *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return ERR_OK;
}

/* ------------------------------------------------------------ contacts */

#define CONTACT_COLUMNS "c.id, c.account_id, a.code, c.name, c.role, c.email, c.phone, c.title, c.updated_at"
#define CONTACT_FROM " FROM contacts c JOIN accounts a ON a.id = c.account_id"
#define CONTACT_PAGE(OP, DIR)                                                                                \
    "SELECT " CONTACT_COLUMNS CONTACT_FROM " WHERE (:owner = 0 OR a.rep_id = :owner) AND a.code " OP         \
    "= :key AND (a.code, c.id) " OP " (:key, :id) ORDER BY a.code " DIR ", c.id " DIR " LIMIT :limit"

static void contact_row(sqlite3_stmt *s, void *row)
{
    struct contact *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->account_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, c->account_code, sizeof c->account_code);
    db_column_copy(s, 3, c->name, sizeof c->name);
    db_column_copy(s, 4, c->role, sizeof c->role);
    db_column_copy(s, 5, c->email, sizeof c->email);
    db_column_copy(s, 6, c->phone, sizeof c->phone);
    db_column_copy(s, 7, c->title, sizeof c->title);
    db_column_copy(s, 8, c->updated_at, sizeof c->updated_at);
}

static void contact_bind(sqlite3_stmt *s, const struct contact *c, const char *now)
{
    sqlite3_bind_int64(s, db_param(s, ":account_id"), c->account_id);
    db_bind_text(s, db_param(s, ":name"), c->name);
    db_bind_text(s, db_param(s, ":role"), c->role);
    db_bind_text(s, db_param(s, ":email"), c->email);
    db_bind_text(s, db_param(s, ":phone"), c->phone);
    db_bind_text(s, db_param(s, ":title"), c->title);
    db_bind_text(s, db_param(s, ":now"), now);
}

static int contact_write_failed(struct db *db, const struct contact *c, struct err *e)
{
    if (sqlite3_extended_errcode(db->handle) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, ERR_INVALID, "account", "account: no account with id %lld",
                       (long long)c->account_id);
    return db_fail(db, e, "saving the contact");
}

int contact_store_insert(struct db *db, struct contact *c, struct err *e)
{
    static const char sql[] =
        "INSERT INTO contacts(account_id, name, role, email, phone, title, created_at, updated_at) "
        "VALUES (:account_id, :name, :role, :email, :phone, :title, :now, :now)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    contact_bind(s, c, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = contact_write_failed(db, c, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    c->id = sqlite3_last_insert_rowid(db->handle);
    return ERR_OK;
}

int contact_store_update(struct db *db, const struct contact *c, struct err *e)
{
    static const char sql[] =
        "UPDATE contacts SET account_id = :account_id, name = :name, role = :role, email = :email, "
        "phone = :phone, title = :title, updated_at = :now "
        "WHERE id = :id AND (:seen = '' OR updated_at = :seen)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    contact_bind(s, c, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), c->id);
    db_bind_text(s, db_param(s, ":seen"), c->updated_at);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = contact_write_failed(db, c, e);
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) > 0)
        return ERR_OK;
    struct contact stored; /* nothing changed: gone, or saved by someone else since it was read */
    if (contact_store_get(db, c->id, &stored, NULL) == ERR_OK)
        return err_set(e, ERR_CONFLICT, "version", "contact %s was changed by someone else — reload",
                       stored.name);
    return err_set(e, ERR_NOTFOUND, "id", "no contact with id %lld", (long long)c->id);
}

int contact_store_get(struct db *db, int64_t id, struct contact *out, struct err *e)
{
    static const char sql[] = "SELECT " CONTACT_COLUMNS CONTACT_FROM " WHERE c.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    int r = ERR_OK;
    if (rc == SQLITE_ROW)
        contact_row(s, out);
    else if (rc == SQLITE_DONE)
        r = err_set(e, ERR_NOTFOUND, "id", "no contact with id %lld", (long long)id);
    else
        r = db_fail(db, e, "reading a contact");
    sqlite3_reset(s);
    return r;
}

int contact_store_find_name(struct db *db, int64_t account_id, const char *name, struct contact *out,
                            struct err *e)
{
    static const char sql[] =
        "SELECT " CONTACT_COLUMNS CONTACT_FROM " WHERE c.account_id = ? AND c.name = ? ORDER BY c.id LIMIT 1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, account_id);
    db_bind_text(s, 2, name);
    struct db_fetch_what w = {"contact named", "name", name, "reading a contact"};
    return db_fetch_one(db, s, contact_row, out, e, &w);
}

int contact_store_delete(struct db *db, int64_t id, struct err *e)
{
    static const char sql[] = "DELETE FROM contacts WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_DONE) {
        /* orders may still name the contact */
        int rc = db_fail(db, e, "deleting the contact");
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_NOTFOUND, "id", "no contact with id %lld", (long long)id);
    return ERR_OK;
}

#define CONTACTS_OF                                                                                          \
    "SELECT " CONTACT_COLUMNS CONTACT_FROM " WHERE c.account_id = :parent AND (:after = 0 OR (c.name, c.id) "

static const struct db_list_spec contacts_of_account = {
    CONTACTS_OF "> (:key, :id)) ORDER BY c.name, c.id",
    CONTACTS_OF "< (:key, :id)) ORDER BY c.name DESC, c.id DESC",
    sizeof(struct contact),
    contact_row,
    true,
    "listing contacts",
};

int contact_store_list_for_account(struct db *db, int64_t account_id, const struct page_req *q,
                                   struct rows *out, struct err *e)
{
    return db_list_read(db, &contacts_of_account, account_id, q, out, e);
}

void contact_store_cursor(const struct contact *c, struct page_cursor *cur)
{
    memset(cur, 0, sizeof *cur);
    snprintf(cur->text, sizeof cur->text, "%s", c->name);
    cur->id = c->id;
}

/* q->owner_id, when set, keeps the contacts of that rep's accounts; the
 * filter and sort are not used (this list is for export). */
int contact_store_page(struct db *db, const struct page_req *q, struct contact *rows, int *count,
                       struct err *e)
{
    static const char *const sql[2] = {CONTACT_PAGE(">", "ASC"), CONTACT_PAGE("<", "DESC")};
    DB_PREPARE_OR_RETURN(s, sql[db_page_reads_descending(q)]);
    db_page_bind(s, q, "", true);
    *count = 0;
    int rc = db_read_rows(db, s, contact_row, rows, sizeof *rows, count, e, "listing contacts");
    if (rc == ERR_OK && q->has_cursor && q->before)
        db_page_reverse(rows, *count, sizeof rows[0]);
    return rc;
}
