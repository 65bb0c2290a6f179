/* `comptoir order find | show | status`: what support does from a shell —
 * find an order from what a caller says, read it whole, move it on. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"
#include "src/orders.h"

#define FIND_MAX 500
#define PARTY_COLUMNS 28

static const char order_usage[] =
    "usage: comptoir order find [TEXT] [--status S] [--channel b2b|b2c] [--from DATE] [--to DATE] [--late]\n"
    "                           [--limit N] [--after NUMBER]\n"
    "       comptoir order show NUMBER\n"
    "       comptoir order status NUMBER STATUS [--note TEXT]\n"
    "TEXT is what a caller says: an order number, a name, an e-mail (or part of one),\n"
    "a phone number however written, a company, a SKU. --from and --to are the days it was\n"
    "placed; --late: past its promise and not delivered, or delivered after its first promise.\n";

/* The usage, and the statuses from the order's own name table. */
static void order_usage_print(FILE *out)
{
    struct strbuf statuses = {0};
    cli_names(&statuses, order_status_names, ", ");
    fprintf(out, "%sSTATUS: %s.\n", order_usage, strbuf_text(&statuses));
    strbuf_free(&statuses);
}

void cli_order_usage(FILE *out)
{
    order_usage_print(out);
    cli_order_new_usage(out);
    cli_order_fulfil_usage(out);
}

/* "comptoir: WHAT 'ARG'" and the usage, on stderr. */
static int usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, "comptoir: %s '%s'\n", what, arg);
    else
        fprintf(stderr, "comptoir: %s\n", what);
    order_usage_print(stderr);
    return EX_USAGE;
}

/* ------------------------------------------------------------ display */

/* Prints text in exactly `columns` terminal columns: cut with "…" or padded. */
static void print_cell(FILE *out, const char *text, int columns)
{
    char cell[512];
    text_fit(text, columns, TEXT_LEFT, cell, sizeof cell);
    fputs(cell, out);
}

/* Prints text right-aligned in `columns`; never cut (an amount is shown whole). */
static void print_right(FILE *out, const char *text, int columns)
{
    for (int pad = columns - text_width(text); pad > 0; pad--)
        fputc(' ', out);
    fputs(text, out);
}

/* ------------------------------------------------------------ find */

static void find_print_row(const struct app *app, const struct order *o)
{
    char when[32], total[64];
    datetime_local(o->placed_at, DATETIME_MINUTE, when, sizeof when);
    money_format(o->total, app->currency, total, sizeof total);
    printf("%-10s %-16s %-3s  %-17s  ", o->number, when, channel_name(o->channel),
           order_status_name(o->status));
    print_cell(stdout, o->party_name[0] ? o->party_name : "(cash sale)", PARTY_COLUMNS);
    print_right(stdout, total, 15);
    printf("\n");
}

/* The cursor of the order named by --after: the list continues past it. */
static int find_after(struct app *app, const char *number, struct page_req *q)
{
    struct order o;
    struct err e = {0};
    if (order_get(app, number, &o, &e) != ERR_OK)
        return cli_report(&e);
    q->has_cursor = true;
    order_cursor(&o, ORDER_SORT_PLACED, &q->cursor);
    return EX_OK;
}

/* Whether more orders match past the last one shown (a full page may be the end). */
static bool find_more_after(struct app *app, const char *text, const struct order_filter *f,
                            const struct page_req *q, const struct order *last)
{
    struct page_req next = *q;
    struct order one;
    int n = 0;
    next.has_cursor = true;
    next.limit = 1;
    order_cursor(last, ORDER_SORT_PLACED, &next.cursor);
    return order_find_filtered(app, text, f, &next, &one, &n, NULL) == ERR_OK && n > 0;
}

static int find_run(struct app *app, const char *text, const struct order_filter *f, struct page_req *q)
{
    struct order *rows = xcalloc((size_t)q->limit, sizeof *rows);
    int n = 0;
    struct err e = {0};
    int rc = order_find_filtered(app, text, f, q, rows, &n, &e);
    if (rc != ERR_OK) {
        free(rows);
        return cli_report(&e);
    }
    if (n == 0 && text[0])
        fprintf(stderr, "comptoir: no order matches '%s'\n", text);
    else if (n == 0)
        fprintf(stderr, "comptoir: no order matches\n");
    else
        printf("%-10s %-16s %-3s  %-17s  %-*s %14s\n", "NUMBER", "DATE", "CH", "STATUS", PARTY_COLUMNS,
               "PARTY", "TOTAL");
    for (int i = 0; i < n; i++)
        find_print_row(app, &rows[i]);
    if (n == q->limit && find_more_after(app, text, f, q, &rows[n - 1]))
        fprintf(stderr, "comptoir: more orders match; next page: --after %s\n", rows[n - 1].number);
    free(rows);
    return EX_OK;
}

/* One of the filter's options into f; false (with the usage said) when its value is not one. */
static int find_filter_option(int c, const char *value, struct order_filter *f)
{
    enum order_status st;
    enum channel ch;
    switch (c) {
    case 's':
        if (order_status_parse(value, &st) != ERR_OK)
            return usage_error("no such status:", value);
        f->status = (int)st;
        return EX_OK;
    case 'c':
        if (channel_parse(value, &ch) != ERR_OK)
            return usage_error("--channel takes b2b or b2c, not", value);
        f->channel = (int)ch;
        return EX_OK;
    case 'f':
    case 't':
        if (!datetime_is_date(value))
            return usage_error("a date is YYYY-MM-DD, not", value);
        snprintf(c == 'f' ? f->from : f->to, sizeof f->from, "%s", value);
        return EX_OK;
    default: f->late = true; return EX_OK;
    }
}

static int order_find_cmd(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {
        {"limit", required_argument, NULL, 'n'},  {"after", required_argument, NULL, 'a'},
        {"status", required_argument, NULL, 's'}, {"channel", required_argument, NULL, 'c'},
        {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
        {"late", no_argument, NULL, 'l'},         {NULL, 0, NULL, 0},
    };
    struct page_req q = {.limit = 50};
    struct order_filter f = {.status = -1, .channel = -1};
    const char *after = NULL;
    int c, rc = EX_OK;
    while (rc == EX_OK && (c = getopt_long(argc, argv, "n:", options, NULL)) != -1) {
        if (c == 'n') {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (*end != '\0' || v < 1 || v > FIND_MAX)
                return usage_error("--limit takes a number from 1 to 500, not", optarg);
            q.limit = (int)v;
        } else if (c == 'a') {
            after = optarg;
        } else if (c == 's' || c == 'c' || c == 'f' || c == 't' || c == 'l') {
            rc = find_filter_option(c, optarg, &f);
        } else {
            return usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        }
    }
    if (rc != EX_OK)
        return rc;
    if (optind < argc - 1)
        return usage_error("order find takes one TEXT (quote it if it has spaces)", NULL);
    const char *text = optind == argc - 1 ? argv[optind] : "";
    if (text[0] == '\0' && !order_filter_active(&f))
        return usage_error("order find needs a TEXT or a filter (--status, --channel, --from, --to, --late)",
                           NULL);
    struct app app;
    if ((rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    if (after == NULL || (rc = find_after(&app, after, &q)) == EX_OK)
        rc = find_run(&app, text, &f, &q);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ show */

static void show_header(const struct order *o)
{
    char when[32];
    datetime_local(o->placed_at, DATETIME_MINUTE, when, sizeof when);
    printf("Order %s  %s  %s\n", o->number, channel_name(o->channel), order_status_name(o->status));
    if (o->account_id)
        printf("Account:   %s — %s\n", o->party_code, o->party_name);
    else if (o->customer_id)
        printf("Customer:  %s\n", o->party_name);
    else
        printf("Customer:  (cash sale)\n");
    if (o->party_email[0] || o->party_phone[0])
        printf("Contact:   %s%s%s\n", o->party_email, o->party_email[0] && o->party_phone[0] ? "  " : "",
               o->party_phone);
    printf("Placed:    %s\n", when);
    if (o->requested_date[0] || o->promised_date[0])
        printf("Delivery:  requested %s, promised %s\n", o->requested_date[0] ? o->requested_date : "-",
               o->promised_date[0] ? o->promised_date : "-");
    printf("Shipping:  %s", o->shipping_method);
    if (o->ship_name[0] || o->ship_address[0])
        printf(" — %s%s%s", o->ship_name, o->ship_name[0] && o->ship_address[0] ? ", " : "", o->ship_address);
    printf("\n");
    if (o->po_number[0])
        printf("PO:        %s\n", o->po_number);
    if (o->gift_wrap || o->gift_message[0])
        printf("Gift:      %s%s%s\n", o->gift_wrap ? "wrapped" : "not wrapped",
               o->gift_message[0] ? " — " : "", o->gift_message);
    if (o->note[0])
        printf("Note:      %s\n", o->note);
}

static void show_line(const struct order_line *l)
{
    char price[32], disc[32] = "", net[32], tax[32], total[32];
    money_format_plain(l->unit_price, price, sizeof price);
    if (l->discount_amount > 0)
        money_format_plain(-l->discount_amount, disc, sizeof disc);
    money_format_plain(l->net_amount, net, sizeof net);
    money_format_plain(l->tax_amount, tax, sizeof tax);
    money_format_plain(l->total_amount, total, sizeof total);
    printf("%4d  ", l->line_no);
    print_cell(stdout, l->sku, 14);
    printf(" ");
    print_cell(stdout, l->description, 26);
    printf(" %6lld %11s %9s %12s %10s %12s\n", (long long)l->quantity, price, disc, net, tax, total);
    if (l->kind == LINE_GOODS && l->backorder_qty > 0 &&
        (l->expected_date[0] || l->allocated_qty + l->shipped_qty + l->cancelled_qty > 0))
        printf("%6s%lld waiting for stock%s%s\n", "", (long long)l->backorder_qty,
               l->expected_date[0] ? ", expected " : "", l->expected_date);
}

static void show_totals(const struct app *app, const struct order *o)
{
    char sub[64], tax[64], total[64], paid[64];
    money_format(o->subtotal, app->currency, sub, sizeof sub);
    money_format(o->tax_total, app->currency, tax, sizeof tax);
    money_format(o->total, app->currency, total, sizeof total);
    money_format(o->paid_total - o->refunded_total, app->currency, paid, sizeof paid);
    const char *labels[] = {"Subtotal", o->prices_include_tax ? "Tax included" : "Tax", "Total", "Paid"};
    const char *amounts[] = {sub, tax, total, paid};
    printf("\n");
    for (int i = 0; i < (o->paid_total > 0 ? 4 : 3); i++) {
        printf("%70s", labels[i]);
        print_right(stdout, amounts[i], 20);
        printf("\n");
    }
}

/* Every line, then the totals. */
static int show_lines(struct app *app, const struct order *o)
{
    struct rows lines = {0};
    struct err e = {0};
    if (order_lines(app, o, NULL, &lines, &e) != ERR_OK) {
        rows_free(&lines);
        return cli_report(&e);
    }
    printf("\n%4s  %-14s %-26s %6s %11s %9s %12s %10s %12s\n", "LINE", "SKU", "DESCRIPTION", "QTY",
           o->prices_include_tax ? "UNIT INCL." : "UNIT PRICE", "DISCOUNT", "NET", "TAX", "TOTAL");
    const struct order_line *line = lines.items;
    for (int i = 0; i < lines.n; i++)
        show_line(&line[i]);
    rows_free(&lines);
    show_totals(app, o);
    return EX_OK;
}

static void show_event(const struct app *app, const struct order_timeline_entry *t)
{
    char when[32], amount[64] = "";
    datetime_local(t->at, DATETIME_MINUTE, when, sizeof when);
    printf("  %s  ", when);
    if (strcmp(t->kind, "status") != 0) {
        if (t->has_amount)
            money_format(t->amount, app->currency, amount, sizeof amount);
        printf("%-10s %s%s%s%s%s\n", t->kind, amount, amount[0] && t->detail[0] ? " " : "", t->detail,
               t->user_login[0] ? "  by " : "", t->user_login);
        return;
    }
    if (t->user_login[0] == '\0' && t->note[0] == '\0') {
        printf("%s\n", t->detail);
        return;
    }
    print_cell(stdout, t->detail, 24);
    printf(" %s%s%s%s\n", t->user_login[0] ? "by " : "", t->user_login, t->note[0] ? "  — " : "", t->note);
}

/* What the other issues add (promotions, points, shipments, returns). */
static int show_summary(struct app *app, const struct order *o)
{
    struct rows rows = {0};
    struct err e = {0};
    int rc = order_summary_rows(app, o, &rows, &e);
    const struct order_summary_row *r = rows.items;
    for (int i = 0; rc == ERR_OK && i < rows.n; i++) {
        char amount[64] = "";
        if (r[i].has_amount)
            money_format(r[i].amount, app->currency, amount, sizeof amount);
        if (i == 0 || strcmp(r[i].section, r[i - 1].section) != 0)
            printf("\n%s\n", r[i].section);
        printf("  %s%s%s\n", r[i].text, amount[0] ? "  " : "", amount);
    }
    rows_free(&rows);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

/* The whole story, oldest first: status moves, payments, promises … */
static int show_timeline(struct app *app, const struct order *o)
{
    struct rows events = {0};
    struct err e = {0};
    int rc = order_timeline(app, o, NULL, &events, &e);
    if (rc == ERR_OK) {
        printf("\nHistory\n");
        const struct order_timeline_entry *t = events.items;
        for (int i = 0; i < events.n; i++)
            show_event(app, &t[i]);
    }
    rows_free(&events);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

static int order_show_cmd(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 2)
        return usage_error("order show needs one NUMBER", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct order o;
    struct err e = {0};
    if (order_get(&app, argv[1], &o, &e) != ERR_OK)
        rc = cli_report(&e);
    else {
        show_header(&o);
        if ((rc = show_lines(&app, &o)) == EX_OK && (rc = show_summary(&app, &o)) == EX_OK)
            rc = show_timeline(&app, &o);
    }
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ status */

static int status_run(struct app *app, const char *number, enum order_status to, const char *note)
{
    struct order o;
    struct err e = {0};
    if (order_get(app, number, &o, &e) != ERR_OK)
        return cli_report(&e);
    enum order_status from = o.status;
    if (order_move(app, &o, to, note, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: %s → %s\n", o.number, order_status_name(from), order_status_name(o.status));
    return EX_OK;
}

static int order_status_cmd(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {
        {"note", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0},
    };
    const char *note = "";
    int c;
    while ((c = getopt_long(argc, argv, "m:", options, NULL)) != -1) {
        if (c != 'm')
            return usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        note = optarg;
    }
    if (optind != argc - 2)
        return usage_error("order status needs a NUMBER and a STATUS", NULL);
    enum order_status to;
    if (order_status_parse(argv[optind + 1], &to) != ERR_OK)
        return usage_error("no such status:", argv[optind + 1]);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = status_run(&app, argv[optind], to, note);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ dispatch */

int cmd_order(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return usage_error(
            "order needs find, show, status, new, reorder, print, ship, deliver, note, cancel, "
            "po or labels",
            NULL);
    /* Each subcommand parses from its own name on. */
    int sub_argc = argc - 1;
    char **sub_argv = argv + 1;
    optind = 0;
    opterr = 0;
    if (strcmp(sub_argv[0], "find") == 0)
        return order_find_cmd(g, sub_argc, sub_argv);
    if (strcmp(sub_argv[0], "show") == 0)
        return order_show_cmd(g, sub_argc, sub_argv);
    if (strcmp(sub_argv[0], "status") == 0)
        return order_status_cmd(g, sub_argc, sub_argv);
    if (strcmp(sub_argv[0], "new") == 0)
        return cli_order_new(g, sub_argc, sub_argv);
    if (strcmp(sub_argv[0], "reorder") == 0)
        return cli_order_reorder(g, sub_argc, sub_argv);
    if (strcmp(sub_argv[0], "print") == 0)
        return cli_order_wants_packing_slip(sub_argc, sub_argv)
                   ? cli_order_packing_slip(g, sub_argc, sub_argv)
                   : cli_order_print(g, sub_argc, sub_argv);
    static const struct {
        const char *name;
        int (*run)(const struct cli_global *, int, char **);
    } fulfil[] = {{"ship", cli_order_ship},     {"deliver", cli_order_deliver}, {"note", cli_order_note},
                  {"cancel", cli_order_cancel}, {"po", cli_order_po},           {"labels", cli_order_labels}};
    for (size_t i = 0; i < sizeof fulfil / sizeof fulfil[0]; i++)
        if (strcmp(sub_argv[0], fulfil[i].name) == 0)
            return fulfil[i].run(g, sub_argc, sub_argv);
    return usage_error("no such order command:", sub_argv[0]);
}
