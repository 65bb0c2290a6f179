/* The context every operation gets: where the database is, who is acting, and
 * the rights checks that name the role and the action when they refuse. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/settings_store.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/base/err.h"
#include "src/base/privs.h"
#include "src/settings.h"
#include "src/users.h"

void unix_login(char *out, size_t len)
{
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        snprintf(out, len, "%s", pw->pw_name);
    else
        snprintf(out, len, "uid%ld", (long)getuid());
}

static int make_dirs(char *path, struct err *e)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return err_set(e, ERR_IO, NULL, "cannot create folder for the database: %s", strerror(errno));
    }
    return ERR_OK;
}

/* The shared database when app_db_path chose it (an installed, set-group-ID
 * program with no --db and no COMPTOIR_DB): only it is opened with the group. */
static char app_shared_path[4096];

static bool app_is_shared(const char *path)
{
    return app_shared_path[0] && strcmp(path, app_shared_path) == 0;
}

int app_db_path(const char *explicit_path, char *out, size_t len, struct err *e)
{
    const char *env = getenv("COMPTOIR_DB");
    if (explicit_path && explicit_path[0]) {
        snprintf(out, len, "%s", explicit_path);
        return ERR_OK;
    }
    if (env && env[0]) {
        snprintf(out, len, "%s", env);
        return ERR_OK;
    }
    if (privs_shared_db_path(out, len)) {
        snprintf(app_shared_path, sizeof app_shared_path, "%s", out);
        return ERR_OK;
    }
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(out, len, "%s/comptoir/comptoir.db", xdg);
    else if (home && home[0])
        snprintf(out, len, "%s/.local/share/comptoir/comptoir.db", home);
    else
        return err_set(e, ERR_USAGE, NULL, "no database: set --db, COMPTOIR_DB or HOME");
    return make_dirs(out, e);
}

static int app_load_user(struct app *app, const char *login, struct err *e)
{
    struct err ignore;
    if (user_store_find_login(app->db, login, &app->user, &ignore) != ERR_OK) {
        int64_t users = 0;
        user_store_count(app->db, &users, NULL);
        if (users == 0)
            return err_set(e, ERR_DENIED, NULL, "this database has no users yet: run `comptoir init` first");
        return err_set(e, ERR_DENIED, NULL,
                       "'%s' is not a comptoir user; an admin can add it: comptoir user add %s --role rep",
                       login, login);
    }
    if (!app->user.active)
        return err_set(e, ERR_DENIED, NULL, "user '%s' is disabled", login);
    return ERR_OK;
}

/* ------------------------------------------------------------- waiting */

static void app_wait_text(const struct db_holder *h, int64_t waited_ms, char *out, size_t len)
{
    if (!h->known) {
        snprintf(out, len, "waiting for another program that holds the database (%lld s)…",
                 (long long)(waited_ms / 1000));
        return;
    }
    const char *what = h->what[0] ? h->what : "work";
    if (h->total > 0) {
        int64_t done = h->done < h->total ? h->done : h->total;
        snprintf(out, len, "waiting for %s's %s, %d %% done…", h->who, what, (int)(done * 100 / h->total));
    } else {
        snprintf(out, len, "waiting for %s's %s (%lld s so far)…", h->who, what, (long long)h->held_s);
    }
}

static void app_db_wait(void *ctx, const struct db_holder *h, int64_t waited_ms)
{
    struct app *app = ctx;
    char text[300];
    if (app->on_wait == NULL)
        return;
    if (h == NULL) {
        app->on_wait(app->wait_ctx, NULL);
        return;
    }
    app_wait_text(h, waited_ms, text, sizeof text);
    app->on_wait(app->wait_ctx, text);
}

void app_on_wait(struct app *app, app_wait_fn *fn, void *ctx)
{
    app->on_wait = fn;
    app->wait_ctx = ctx;
}

void app_set_activity(struct app *app, const char *what)
{
    if (app->db)
        db_set_activity(app->db, app->real_login, what);
}

void app_progress(struct app *app, int64_t done, int64_t total)
{
    if (app->db)
        db_progress(app->db, done, total);
}

static void app_wait_setup(struct app *app)
{
    const char *limit = getenv("COMPTOIR_WAIT_LIMIT");
    db_on_wait(app->db, app_db_wait, app);
    db_set_wait_limit(app->db, limit ? atoi(limit) : 0);
    app_set_activity(app, "work");
}

/* ------------------------------------------------------------- opening */

/* Business days are the store's: its zone (setting store.time_zone, a
 * name of the system's zone database; COMPTOIR_TZ overrides it) becomes the
 * process's, so every local date — promotions' windows, placed_day,
 * promises — is the store's. Unset or empty: Europe/Paris (the default, the
 * issue's); "host": the host's zone. A name this system does not know
 * leaves the host's zone; Europe/Paris without the zone database (no
 * tzdata) falls back to its POSIX rule, which is exact since 1996. */
static void app_time_zone(struct db *db)
{
    char zone[128], file[200];
    const char *forced = getenv("COMPTOIR_TZ");
    if (forced && forced[0])
        snprintf(zone, sizeof zone, "%s", forced);
    else if (db == NULL || settings_store_get(db, "store.time_zone", zone, sizeof zone, NULL) != ERR_OK)
        zone[0] = '\0';
    if (zone[0] == '\0')
        snprintf(zone, sizeof zone, "%s", APP_DEFAULT_TIME_ZONE);
    if (strcmp(zone, "host") == 0)
        return;
    snprintf(file, sizeof file, "/usr/share/zoneinfo/%s", zone);
    if (strstr(zone, "..") || zone[0] == '/')
        return;
    if (access(file, R_OK) == 0)
        setenv("TZ", zone, 1);
    else if (strcmp(zone, APP_DEFAULT_TIME_ZONE) == 0)
        setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    else
        return; /* not a zone this system knows: the host's stays */
    tzset();
}

/* Opens (creating and migrating) the database at path; the shared one with
 * the program's group, every file of it open when the group is dropped. */
static int app_db_open(const char *path, struct db **db, struct err *e)
{
    bool shared = app_is_shared(path);
    if (shared)
        privs_raise();
    /* Migrations date rows in the store's zone (date(at, 'localtime')), as
     * the triggers that keep them do later: the zone is set first, read
     * from the database as it is before migrating. */
    int rc = db_open_existing(path, db, e);
    if (rc == ERR_OK) {
        app_time_zone(*db);
        if ((rc = db_migrate(*db, e)) != ERR_OK)
            db_close(db);
    } else {
        app_time_zone(NULL);
        rc = db_open(path, db, e);
    }
    if (shared)
        privs_drop();
    return rc;
}

/* stat, with the group when the file is the shared database's. */
static bool app_stat(const char *path, bool shared, struct stat *st)
{
    if (shared)
        privs_raise();
    bool found = stat(path, st) == 0;
    if (shared)
        privs_drop();
    return found;
}

bool app_db_exists(const char *path)
{
    struct stat st;
    return app_stat(path, app_is_shared(path), &st);
}

bool app_db_shared(const struct app *app)
{
    return app->db && app_is_shared(db_path(app->db));
}

bool app_db_stat(const struct app *app, const char *path, struct stat *st)
{
    return app_stat(path, app_db_shared(app), st);
}

void app_apply_time_zone(struct app *app)
{
    app_time_zone(app->db);
}

int app_open(struct app *app, const char *path, const char *as_login, struct err *e)
{
    memset(app, 0, sizeof *app);
    unix_login(app->real_login, sizeof app->real_login);
    int rc = app_db_open(path, &app->db, e);
    if (rc != ERR_OK)
        return rc;
    app_wait_setup(app);
    if ((rc = app_load_user(app, app->real_login, e)) != ERR_OK)
        goto fail;
    app->real_id = app->user.id;
    db_set_person(app->db, app->real_id);
    if (as_login && as_login[0] && strcmp(as_login, app->real_login) != 0) {
        if (!rights_allows(app->user.role, ACT_ACT_AS)) {
            rc = err_set(e, ERR_DENIED, NULL, "only an admin may act as another user (--as)");
            goto fail;
        }
        if ((rc = app_load_user(app, as_login, e)) != ERR_OK)
            goto fail;
    }
    settings_get(app, "currency", "EUR", app->currency, sizeof app->currency);
    app_apply_time_zone(app);
    return ERR_OK;
fail:
    db_close(&app->db);
    return rc;
}

void app_close(struct app *app)
{
    db_close(&app->db);
}

int64_t app_real_id(const struct app *app)
{
    return app->real_id > 0 ? app->real_id : app->user.id;
}

struct actor app_actor(const struct app *app)
{
    return (struct actor){app->user.id, app_real_id(app)};
}

static bool actor_is(const struct actor *a, int64_t id)
{
    return id > 0 && (a->user_id == id || a->real_id == id);
}

int app_require_checker(const struct app *app, const struct actor *makers, int n, const char *noun,
                        const char *key, struct err *e)
{
    struct actor me = app_actor(app);
    for (int i = 0; i < n; i++) {
        if (actor_is(&makers[i], me.user_id))
            return err_set(e, ERR_DENIED, NULL, "nobody approves their own %s: %s is %s's", noun, key,
                           app->user.login);
        if (actor_is(&makers[i], me.real_id))
            return err_set(e, ERR_DENIED, NULL,
                           "nobody approves their own %s, even through --as: %s is %s's (you are %s as %s)",
                           noun, key, app->real_login, app->real_login, app->user.login);
    }
    return ERR_OK;
}

void app_actor_name(const struct app *app, char *out, size_t len)
{
    if (app->real_login[0] && strcmp(app->real_login, app->user.login) != 0)
        snprintf(out, len, "%s as %s", app->real_login, app->user.login);
    else
        snprintf(out, len, "%s", app->user.login);
}

int app_require(const struct app *app, enum action action, struct err *e)
{
    if (rights_allows(app->user.role, action))
        return ERR_OK;
    return err_set(e, ERR_DENIED, NULL, "%s (%s) may not %s", app->user.login, role_name(app->user.role),
                   action_describe(action));
}

int app_require_account(const struct app *app, const struct account *a, bool edit, struct err *e)
{
    if (edit) {
        int rc = app_require(app, ACT_ACCOUNT_EDIT, e);
        if (rc != ERR_OK)
            return rc;
    }
    if (rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL))
        return ERR_OK;
    if (a->rep_id == app->user.id)
        return ERR_OK;
    return err_set(e, ERR_DENIED, NULL,
                   "account %s belongs to another rep; %s (%s) may only %s their own accounts", a->code,
                   app->user.login, role_name(app->user.role), edit ? "edit" : "see");
}

int app_create_database(const char *path, struct user *admin, struct err *e)
{
    struct db *db = NULL;
    char login[65];
    int rc = app_db_open(path, &db, e);
    if (rc != ERR_OK)
        return rc;
    unix_login(login, sizeof login);
    rc = user_bootstrap_admin(db, login, admin, e);
    db_close(&db);
    return rc;
}

const char *app_db_file(const struct app *app)
{
    return db_path(app->db);
}

int64_t app_data_version(struct app *app)
{
    return app->db ? db_data_version(app->db) : 0;
}

int64_t app_change_stamp(struct app *app)
{
    return app->db ? db_change_stamp(app->db) : 0;
}

void app_set_abandon(struct app *app, bool (*check)(void *ctx), void *ctx)
{
    db_set_abandon(app->db, check, ctx);
}

int app_backup_to(struct app *app, const char *path, struct err *e)
{
    int rc = app_require(app, ACT_BACKUP, e);
    return rc == ERR_OK ? db_backup_to(app->db, path, e) : rc;
}
