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

/* The B2C wave's commands, each defined in its own file (cli.c lists them
 * after its own table), so issues 11-15 change only their file; a command
 * without a summary (a seam not filled yet) is left out of --help:
 * cli_order_new.c (shipping), cli_promo.c (11), cli_loyalty.c (12),
 * cli_stock.c (13), cli_return.c (14), cli_report.c (13, then 15). */
extern const struct cli_command cli_shipping_command, cli_promo_command, cli_loyalty_command,
    cli_stock_command, cli_return_command, cli_report_command;

/* The full usage of `comptoir import` (its options, --decimal among them). */
void cli_import_usage(FILE *out);
/* The full usage of `comptoir quote` (its sub-commands and their flags). */
void cli_quote_usage(FILE *out);
/* Appends the words of a name table (NULL-terminated) to b: "a, b, c",
 * with last_sep before the last ("a, b or c"). Usage texts list the core's
 * names this way instead of copying them. */
void cli_names(struct strbuf *b, const char *const *names, const char *last_sep);
/* Prints text wrapped at width columns (at spaces; "\n" in text starts a line). */
void cli_wrap(FILE *out, const char *text, int width);
/* What went wrong with the option getopt_long just refused (arg, its
 * argv[optind - 1]), said before it: "unknown option", or "missing the value
 * of" for a known --option given last without its value. */
const char *cli_option_trouble(const char *arg);

int cmd_init(const struct cli_global *g, int argc, char **argv);
int cmd_demo(const struct cli_global *g, int argc, char **argv);
int cmd_import(const struct cli_global *g, int argc, char **argv);
int cmd_export(const struct cli_global *g, int argc, char **argv);
int cmd_order(const struct cli_global *g, int argc, char **argv);
int cmd_user(const struct cli_global *g, int argc, char **argv);
int cmd_backup(const struct cli_global *g, int argc, char **argv);
int cmd_check(const struct cli_global *g, int argc, char **argv);
int cmd_audit(const struct cli_global *g, int argc, char **argv);
int cmd_setting(const struct cli_global *g, int argc, char **argv);
int cmd_console(const struct cli_global *g, int argc, char **argv);
int cmd_quote(const struct cli_global *g, int argc, char **argv);
/* `order new`, `order reorder`, `order print` (cli_order_new.c), reached from cmd_order. */
int cli_order_new(const struct cli_global *g, int argc, char **argv);
int cli_order_reorder(const struct cli_global *g, int argc, char **argv);
int cli_order_print(const struct cli_global *g, int argc, char **argv);
void cli_order_new_usage(FILE *out);
/* `order ship`, `deliver`, `note`, `cancel`, `po`, `labels` and `print
 * --packing-slip` (cli_order_fulfil.c), reached from cmd_order. */
int cli_order_ship(const struct cli_global *g, int argc, char **argv);
int cli_order_deliver(const struct cli_global *g, int argc, char **argv);
int cli_order_note(const struct cli_global *g, int argc, char **argv);
int cli_order_cancel(const struct cli_global *g, int argc, char **argv);
int cli_order_po(const struct cli_global *g, int argc, char **argv);
int cli_order_labels(const struct cli_global *g, int argc, char **argv);
int cli_order_packing_slip(const struct cli_global *g, int argc, char **argv);
bool cli_order_wants_packing_slip(int argc, char **argv);
void cli_order_fulfil_usage(FILE *out);
/* The full usage of `comptoir order` (find, show, status, new, reorder, print). */
void cli_order_usage(FILE *out);
/* `comptoir shipping list | set` (cli_order_new.c). */
int cmd_shipping(const struct cli_global *g, int argc, char **argv);
/* `import prices FILE` and `export prices [-o FILE]` (cli_quotes.c), reached from cmd_import / cmd_export. */
int cli_import_prices(const struct cli_global *g, const char *path, const struct import_options *opt);
int cli_export_prices(const struct cli_global *g, const char *path);
/* `import promotions FILE` and `export promotions [-o FILE]` (cli_promo.c), reached from cmd_import /
 * cmd_export. */
int cli_import_promotions(const struct cli_global *g, const char *path, const struct import_options *opt);
int cli_export_promotions(const struct cli_global *g, const char *path);

/* While a command runs, what it prints on standard output has its control
 * characters made visible (text_visible): cli_output_begin returns a handle
 * (NULL if that could not be set up) and cli_output_end gives stdout back. */
void *cli_output_begin(void);
void cli_output_end(void *handle);
/* Standard output for data (CSV), bypassing the above; the caller fcloses
 * it. NULL when it cannot be opened. */
FILE *cli_raw_stdout(void);

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

/* "row" or "rows" for n of them: "imported 1 row", "imported 2 rows". */
const char *cli_plural(long long n, const char *one, const char *many);

#endif
