/* Users: adding, disabling, passwords (argon2id through libsodium), and the
 * first admin made by `comptoir init`. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/user_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/users.h"
#include "src/validate.h"

static int sodium_ready(struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, NULL, "libsodium failed to start");
    return ERR_OK;
}

int password_hash(const char *password, char *out, size_t len, struct err *e)
{
    if (sodium_ready(e) != ERR_OK)
        return ERR_INTERNAL;
    if (password == NULL || strlen(password) < 8)
        return err_set(e, ERR_INVALID, "password", "a password needs at least 8 characters");
    if (len < crypto_pwhash_STRBYTES)
        return err_set(e, ERR_INTERNAL, NULL, "password hash buffer too small");
    if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "out of memory while hashing the password");
    return ERR_OK;
}

bool password_verify(const char *hash, const char *password)
{
    if (sodium_init() < 0 || hash == NULL || hash[0] == '\0' || password == NULL)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static int login_validate(const char *login, struct err *e)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n > 64)
        return err_set(e, ERR_INVALID, "login", "a login has 1 to 64 characters");
    for (const char *p = login; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
            return err_set(e, ERR_INVALID, "login", "a login uses a-z, 0-9, '.', '_' and '-' (\"%s\")",
                           login);
    return ERR_OK;
}

static char *user_to_json(const struct user *u)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "login", u->login);
    json_str(&j, "full_name", u->full_name);
    json_str(&j, "role", role_name(u->role));
    json_bool(&j, "active", u->active);
    json_bool(&j, "has_password", u->has_password);
    json_end(&j);
    return j.buf;
}

int user_bootstrap_admin(struct db *db, const char *login, struct user *out, struct err *e)
{
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    int64_t users = 0;
    if ((rc = user_store_count(db, &users, e)) != ERR_OK)
        goto fail;
    if (user_store_find_login(db, login, out, NULL) == ERR_OK) {
        db_rollback(db); /* already there: init changes nothing */
        return ERR_OK;
    }
    if (users > 0) {
        rc = err_set(e, ERR_DENIED, NULL, "this database already has users; ask an admin to add '%s'", login);
        goto fail;
    }
    memset(out, 0, sizeof *out);
    snprintf(out->login, sizeof out->login, "%s", login);
    snprintf(out->full_name, sizeof out->full_name, "%s", login);
    out->role = ROLE_ADMIN;
    out->active = true;
    if ((rc = user_store_insert(db, out, NULL, e)) != ERR_OK)
        goto fail;
    struct app boot = {.db = db, .user = *out};
    snprintf(boot.real_login, sizeof boot.real_login, "%s", login);
    char *after = user_to_json(out);
    rc = audit_record(&boot, "create", "user", login, NULL, after, e);
    free(after);
    if (rc != ERR_OK)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return rc;
}

int user_add(struct app *app, const char *login, const char *full_name, enum role role, const char *password,
             struct err *e)
{
    int rc;
    char hash[crypto_pwhash_STRBYTES] = "";
    struct user u = {.role = role, .active = true};
    if ((rc = app_require(app, ACT_USER_MANAGE, e)) != ERR_OK || (rc = login_validate(login, e)) != ERR_OK ||
        (rc = text_check("full_name", full_name, sizeof u.full_name - 1, 0, e)) != ERR_OK)
        return rc;
    if (password && (rc = password_hash(password, hash, sizeof hash, e)) != ERR_OK)
        return rc;
    snprintf(u.login, sizeof u.login, "%s", login);
    snprintf(u.full_name, sizeof u.full_name, "%s", full_name && full_name[0] ? full_name : login);
    if ((rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = user_store_insert(app->db, &u, password ? hash : NULL, e)) == ERR_OK) {
        char *after = user_to_json(&u);
        rc = audit_record(app, "create", "user", login, NULL, after, e);
        free(after);
    }
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* Loads a user, applies change(), audits; one transaction. Admins may change
 * anyone; others only themselves, and only where allow_self says so. */
static int user_change(struct app *app, const char *login, const char *action, bool allow_self,
                       int (*change)(struct app *, struct user *, const void *, struct err *),
                       const void *arg, struct err *e)
{
    int rc = ERR_OK;
    if (!(allow_self && strcmp(login, app->user.login) == 0))
        rc = app_require(app, ACT_USER_MANAGE, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct user u;
    char *before = NULL, *after = NULL;
    if ((rc = user_store_find_login(app->db, login, &u, e)) == ERR_OK) {
        before = user_to_json(&u);
        if ((rc = change(app, &u, arg, e)) == ERR_OK) {
            after = user_to_json(&u);
            rc = audit_record(app, action, "user", login, before, after, e);
        }
    }
    free(before);
    free(after);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

static int disable_one(struct app *app, struct user *u, const void *arg, struct err *e)
{
    (void)arg;
    if (u->id == app->user.id)
        return err_set(e, ERR_INVALID, "login", "you cannot disable yourself");
    u->active = false;
    return user_store_set_active(app->db, u->id, false, e);
}

static int set_password_one(struct app *app, struct user *u, const void *arg, struct err *e)
{
    const char *hash = arg;
    u->has_password = hash != NULL;
    return user_store_set_password(app->db, u->id, hash, e);
}

int user_disable(struct app *app, const char *login, struct err *e)
{
    return user_change(app, login, "disable", false, disable_one, NULL, e);
}

int user_set_password(struct app *app, const char *login, const char *password, struct err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    int rc = password_hash(password, hash, sizeof hash, e);
    if (rc != ERR_OK)
        return rc;
    /* users may change their own password; admins anyone's */
    return user_change(app, login, "password", true, set_password_one, hash, e);
}

int user_list(struct app *app, const struct page_req *q, struct rows *out, struct err *e)
{
    return user_store_list(app->db, q, out, e);
}

void user_cursor(const struct user *u, struct page_cursor *c)
{
    user_store_cursor(u, c);
}

int user_real(struct app *app, struct user *out, struct err *e)
{
    return user_store_find_login(app->db, app->real_login, out, e);
}

int user_password_check(struct app *app, const struct user *u, const char *password, bool *ok, struct err *e)
{
    char hash[256];
    *ok = false;
    int rc = user_store_password_hash(app->db, u->id, hash, sizeof hash, e);
    if (rc == ERR_OK)
        *ok = password_verify(hash, password);
    explicit_bzero(hash, sizeof hash);
    return rc;
}
