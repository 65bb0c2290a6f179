/* The CLI: global options, the command table, and the mapping of errors to
 * sysexits.h exit codes. Each command group lives in its own cli_*.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/privs.h"
#include "src/base/text.h"
#include "src/cli/cli.h"
#include "src/cli/cli_private.h"

int (*cli_console_entry)(struct app *app);

static const struct cli_command commands[] = {
    {"init", cmd_init, "init", "create the database (if needed) and make you its admin", NULL},
    {"demo", cmd_demo,
     "demo [--seed N] [--size small|large] [--accounts N] [--customers N] [--products N] [--orders N]",
     "fill the database with realistic demo data", NULL},
    {"import", cmd_import,
     "import KIND FILE [--map ours=theirs,...] [--null TEXT] [--decimal , | .] [--dry-run] [--update] "
     "[--rejects FILE]",
     "import accounts, contacts, customers, products, orders or prices from CSV", cli_import_usage},
    {"export", cmd_export, "export KIND [-o FILE]", "export a kind as CSV (same columns as import)", NULL},
    {"order", cmd_order,
     "order find TEXT | order show NUMBER | order status NUMBER STATUS | order new … | "
     "order reorder NUMBER | order print NUMBER -o FILE.pdf",
     "sell, find and show orders, move them through their life cycle", cli_order_usage},
    {"quote", cmd_quote,
     "quote list|show|new|add-line|submit|approve|reject|recall|send|counter|diff|accept|print …",
     "build, negotiate, approve and print B2B quotes", cli_quote_usage},
    {"user", cmd_user,
     "user add NAME --role ROLE [--full-name TEXT] [--password] | user list | user disable NAME | "
     "user passwd NAME",
     "manage users and roles", NULL},
    {"backup", cmd_backup, "backup FILE [--force]", "copy the database safely while others work", NULL},
    {"check", cmd_check, "check [--head HASH] [--repair]",
     "verify integrity, foreign keys, totals and the audit log's chain (up to a head you kept); --repair "
     "rebuilds the search indexes",
     NULL},
    {"setting", cmd_setting, "setting KEY [VALUE]",
     "print a setting, or change it (admin): store.time_zone (default Europe/Paris), …", NULL},
    {"audit", cmd_audit, "audit head", "print the audit log's latest hash, to keep elsewhere", NULL},
    {"console", cmd_console, "console", "open the console (the default)", NULL},
};
static const int ncommands = sizeof commands / sizeof commands[0];
static const struct cli_command *const b2c_commands[] = {&cli_shipping_command, &cli_promo_command,
                                                         &cli_loyalty_command,  &cli_stock_command,
                                                         &cli_return_command,   &cli_report_command};
static const int nb2c = sizeof b2c_commands / sizeof b2c_commands[0];

/* The i-th command of both tables, NULL past the last. */
static const struct cli_command *command_at(int i)
{
    return i < ncommands ? &commands[i] : i < ncommands + nb2c ? b2c_commands[i - ncommands] : NULL;
}

const char *cli_plural(long long n, const char *one, const char *many)
{
    return text_plural(n, one, many);
}

int exit_code_for(enum err_code code)
{
    switch (code) {
    case ERR_OK: return EX_OK;
    case ERR_USAGE: return EX_USAGE;
    case ERR_INVALID: return EX_DATAERR;
    case ERR_NOTFOUND: return EX_NOINPUT;
    case ERR_EXISTS: return EX_DATAERR;
    case ERR_DENIED: return EX_NOPERM;
    case ERR_STATE: return EX_DATAERR;
    case ERR_CONFLICT: return EX_TEMPFAIL;
    case ERR_BUSY: return EX_TEMPFAIL;
    case ERR_IO: return EX_IOERR;
    case ERR_SCHEMA: return EX_CONFIG;
    case ERR_CANCELLED: return EX_TEMPFAIL;
    case ERR_INTERNAL: return EX_SOFTWARE;
    }
    return EX_SOFTWARE;
}

int cli_report(const struct err *e)
{
    struct strbuf shown = {0}; /* a message may quote what someone typed */
    text_visible(&shown, e->msg, strlen(e->msg), TEXT_SHOW_NEWLINES);
    fprintf(stderr, "comptoir: %s\n", e->msg[0] ? strbuf_text(&shown) : "failed");
    strbuf_free(&shown);
    return exit_code_for(e->code);
}

void cli_names(struct strbuf *b, const char *const *names, const char *last_sep)
{
    for (int i = 0; names[i]; i++)
        strbuf_addf(b, "%s%s", i == 0 ? "" : names[i + 1] ? ", " : last_sep, names[i]);
}

void cli_wrap(FILE *out, const char *text, int width)
{
    int col = 0;
    while (*text) {
        size_t word = strcspn(text, " \n");
        if (col > 0 && col + 1 + (int)word > width) {
            fputc('\n', out);
            col = 0;
        } else if (col > 0) {
            fputc(' ', out);
            col++;
        }
        fwrite(text, 1, word, out);
        col += (int)word;
        text += word;
        if (*text == '\n') {
            fputc('\n', out);
            col = 0;
        }
        if (*text)
            text++;
    }
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

static void usage(FILE *out)
{
    int i = 0;
    fprintf(out, "usage: comptoir [--db PATH] [--as USER] [COMMAND [ARGS]]\n"
                 "\n"
                 "A terminal sales console. Without a command, opens the console.\n"
                 "\n"
                 "commands:\n");
    for (const struct cli_command *c; (c = command_at(i)) != NULL; i++)
        if (c->summary != NULL)
            fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fprintf(out, "\n"
                 "options:\n"
                 "  --db PATH    the database (default: $COMPTOIR_DB, else the shared\n"
                 "               one of an installed program, else\n"
                 "               $XDG_DATA_HOME/comptoir/comptoir.db)\n"
                 "  --as USER    act as another user (admins only)\n"
                 "  --version    print the version\n"
                 "  --help       this help; `comptoir COMMAND --help` for a command\n");
}

int cli_main(int argc, char **argv)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},
        {"as", required_argument, NULL, 'a'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cli_global g = {0};
    int c;
    privs_init();
    text_use_utf8_ctype();
    opterr = 0;
    /* '+': stop at the command name so each command parses its own flags. */
    while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
        switch (c) {
        case 'd': g.db_path = optarg; break;
        case 'a': g.as = optarg; break;
        case 'V': printf("comptoir %s\n", COMPTOIR_VERSION); return EX_OK;
        case 'h': usage(stdout); return EX_OK;
        default:
            fprintf(stderr, "comptoir: %s '%s'\n", cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
            usage(stderr);
            return EX_USAGE;
        }
    }
    int rest = argc - optind;
    char **args = argv + optind;
    optind = 0; /* reset getopt for the command's own parsing */
    if (rest == 0)
        return cmd_console(&g, 0, NULL);
    snprintf(g.activity, sizeof g.activity, "%s%s%s", args[0], rest > 1 && args[1][0] != '-' ? " " : "",
             rest > 1 && args[1][0] != '-' ? args[1] : "");
    int i = 0;
    for (const struct cli_command *c; (c = command_at(i)) != NULL; i++) {
        if (strcmp(args[0], c->name) != 0)
            continue;
        if (cli_wants_help(rest, args)) {
            if (c->details) {
                c->details(stdout);
                printf("\n%s\n", c->summary ? c->summary : "");
            } else {
                printf("usage: comptoir %s\n\n%s\n", c->usage, c->summary ? c->summary : "");
            }
            return EX_OK;
        }
        if (c->run == cmd_console) /* curses needs the real stdout */
            return cmd_console(&g, rest, args);
        void *shown = cli_output_begin();
        int rc = c->run(&g, rest, args);
        cli_output_end(shown);
        return rc;
    }
    fprintf(stderr, "comptoir: unknown command '%s'\n", args[0]);
    usage(stderr);
    return EX_USAGE;
}
