/* Internals of the CLI: the command table's handlers, one file per group
 * (see src/cli/README.md). Only src/cli/ includes this header. */
#ifndef COMPTOIR_CLI_PRIVATE_H
#define COMPTOIR_CLI_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sysexits.h>

#include "src/app.h"
#include "src/base/strbuf.h"
#include "src/cli/cli.h"
#include "src/csv/csv_io.h"

/* Options every command accepts before its name. */
struct cli_global {
    const char *db_path; /* --db */
    const char *as;      /* --as */
    char activity[96];   /* the command, for those who wait on it: "quote approve" */
};

/* A handler gets argv from its own name on (argv[0] = "import"), and returns a
 * sysexits.h code. It opens the app itself (some commands need no database). */
typedef int (*cli_handler)(const struct cli_global *g, int argc, char **argv);

struct cli_command {
    const char *name;
    cli_handler run;
    const char *usage;          /* "import KIND FILE [--map …]" */
    const char *summary;        /* one line for `comptoir --help` */
    void (*details)(FILE *out); /* prints the full usage for `comptoir NAME --help`, or NULL */
};

/* The full usage of `comptoir quote` (its sub-commands and their flags). */
void cli_quote_usage(FILE *out);
/* Appends the words of a name table (NULL-terminated) to b: "a, b, c",
 * with last_sep before the last ("a, b or c"). Usage texts list the core's
 * names this way instead of copying them. */
void cli_names(struct strbuf *b, const char *const *names, const char *last_sep);
/* Prints text wrapped at width columns (at spaces; "\n" in text starts a line). */
void cli_wrap(FILE *out, const char *text, int width);

int cmd_init(const struct cli_global *g, int argc, char **argv);
int cmd_demo(const struct cli_global *g, int argc, char **argv);
int cmd_import(const struct cli_global *g, int argc, char **argv);
int cmd_export(const struct cli_global *g, int argc, char **argv);
int cmd_order(const struct cli_global *g, int argc, char **argv);
int cmd_user(const struct cli_global *g, int argc, char **argv);
int cmd_backup(const struct cli_global *g, int argc, char **argv);
int cmd_check(const struct cli_global *g, int argc, char **argv);
int cmd_audit(const struct cli_global *g, int argc, char **argv);
int cmd_console(const struct cli_global *g, int argc, char **argv);
int cmd_quote(const struct cli_global *g, int argc, char **argv);
/* `import prices FILE` and `export prices [-o FILE]` (cli_quotes.c), reached from cmd_import / cmd_export. */
int cli_import_prices(const struct cli_global *g, const char *path, const struct import_options *opt);
int cli_export_prices(const struct cli_global *g, const char *path);

/* Opens the database named by the global options and identifies the user,
 * asking for a password when the user has one. Prints the error and returns
 * its exit code on failure. */
int cli_open_app(const struct cli_global *g, struct app *app);
/* Reads a password: $COMPTOIR_PASSWORD when set; else from the terminal
 * without echo (asking twice when confirm); else one line of stdin. */
int cli_read_password(const char *prompt, bool confirm, char *out, size_t len, struct err *e);
/* Prints "comptoir: MESSAGE" to stderr and returns the exit code for e. */
int cli_report(const struct err *e);
/* True when argv holds -h or --help; the caller then prints its usage. */
bool cli_wants_help(int argc, char **argv);

#endif
