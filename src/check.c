/* `comptoir check`: the core's invariants on top of SQLite's own checks —
 * every order's totals are the sums of its lines (and each line follows the
 * one rounding rule), histories, contacts, counters and search indexes agree,
 * the triggers are comptoir's and the audit log's hash chain is whole. */
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "db/check_store.h"
#include "db/db.h"
#include "db/order_check_store.h"
#include "db/order_store.h"
#include "db/report_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/b2c_hooks.h"
#include "src/base/err.h"
#include "src/base/strbuf.h"
#include "src/check.h"

/* The order snapshot (issue 10), then each B2C issue's own checks. Their
 * triggers are compared by check_store_schema with every other trigger. */
static int check_orders_snapshot(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    static int (*const stores[])(struct db *, struct strbuf *, int *, struct err *) = {
        order_check_store_money, order_check_store_stock, order_check_store_promises};
    static int (*const issues[])(struct app *, struct strbuf *, int *, struct err *) = {
        promotion_check, loyalty_check, fulfilment_check, return_check, report_check};
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < sizeof stores / sizeof stores[0]; i++)
        rc = stores[i](app->db, report, problems, e);
    for (size_t i = 0; rc == ERR_OK && i < sizeof issues / sizeof issues[0]; i++)
        rc = issues[i](app, report, problems, e);
    return rc;
}

/* What the others of the host (neither the owner nor the group) may do. */
static const char *others_may(mode_t other)
{
    return other == (S_IROTH | S_IWOTH) ? "readable and writable"
           : other == S_IROTH           ? "readable"
                                        : "writable";
}

/* The database's files reach nobody beyond their owner and group, whatever
 * the database (a personal one is 0600, a shared one 0660). */
static void check_file_mode(struct app *app, const char *path, struct strbuf *report, int *problems)
{
    struct stat st;
    if (!app_db_stat(app, path, &st) || (st.st_mode & (S_IROTH | S_IWOTH)) == 0)
        return;
    (*problems)++;
    strbuf_addf(report, "the database file %s is %s by every user of this host (mode %04o): chmod o-rwx %s\n",
                path, others_may(st.st_mode & (S_IROTH | S_IWOTH)), (unsigned)(st.st_mode & 07777), path);
}

/* The folder: a shared database's (issue 8: the group's alone, 2770) reaches
 * nobody else; a personal database may sit in a folder others can list (a
 * home, 0755: they see names, the files are 0600), which is said, not
 * counted. Writable by others is a problem either way (they could put
 * another file in the database's place), unless sticky like /tmp: nobody
 * else can replace the files in it. */
static void check_folder_mode(struct app *app, const char *path, bool shared, struct strbuf *report,
                              int *problems)
{
    struct stat st;
    if (!app_db_stat(app, path, &st))
        return;
    mode_t other = st.st_mode & (S_IROTH | S_IWOTH);
    if (other == 0 || (st.st_mode & S_ISVTX))
        return;
    unsigned mode = (unsigned)(st.st_mode & 07777);
    if (shared || (other & S_IWOTH)) {
        (*problems)++;
        strbuf_addf(
            report,
            "the database's folder %s is %s by every user of this host (mode %04o)%s: chmod o-rwx %s\n", path,
            others_may(other), mode, shared ? ", and the database is shared" : "", path);
        return;
    }
    strbuf_addf(
        report,
        "warning: the database's folder %s is readable by every user of this host (mode %04o): they see"
        " the names of its files, not what they hold (chmod o-rwx %s hides them)\n",
        path, mode, path);
}

/* Shared between people: the installed program's database, or one set up
 * like it by hand — a file its group may use (0660) or a group folder
 * (set-group-ID, 2770). */
static bool database_shared(struct app *app, const char *db, const char *folder)
{
    struct stat file, dir;
    if (app_db_shared(app))
        return true;
    return (app_db_stat(app, db, &file) && (file.st_mode & (S_IRGRP | S_IWGRP))) ||
           (app_db_stat(app, folder, &dir) && (dir.st_mode & S_ISGID));
}

static void check_modes(struct app *app, struct strbuf *report, int *problems)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-activity"};
    const char *db = app_db_file(app);
    char path[4200], folder[4200];
    if (db == NULL || db[0] == '\0' || strcmp(db, ":memory:") == 0)
        return;
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        snprintf(path, sizeof path, "%s%s", db, sides[i]);
        check_file_mode(app, path, report, problems);
    }
    snprintf(path, sizeof path, "%s", db);
    snprintf(folder, sizeof folder, "%s", dirname(path));
    check_folder_mode(app, folder, database_shared(app, db, folder), report, problems);
}

int check_database_head(struct app *app, const char *audit_head, struct strbuf *report, int *problems,
                        struct err *e)
{
    check_modes(app, report, problems);
    int rc = order_store_check_totals(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_store_orders(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_store_schema(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_orders_snapshot(app, report, problems, e);
    if (rc == ERR_OK)
        rc = audit_check_chain(app, audit_head, report, problems, e);
    return rc;
}

int check_repair(struct app *app, struct err *e)
{
    int rc = app_require(app, ACT_SETTINGS, e);
    if (rc == ERR_OK)
        rc = db_search_repair(app->db, e);
    if (rc == ERR_OK && (rc = db_begin(app->db, e)) == ERR_OK) {
        rc = report_store_rebuild(app->db, e);
        rc = rc == ERR_OK ? db_commit(app->db, e) : (db_rollback(app->db), rc);
    }
    return rc;
}

int check_database(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return check_database_head(app, NULL, report, problems, e);
}

int check_structure(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return db_check_structure(app->db, report, problems, e);
}
