/* `comptoir loyalty show | adjust | settings | expire`: a customer's
 * points and their ledger, a manager's adjustment with its reason, the
 * rules of earning, redeeming, expiry and tiers, and the cron's run. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/loyalty.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"

#define SHOW_ROWS 20
#define MAX_TIERS 16

static const char loyalty_usage[] =
    "usage: comptoir loyalty show EMAIL [--all]\n"
    "       comptoir loyalty adjust EMAIL (+N|-N) --reason TEXT\n"
    "       comptoir loyalty settings [--earn N --per AMOUNT] [--worth AMOUNT --per-points N]\n"
    "                [--max-share PCT] [--expire-months N] [--tier NAME:SPEND[:MULTIPLIER] ...]\n"
    "       comptoir loyalty expire\n"
    "show: the points available and pending, the tier and what is left to the next, the points\n"
    "expiring within 30 days, and the ledger, newest first (the last 20 rows; --all: every row).\n"
    "adjust (managers, admins): adds or takes away points, with a reason, in the audit log.\n"
    "settings (admins to change): N points earned per AMOUNT spent (goods after discounts,\n"
    "excluding tax, shipping and fees); N points are worth AMOUNT at the counter, up to PCT of\n"
    "the goods; points expire N months after they become available; --tier, once per tier,\n"
    "replaces the tiers (the first from 0): spend over 12 months, and the earning multiplier.\n"
    "expire (admins; daily from cron): writes the expiry rows due and moves the tiers whose\n"
    "12-month window changed.\n";

static void loyalty_usage_print(FILE *out)
{
    fputs(loyalty_usage, out);
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(loyalty_usage, stderr);
    return EX_USAGE;
}

/* ---------------------------------------------------------------- show */

static void print_summary(const struct app *app, const char *email, const struct loyalty_summary *s)
{
    char worth[64], spend[64], next[64], times[16];
    money_format(s->available_worth, app->currency, worth, sizeof worth);
    money_format(s->spend, app->currency, spend, sizeof spend);
    printf("Customer    %s\n", email);
    printf("Available   %" PRId64 " %s (worth %s)\n", s->available,
           cli_plural(s->available, "point", "points"), worth);
    printf("Pending     %" PRId64 " %s, available once their orders are delivered\n", s->pending,
           cli_plural(s->pending, "point", "points"));
    if (s->expiring > 0)
        printf("Expiring    %" PRId64 " %s within %d %s (the first on %s)\n", s->expiring,
               cli_plural(s->expiring, "point", "points"), s->expiring_days,
               cli_plural(s->expiring_days, "day", "days"), s->expiring_first);
    else
        printf("Expiring    none within %d days\n", s->expiring_days);
    loyalty_multiplier_text(s->multiplier_bp, times, sizeof times);
    printf("Tier        %s (points %s), %s spent since %s\n", s->tier, times, spend, s->spend_since);
    if (s->next_tier[0]) {
        money_format(s->to_next_tier, app->currency, next, sizeof next);
        printf("Next tier   %s: %s more to spend\n", s->next_tier, next);
    } else {
        printf("Next tier   none: the top tier\n");
    }
}

static void print_entry(const struct loyalty_entry *l)
{
    char when[32], cell[256];
    datetime_local(l->at, DATETIME_MINUTE, when, sizeof when);
    printf("%-16s  ", when);
    text_fit(loyalty_kind_names[l->kind], 7, TEXT_LEFT, cell, sizeof cell);
    printf("%s %-9s %+8" PRId64 " %9" PRId64 " %7" PRId64 "  ", cell, loyalty_bucket_names[l->bucket],
           l->points, l->available_after, l->pending_after);
    text_fit(l->order_number, 10, TEXT_LEFT, cell, sizeof cell);
    printf("%s %-10s  ", cell, l->expires_on);
    text_fit(l->user_login, 8, TEXT_LEFT, cell, sizeof cell);
    printf("%s %s\n", cell, l->reason);
}

static int print_ledger(struct app *app, int64_t customer_id, bool all)
{
    struct page_req q = {.descending = true, .limit = all ? 0 : SHOW_ROWS};
    struct rows rows = {0};
    struct err e = {0};
    int rc = loyalty_ledger(app, customer_id, all ? NULL : &q, &rows, &e);
    if (rc != ERR_OK)
        return cli_report(&e);
    printf("\n%-16s  %-7s %-9s %8s %9s %7s  %-10s %-10s  %-8s %s\n", "WHEN", "KIND", "BUCKET", "POINTS",
           "AVAILABLE", "PENDING", "ORDER", "EXPIRES", "BY", "REASON");
    const struct loyalty_entry *l = rows.items;
    if (all) /* every row, oldest first: newest first as the window shows them */
        for (int i = rows.n - 1; i >= 0; i--)
            print_entry(&l[i]);
    else
        for (int i = 0; i < rows.n; i++)
            print_entry(&l[i]);
    if (rows.n == 0)
        printf("(no points yet)\n");
    if (rows.more > 0)
        printf("… %" PRId64 " older rows (loyalty show EMAIL --all shows every row)\n", rows.more);
    rows_free(&rows);
    return EX_OK;
}

static int show_cmd(struct app *app, int argc, char **argv)
{
    bool all = false;
    const char *email = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0)
            all = true;
        else if (email == NULL && argv[i][0] != '-')
            email = argv[i];
        else
            return usage_error("loyalty show takes EMAIL and --all, not", argv[i]);
    }
    if (email == NULL)
        return usage_error("loyalty show needs the customer's EMAIL", NULL);
    struct loyalty_summary s;
    struct err e = {0};
    int64_t id = 0;
    if (loyalty_customer_find(app, email, &id, &e) != ERR_OK ||
        loyalty_summary_get(app, id, &s, &e) != ERR_OK)
        return cli_report(&e);
    print_summary(app, email, &s);
    return print_ledger(app, id, all);
}

/* -------------------------------------------------------------- adjust */

/* "+200", "-50", "200": a signed whole number of points. */
static bool parse_points(const char *text, int64_t *out)
{
    char *end = NULL;
    if (text == NULL || text[0] == '\0')
        return false;
    long long v = strtoll(text, &end, 10);
    *out = v;
    return *end == '\0' && v != 0;
}

static int adjust_cmd(struct app *app, int argc, char **argv)
{
    const char *email = NULL, *points_text = NULL, *reason = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
            reason = argv[++i];
        else if (strncmp(argv[i], "--reason=", 9) == 0)
            reason = argv[i] + 9;
        else if (email == NULL && argv[i][0] != '-' && argv[i][0] != '+')
            email = argv[i];
        else if (points_text == NULL && email != NULL)
            points_text = argv[i];
        else
            return usage_error("loyalty adjust takes EMAIL, +N or -N and --reason TEXT, not", argv[i]);
    }
    int64_t points = 0;
    if (email == NULL || points_text == NULL)
        return usage_error("loyalty adjust needs EMAIL and +N or -N", NULL);
    if (!parse_points(points_text, &points))
        return usage_error("points are +N or -N, not", points_text);
    if (reason == NULL)
        return usage_error("loyalty adjust needs --reason TEXT (it goes in the audit log)", NULL);
    struct err e = {0};
    struct loyalty_entry l;
    struct loyalty_summary s;
    int64_t id = 0;
    if (loyalty_customer_find(app, email, &id, &e) != ERR_OK ||
        loyalty_adjust(app, id, points, reason, &l, &e) != ERR_OK ||
        loyalty_summary_get(app, id, &s, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: %+" PRId64 " points (%s); %" PRId64 " available now\n", email, points, reason, s.available);
    return EX_OK;
}

/* ------------------------------------------------------------ settings */

/* "1.5" → 15000, "2" → 20000, "1.25" → 12500: up to 4 decimals. */
static bool parse_multiplier(const char *text, int *bp)
{
    int whole = 0, frac = 0, digits = 0;
    const char *p = text;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((whole = whole * 10 + (*p - '0')) > 10)
            return false;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
            frac = frac * 10 + (*p - '0');
    for (; digits < 4; digits++)
        frac *= 10;
    *bp = whole * 10000 + frac;
    return *p == '\0';
}

/* NAME:SPEND[:MULTIPLIER]. */
static int parse_tier(const char *text, struct loyalty_tier *t)
{
    char copy[256], *spend, *times;
    struct err e = {0};
    snprintf(copy, sizeof copy, "%s", text);
    memset(t, 0, sizeof *t);
    t->multiplier_bp = 10000;
    if ((spend = strchr(copy, ':')) == NULL)
        return usage_error("a tier is NAME:SPEND[:MULTIPLIER], not", text);
    *spend++ = '\0';
    if ((times = strchr(spend, ':')) != NULL)
        *times++ = '\0';
    if (strlen(copy) >= sizeof t->name || copy[0] == '\0')
        return usage_error("a tier's name is 1 to 16 characters:", copy);
    snprintf(t->name, sizeof t->name, "%s", copy);
    if (money_parse(spend, &t->min_spend, &e) != ERR_OK || t->min_spend < 0)
        return usage_error("a tier's spend is an amount, not", spend);
    if (times && !parse_multiplier(times, &t->multiplier_bp))
        return usage_error("a tier's multiplier is a number like 1.5, not", times);
    return EX_OK;
}

struct settings_options {
    struct loyalty_settings s;
    struct loyalty_tier tiers[MAX_TIERS];
    int ntiers; /* -1: unchanged */
    bool change;
};

static int parse_amount_option(const char *name, const char *text, int64_t *out)
{
    struct err e = {0};
    if (money_parse(text, out, &e) != ERR_OK || *out <= 0)
        return usage_error(name, text);
    return EX_OK;
}

static int parse_count_option(const char *name, const char *text, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < 0)
        return usage_error(name, text);
    *out = v;
    return EX_OK;
}

static int settings_option(int opt, struct settings_options *o)
{
    int64_t v = 0;
    int rc = EX_OK;
    o->change = true;
    switch (opt) {
    case 'e': return parse_count_option("--earn takes a number of points, not", optarg, &o->s.earn_points);
    case 'p': return parse_amount_option("--per takes an amount above 0, not", optarg, &o->s.earn_per);
    case 'w': return parse_amount_option("--worth takes an amount above 0, not", optarg, &o->s.worth_cents);
    case 'P':
        return parse_count_option("--per-points takes a number of points, not", optarg, &o->s.worth_points);
    case 'm': {
        struct err e = {0};
        if (bp_parse(optarg, &v, &e) != ERR_OK)
            return usage_error("--max-share takes a percentage, not", optarg);
        o->s.max_share_bp = (int)(v > 20000 ? 20000 : v < -1 ? -1 : v);
        return EX_OK;
    }
    case 'x':
        rc = parse_count_option("--expire-months takes a number of months, not", optarg, &v);
        o->s.expire_months = (int)(v > 100000 ? 100000 : v);
        return rc;
    case 't':
        if (o->ntiers < 0)
            o->ntiers = 0;
        if (o->ntiers == MAX_TIERS)
            return usage_error("at most 16 tiers", NULL);
        return parse_tier(optarg, &o->tiers[o->ntiers++]);
    default: return usage_error("unknown option", NULL);
    }
}

static void print_settings(const struct app *app, const struct loyalty_settings *s, const struct rows *tiers)
{
    char a[64], b[64], share[16], times[16];
    money_format(s->earn_per, app->currency, a, sizeof a);
    money_format(s->worth_cents, app->currency, b, sizeof b);
    bp_format(s->max_share_bp, share, sizeof share);
    printf("Earning     %" PRId64 " point%s per %s spent (goods after discounts, excluding tax, shipping "
           "and fees)\n",
           s->earn_points, s->earn_points == 1 ? "" : "s", a);
    printf("Worth       %" PRId64 " point%s pay%s %s at the counter\n", s->worth_points,
           s->worth_points == 1 ? "" : "s", s->worth_points == 1 ? "s" : "", b);
    printf("Max share   %s of the goods\n", share);
    printf("Expiry      %d months after the points become available\n", s->expire_months);
    const struct loyalty_tier *t = tiers->items;
    for (int i = 0; i < tiers->n; i++) {
        char cell[64];
        money_format(t[i].min_spend, app->currency, a, sizeof a);
        loyalty_multiplier_text(t[i].multiplier_bp, times, sizeof times);
        text_fit(t[i].name, 16, TEXT_LEFT, cell, sizeof cell);
        printf("%-12s%s from %s spent in 12 months, points %s\n", i == 0 ? "Tiers" : "", cell, a, times);
    }
}

static int settings_cmd(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {
        {"earn", required_argument, NULL, 'e'},      {"per", required_argument, NULL, 'p'},
        {"worth", required_argument, NULL, 'w'},     {"per-points", required_argument, NULL, 'P'},
        {"max-share", required_argument, NULL, 'm'}, {"expire-months", required_argument, NULL, 'x'},
        {"tier", required_argument, NULL, 't'},      {NULL, 0, NULL, 0},
    };
    struct settings_options o = {.ntiers = -1};
    struct rows tiers = {0};
    struct err e = {0};
    if (loyalty_settings_get(app, &o.s, NULL, &e) != ERR_OK)
        return cli_report(&e);
    int opt, rc;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1)
        if ((rc = opt == '?' ? usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1])
                             : settings_option(opt, &o)) != EX_OK)
            return rc;
    if (optind < argc)
        return usage_error("loyalty settings takes options only, not", argv[optind]);
    int64_t moved = 0;
    if (o.change && loyalty_settings_set(app, &o.s, o.tiers, o.ntiers, &moved, &e) != ERR_OK)
        return cli_report(&e);
    if (loyalty_settings_get(app, &o.s, &tiers, &e) != ERR_OK)
        return cli_report(&e);
    print_settings(app, &o.s, &tiers);
    if (o.ntiers >= 0)
        printf("%" PRId64 " customers changed tier\n", moved);
    rows_free(&tiers);
    return EX_OK;
}

/* -------------------------------------------------------------- expire */

static int expire_cmd(struct app *app, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error("loyalty expire takes no arguments", NULL);
    struct loyalty_expiry_run run;
    struct err e = {0};
    if (loyalty_expire(app, &run, &e) != ERR_OK)
        return cli_report(&e);
    printf("%" PRId64 " points expired for %" PRId64 " customers; %" PRId64 " tiers checked, %" PRId64
           " changed\n",
           run.points, run.customers, run.tiers_checked, run.tiers_changed);
    return EX_OK;
}

/* ------------------------------------------------------------- command */

static int cmd_loyalty(const struct cli_global *g, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(struct app *, int, char **);
    } subs[] = {
        {"show", show_cmd}, {"adjust", adjust_cmd}, {"settings", settings_cmd}, {"expire", expire_cmd}};
    if (argc < 2)
        return usage_error("loyalty needs show, adjust, settings or expire", NULL);
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(argv[1], subs[i].name) != 0)
            continue;
        struct app app;
        int rc = cli_open_app(g, &app);
        if (rc != EX_OK)
            return rc;
        optind = 0;
        opterr = 0;
        rc = subs[i].run(&app, argc - 1, argv + 1);
        app_close(&app);
        return rc;
    }
    return usage_error("no such loyalty command:", argv[1]);
}

const struct cli_command cli_loyalty_command = {
    "loyalty", cmd_loyalty, "loyalty show EMAIL | adjust EMAIL (+N|-N) --reason TEXT | settings | expire",
    "a customer's points and ledger, adjustments, the rules of points and tiers, expiry (cron)",
    loyalty_usage_print};
