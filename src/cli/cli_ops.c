/* The operational commands: init, backup, check and console (the default),
 * and opening the app for every command (database path, user, password). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/strbuf.h"
#include "src/check.h"
#include "src/cli/cli_private.h"
#include "src/demo/demo.h"
#include "src/settings.h"
#include "src/users.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Asks the person at the terminal for their password when their user has one.
 * It is the real (Unix) user's password, also when acting --as someone else. */
static int cli_check_password(struct app *app)
{
    struct user real;
    struct err e = {0};
    if (user_real(app, &real, &e) != ERR_OK)
        return cli_report(&e);
    if (!real.has_password)
        return EX_OK;
    char password[256], prompt[128];
    bool ok = false;
    snprintf(prompt, sizeof prompt, "Password for %s: ", real.login);
    if (cli_read_password(prompt, false, password, sizeof password, &e) != ERR_OK)
        return cli_report(&e);
    int rc = user_password_check(app, &real, password, &ok, &e);
    explicit_bzero(password, sizeof password);
    if (rc != ERR_OK)
        return cli_report(&e);
    if (ok)
        return EX_OK;
    fprintf(stderr, "comptoir: wrong password for %s\n", real.login);
    return EX_NOPERM;
}

/* The line on stderr while a save waits for someone else: rewritten in
 * place on a terminal; otherwise a line when the text changes, at most
 * every two seconds (a log stays readable). */
static struct {
    bool tty, shown;
    int64_t last_line_s;
    char last[300];
} cli_wait;

static void cli_wait_print(void *ctx, const char *message)
{
    (void)ctx;
    if (message == NULL) {
        if (cli_wait.shown && cli_wait.tty)
            fputs("\r\033[K", stderr);
        cli_wait.shown = false;
        cli_wait.last[0] = '\0';
        return;
    }
    if (strcmp(message, cli_wait.last) == 0)
        return;
    int64_t now = (int64_t)time(NULL);
    if (cli_wait.tty) {
        fprintf(stderr, "\r\033[Kcomptoir: %s", message);
    } else {
        if (cli_wait.shown && now - cli_wait.last_line_s < 2)
            return;
        fprintf(stderr, "comptoir: %s\n", message);
        cli_wait.last_line_s = now;
    }
    fflush(stderr);
    cli_wait.shown = true;
    snprintf(cli_wait.last, sizeof cli_wait.last, "%s", message);
}

int cli_open_app(const struct cli_global *g, struct app *app)
{
    char path[PATH_MAX];
    struct err e = {0};
    memset(app, 0, sizeof *app);
    if (app_db_path(g->db_path, path, sizeof path, &e) != ERR_OK)
        return cli_report(&e);
    /* Opening would create an empty file; say what to do instead. */
    if (!app_db_exists(path)) {
        fprintf(stderr, "comptoir: no database at %s; run `comptoir init` (or `comptoir demo`) first\n",
                path);
        return EX_NOINPUT;
    }
    if (app_open(app, path, g->as, &e) != ERR_OK)
        return cli_report(&e);
    cli_wait.tty = isatty(fileno(stderr));
    app_on_wait(app, cli_wait_print, NULL);
    app_set_activity(app, g->activity[0] ? g->activity : "console");
    int rc = cli_check_password(app);
    if (rc != EX_OK)
        app_close(app);
    return rc;
}

/* Commands that take no arguments refuse any, rather than ignore a typo. */
static int no_arguments(const char *command, int argc, char **argv)
{
    if (argc <= 1)
        return EX_OK;
    fprintf(stderr, "comptoir: %s takes no arguments ('%s')\n", command, argv[1]);
    return EX_USAGE;
}

int cmd_init(const struct cli_global *g, int argc, char **argv)
{
    char path[PATH_MAX];
    struct err e = {0};
    struct user admin;
    int rc = no_arguments("init", argc, argv);
    if (rc != EX_OK)
        return rc;
    if (app_db_path(g->db_path, path, sizeof path, &e) != ERR_OK)
        return cli_report(&e);
    bool existed = app_db_exists(path);
    if (app_create_database(path, &admin, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s %s\n", existed ? "database ready:" : "database created:", path);
    printf("%s is %s\n", admin.login, role_name(admin.role));
    return EX_OK;
}

/* ---------------------------------------------------------------- backup */

/* Removes a database file and the WAL files that belong to it. */
static void remove_database_files(const char *path)
{
    char side[PATH_MAX + 64];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copies into a temporary file next to the target, then renames it into
 * place: a reader never sees half a backup, and a failure leaves no file. */
static int backup_into(struct app *app, const char *target, struct err *e)
{
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof tmp, "%s.partial-%ld", target, (long)getpid());
    remove_database_files(tmp);
    int rc = app_backup_to(app, tmp, e);
    if (rc == ERR_OK) {
        remove_database_files(target);
        if (rename(tmp, target) != 0)
            rc = err_set(e, ERR_IO, NULL, "cannot move the backup into %s", target);
    }
    if (rc != ERR_OK)
        remove_database_files(tmp);
    return rc;
}

int cmd_backup(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"force", no_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
    bool force = false;
    int c;
    while ((c = getopt_long(argc, argv, "f", options, NULL)) != -1) {
        if (c != 'f') {
            fprintf(stderr, "comptoir: backup: %s '%s'\n", cli_option_trouble(argv[optind - 1]),
                    argv[optind - 1]);
            return EX_USAGE;
        }
        force = true;
    }
    if (argc - optind != 1) {
        fprintf(stderr, "usage: comptoir backup FILE [--force]\n");
        return EX_USAGE;
    }
    const char *target = argv[optind];
    struct app app;
    struct err e = {0};
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    if (app_require(&app, ACT_BACKUP, &e) != ERR_OK)
        rc = cli_report(&e);
    else if (same_file(target, app_db_file(&app))) {
        fprintf(stderr, "comptoir: %s is the database itself\n", target);
        rc = EX_USAGE;
    } else if (!force && file_exists(target)) {
        fprintf(stderr, "comptoir: %s exists; use --force to replace it\n", target);
        rc = EX_CANTCREAT;
    } else if (backup_into(&app, target, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        printf("backed up %s to %s\n", app_db_file(&app), target);
    app_close(&app);
    return rc;
}

/* ----------------------------------------------------------------- check */

int cmd_check(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {
        {"head", required_argument, NULL, 'H'}, {"repair", no_argument, NULL, 'R'}, {NULL, 0, NULL, 0}};
    const char *head = NULL;
    bool repair = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'R') {
            repair = true;
            continue;
        }
        if (c != 'H') {
            fprintf(stderr,
                    "comptoir: check: unknown option '%s'\nusage: comptoir check [--head HASH] [--repair]\n",
                    argv[optind - 1]);
            return EX_USAGE;
        }
        head = optarg;
    }
    struct app app;
    struct err e = {0};
    int problems = 0;
    int rc = no_arguments("check", argc - optind + 1, argv + optind - 1);
    if (rc != EX_OK || (rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    struct strbuf report = {0};
    if (repair && check_repair(&app, &e) != ERR_OK) {
        rc = cli_report(&e);
    } else if (check_structure(&app, &report, &problems, &e) != ERR_OK ||
               check_database_head(&app, head, &report, &problems, &e) != ERR_OK) {
        rc = cli_report(&e);
    } else {
        fputs(strbuf_text(&report), stdout);
        if (problems > 0) {
            printf("%d problem%s found in %s\n", problems, problems == 1 ? "" : "s", app_db_file(&app));
            rc = EX_DATAERR;
        } else {
            printf("ok\n");
        }
    }
    strbuf_free(&report);
    app_close(&app);
    return rc;
}

/* ----------------------------------------------------------------- audit */

int cmd_audit(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "head") != 0) {
        fprintf(stderr, "usage: comptoir audit head\n");
        return EX_USAGE;
    }
    struct app app;
    struct err e = {0};
    char hash[65];
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    if (audit_head(&app, hash, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        printf("%s\n", hash);
    app_close(&app);
    return rc;
}

/* `comptoir setting KEY [VALUE]`: prints a setting, or changes it (admin). */
int cmd_setting(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: comptoir setting KEY [VALUE]\n");
        return EX_USAGE;
    }
    struct app app;
    struct err e = {0};
    char value[256];
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    if (argc == 3) {
        if (settings_change(&app, argv[1], argv[2], &e) != ERR_OK)
            rc = cli_report(&e);
        else
            printf("%s = %s\n", argv[1], argv[2]);
    } else {
        settings_get(&app, argv[1], "\x01", value, sizeof value);
        if (value[0] == '\x01') {
            err_set(&e, ERR_NOTFOUND, argv[1], "no setting '%s'", argv[1]);
            rc = cli_report(&e);
        } else if (strcmp(argv[1], "store.time_zone") == 0 && value[0] == '\0') {
            printf("%s = %s (the default)\n", argv[1], APP_DEFAULT_TIME_ZONE);
        } else {
            printf("%s = %s\n", argv[1], value);
        }
    }
    app_close(&app);
    return rc;
}

/* --------------------------------------------------------------- console */

/* The very first `comptoir`: a database full of demo data to look around in. */
static int console_first_start(const char *path)
{
    struct err e = {0};
    struct user admin;
    struct app app;
    fprintf(stderr, "first start: creating a demo database at %s…\n", path);
    if (app_create_database(path, &admin, &e) != ERR_OK || app_open(&app, path, NULL, &e) != ERR_OK)
        return cli_report(&e);
    struct demo_options opt = {.seed = 1};
    int rc = demo_fill(&app, &opt, stderr, &e);
    app_close(&app);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

int cmd_console(const struct cli_global *g, int argc, char **argv)
{
    char path[PATH_MAX];
    struct err e = {0};
    struct app app;
    int rc = no_arguments("console", argc, argv);
    if (rc != EX_OK)
        return rc;
    if (app_db_path(g->db_path, path, sizeof path, &e) != ERR_OK)
        return cli_report(&e);
    if (!app_db_exists(path) && (rc = console_first_start(path)) != EX_OK)
        return rc;
    if ((rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    if (cli_console_entry == NULL) {
        fprintf(stderr, "comptoir: this build has no console\n");
        rc = EX_UNAVAILABLE;
    } else {
        rc = cli_console_entry(&app);
    }
    app_close(&app);
    return rc;
}
