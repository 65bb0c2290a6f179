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

struct db;
struct account;

/* What every core operation gets: the database and who is acting. */
struct app {
    struct db *db;
    struct user user;    /* the acting user (after --as) */
    char real_login[65]; /* the Unix login that started the program */
    char currency[8];    /* from settings, "EUR" by default */
};

/* Resolves the database path: explicit, else $COMPTOIR_DB, else
 * $XDG_DATA_HOME/comptoir/comptoir.db (~/.local/share/...), creating the folder. */
int app_db_path(const char *explicit_path, char *out, size_t len, struct err *e);
/* Creates (or migrates) the database at path and makes the Unix user running
 * comptoir its admin when it has no users yet; idempotent. */
int app_create_database(const char *path, struct user *admin, struct err *e);
/* Opens the database and identifies the user: the Unix login mapped to a
 * comptoir user, or as_login when the Unix user is an admin. */
int app_open(struct app *app, const char *path, const char *as_login, struct err *e);
void app_close(struct app *app);
/* The file the app has open. */
const char *app_db_file(const struct app *app);

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
