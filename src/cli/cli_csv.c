/* `comptoir import KIND FILE …` and `comptoir export KIND [-o FILE]`: the
 * command line around csv_import_file and csv_export. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/cli/cli_private.h"
#include "src/csv/csv_io.h"

static const char import_usage[] =
    "usage: comptoir import KIND FILE [--map ours=theirs,...] [--null TEXT] [--decimal , | .]\n"
    "                      [--dry-run] [--update] [--rejects FILE]\n"
    "\n"
    "KIND is accounts, contacts, customers, products, orders, prices or promotions;\n"
    "FILE is CSV with a header row (UTF-8, LF or CRLF), or - for standard input.\n"
    "Columns are matched by name, in any order; `comptoir export KIND` shows them. Only\n"
    "what identifies a record is required: accounts code,name; contacts\n"
    "account_code,name; customers name,email; products sku,name,list_price;\n"
    "orders (one row per line) number,placed_at,sku,quantity,unit_price.\n"
    "\n"
    "  --map ours=theirs,...  read our column from their column name\n"
    "  --null TEXT            a cell equal to TEXT means no value (NULL, NA)\n"
    "  --decimal , | .        the file's decimal mark (default .): with . amounts read\n"
    "                         1234.50 or 1,234.50; with , 1234,50, 1 234,50 or\n"
    "                         1.234,50 €. An amount that does not fit the mark is an\n"
    "                         error, never a guess: 1,000 is a thousand with ., and\n"
    "                         is refused with , (three decimals)\n"
    "  --dry-run              check everything, write nothing\n"
    "  --update               change existing records instead of refusing their keys\n"
    "                         (orders are history and are never changed)\n"
    "  --rejects FILE         import the good rows; write the bad ones, with the\n"
    "                         reason first, to FILE\n"
    "\n"
    "Errors read FILE:LINE: column 'x': reason (\"value\"). Without --rejects, one\n"
    "bad row means nothing is written and the exit status is 65. Orders: a negative\n"
    "quantity (a return) is an error; a SKU not in the catalogue becomes a line\n"
    "without a product. assets/samples/README.md describes every column.\n";

static const char export_usage[] =
    "usage: comptoir export KIND [-o FILE]\n"
    "\n"
    "Writes accounts, contacts, customers, products, orders, prices or promotions\n"
    "as CSV (RFC 4180), with the columns import reads, to FILE or standard output.\n";

void cli_import_usage(FILE *out)
{
    fputs(import_usage, out);
}

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fputs("comptoir: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n", stderr);
    fputs(usage, stderr);
    return EX_USAGE;
}

/* Kinds with their own command (their own CSV code), beside the kinds of
 * csv_import_file and csv_export (enum import_kind). */
static const struct {
    const char *name;
    int (*import)(const struct cli_global *g, const char *path, const struct import_options *opt);
    int (*export)(const struct cli_global *g, const char *path);
} own_kinds[] = {
    {"prices", cli_import_prices, cli_export_prices},             /* B2B prices: cli_quotes.c */
    {"promotions", cli_import_promotions, cli_export_promotions}, /* cli_promo.c */
};
#define OWN_KINDS ((int)(sizeof own_kinds / sizeof own_kinds[0]))

static int own_kind(const char *text)
{
    for (int i = 0; i < OWN_KINDS; i++)
        if (strcmp(text, own_kinds[i].name) == 0)
            return i;
    return -1;
}

/* Every kind import and export take, from the tables they dispatch on. */
static void kinds_list(char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int k = 0; k < IMPORT_KIND_COUNT + OWN_KINDS && n < len; k++)
        n += (size_t)snprintf(out + n, len - n, "%s%s", k ? ", " : "",
                              k < IMPORT_KIND_COUNT ? import_kind_name((enum import_kind)k)
                                                    : own_kinds[k - IMPORT_KIND_COUNT].name);
}

static int parse_kind(const char *text, enum import_kind *kind, const char *usage)
{
    if (import_kind_parse(text, kind) == ERR_OK)
        return EX_OK;
    char kinds[256], fmt[300];
    kinds_list(kinds, sizeof kinds);
    snprintf(fmt, sizeof fmt, "unknown kind '%%s' (%s)", kinds);
    return usage_error(usage, fmt, text);
}

static int import_parse_options(int argc, char **argv, struct import_options *opt, int *first_arg)
{
    static const struct option options[] = {
        {"map", required_argument, NULL, 'm'},
        {"null", required_argument, NULL, 'n'},
        {"dry-run", no_argument, NULL, 'd'},
        {"update", no_argument, NULL, 'u'},
        {"rejects", required_argument, NULL, 'r'},
        {"decimal", required_argument, NULL, 'D'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 0; /* 0, not 1: glibc then forgets the global parse and permutes again */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "m:n:dur:", options, NULL)) != -1) {
        switch (c) {
        case 'm': opt->map = optarg; break;
        case 'n': opt->null_text = optarg; break;
        case 'd': opt->dry_run = true; break;
        case 'u': opt->update = true; break;
        case 'r': opt->rejects_path = optarg; break;
        case 'D':
            if (strcmp(optarg, ",") == 0 || strcmp(optarg, "comma") == 0)
                opt->decimal = MONEY_DECIMAL_COMMA;
            else if (strcmp(optarg, ".") == 0 || strcmp(optarg, "point") == 0)
                opt->decimal = MONEY_DECIMAL_POINT;
            else
                return usage_error(import_usage, "--decimal takes , or . (the file's decimal mark), not '%s'",
                                   optarg);
            break;
        default: return usage_error(import_usage, "bad option '%s'", argv[optind - 1]);
        }
    }
    *first_arg = optind;
    return EX_OK;
}

static void import_print_summary(const char *kind, const struct import_options *opt,
                                 const struct import_report *rep)
{
    double rate = rep->seconds > 0 ? (double)rep->rows_read / rep->seconds : 0;
    long long read = rep->rows_read, written = rep->rows_written, rejected = rep->rows_rejected;
    if (opt->dry_run)
        printf("dry run: %lld %s read, %lld would be imported into %s, %lld rejected; nothing written\n",
               read, cli_plural(read, "row", "rows"), written, kind, rejected);
    else
        printf("imported %lld %s into %s in %.2f s (%.0f rows/s)\n", written,
               cli_plural(written, "row", "rows"), kind, rep->seconds, rate);
    if (rejected > 0 && opt->rejects_path)
        printf("%lld %s rejected, written with %s to %s\n", rejected, cli_plural(rejected, "row", "rows"),
               cli_plural(rejected, "its reason", "their reasons"), opt->rejects_path);
}

int cmd_import(const struct cli_global *g, int argc, char **argv)
{
    struct import_options opt = {.errors = stderr};
    int first, rc = import_parse_options(argc, argv, &opt, &first);
    if (rc != EX_OK)
        return rc;
    if (argc - first != 2)
        return usage_error(import_usage, "%s", "import takes a KIND and a FILE");
    int own = own_kind(argv[first]);
    if (own >= 0)
        return own_kinds[own].import(g, argv[first + 1], &opt);
    enum import_kind kind;
    if ((rc = parse_kind(argv[first], &kind, import_usage)) != EX_OK)
        return rc;
    if (isatty(fileno(stderr)))
        opt.progress = stderr;
    struct app app;
    if ((rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    struct import_report rep;
    struct err e = {0};
    int r = csv_import_file(&app, kind, argv[first + 1], &opt, &rep, &e);
    app_close(&app);
    if (r != ERR_OK) {
        if (r == ERR_USAGE)
            fputs(import_usage, stderr);
        return cli_report(&e);
    }
    import_print_summary(import_kind_name(kind), &opt, &rep);
    return EX_OK;
}

/* Writes to a temporary name and renames at the end, so a failed export
 * never leaves half a file under the name asked for. */
static int export_to_file(struct app *app, enum import_kind kind, const char *path, struct err *e)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "wb");
    if (out == NULL)
        return err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    int rc = csv_export(app, kind, out, e);
    if (fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    if (rc == ERR_OK && rename(tmp, path) != 0)
        rc = err_set(e, ERR_IO, "file", "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    if (rc != ERR_OK)
        remove(tmp);
    return rc;
}

int cmd_export(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
    const char *path = NULL;
    int c;
    optind = 0; /* 0, not 1: glibc then forgets the global parse and permutes again */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (c != 'o')
            return usage_error(export_usage, "bad option '%s'", argv[optind - 1]);
        path = optarg;
    }
    if (argc - optind != 1)
        return usage_error(export_usage, "%s", "export takes one KIND");
    int own = own_kind(argv[optind]);
    if (own >= 0)
        return own_kinds[own].export(g, path);
    enum import_kind kind;
    int rc = parse_kind(argv[optind], &kind, export_usage);
    if (rc != EX_OK)
        return rc;
    struct app app;
    if ((rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    struct err e = {0};
    int r;
    if (path && strcmp(path, "-") != 0) {
        r = export_to_file(&app, kind, path, &e);
    } else {
        FILE *out = cli_raw_stdout(); /* CSV is data: written as it is */
        r = out ? csv_export(&app, kind, out, &e)
                : err_set(&e, ERR_IO, "file", "cannot write standard output");
        if (out && fclose(out) != 0 && r == ERR_OK)
            r = err_set(&e, ERR_IO, "file", "cannot write standard output: %s", strerror(errno));
    }
    app_close(&app);
    return r == ERR_OK ? EX_OK : cli_report(&e);
}
