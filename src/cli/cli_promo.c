/* `comptoir promo`: promotions and coupon codes from a shell — add (the new
 * id alone on the last line), list, show (uses "100 of 100", budget spent),
 * disable, and batches of single-use codes written as CSV for a mailing;
 * `import promotions` / `export promotions` reach the CSV files here too. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/promotion.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"
#include "src/csv/csv_io.h"

static const char promo_usage[] =
    "usage: comptoir promo add NAME --kind percent|fixed|buy-get|free-shipping|price\n"
    "               [--value PCT|AMOUNT] [--on order|category:NAME|sku:SKU[,SKU…]]\n"
    "               [--buy N --get M [--get-percent PCT] [--max-free N] [--dearest]]\n"
    "               [--min-subtotal AMOUNT] [--min-qty N] [--from DATE] [--to DATE]\n"
    "               [--code CODE | --auto] [--limit N] [--per-customer N] [--budget AMOUNT]\n"
    "               [--priority N] [--exclusive] [--stop] [--channel b2c|b2b] [--tier NAME]\n"
    "               [--first-order]\n"
    "       comptoir promo list [--active]\n"
    "       comptoir promo show ID|CODE\n"
    "       comptoir promo disable ID\n"
    "       comptoir promo codes ID [--generate N [--prefix TEXT]] -o FILE.csv\n"
    "\n"
    "add prints the new promotion's id alone on its last line. --value is a percentage\n"
    "(10 or 12.5) for percent, an amount (tax included for consumers) for fixed and\n"
    "price. Dates are the store's days, both ends included. Without --code or --auto a\n"
    "promotion waits for single-use codes: `promo codes ID --generate N -o FILE.csv`\n"
    "makes N of them and writes the batch; without --generate it writes every code.\n"
    "Managers and admins run promotions; `order new --coupon CODE` applies a code.\n"
    "`comptoir import promotions FILE` and `export promotions` read and write them all.\n";

static void promo_details(FILE *out)
{
    fputs(promo_usage, out);
}

static int promo_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(promo_usage, stderr);
    return EX_USAGE;
}

/* A core refusal names the option at fault: "--value: a percentage …". */
static int promo_report(const struct err *e)
{
    if (e->field[0] == '\0' || strcmp(e->field, "promotion") == 0 || strcmp(e->field, "version") == 0)
        return cli_report(e);
    char option[72];
    snprintf(option, sizeof option, "%s", strcmp(e->field, "name") == 0 ? "NAME" : e->field);
    for (char *c = option; *c; c++)
        *c = *c == '_' ? '-' : *c;
    fprintf(stderr, "comptoir: %s%s: %s\n", strcmp(e->field, "name") == 0 ? "" : "--", option, e->msg);
    return exit_code_for(e->code);
}

/* ------------------------------------------------------------ add */

struct add_options {
    const char *kind, *value, *on;
    bool code_given, auto_given;
};

static int parse_count(const char *text, const char *option, int64_t lo, int64_t *out)
{
    char *end = NULL;
    long long n = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || n < lo)
        return promo_usage_error(option, text);
    *out = n;
    return EX_OK;
}

static int parse_amount(const char *text, const char *option, int64_t *out)
{
    struct err e = {0};
    if (money_parse(text, out, &e) != ERR_OK || *out < 0)
        return promo_usage_error(option, text);
    return EX_OK;
}

static int parse_date(const char *text, const char *option, char out[11])
{
    if (!datetime_is_date(text))
        return promo_usage_error(option, text);
    snprintf(out, 11, "%s", text);
    return EX_OK;
}

static int parse_add_option(int opt, struct add_options *o, struct promotion_edit *in)
{
    struct promotion *p = &in->p;
    int64_t n = 0;
    int rc = EX_OK;
    struct err e = {0};
    switch (opt) {
    case 'k': o->kind = optarg; return EX_OK;
    case 'v': o->value = optarg; return EX_OK;
    case 'O': o->on = optarg; return EX_OK;
    case 'b': return parse_count(optarg, "--buy takes a number of items, not", 1, &p->buy_qty);
    case 'g': return parse_count(optarg, "--get takes a number of items, not", 1, &p->get_qty);
    case 'G':
        if (bp_parse(optarg, &p->get_percent_bp, &e) != ERR_OK)
            return promo_usage_error("--get-percent takes a percentage, not", optarg);
        return EX_OK;
    case 'x': return parse_count(optarg, "--max-free takes a number of items, not", 1, &p->max_free);
    case 'd': p->dearest = true; return EX_OK;
    case 's': return parse_amount(optarg, "--min-subtotal takes an amount, not", &p->min_subtotal);
    case 'q': return parse_count(optarg, "--min-qty takes a number of items, not", 1, &p->min_qty);
    case 'f': return parse_date(optarg, "--from takes a date YYYY-MM-DD, not", p->starts_on);
    case 't': return parse_date(optarg, "--to takes a date YYYY-MM-DD, not", p->ends_on);
    case 'c':
        if (strlen(optarg) >= sizeof in->code)
            return promo_usage_error("--code is too long:", optarg);
        snprintf(in->code, sizeof in->code, "%s", optarg);
        o->code_given = true;
        return EX_OK;
    case 'a': o->auto_given = true; return EX_OK;
    case 'l': return parse_count(optarg, "--limit takes a number of uses, not", 1, &p->max_uses);
    case 'P': return parse_count(optarg, "--per-customer takes a number of uses, not", 1, &p->per_customer);
    case 'B': return parse_amount(optarg, "--budget takes an amount, not", &p->budget);
    case 'p':
        rc = parse_count(optarg, "--priority takes a whole number, not", -999, &n);
        p->priority = (int)n;
        return rc;
    case 'X': p->exclusive = true; return EX_OK;
    case 'S': p->stop = true; return EX_OK;
    case 'C':
        p->channel = name_index((const char *const[]){"b2b", "b2c", NULL}, 2, optarg, true);
        return p->channel < 0 ? promo_usage_error("--channel takes b2c or b2b, not", optarg) : EX_OK;
    case 'T':
        if (strlen(optarg) >= sizeof p->tier)
            return promo_usage_error("--tier is too long:", optarg);
        snprintf(p->tier, sizeof p->tier, "%s", optarg);
        return EX_OK;
    case 'F': p->first_order = true; return EX_OK;
    default: return promo_usage_error("unknown option", NULL);
    }
}

static int parse_add(int argc, char **argv, struct add_options *o, struct promotion_edit *in)
{
    static const struct option options[] = {
        {"kind", required_argument, NULL, 'k'},         {"value", required_argument, NULL, 'v'},
        {"on", required_argument, NULL, 'O'},           {"buy", required_argument, NULL, 'b'},
        {"get", required_argument, NULL, 'g'},          {"get-percent", required_argument, NULL, 'G'},
        {"max-free", required_argument, NULL, 'x'},     {"dearest", no_argument, NULL, 'd'},
        {"min-subtotal", required_argument, NULL, 's'}, {"min-qty", required_argument, NULL, 'q'},
        {"from", required_argument, NULL, 'f'},         {"to", required_argument, NULL, 't'},
        {"code", required_argument, NULL, 'c'},         {"auto", no_argument, NULL, 'a'},
        {"limit", required_argument, NULL, 'l'},        {"per-customer", required_argument, NULL, 'P'},
        {"budget", required_argument, NULL, 'B'},       {"priority", required_argument, NULL, 'p'},
        {"exclusive", no_argument, NULL, 'X'},          {"stop", no_argument, NULL, 'S'},
        {"channel", required_argument, NULL, 'C'},      {"tier", required_argument, NULL, 'T'},
        {"first-order", no_argument, NULL, 'F'},        {NULL, 0, NULL, 0},
    };
    int opt, rc;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1)
        if ((rc = parse_add_option(opt, o, in)) != EX_OK)
            return opt == '?' ? promo_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1])
                              : rc;
    if (optind != argc - 1)
        return promo_usage_error("promo add needs one NAME (quote it when it has spaces)", NULL);
    if (o->kind == NULL)
        return promo_usage_error("promo add needs --kind", NULL);
    if (o->code_given && o->auto_given)
        return promo_usage_error("--code or --auto, not both", NULL);
    return EX_OK;
}

static int add_fill(struct promotion_edit *in, const struct add_options *o, const char *name)
{
    struct err e = {0};
    if (strlen(name) >= sizeof in->p.name)
        return promo_usage_error("NAME is too long", NULL);
    snprintf(in->p.name, sizeof in->p.name, "%s", name);
    if (promotion_parse_kind(o->kind, &in->p.kind, &e) != ERR_OK ||
        promotion_parse_value(o->value ? o->value : "", in->p.kind, &in->p.value, &e) != ERR_OK ||
        promotion_parse_target(o->on ? o->on : "order", in, &e) != ERR_OK)
        return promo_report(&e);
    if (in->p.kind == PROMO_PERCENT && o->value == NULL)
        return promo_usage_error("a percent promotion needs --value PCT", NULL);
    if ((in->p.kind == PROMO_FIXED || in->p.kind == PROMO_PRICE) && o->value == NULL)
        return promo_usage_error("this kind needs --value AMOUNT", NULL);
    in->p.activation = o->auto_given ? PROMO_AUTO : PROMO_CODE;
    return EX_OK;
}

static int promo_add(const struct cli_global *g, int argc, char **argv)
{
    struct promotion_edit *in = calloc(1, sizeof *in);
    struct add_options o = {0};
    if (in == NULL)
        return EX_OSERR;
    in->p.channel = -1;
    in->p.budget = -1;
    in->p.get_percent_bp = 10000;
    int rc = parse_add(argc, argv, &o, in);
    if (rc == EX_OK)
        rc = add_fill(in, &o, argv[optind]);
    struct app app;
    if (rc == EX_OK && (rc = cli_open_app(g, &app)) == EX_OK) {
        struct err e = {0};
        if (promotion_create(&app, in, &e) != ERR_OK) {
            rc = promo_report(&e);
        } else {
            char gives[96], on[4200];
            promotion_describe(&in->p, gives, sizeof gives);
            promotion_target_text(&in->p, 0, on, sizeof on);
            if (in->p.target == PROMO_ON_SKUS)
                snprintf(on, sizeof on, "%s", in->skus);
            if (in->p.activation == PROMO_AUTO)
                printf("%s: %s on %s, automatic\n", in->p.name, gives, on);
            else if (in->code[0])
                printf("%s: %s on %s, code %s\n", in->p.name, gives, on, in->code);
            else
                printf("%s: %s on %s, with single-use codes: promo codes %lld --generate N -o FILE.csv\n",
                       in->p.name, gives, on, (long long)in->p.id);
            printf("%lld\n", (long long)in->p.id);
        }
        app_close(&app);
    }
    free(in);
    return rc;
}

/* ------------------------------------------------------------ list */

static void uses_text(const struct promotion *p, char *out, size_t len)
{
    if (p->max_uses > 0)
        snprintf(out, len, "%lld of %lld", (long long)p->uses, (long long)p->max_uses);
    else
        snprintf(out, len, "%lld", (long long)p->uses);
}

static void budget_text(const struct promotion *p, char *out, size_t len)
{
    char a[32], b[32];
    money_format_plain(p->granted, a, sizeof a);
    if (p->budget < 0) {
        snprintf(out, len, "%s", a);
        return;
    }
    money_format_plain(p->budget, b, sizeof b);
    snprintf(out, len, "%s of %s", a, b);
}

static void list_row(const struct promotion *p, const char *today)
{
    char cell[400], gives[96], uses[48], budget[80];
    printf("%6lld  ", (long long)p->id);
    text_fit(promotion_state_names[promotion_state_on(p, today)], 9, TEXT_LEFT, cell, sizeof cell);
    printf("%s ", cell);
    text_fit(p->name, 24, TEXT_LEFT, cell, sizeof cell);
    printf("%s ", cell);
    promotion_describe(p, gives, sizeof gives);
    text_fit(gives, 20, TEXT_LEFT, cell, sizeof cell);
    printf("%s ", cell);
    text_fit(p->activation == PROMO_AUTO ? "auto"
             : p->code[0]                ? p->code
                                         : "codes",
             12, TEXT_LEFT, cell, sizeof cell);
    printf("%s ", cell);
    uses_text(p, uses, sizeof uses);
    budget_text(p, budget, sizeof budget);
    printf("%12s %22s\n", uses, budget);
}

static int promo_list(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"active", no_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
    unsigned states = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt != 'a')
            return promo_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        states = 1u << PROMO_ACTIVE;
    }
    if (optind != argc)
        return promo_usage_error("promo list takes no argument but --active", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    char today[11];
    promotion_today(today);
    printf("%6s  %-9s %-24s %-20s %-12s %12s %22s\n", "ID", "STATE", "NAME", "GIVES", "CODE", "USES",
           "GRANTED");
    struct page_req q = {.limit = 200};
    struct rows page = {0};
    struct err e = {0};
    int n = 0;
    do {
        if (promotion_list(&app, states, &q, &page, &e) != ERR_OK) {
            rc = cli_report(&e);
            break;
        }
        const struct promotion *p = page.items;
        for (int i = 0; i < page.n; i++)
            list_row(&p[i], today);
        n += page.n;
        if (page.n > 0) {
            promotion_cursor(&p[page.n - 1], &q.cursor);
            q.has_cursor = true;
        }
    } while (page.more > 0);
    if (rc == EX_OK)
        printf("%d promotion%s\n", n, n == 1 ? "" : "s");
    rows_free(&page);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ show */

static void show_conditions(const struct promotion *p)
{
    char a[32];
    struct strbuf b = {0};
    if (p->min_subtotal > 0) {
        money_format_plain(p->min_subtotal, a, sizeof a);
        strbuf_addf(&b, "%sa minimum of %s", b.len ? "; " : "", a);
    }
    if (p->min_qty > 0)
        strbuf_addf(&b, "%s%lld items or more", b.len ? "; " : "", (long long)p->min_qty);
    if (p->channel >= 0)
        strbuf_addf(&b, "%s%s only", b.len ? "; " : "",
                    p->channel == CHANNEL_B2C ? "consumers" : "business accounts");
    if (p->tier[0])
        strbuf_addf(&b, "%s%s tier", b.len ? "; " : "", p->tier);
    if (p->first_order)
        strbuf_addf(&b, "%sfirst order only", b.len ? "; " : "");
    printf("Requires:  %s\n", b.len ? strbuf_text(&b) : "nothing");
    strbuf_free(&b);
}

static void show_limits(const struct promotion *p)
{
    char uses[48], budget[80];
    uses_text(p, uses, sizeof uses);
    printf("Uses:      %s%s\n", uses, p->max_uses > 0 ? "" : " (no limit)");
    if (p->per_customer > 0)
        printf("Per customer: %lld\n", (long long)p->per_customer);
    budget_text(p, budget, sizeof budget);
    printf("Granted:   %s%s\n", budget, p->budget >= 0 ? " budget" : " (no budget)");
}

static void show_promotion(const struct promotion *p, const char *skus)
{
    char today[11], gives[96], target[160];
    promotion_today(today);
    promotion_describe(p, gives, sizeof gives);
    promotion_target_text(p, 0, target, sizeof target);
    printf("Promotion: %lld — %s\n", (long long)p->id, p->name);
    printf("State:     %s", promotion_state_names[promotion_state_on(p, today)]);
    if (p->starts_on[0] || p->ends_on[0])
        printf(" (%s to %s)", p->starts_on[0] ? p->starts_on : "…", p->ends_on[0] ? p->ends_on : "…");
    printf("%s%s\n", p->disabled_at[0] ? ", disabled " : "", p->disabled_at);
    printf("Gives:     %s on %s\n", gives, p->target == PROMO_ON_SKUS ? skus : target);
    if (p->activation == PROMO_AUTO)
        printf("Trigger:   automatic\n");
    else if (p->codes == 0)
        printf("Trigger:   %s%s\n", p->code[0] ? "code " : "single-use codes, none made yet", p->code);
    else
        printf("Trigger:   %s%s%s%lld single-use code%s (%lld used)\n", p->code[0] ? "code " : "", p->code,
               p->code[0] ? "; " : "", (long long)p->codes, p->codes == 1 ? "" : "s",
               (long long)p->codes_used);
    show_conditions(p);
    show_limits(p);
    printf("Stacking:  priority %d%s%s\n", p->priority, p->exclusive ? ", exclusive" : "",
           p->stop ? ", stop" : "");
}

static int promo_show(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 2)
        return promo_usage_error("promo show needs one ID or CODE", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct promotion_edit *in = calloc(1, sizeof *in);
    struct err e = {0};
    struct promotion p;
    if (in == NULL)
        rc = EX_OSERR;
    else if (promotion_find(&app, argv[1], &p, &e) != ERR_OK ||
             promotion_edit_load(&app, p.id, in, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        show_promotion(&in->p, in->skus);
    free(in);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ disable */

static int promo_disable(const struct cli_global *g, int argc, char **argv)
{
    int64_t id = 0;
    if (argc != 2 || parse_count(argv[1], "promo disable takes an ID, not", 1, &id) != EX_OK)
        return argc != 2 ? promo_usage_error("promo disable needs one ID", NULL) : EX_USAGE;
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct err e = {0};
    if (promotion_disable(&app, id, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        printf("promotion %lld disabled\n", (long long)id);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ codes */

struct codes_options {
    int64_t id, generate;
    const char *prefix, *path;
};

static int parse_codes(int argc, char **argv, struct codes_options *o)
{
    static const struct option options[] = {{"generate", required_argument, NULL, 'n'},
                                            {"prefix", required_argument, NULL, 'p'},
                                            {"output", required_argument, NULL, 'o'},
                                            {NULL, 0, NULL, 0}};
    int opt, rc = EX_OK;
    while (rc == EX_OK && (opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (opt == 'n')
            rc = parse_count(optarg, "--generate takes a number of codes, not", 1, &o->generate);
        else if (opt == 'p')
            o->prefix = optarg;
        else if (opt == 'o')
            o->path = optarg;
        else
            return promo_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
    }
    if (rc != EX_OK)
        return rc;
    if (optind != argc - 1 || o->path == NULL)
        return promo_usage_error("promo codes needs an ID and -o FILE.csv", NULL);
    if (o->prefix && o->generate == 0)
        return promo_usage_error("--prefix goes with --generate", NULL);
    return parse_count(argv[optind], "promo codes takes an ID, not", 1, &o->id);
}

static int codes_write(struct app *app, const struct codes_options *o, int64_t *batch, int64_t *written,
                       struct err *e)
{
    return csv_promotion_codes_file(app, o->id, (int)(o->generate > 1000000 ? 1000000 : o->generate),
                                    o->prefix, o->path, batch, written, e);
}

static int promo_codes(const struct cli_global *g, int argc, char **argv)
{
    struct codes_options o = {0};
    int rc = parse_codes(argc, argv, &o);
    struct app app;
    if (rc != EX_OK || (rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    struct err e = {0};
    int64_t batch = 0, written = 0;
    if (codes_write(&app, &o, &batch, &written, &e) != ERR_OK)
        rc = promo_report(&e);
    else if (batch > 0)
        printf("batch %lld: %lld %s written to %s\n", (long long)batch, (long long)written,
               cli_plural(written, "code", "codes"), o.path);
    else
        printf("%lld %s written to %s\n", (long long)written, cli_plural(written, "code", "codes"), o.path);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ import, export */

int cli_import_promotions(const struct cli_global *g, const char *path, const struct import_options *opt)
{
    struct app app;
    struct import_report rep;
    struct err e = {0};
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = csv_import_promotions(&app, path, opt, &rep, &e);
    app_close(&app);
    if (rc != ERR_OK)
        return cli_report(&e);
    if (opt->dry_run)
        printf("dry run: %lld %s read, all valid; nothing written\n", (long long)rep.rows_read,
               cli_plural(rep.rows_read, "promotion", "promotions"));
    else
        printf("imported %lld %s\n", (long long)rep.rows_written,
               cli_plural(rep.rows_written, "promotion", "promotions"));
    return EX_OK;
}

int cli_export_promotions(const struct cli_global *g, const char *path)
{
    struct app app;
    struct err e = {0};
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    FILE *out = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;
    if (out == NULL) {
        app_close(&app);
        fprintf(stderr, "comptoir: cannot write %s: %s\n", path, strerror(errno));
        return EX_CANTCREAT;
    }
    rc = csv_export_promotions(&app, out, &e);
    if (out != stdout && fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(&e, ERR_IO, "file", "cannot write %s", path);
    app_close(&app);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

/* ------------------------------------------------------------ dispatch */

static int cmd_promo(const struct cli_global *g, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(const struct cli_global *, int, char **);
    } subs[] = {{"add", promo_add},
                {"list", promo_list},
                {"show", promo_show},
                {"disable", promo_disable},
                {"codes", promo_codes}};
    if (argc < 2)
        return promo_usage_error("promo needs add, list, show, disable or codes", NULL);
    optind = 0;
    opterr = 0;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(g, argc - 1, argv + 1);
    return promo_usage_error("no such promo command:", argv[1]);
}

const struct cli_command cli_promo_command = {
    "promo", cmd_promo, "promo add|list|show|disable|codes …",
    "run promotions and coupon codes (managers); codes apply with order new --coupon", promo_details};
