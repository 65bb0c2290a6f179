/* The users table: logins, roles, password hashes, the active flag. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/user_store.h"
#include "src/base/datetime.h"

#define USER_COLUMNS "id, login, full_name, role, active, password_hash IS NOT NULL, created_at"

static void user_from_row(sqlite3_stmt *s, void *row)
{
    struct user *u = row;
    char role[16];
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, u->login, sizeof u->login);
    db_column_copy(s, 2, u->full_name, sizeof u->full_name);
    db_column_copy(s, 3, role, sizeof role);
    if (role_parse(role, &u->role) != ERR_OK)
        u->role = ROLE_REP;
    u->active = sqlite3_column_int(s, 4) != 0;
    u->has_password = sqlite3_column_int(s, 5) != 0;
    db_column_copy(s, 6, u->created_at, sizeof u->created_at);
}

/* Runs a statement that returns at most one user. */
static int user_fetch_one(struct db *db, sqlite3_stmt *s, struct user *out, const char *what, struct err *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        user_from_row(s, out);
        sqlite3_reset(s);
        return ERR_OK;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "login", "no user %s", what);
    return db_fail(db, e, "reading a user");
}

int user_store_insert(struct db *db, struct user *u, const char *password_hash, struct err *e)
{
    static const char sql[] = "INSERT INTO users(login, full_name, role, password_hash, active, created_at) "
                              "VALUES (:login, :full_name, :role, :hash, :active, :now)";
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(u->created_at);
    db_bind_text(s, db_param(s, ":login"), u->login);
    db_bind_text(s, db_param(s, ":full_name"), u->full_name);
    db_bind_text(s, db_param(s, ":role"), role_name(u->role));
    db_bind_text_or_null(s, db_param(s, ":hash"), password_hash);
    sqlite3_bind_int(s, db_param(s, ":active"), u->active ? 1 : 0);
    db_bind_text(s, db_param(s, ":now"), u->created_at);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        rc = db_fail(db, e, "adding a user");
        if (rc == ERR_EXISTS)
            err_set(e, ERR_EXISTS, "login", "user '%s' already exists", u->login);
        return rc;
    }
    u->id = sqlite3_last_insert_rowid(db->handle);
    u->has_password = password_hash != NULL;
    return ERR_OK;
}

int user_store_find_login(struct db *db, const char *login, struct user *out, struct err *e)
{
    static const char sql[] = "SELECT " USER_COLUMNS " FROM users WHERE login = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, login);
    char what[96];
    snprintf(what, sizeof what, "'%.80s'", login);
    return user_fetch_one(db, s, out, what, e);
}

int user_store_get(struct db *db, int64_t id, struct user *out, struct err *e)
{
    static const char sql[] = "SELECT " USER_COLUMNS " FROM users WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char what[32];
    snprintf(what, sizeof what, "#%lld", (long long)id);
    return user_fetch_one(db, s, out, what, e);
}

int user_store_password_hash(struct db *db, int64_t id, char *out, size_t len, struct err *e)
{
    static const char sql[] = "SELECT coalesce(password_hash, '') FROM users WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        db_column_copy(s, 0, out, len);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    return rc == SQLITE_DONE ? err_set(e, ERR_NOTFOUND, NULL, "no such user")
                             : db_fail(db, e, "reading a user");
}

/* Runs a one-row UPDATE bound by the caller; ERR_NOTFOUND when no row changed. */
static int user_update_one(struct db *db, sqlite3_stmt *s, struct err *e)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "saving a user");
    return sqlite3_changes(db->handle) == 1 ? ERR_OK : err_set(e, ERR_NOTFOUND, NULL, "no such user");
}

int user_store_set_active(struct db *db, int64_t id, bool active, struct err *e)
{
    static const char sql[] = "UPDATE users SET active = ? WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int(s, 1, active ? 1 : 0);
    sqlite3_bind_int64(s, 2, id);
    return user_update_one(db, s, e);
}

int user_store_set_password(struct db *db, int64_t id, const char *hash, struct err *e)
{
    static const char sql[] = "UPDATE users SET password_hash = ? WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text_or_null(s, 1, hash);
    sqlite3_bind_int64(s, 2, id);
    return user_update_one(db, s, e);
}

int user_store_set_role(struct db *db, int64_t id, enum role role, struct err *e)
{
    static const char sql[] = "UPDATE users SET role = ? WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, role_name(role));
    sqlite3_bind_int64(s, 2, id);
    return user_update_one(db, s, e);
}

int user_store_count(struct db *db, int64_t *out, struct err *e)
{
    static const char sql[] = "SELECT count(*) FROM users";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "counting users");
}

#define USER_PAGE "SELECT " USER_COLUMNS " FROM users WHERE (:after = 0 OR (login, id) "

static const struct db_list_spec users_list = {
    USER_PAGE "> (:key, :id)) ORDER BY login, id",
    USER_PAGE "< (:key, :id)) ORDER BY login DESC, id DESC",
    sizeof(struct user),
    user_from_row,
    true,
    "listing users",
};

int user_store_list(struct db *db, const struct page_req *q, struct rows *out, struct err *e)
{
    return db_list_read(db, &users_list, 0, q, out, e);
}

void user_store_cursor(const struct user *u, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", u->login);
    c->id = u->id;
}