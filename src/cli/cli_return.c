/* `comptoir return`: returns and refunds — open one (the refund it will make
 * printed line by line, the number alone on the last line), receive it
 * (restock or scrap), refund it, approve or reject a refund, show, list. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/returns.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"

static const char return_usage[] =
    "usage: comptoir return new ORDER SKU:QTY[:REASON] … [--resolution refund|exchange|replacement]\n"
    "                           [--for SKU=NEWSKU …] [--note TEXT] [--dry-run]\n"
    "       comptoir return receive RETURN [SKU:restock|scrap …]\n"
    "       comptoir return refund RETURN [--method METHOD[:REFERENCE]]\n"
    "       comptoir return approve RETURN [--comment TEXT]\n"
    "       comptoir return reject RETURN --comment TEXT\n"
    "       comptoir return show RETURN\n"
    "       comptoir return list [--status S]\n";

static void return_details(FILE *out)
{
    struct strbuf b = {0};
    fputs(return_usage, out);
    strbuf_addf(&b, "REASON: ");
    cli_names(&b, return_reason_names, " or ");
    strbuf_addf(&b, " (changed_mind when left out). METHOD: ");
    cli_names(&b, payment_method_names, " or ");
    strbuf_addf(&b, " (the order's own when left out). S: ");
    cli_names(&b, return_status_names, " or ");
    strbuf_addf(
        &b,
        ", or open (all but closed and rejected).\nThe refund is what the order charged "
        "for the units (its discounts and points included), shipping when the whole order comes back or "
        "the reason is ours; a refund above the approval threshold waits for a manager. An exchange "
        "sends the same product (or --for another) in a new order; a difference is refunded or charged. A "
        "return closes by itself when nothing is left to do: once its refund is paid, or once the new "
        "order of an exchange or replacement has shipped.");
    cli_wrap(out, strbuf_text(&b), 100);
    fputc('\n', out);
    strbuf_free(&b);
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(return_usage, stderr);
    return EX_USAGE;
}

static int with_app(const struct cli_global *g, int (*fn)(struct app *, void *), void *ctx)
{
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = fn(&app, ctx);
    app_close(&app);
    return rc;
}

static const char *plain(int64_t v, char buf[32])
{
    money_format_plain(v, buf, 32);
    return buf;
}

/* ------------------------------------------------------------------ new */

struct new_args {
    struct return_request req;
    struct return_item items[RETURN_MAX_ITEMS];
    bool dry_run;
};

static void print_quote_line(const struct return_quote *q, const struct return_quote_line *l)
{
    char cell[256], amount[32], what[160];
    if (l->kind == LINE_GOODS) {
        text_fit(l->sku, 16, TEXT_LEFT, cell, sizeof cell);
        snprintf(what, sizeof what, "%s%s%s", return_reason_label(l->reason), l->exchange_sku[0] ? " → " : "",
                 l->exchange_sku);
        printf("%s %6lld  ", cell, (long long)l->quantity);
        text_fit(what, 28, TEXT_LEFT, cell, sizeof cell);
        printf("%s %14s\n", cell, plain(l->amount, amount));
        return;
    }
    snprintf(what, sizeof what, "%s %s", l->kind == LINE_SHIPPING ? "Shipping" : "Fee", l->sku);
    text_fit(what, 23, TEXT_LEFT, cell, sizeof cell);
    printf("%s  ", cell);
    text_fit(l->kind == LINE_SHIPPING ? shipping_rule_label(q->shipping_rule) : "the whole order came back",
             28, TEXT_LEFT, cell, sizeof cell);
    printf("%s %14s\n", cell, plain(l->amount, amount));
}

/* "Refund" and an amount ending where the amounts of the lines end. */
static void print_total(const char *label, const char *amount)
{
    char cell[128];
    text_fit(amount, 14, TEXT_RIGHT, cell, sizeof cell);
    printf("%-53s %s\n", label, cell);
}

static void print_quote(const struct app *app, const struct return_quote *q)
{
    char a[32], b[32], total[64];
    printf("%-16s %6s  %-28s %14s\n", "SKU", "QTY", "REASON", "REFUND");
    bool shipping_line = false;
    for (int i = 0; i < q->nlines; i++) {
        print_quote_line(q, &q->lines[i]);
        shipping_line = shipping_line || q->lines[i].kind == LINE_SHIPPING;
    }
    if (!shipping_line && q->shipping_rule != SHIPPING_NONE)
        printf("%-23s  %-28s %14s\n", "Shipping", shipping_rule_label(q->shipping_rule), plain(0, a));
    money_format(q->total, app->currency, total, sizeof total);
    print_total(q->resolution == RESOLUTION_REFUND ? "Refund" : "Credit toward the new order", total);
    printf("%-10s%s %s\n", "", q->tax_included ? "incl. VAT" : "of which VAT", plain(q->tax, a));
    if (q->late)
        printf("Window    closed on %s: a manager accepts it\n", q->deadline);
    else if (q->deadline[0])
        printf("Window    open until %s\n", q->deadline);
    if (q->needs_approval)
        printf("Approval  a manager approves the refund (above %s)\n", plain(q->threshold, b));
}

static int new_run(struct app *app, void *ctx)
{
    struct new_args *a = ctx;
    struct return_quote q;
    struct err e = {0};
    int rc = a->dry_run ? return_preview(app, &a->req, &q, &e) : return_open(app, &a->req, &q, &e);
    if (rc != ERR_OK)
        return cli_report(&e);
    print_quote(app, &q);
    if (!a->dry_run)
        printf("%s\n", q.number);
    return_quote_free(&q);
    return EX_OK;
}

/* --for SKU=NEWSKU, or --for NEWSKU when one SKU is returned. */
static int apply_for(struct new_args *a, char **fors, int nfor)
{
    for (int k = 0; k < nfor; k++) {
        const char *eq = strchr(fors[k], '=');
        const char *target = eq ? eq + 1 : fors[k];
        int hit = -1;
        for (int i = 0; i < a->req.nitems; i++)
            if (eq ? strncmp(a->items[i].sku, fors[k], (size_t)(eq - fors[k])) == 0 &&
                         strlen(a->items[i].sku) == (size_t)(eq - fors[k])
                   : a->req.nitems == 1)
                hit = i;
        if (hit < 0 || target[0] == '\0' || strlen(target) >= sizeof a->items[hit].exchange_sku)
            return usage_error(eq ? "--for names a SKU that is not returned:"
                                  : "--for NEWSKU needs one SKU returned; "
                                    "use SKU=NEWSKU:",
                               fors[k]);
        snprintf(a->items[hit].exchange_sku, sizeof a->items[hit].exchange_sku, "%s", target);
    }
    return EX_OK;
}

static int cmd_new(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"resolution", required_argument, NULL, 'r'},
                                            {"note", required_argument, NULL, 'n'},
                                            {"for", required_argument, NULL, 'f'},
                                            {"dry-run", no_argument, NULL, 'd'},
                                            {NULL, 0, NULL, 0}};
    struct new_args *a = calloc(1, sizeof *a);
    char **fors = calloc((size_t)argc + 1, sizeof *fors);
    if (a == NULL || fors == NULL) {
        free(a);
        free(fors);
        return EX_SOFTWARE;
    }
    int c, rc = EX_OK, nfor = 0;
    a->req.note = "";
    while (rc == EX_OK && (c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        int i = c == 'r' ? name_index(return_resolution_names, RESOLUTION_COUNT, optarg, true) : 0;
        if (c == 'r' && i >= 0)
            a->req.resolution = (enum return_resolution)i;
        else if (c == 'n')
            a->req.note = optarg;
        else if (c == 'f')
            fors[nfor++] = optarg;
        else if (c == 'd')
            a->dry_run = true;
        else
            rc = usage_error(c == 'r' ? "--resolution is refund, exchange or replacement, not"
                                      : cli_option_trouble(argv[optind - 1]),
                             c == 'r' ? optarg : argv[optind - 1]);
    }
    if (rc == EX_OK && argc - optind < 2)
        rc = usage_error("return new needs an ORDER and at least one SKU:QTY", NULL);
    if (rc == EX_OK && argc - optind - 1 > RETURN_MAX_ITEMS)
        rc = usage_error("a return has at most 200 lines", NULL);
    for (int i = optind + 1; rc == EX_OK && i < argc; i++) {
        struct err e = {0};
        if (return_item_parse(argv[i], &a->items[a->req.nitems++], &e) != ERR_OK)
            rc = usage_error(e.msg, NULL);
    }
    if (rc == EX_OK)
        rc = apply_for(a, fors, nfor);
    if (rc == EX_OK) {
        snprintf(a->req.order_number, sizeof a->req.order_number, "%s", argv[optind]);
        a->req.items = a->items;
        rc = with_app(g, new_run, a);
    }
    free(fors);
    free(a);
    return rc;
}

/* -------------------------------------------------------------- receive */

struct receive_args {
    const char *number;
    struct return_disposition_item items[RETURN_MAX_ITEMS];
    int n;
};

static int receive_run(struct app *app, void *ctx)
{
    struct receive_args *a = ctx;
    struct return_receipt res;
    struct err e = {0};
    if (return_receive(app, a->number, a->items, a->n, &res, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s received: %lld restocked, %lld scrapped\n", a->number, (long long)res.restocked,
           (long long)res.scrapped);
    return EX_OK;
}

static int cmd_receive(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return usage_error("return receive needs a RETURN", NULL);
    if (argc - 2 > RETURN_MAX_ITEMS)
        return usage_error("at most 200 SKU:restock|scrap at once", NULL);
    struct receive_args *a = calloc(1, sizeof *a);
    if (a == NULL)
        return EX_SOFTWARE;
    int rc = EX_OK;
    a->number = argv[1];
    for (int i = 2; rc == EX_OK && i < argc; i++) {
        struct err e = {0};
        if (argv[i][0] == '-')
            rc = usage_error("unknown option", argv[i]);
        else if (return_disposition_parse(argv[i], &a->items[a->n++], &e) != ERR_OK)
            rc = usage_error(e.msg, NULL);
    }
    if (rc == EX_OK)
        rc = with_app(g, receive_run, a);
    free(a);
    return rc;
}

/* --------------------------------------------------------------- refund */

struct refund_args {
    const char *number;
    bool has_method;
    enum payment_method method;
    char reference[65];
    const char *comment;
    int op; /* 0 refund, 1 approve, 2 reject */
};

static void print_refund(const struct app *app, const char *number, const struct refund_result *res,
                         const char *verb)
{
    char amount[64];
    money_format(res->amount, app->currency, amount, sizeof amount);
    const char *method = name_at(payment_method_names, PAY_METHOD_COUNT, (int)res->method);
    if (res->status == RETURN_AWAITING_APPROVAL) {
        printf("%s: the refund of %s to %s waits for a manager's approval\n", number, amount, method);
        return;
    }
    if (res->status == RETURN_EXCHANGED || res->status == RETURN_REPLACED) {
        printf("%s %s%s: new order %s", number, verb, return_status_label(res->status), res->exchange_number);
        if (res->amount > 0)
            printf("; %s refunded to %s", amount, method);
        if (res->charged > 0) {
            money_format(res->charged, app->currency, amount, sizeof amount);
            printf("; %s to pay (%s)", amount, method);
        }
        printf("\n");
        return;
    }
    printf("%s %srefunded: %s to %s\n", number, verb, amount, method);
    if (res->closed)
        printf("%s closed: nothing left to do\n", number);
}

static int refund_run(struct app *app, void *ctx)
{
    struct refund_args *a = ctx;
    struct refund_result res;
    struct err e = {0};
    int rc = a->op == 0   ? return_refund(app, a->number, a->has_method, a->method, a->reference, &res, &e)
             : a->op == 1 ? return_approve(app, a->number, a->comment, &res, &e)
                          : return_reject(app, a->number, a->comment, &e);
    if (rc != ERR_OK)
        return cli_report(&e);
    if (a->op == 2)
        printf("%s rejected\n", a->number);
    else
        print_refund(app, a->number, &res, a->op == 1 ? "approved and " : "");
    return EX_OK;
}

static int parse_method(const char *text, struct refund_args *a)
{
    const char *colon = strchr(text, ':');
    char word[32];
    snprintf(word, sizeof word, "%.*s", colon ? (int)(colon - text) : (int)strlen(text), text);
    int i = name_index(payment_method_names, PAY_METHOD_COUNT, word, true);
    if (i < 0)
        return usage_error("--method is card, cash, transfer, account or credit, not", word);
    if (colon && strlen(colon + 1) >= sizeof a->reference)
        return usage_error("a reference has at most 64 characters", NULL);
    a->has_method = true;
    a->method = (enum payment_method)i;
    snprintf(a->reference, sizeof a->reference, "%s", colon ? colon + 1 : "");
    return EX_OK;
}

static int cmd_decide(const struct cli_global *g, int argc, char **argv, int op)
{
    static const struct option options[] = {{"method", required_argument, NULL, 'm'},
                                            {"comment", required_argument, NULL, 'c'},
                                            {NULL, 0, NULL, 0}};
    struct refund_args a = {.op = op};
    int c, rc = EX_OK;
    while (rc == EX_OK && (c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'm' && op == 0)
            rc = parse_method(optarg, &a);
        else if (c == 'c' && op != 0)
            a.comment = optarg;
        else
            rc = usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
    }
    if (rc == EX_OK && argc - optind != 1)
        rc = usage_error(op == 0 ? "return refund needs a RETURN" : "this needs a RETURN", NULL);
    if (rc == EX_OK && op == 2 && (a.comment == NULL || a.comment[0] == '\0'))
        rc = usage_error("return reject needs --comment TEXT (why)", NULL);
    if (rc != EX_OK)
        return rc;
    a.number = argv[optind];
    return with_app(g, refund_run, &a);
}

/* ----------------------------------------------------------------- show */

static void show_lines(const struct rows *lines)
{
    const struct return_line *l = lines->items;
    char cell[256], a[32];
    printf("%-16s %6s  %-19s %-8s %14s\n", "SKU", "QTY", "REASON", "RECEIPT", "REFUND");
    for (int i = 0; i < lines->n; i++) {
        text_fit(l[i].sku, 16, TEXT_LEFT, cell, sizeof cell);
        if (l[i].charge) {
            printf("%s %6s  %-19s %-8s %14s\n", cell, "", l[i].kind == LINE_SHIPPING ? "shipping" : "fee", "",
                   plain(l[i].refund_amount, a));
            continue;
        }
        printf("%s %6lld  %-19s %-8s %14s", cell, (long long)l[i].quantity, return_reason_label(l[i].reason),
               return_disposition_names[l[i].disposition], plain(l[i].refund_amount, a));
        if (l[i].exchange_sku[0])
            printf("  → %s", l[i].exchange_sku);
        printf("\n");
    }
}

static void show_refunds(const struct rows *refunds)
{
    const struct refund_record *f = refunds->items;
    char a[32], when[40];
    for (int i = 0; i < refunds->n; i++) {
        datetime_local(f[i].requested_at, DATETIME_MINUTE, when, sizeof when);
        printf("Refund    %s to %s%s%s, requested by %s %s", plain(f[i].amount, a),
               name_at(payment_method_names, PAY_METHOD_COUNT, (int)f[i].method),
               f[i].reference[0] ? " " : "", f[i].reference, f[i].requested_login, when);
        if (f[i].decision)
            printf("; %s by %s%s%s", f[i].decision == 1 ? "approved" : "rejected", f[i].decided_login,
                   f[i].comment[0] ? ": " : "", f[i].comment);
        else if (f[i].needs_approval)
            printf("; waits for a manager");
        if (f[i].paid_at[0])
            printf("; paid");
        printf("\n");
    }
}

static int show_run(struct app *app, void *ctx)
{
    const char *number = ctx;
    struct return_record r;
    struct rows lines = {0}, refunds = {0};
    struct err e = {0};
    if (return_get(app, number, &r, &lines, &refunds, &e) != ERR_OK) {
        rows_free(&lines);
        return cli_report(&e);
    }
    char when[40], total[64], a[32];
    datetime_local(r.requested_at, DATETIME_MINUTE, when, sizeof when);
    money_format(r.refund_total, app->currency, total, sizeof total);
    printf("%s  %s  order %s  %s\n", r.number, return_status_label(r.status), r.order_number, r.party_name);
    printf("Opened    %s by %s (%s)%s\n", when, r.requested_login,
           name_at(return_resolution_names, RESOLUTION_COUNT, (int)r.resolution),
           r.late_accepted_by ? ", past the window" : "");
    if (r.received_at[0]) {
        datetime_local(r.received_at, DATETIME_MINUTE, when, sizeof when);
        printf("Received  %s\n", when);
    }
    show_lines(&lines);
    printf("Shipping  %s%s%s\n", shipping_rule_label(r.shipping_rule), r.shipping_refund ? ": " : "",
           r.shipping_refund ? plain(r.shipping_refund, a) : "");
    print_total("Refund", total);
    show_refunds(&refunds);
    if (r.exchange_number[0])
        printf("Exchange  new order %s\n", r.exchange_number);
    if (r.rejection[0])
        printf("Rejected  %s\n", r.rejection);
    if (r.closed_at[0]) {
        datetime_local(r.closed_at, DATETIME_MINUTE, when, sizeof when);
        printf("Closed    %s\n", when);
    } else if (r.status == RETURN_EXCHANGED || r.status == RETURN_REPLACED) {
        printf("Closes    when new order %s has shipped\n", r.exchange_number);
    }
    if (r.note[0])
        printf("Note      %s\n", r.note);
    rows_free(&lines);
    rows_free(&refunds);
    return EX_OK;
}

/* ----------------------------------------------------------------- list */

static int list_run(struct app *app, void *ctx)
{
    const unsigned *statuses = ctx;
    struct page_req q = {.limit = 100};
    struct rows rows = {0};
    struct err e = {0};
    if (return_list(app, *statuses, &q, &rows, &e) != ERR_OK)
        return cli_report(&e);
    const struct return_record *r = rows.items;
    char cell[256], a[32], day[11];
    printf("%-10s %-12s %-18s %-11s %12s  %-10s %s\n", "RETURN", "ORDER", "STATUS", "RESOLUTION", "REFUND",
           "OPENED", "FOR");
    for (int i = 0; i < rows.n; i++) {
        datetime_local_date(r[i].requested_at, day);
        text_fit(r[i].party_name, 30, TEXT_LEFT, cell, sizeof cell);
        printf("%-10s %-12s %-18s %-11s %12s  %-10s %s\n", r[i].number, r[i].order_number,
               return_status_label(r[i].status),
               name_at(return_resolution_names, RESOLUTION_COUNT, (int)r[i].resolution),
               plain(r[i].refund_total, a), day, cell);
    }
    if (rows.more)
        printf("… %lld more\n", (long long)rows.more);
    rows_free(&rows);
    return EX_OK;
}

static int cmd_list(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"status", required_argument, NULL, 's'}, {NULL, 0, NULL, 0}};
    unsigned statuses = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        int i = c == 's' ? name_index(return_status_names, RETURN_STATUS_COUNT, optarg, true) : -2;
        if (c == 's' && strcmp(optarg, "open") == 0)
            statuses |= RETURN_OPEN_STATUSES;
        else if (i >= 0)
            statuses |= 1u << i;
        else
            return usage_error(c == 's' ? "unknown status" : cli_option_trouble(argv[optind - 1]),
                               c == 's' ? optarg : argv[optind - 1]);
    }
    if (optind != argc)
        return usage_error("return list takes no argument", argv[optind]);
    return with_app(g, list_run, &statuses);
}

/* ----------------------------------------------------------------- main */

static int cmd_return(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        return_details(argc < 2 ? stderr : stdout);
        return argc < 2 ? EX_USAGE : EX_OK;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "new") == 0)
        return cmd_new(g, argc - 1, argv + 1);
    if (strcmp(sub, "receive") == 0)
        return cmd_receive(g, argc - 1, argv + 1);
    if (strcmp(sub, "refund") == 0)
        return cmd_decide(g, argc - 1, argv + 1, 0);
    if (strcmp(sub, "approve") == 0)
        return cmd_decide(g, argc - 1, argv + 1, 1);
    if (strcmp(sub, "reject") == 0)
        return cmd_decide(g, argc - 1, argv + 1, 2);
    if (strcmp(sub, "show") == 0) {
        if (argc != 3)
            return usage_error("return show needs a RETURN", NULL);
        return with_app(g, show_run, argv[2]);
    }
    if (strcmp(sub, "list") == 0)
        return cmd_list(g, argc - 1, argv + 1);
    return usage_error("unknown return command", sub);
}

const struct cli_command cli_return_command = {
    "return", cmd_return, "return new|receive|refund|approve|reject|show|list …",
    "returns: open, receive (restock or scrap), refund from what was paid, approve", return_details};
