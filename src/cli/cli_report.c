/* `comptoir report on-time`: orders delivered on or before the date first
 * promised, per account (consumers together) and overall; issue 15 adds the
 * other reports beside it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2c/fulfilment.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"

static const char report_usage[] =
    "usage: comptoir report on-time [--account CODE] [--from DATE] [--to DATE]\n"
    "An order is on time when it was delivered on or before the date first promised (a promise\n"
    "moved later still counts against the first). Without dates: the last 12 months.\n";

static void report_details(FILE *out)
{
    fputs(report_usage, out);
}

static int report_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(report_usage, stderr);
    return EX_USAGE;
}

static void print_cell(const char *text, int columns, enum text_align align)
{
    char cell[512];
    text_fit(text, columns, align, cell, sizeof cell);
    fputs(cell, stdout);
}

static void ontime_print(const char *code, const char *name, const struct ontime_row *r)
{
    char rate[32];
    ontime_rate_format(r, rate, sizeof rate);
    print_cell(code, 12, TEXT_LEFT);
    printf(" ");
    print_cell(name, 30, TEXT_LEFT);
    printf(" %9lld %8lld %6lld ", (long long)r->delivered, (long long)r->on_time,
           (long long)(r->delivered - r->on_time));
    print_cell(rate, 9, TEXT_RIGHT); /* "—" is one column, three bytes */
    printf("\n");
}

static int ontime_run(struct app *app, const char *code, struct ontime_query *q)
{
    struct err e = {0};
    if (code != NULL) {
        struct account a;
        if (account_find_code(app, code, &a, &e) != ERR_OK)
            return cli_report(&e);
        q->account_id = a.id;
    }
    struct rows rows = {0};
    struct ontime_row overall;
    if (ontime_report(app, q, &rows, &overall, &e) != ERR_OK) {
        rows_free(&rows);
        return cli_report(&e);
    }
    printf("On-time delivery %s (delivered on or before the first promise)\n", overall.name);
    printf("%-12s %-30s %9s %8s %6s %9s\n", "ACCOUNT", "NAME", "DELIVERED", "ON TIME", "LATE", "RATE");
    const struct ontime_row *r = rows.items;
    for (int i = 0; i < rows.n; i++)
        ontime_print(r[i].account_id ? r[i].code : "(B2C)", r[i].account_id ? r[i].name : "consumers", &r[i]);
    ontime_print("Overall", "", &overall);
    rows_free(&rows);
    return EX_OK;
}

static int report_ontime(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"account", required_argument, NULL, 'a'},
                                            {"from", required_argument, NULL, 'f'},
                                            {"to", required_argument, NULL, 't'},
                                            {NULL, 0, NULL, 0}};
    struct ontime_query q = {0};
    const char *code = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'a') {
            code = optarg;
            continue;
        }
        if ((c != 'f' && c != 't') || !datetime_is_date(optarg))
            return report_usage_error(c == 'f' || c == 't' ? "a date is YYYY-MM-DD, not" : "unknown option",
                                      c == 'f' || c == 't' ? optarg : argv[optind - 1]);
        snprintf(c == 'f' ? q.from : q.to, sizeof q.from, "%s", optarg);
    }
    if (optind != argc)
        return report_usage_error("report on-time takes no other argument:", argv[optind]);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = ontime_run(&app, code, &q);
    app_close(&app);
    return rc;
}

static int cmd_report(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return report_usage_error("report needs the name of a report: on-time", NULL);
    optind = 0;
    opterr = 0;
    if (strcmp(argv[1], "on-time") == 0)
        return report_ontime(g, argc - 1, argv + 1);
    return report_usage_error("no such report:", argv[1]);
}

const struct cli_command cli_report_command = {"report", cmd_report, "report on-time [--account CODE] …",
                                               "reports for managers: on-time delivery", report_details};
