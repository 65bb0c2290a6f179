/* `comptoir user`: add, list, disable users and set their passwords. The
 * rights (admins manage users; anyone may change their own password) are
 * checked in the core. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/rows.h"
#include "src/cli/cli_private.h"
#include "src/users.h"

static const char user_usage[] = "usage: comptoir user add NAME --role ROLE [--full-name TEXT] [--password]\n"
                                 "       comptoir user list\n"
                                 "       comptoir user disable NAME\n"
                                 "       comptoir user passwd NAME\n";

/* The usage, and the roles from their name table. */
static void user_usage_print(FILE *out)
{
    struct strbuf roles = {0};
    cli_names(&roles, role_names, " or ");
    fprintf(out, "%sROLE is %s.\n", user_usage, strbuf_text(&roles));
    strbuf_free(&roles);
}

/* Runs a user operation on an opened app and reports its error. */
static int finish(struct app *app, int rc, const struct err *e)
{
    app_close(app);
    return rc == ERR_OK ? EX_OK : cli_report(e);
}

struct add_args {
    const char *login, *full_name;
    enum role role;
    bool has_role, password;
};

static int parse_add(int argc, char **argv, struct add_args *a)
{
    static const struct option options[] = {
        {"role", required_argument, NULL, 'r'},
        {"full-name", required_argument, NULL, 'n'},
        {"password", no_argument, NULL, 'p'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'r') {
            if (role_parse(optarg, &a->role) != ERR_OK) {
                struct strbuf roles = {0};
                cli_names(&roles, role_names, " or ");
                fprintf(stderr, "comptoir: unknown role '%s' (%s)\n", optarg, strbuf_text(&roles));
                strbuf_free(&roles);
                return EX_USAGE;
            }
            a->has_role = true;
        } else if (c == 'n') {
            a->full_name = optarg;
        } else if (c == 'p') {
            a->password = true;
        } else {
            fprintf(stderr, "comptoir: user add: unknown or incomplete option '%s'\n", argv[optind - 1]);
            user_usage_print(stderr);
            return EX_USAGE;
        }
    }
    if (argc - optind != 1 || !a->has_role) {
        user_usage_print(stderr);
        return EX_USAGE;
    }
    a->login = argv[optind];
    return EX_OK;
}

static int user_cmd_add(const struct cli_global *g, int argc, char **argv)
{
    struct add_args a = {0};
    struct app app;
    struct err e = {0};
    char password[256] = "";
    int rc = parse_add(argc, argv, &a);
    if (rc != EX_OK || (rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    /* Ask for the password only when the caller may add users at all. */
    if ((rc = app_require(&app, ACT_USER_MANAGE, &e)) == ERR_OK && a.password)
        rc = cli_read_password("New password: ", true, password, sizeof password, &e);
    if (rc == ERR_OK)
        rc = user_add(&app, a.login, a.full_name, a.role, a.password ? password : NULL, &e);
    explicit_bzero(password, sizeof password);
    if (rc == ERR_OK)
        printf("added %s (%s)%s\n", a.login, role_name(a.role), a.password ? " with a password" : "");
    return finish(&app, rc, &e);
}

static int user_cmd_list(const struct cli_global *g, int argc, char **argv)
{
    (void)argv;
    struct app app;
    struct err e = {0};
    if (argc != 1) {
        user_usage_print(stderr);
        return EX_USAGE;
    }
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct rows users = {0};
    rc = user_list(&app, NULL, &users, &e);
    if (rc == ERR_OK) {
        const struct user *u = users.items;
        /* The name goes last: logins are ASCII, names need not be, and
         * printf pads by bytes, not by the columns a name takes. */
        printf("%-16s %-8s %-6s %-8s %s\n", "LOGIN", "ROLE", "ACTIVE", "PASSWORD", "NAME");
        for (int i = 0; i < users.n; i++)
            printf("%-16s %-8s %-6s %-8s %s\n", u[i].login, role_name(u[i].role), u[i].active ? "yes" : "no",
                   u[i].has_password ? "yes" : "no", u[i].full_name);
    }
    rows_free(&users);
    return finish(&app, rc, &e);
}

/* disable NAME / passwd NAME: one login and nothing else. */
static const char *one_login(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        user_usage_print(stderr);
        return NULL;
    }
    return argv[1];
}

static int user_cmd_disable(const struct cli_global *g, int argc, char **argv)
{
    struct app app;
    struct err e = {0};
    const char *login = one_login(argc, argv);
    if (login == NULL)
        return EX_USAGE;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = user_disable(&app, login, &e);
    if (rc == ERR_OK)
        printf("disabled %s\n", login);
    return finish(&app, rc, &e);
}

static int user_cmd_passwd(const struct cli_global *g, int argc, char **argv)
{
    struct app app;
    struct err e = {0};
    char password[256] = "";
    const char *login = one_login(argc, argv);
    if (login == NULL)
        return EX_USAGE;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    if (strcmp(login, app.user.login) != 0)
        rc = app_require(&app, ACT_USER_MANAGE, &e);
    if (rc == ERR_OK)
        rc = cli_read_password("New password: ", true, password, sizeof password, &e);
    if (rc == ERR_OK)
        rc = user_set_password(&app, login, password, &e);
    explicit_bzero(password, sizeof password);
    if (rc == ERR_OK)
        printf("password set for %s\n", login);
    return finish(&app, rc, &e);
}

int cmd_user(const struct cli_global *g, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(const struct cli_global *, int, char **);
    } subcommands[] = {
        {"add", user_cmd_add},
        {"list", user_cmd_list},
        {"disable", user_cmd_disable},
        {"passwd", user_cmd_passwd},
    };
    if (argc < 2) {
        user_usage_print(stderr);
        return EX_USAGE;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0)
            return subcommands[i].run(g, argc - 1, argv + 1);
    fprintf(stderr, "comptoir: unknown user command '%s'\n", argv[1]);
    user_usage_print(stderr);
    return EX_USAGE;
}
