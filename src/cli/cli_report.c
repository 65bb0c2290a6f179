/* `comptoir report list` and `comptoir report NAME [--from DATE] [--to DATE]
 * [--rep LOGIN] [--account CODE] [--csv] [-o FILE]`: a report of
 * src/b2c/report.h as aligned text with a small chart under each table, or
 * as CSV through the exports' writer (formula-safe). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2c/report.h"
#include "src/base/chart.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"
#include "src/csv/csv_io.h"

#define CHART_WIDTH 30

static void report_details(FILE *out)
{
    struct strbuf names = {0};
    cli_names(&names, report_names, " or ");
    fprintf(out,
            "usage: comptoir report list\n"
            "       comptoir report NAME [--from DATE] [--to DATE] [--rep LOGIN] [--account CODE] [--csv] "
            "[-o FILE]\n"
            "NAME is %s. Dates are YYYY-MM-DD; without them a report reads this month, or the last 12\n"
            "months for a trend (win-rate, b2b-b2c, on-time, loyalty, returns); each reads exactly the\n"
            "days asked. A rep reads only their own figures; managers and admins everyone's, or one\n"
            "rep's with --rep. Amounts are in the money format; --csv writes each table as a block of\n"
            "CSV (first cell \"section\", plain amounts); -o FILE writes to FILE.\n",
            strbuf_text(&names));
    strbuf_free(&names);
}

static int report_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    report_details(stderr);
    return EX_USAGE;
}

static int report_list(void)
{
    for (int k = 0; k < REPORT_KIND_COUNT; k++) {
        printf("%-10s %s: %s (default: %s)\n", report_names[k], report_title((enum report_kind)k),
               report_about((enum report_kind)k),
               k == REPORT_PIPELINE                   ? "every open quote"
               : report_is_trend((enum report_kind)k) ? "the last 12 months"
                                                      : "this month");
    }
    return EX_OK;
}

/* ------------------------------------------------------------ the text */

struct table_layout {
    int width[REPORT_MAX_COLS];
};

static void section_widths(const struct report_section *s, const char *currency, struct table_layout *t)
{
    const struct report_row *rows = s->rows.items;
    for (int c = 0; c < s->ncols; c++) {
        t->width[c] = text_width(s->cols[c].name);
        for (int i = 0; i < s->rows.n; i++) {
            char cell[128];
            report_cell_show(&s->cols[c], &rows[i].cells[c], currency, cell, sizeof cell);
            int w = text_width(cell);
            if (w > t->width[c])
                t->width[c] = w;
        }
    }
}

/* One line: text columns left, figures right, two spaces apart, nothing after the last. */
static void print_line(FILE *out, const struct report_section *s, const struct table_layout *t,
                       const char *const *cells)
{
    struct strbuf line = {0};
    for (int c = 0; c < s->ncols; c++) {
        bool left = s->cols[c].kind == RCOL_TEXT;
        int w = t->width[c];
        size_t need = strlen(cells[c]) + (size_t)w * 4 + 8;
        char *fitted = xmalloc(need);
        text_fit(cells[c], w, left ? TEXT_LEFT : TEXT_RIGHT, fitted, need);
        strbuf_addf(&line, "%s%s", c ? "  " : "", fitted);
        free(fitted);
    }
    const char *text = strbuf_text(&line);
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    fprintf(out, "%.*s\n", (int)n, text);
    strbuf_free(&line);
}

static void print_table(FILE *out, const struct report_section *s, const char *currency)
{
    struct table_layout t;
    section_widths(s, currency, &t);
    const char *heads[REPORT_MAX_COLS];
    for (int c = 0; c < s->ncols; c++)
        heads[c] = s->cols[c].name;
    print_line(out, s, &t, heads);
    const struct report_row *rows = s->rows.items;
    static char cells[REPORT_MAX_COLS][128];
    const char *shown[REPORT_MAX_COLS];
    for (int i = 0; i < s->rows.n; i++) {
        for (int c = 0; c < s->ncols; c++) {
            report_cell_show(&s->cols[c], &rows[i].cells[c], currency, cells[c], sizeof cells[c]);
            shown[c] = cells[c];
        }
        print_line(out, s, &t, shown);
    }
    if (s->left_out > 0)
        fprintf(out, "… %lld more (--csv lists every row)\n", (long long)s->left_out);
}

/* The chart under a table: a bar per row (totals left out) of its chart
 * column, the figure beside it. */
static void print_chart(FILE *out, const struct report_section *s, const char *currency, bool unicode)
{
    if (s->chart_col < 0)
        return;
    const struct report_row *rows = s->rows.items;
    int64_t *values = xcalloc((size_t)(s->rows.n + 1), sizeof *values);
    int n = 0, label_w = 0;
    for (int i = 0; i < s->rows.n; i++) {
        if (rows[i].total)
            continue;
        values[n++] = rows[i].cells[s->chart_col].empty ? 0 : rows[i].cells[s->chart_col].value;
        int w = text_width(rows[i].cells[0].text) +
                (s->cols[1].kind == RCOL_TEXT ? 1 + text_width(rows[i].cells[1].text) : 0);
        label_w = w > label_w ? w : label_w;
    }
    int64_t scale = chart_scale(values, n);
    if (n > 0 && scale > 0) {
        fprintf(out, "\n%s\n", s->cols[s->chart_col].name);
        for (int i = 0; i < s->rows.n; i++) {
            if (rows[i].total)
                continue;
            char label[256], fitted[1024], bar[CHART_WIDTH * 4 + 8], figure[128];
            snprintf(label, sizeof label, "%s%s%s", rows[i].cells[0].text,
                     s->cols[1].kind == RCOL_TEXT ? " " : "",
                     s->cols[1].kind == RCOL_TEXT ? rows[i].cells[1].text : "");
            text_fit(label, label_w, TEXT_LEFT, fitted, sizeof fitted);
            const struct report_cell *cell = &rows[i].cells[s->chart_col];
            chart_bar(cell->empty ? 0 : cell->value, scale, CHART_WIDTH, unicode, bar, sizeof bar);
            report_cell_show(&s->cols[s->chart_col], cell, currency, figure, sizeof figure);
            fprintf(out, "%s  %s%s%s\n", fitted, bar, bar[0] ? " " : "", figure);
        }
    }
    free(values);
}

static void print_report(FILE *out, const struct report *r, const char *currency)
{
    bool unicode = chart_unicode_locale();
    fprintf(out, "%s — %s, %s\n", r->title, r->range, r->scope);
    for (int i = 0; i < r->nsections; i++) {
        const struct report_section *s = &r->sections[i];
        fprintf(out, "\n%s\n", s->title);
        if (s->rows.n == 0) {
            fputs("(nothing in this range)\n", out);
            continue;
        }
        print_table(out, s, currency);
        print_chart(out, s, currency, unicode);
    }
}

/* ----------------------------------------------------------- the command */

struct report_args {
    struct report_query q;
    const char *rep, *account, *path;
    bool csv;
};

static int report_parse(int argc, char **argv, struct report_args *a)
{
    static const struct option options[] = {{"from", required_argument, NULL, 'f'},
                                            {"to", required_argument, NULL, 't'},
                                            {"rep", required_argument, NULL, 'r'},
                                            {"account", required_argument, NULL, 'a'},
                                            {"csv", no_argument, NULL, 'c'},
                                            {"output", required_argument, NULL, 'o'},
                                            {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (c == 'f' || c == 't') {
            if (!datetime_is_date(optarg))
                return report_usage_error("a date is YYYY-MM-DD, not", optarg);
            snprintf(c == 'f' ? a->q.from : a->q.to, sizeof a->q.from, "%s", optarg);
        } else if (c == 'r')
            a->rep = optarg;
        else if (c == 'a')
            a->account = optarg;
        else if (c == 'c')
            a->csv = a->q.every_row = true;
        else if (c == 'o')
            a->path = optarg;
        else
            return report_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
    }
    if (optind != argc)
        return report_usage_error("a report takes no other argument:", argv[optind]);
    return EX_OK;
}

static int report_write(const struct report *r, const struct report_args *a, const char *currency,
                        struct err *e)
{
    if (a->path == NULL || strcmp(a->path, "-") == 0) {
        if (!a->csv) {
            print_report(stdout, r, currency);
            return ERR_OK;
        }
        FILE *out = cli_raw_stdout(); /* CSV is data: written as it is */
        int rc =
            out ? csv_export_report(r, out, e) : err_set(e, ERR_IO, "file", "cannot write standard output");
        if (out && fclose(out) != 0 && rc == ERR_OK)
            rc = err_set(e, ERR_IO, "file", "cannot write standard output: %s", strerror(errno));
        return rc;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", a->path);
    FILE *out = fopen(tmp, "wb");
    if (out == NULL)
        return err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    int rc = ERR_OK;
    if (a->csv)
        rc = csv_export_report(r, out, e);
    else
        print_report(out, r, currency);
    if (fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    if (rc == ERR_OK && rename(tmp, a->path) != 0)
        rc = err_set(e, ERR_IO, "file", "cannot rename %s to %s: %s", tmp, a->path, strerror(errno));
    if (rc != ERR_OK)
        remove(tmp);
    return rc;
}

static int report_run_args(struct app *app, enum report_kind k, struct report_args *a)
{
    struct err e = {0};
    if (a->rep && report_user_id(app, a->rep, &a->q.rep_id, &e) != ERR_OK)
        return cli_report(&e);
    if (a->account) {
        struct account acc;
        if (account_find_code(app, a->account, &acc, &e) != ERR_OK)
            return cli_report(&e);
        a->q.account_id = acc.id;
    }
    struct report r;
    if (report_run(app, k, &a->q, &r, &e) != ERR_OK)
        return cli_report(&e);
    int rc = report_write(&r, a, app->currency, &e);
    report_free(&r);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

static int cmd_report(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return report_usage_error("report needs the name of a report, or list", NULL);
    if (strcmp(argv[1], "list") == 0)
        return argc == 2 ? report_list() : report_usage_error("report list takes no argument:", argv[2]);
    enum report_kind k;
    struct err e = {0};
    if (report_kind_parse(argv[1], &k, &e) != ERR_OK)
        return report_usage_error("no such report:", argv[1]);
    struct report_args a = {0};
    optind = 0;
    opterr = 0;
    int rc = report_parse(argc - 1, argv + 1, &a);
    if (rc != EX_OK)
        return rc;
    struct app app;
    if ((rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    rc = report_run_args(&app, k, &a);
    app_close(&app);
    return rc;
}

const struct cli_command cli_report_command = {
    "report", cmd_report, "report list | report NAME [--from DATE] [--to DATE] …",
    "reports for managers: pipeline, win rate, discounts, B2B vs "
    "B2C, products, on-time delivery, promotions, loyalty, returns",
    report_details};
