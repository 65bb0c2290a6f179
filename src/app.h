/* The context every core operation gets (struct app: the database and who is
 * acting), opening it, the rights checks that name the role and the action
 * when they refuse, and the whole-database operations the front ends need
 * (data version for redraws, backup, creating a database). Screens and CLI
 * commands reach the store only through functions like these. */
#ifndef COMPTOIR_APP_H
#define COMPTOIR_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/users.h"

#define COMPTOIR_VERSION "0.1.0"
/* The store's time zone when the setting store.time_zone is unset. */
#define APP_DEFAULT_TIME_ZONE "Europe/Paris"

struct db;
struct account;

/* A front end's way to say that a save waits for someone else: message
 * reads "waiting for alice's import of customers.csv, 40 % done…"; NULL
 * when the wait is over. Called from inside the waiting operation: it may
 * draw, but must not call the core. */
typedef void app_wait_fn(void *ctx, const char *message);

/* What every core operation gets: the database and who is acting. */
struct app {
    struct db *db;
    struct user user;    /* the acting user (after --as) */
    char real_login[65]; /* the Unix login that started the program */
    int64_t real_id;     /* its comptoir user (0: the acting user's) */
    char currency[8];    /* from settings, "EUR" by default */
    app_wait_fn *on_wait;
    void *wait_ctx;
};

/* Resolves the database path: explicit, else $COMPTOIR_DB, else (an
 * installed, set-group-ID program) the shared PREFIX/var/lib/comptoir/
 * comptoir.db, else $XDG_DATA_HOME/comptoir/comptoir.db
 * (~/.local/share/...), creating the folder. Only the shared database is
 * opened with the program's group (src/base/privs.h). */
int app_db_path(const char *explicit_path, char *out, size_t len, struct err *e);
/* Whether the database at path (from app_db_path) is there. */
bool app_db_exists(const char *path);
/* stat of one of the open database's files or its folder (with the group
 * for the shared database: only the program reaches its folder). */
struct stat;
bool app_db_stat(const struct app *app, const char *path, struct stat *st);
/* Whether the open database is the installed program's shared one. */
bool app_db_shared(const struct app *app);
/* Creates (or migrates) the database at path and makes the Unix user running
 * comptoir its admin when it has no users yet; idempotent. */
int app_create_database(const char *path, struct user *admin, struct err *e);
/* Opens the database and identifies the user: the Unix login mapped to a
 * comptoir user, or as_login when the Unix user is an admin. */
int app_open(struct app *app, const char *path, const char *as_login, struct err *e);
/* Makes the store's zone (setting store.time_zone, COMPTOIR_TZ over it) the
 * process's: every local date is the store's. app_open does it. */
void app_apply_time_zone(struct app *app);
void app_close(struct app *app);
/* The file the app has open. */
const char *app_db_file(const struct app *app);

/* Waiting for another writer. A write that finds the database taken waits
 * as long as the one holding it makes progress, telling fn (the console's
 * status line, the CLI's stderr) whom it waits for; it fails (ERR_BUSY,
 * saying who and why) only when the holder has stopped moving for
 * $COMPTOIR_WAIT_LIMIT seconds (60 by default). */
void app_on_wait(struct app *app, app_wait_fn *fn, void *ctx);
/* Names what this program does, for those who wait on it: "import of
 * customers.csv", "quote approve". */
void app_set_activity(struct app *app, const char *what);
/* The progress of a long write (done of total, total 0 when unknown). */
void app_progress(struct app *app, int64_t done, int64_t total);

/* The comptoir user of the person at the terminal (the acting user's id
 * when not acting --as someone else). */
int64_t app_real_id(const struct app *app);
/* "root as david" when acting as someone else, else "david". */
void app_actor_name(const struct app *app, char *out, size_t len);

/* A person behind an action: the user acting, and the real one behind --as
 * (the same id when nobody acts as anyone). */
struct actor {
    int64_t user_id, real_id;
};
struct actor app_actor(const struct app *app);
/* Maker-checker, the one rule for every approval (quotes; refunds next):
 * ERR_DENIED when the checker — the acting user or the real person behind
 * --as — is one of the makers, acting or real. noun and key name the work
 * ("quote", "Q-001022"). */
int app_require_checker(const struct app *app, const struct actor *makers, int n, const char *noun,
                        const char *key, struct err *e);

/* ERR_DENIED with a message naming the role and the action when not allowed. */
int app_require(const struct app *app, enum action action, struct err *e);
/* ERR_OK when the acting user may see / edit this account (reps: their own). */
int app_require_account(const struct app *app, const struct account *a, bool edit, struct err *e);
/* The Unix login of the process owner. */
void unix_login(char *out, size_t len);

/* Changes whenever another process commits: the console polls it to reload. */
int64_t app_data_version(struct app *app);
/* Changes whenever anyone, this process included, changed the database. */
int64_t app_change_stamp(struct app *app);
/* While check is set, a read that runs long asks check(ctx) now and then and
 * stops with ERR_CANCELLED when it answers true: the console sets it around
 * the fetch of a list whose filter is being typed, so that a query never
 * makes a key wait (see db_set_abandon). NULL turns it off. */
void app_set_abandon(struct app *app, bool (*check)(void *ctx), void *ctx);
/* Copies the database to path while others work (ACT_BACKUP). */
int app_backup_to(struct app *app, const char *path, struct err *e);

#endif
