/* `comptoir order new | reorder | print` and `comptoir shipping`: selling
 * from a shell. `order new` prints the priced cart and, when placed, the
 * order number alone on its last line; --dry-run prints the same and places
 * nothing. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/cart.h"
#include "src/b2c/order_doc.h"
#include "src/b2c/order_place.h"
#include "src/b2c/shipping.h"
#include "src/base/err.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"

static const char new_usage[] =
    "usage: comptoir order new (--customer EMAIL | --account CODE) [--contact NAME]\n"
    "                          [--ship METHOD] [--requested YYYY-MM-DD] [--gift-wrap] [--gift-message TEXT]\n"
    "                          [--pay METHOD[:REFERENCE]] [--backorder] [--note TEXT] [--dry-run]\n"
    "                          [--key TEXT] [--coupon CODE] [--points N|max] [--po TEXT] SKU[:QTY] ...\n"
    "       comptoir order reorder NUMBER [--dry-run]\n"
    "       comptoir order print NUMBER -o FILE.pdf\n"
    "METHOD of payment: card, cash, transfer or account (accounts only); cash:AMOUNT is what\n"
    "the customer hands over (the change is printed). --key makes a retry safe: the same key\n"
    "and cart give back the order they placed.\n";

static int new_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(new_usage, stderr);
    return EX_USAGE;
}

void cli_order_new_usage(FILE *out)
{
    fputs(new_usage, out);
}

/* ------------------------------------------------------------ printing */

static void print_money_right(const struct app *app, const char *label, int64_t amount)
{
    char text[64], cell[256];
    money_format(amount, app->currency, text, sizeof text);
    text_fit(label, 56, TEXT_LEFT, cell, sizeof cell);
    printf("%s %20s\n", cell, text);
}

/* A line in its basis: the total including tax for consumers, the net for businesses. */
static void print_line(const struct priced_cart *p, const struct priced_line *l)
{
    char unit[32], total[32], cell[256];
    money_format_plain(l->unit_price, unit, sizeof unit);
    money_format_plain(p->tax_included ? l->total : l->net, total, sizeof total);
    text_fit(l->sku, 16, TEXT_LEFT, cell, sizeof cell);
    printf("%s %6lld %11s  ", cell, (long long)l->quantity, unit);
    text_fit(l->price_source, 20, TEXT_LEFT, cell, sizeof cell);
    printf("%s %14s\n", cell, total);
    if (l->discount > 0) {
        char off[32];
        money_format_plain(l->discount, off, sizeof off);
        printf("%-16s %s off\n", "", off);
    }
    if (l->backorder_qty > 0 && l->issues == 0)
        printf("%-16s %lld back-ordered, stock expected %s\n", "", (long long)l->backorder_qty,
               l->expected_date);
}

static void print_notes(const struct app *app, const struct priced_cart *p)
{
    static const char *const kinds[] = {"applied", "not applied", "note", "warning"};
    for (int i = 0; i < p->nnotes; i++) {
        const struct cart_note *n = &p->notes[i];
        char line[240];
        snprintf(line, sizeof line, "  %s: %s", kinds[n->kind], n->text);
        if (n->has_amount)
            print_money_right(app, line, n->amount);
        else
            printf("%s\n", line);
    }
}

static void print_charges(const struct app *app, const struct priced_cart *p)
{
    for (int i = p->ngoods; i < p->nlines; i++) {
        const struct priced_line *l = &p->lines[i];
        char label[300];
        snprintf(label, sizeof label, "%-10s%s%s%s%s", l->kind == LINE_SHIPPING ? "Shipping" : "Fees",
                 l->description, l->unit_price == 0 && l->list_price > 0 ? " (" : "",
                 l->unit_price == 0 && l->list_price > 0 ? l->price_source : "",
                 l->unit_price == 0 && l->list_price > 0 ? ")" : "");
        print_money_right(app, label, l->total);
    }
}

static void print_payment(const struct app *app, const struct cart *c, const struct priced_cart *p)
{
    char line[300], amount[64];
    snprintf(line, sizeof line, "Payment   %s%s%s",
             name_at(payment_method_names, PAY_METHOD_COUNT, (int)p->pay), c->pay_reference[0] ? " " : "",
             c->pay_reference);
    if (p->pay == PAY_CASH && c->cash_tendered > 0 && p->payment_issue[0] == '\0') {
        money_format(c->cash_tendered, app->currency, amount, sizeof amount);
        printf("%s, %s handed over\n", line, amount);
        print_money_right(app, "Change due", p->change_due);
        return;
    }
    if (p->credit_exceeded_by > 0) {
        money_format(p->credit_exceeded_by, app->currency, amount, sizeof amount);
        printf("%s (beyond the credit limit by %s)\n", line, amount);
        return;
    }
    printf("%s\n", line);
}

/* The cart as priced: lines, subtotal, notes, charges, tax per rate, total, promise, payment, issues. */
static void print_cart(const struct app *app, const struct cart *c, const struct priced_cart *p)
{
    printf("%-16s %6s %11s  %-20s %14s\n", "SKU", "QTY", "UNIT PRICE", "SOURCE", "TOTAL");
    for (int i = 0; i < p->ngoods; i++)
        print_line(p, &p->lines[i]);
    printf("\n");
    print_money_right(app, p->tax_included ? "Subtotal" : "Subtotal excl. tax",
                      p->tax_included ? p->goods_total : p->goods_net);
    print_notes(app, p);
    print_charges(app, p);
    for (int i = 0; i < p->ntaxes; i++) {
        char label[64], pct[16];
        bp_format(p->taxes[i].rate_bp, pct, sizeof pct);
        snprintf(label, sizeof label, "VAT %s%s", pct, p->tax_included ? " incl." : "");
        print_money_right(app, label, p->taxes[i].tax);
    }
    print_money_right(app, "Total", p->total);
    if (p->promised_date[0])
        printf("Promised  %s%s%s%s\n", p->promised_date, p->promise_after_request ? " (requested " : "",
               p->promise_after_request ? c->requested_date : "", p->promise_after_request ? ")" : "");
    print_payment(app, c, p);
    for (int i = 0; i < p->nlines; i++) {
        char why[400];
        priced_line_issues(&p->lines[i], why, sizeof why);
        if (why[0])
            printf("! %s\n", why);
    }
    if (p->payment_issue[0])
        printf("! %s\n", p->payment_issue);
}

/* ------------------------------------------------------------ order new */

struct new_options {
    const char *customer, *account, *contact, *ship, *pay, *points;
    bool dry_run, backorder;
};

static int parse_pay(const char *text, struct cart *c)
{
    char method[32];
    const char *colon = strchr(text, ':');
    snprintf(method, sizeof method, "%.*s", colon ? (int)(colon - text) : (int)strlen(text), text);
    int m = name_index(payment_method_names, PAY_METHOD_COUNT, method, true);
    if (m < 0 || m == PAY_CREDIT)
        return new_usage_error("--pay takes card, cash, transfer or account, not", method);
    c->pay = (enum payment_method)m;
    c->pay_chosen = true;
    if (colon == NULL)
        return EX_OK;
    if (c->pay == PAY_CASH) {
        struct err e = {0};
        if (money_parse(colon + 1, &c->cash_tendered, &e) != ERR_OK || c->cash_tendered <= 0)
            return new_usage_error("--pay cash:AMOUNT takes the amount handed over, not", colon + 1);
        return EX_OK;
    }
    snprintf(c->pay_reference, sizeof c->pay_reference, "%s", colon + 1);
    return EX_OK;
}

static int parse_points(const char *text, struct cart *c)
{
    if (strcmp(text, "max") == 0) {
        c->points_max = true;
        return EX_OK;
    }
    char *end = NULL;
    long long n = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || n < 1)
        return new_usage_error("--points takes a number of points or max, not", text);
    c->points = n;
    return EX_OK;
}

/* Copies an option into a cart field, refusing what does not fit. */
static int copy_option(char *dst, size_t len, const char *name, const char *value)
{
    if (strlen(value) >= len)
        return new_usage_error(name, "is too long");
    snprintf(dst, len, "%s", value);
    return EX_OK;
}

static int parse_new_option(int opt, struct new_options *o, struct cart *c)
{
    switch (opt) {
    case 'c': o->customer = optarg; return EX_OK;
    case 'a': o->account = optarg; return EX_OK;
    case 'C': o->contact = optarg; return EX_OK;
    case 's': o->ship = optarg; return EX_OK;
    case 'r': return copy_option(c->requested_date, sizeof c->requested_date, "--requested", optarg);
    case 'g': c->gift_wrap = true; return EX_OK;
    case 'm': return copy_option(c->gift_message, sizeof c->gift_message, "--gift-message", optarg);
    case 'p': return parse_pay(optarg, c);
    case 'b': o->backorder = true; return EX_OK;
    case 'n': return copy_option(c->note, sizeof c->note, "--note", optarg);
    case 'd': o->dry_run = true; return EX_OK;
    case 'k': return copy_option(c->idempotency_key, sizeof c->idempotency_key, "--key", optarg);
    case 'P': return copy_option(c->po_number, sizeof c->po_number, "--po", optarg);
    case 'o': return parse_points(optarg, c);
    case 'x':
        if (c->ncoupons == CART_MAX_COUPONS)
            return new_usage_error("at most 8 coupons", NULL);
        return copy_option(c->coupons[c->ncoupons++], sizeof c->coupons[0], "--coupon", optarg);
    default: return new_usage_error("unknown option", NULL);
    }
}

static int parse_new(int argc, char **argv, struct new_options *o, struct cart *c)
{
    static const struct option options[] = {
        {"customer", required_argument, NULL, 'c'},
        {"account", required_argument, NULL, 'a'},
        {"contact", required_argument, NULL, 'C'},
        {"ship", required_argument, NULL, 's'},
        {"requested", required_argument, NULL, 'r'},
        {"gift-wrap", no_argument, NULL, 'g'},
        {"gift-message", required_argument, NULL, 'm'},
        {"pay", required_argument, NULL, 'p'},
        {"backorder", no_argument, NULL, 'b'},
        {"note", required_argument, NULL, 'n'},
        {"dry-run", no_argument, NULL, 'd'},
        {"key", required_argument, NULL, 'k'},
        {"po", required_argument, NULL, 'P'},
        {"points", required_argument, NULL, 'o'},
        {"coupon", required_argument, NULL, 'x'},
        {NULL, 0, NULL, 0},
    };
    int opt, rc;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1)
        if ((rc = parse_new_option(opt, o, c)) != EX_OK)
            return opt == '?' ? new_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]) : rc;
    if ((o->customer == NULL) == (o->account == NULL))
        return new_usage_error("order new needs --customer EMAIL or --account CODE (one of them)", NULL);
    if (o->contact && o->account == NULL)
        return new_usage_error("--contact goes with --account", NULL);
    if (optind >= argc)
        return new_usage_error("order new needs at least one SKU[:QTY]", NULL);
    return EX_OK;
}

/* "CAF-001:3" → CAF-001 and 3; "CAF-001" → 1. */
static int parse_item(const char *arg, char *sku, size_t len, int64_t *qty)
{
    const char *colon = strrchr(arg, ':');
    *qty = 1;
    if (colon != NULL) {
        char *end = NULL;
        long long q = strtoll(colon + 1, &end, 10);
        if (end == colon + 1 || *end != '\0' || q < 1)
            return new_usage_error("a quantity is a whole number from 1, not in", arg);
        *qty = q;
    }
    size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
    if (n == 0 || n >= len)
        return new_usage_error("no such SKU:", arg);
    snprintf(sku, len, "%.*s", (int)n, arg);
    return EX_OK;
}

/* The party, the lines and the options into the cart (the core checks them). */
static int fill_cart(struct app *app, const struct new_options *o, int argc, char **argv, struct cart *c)
{
    struct err e = {0};
    if (cart_set_party(app, c, o->customer, o->account, o->contact, &e) != ERR_OK)
        return cli_report(&e);
    if (o->ship && cart_set_shipping(app, c, o->ship, &e) != ERR_OK)
        return cli_report(&e);
    for (int i = optind; i < argc; i++) {
        char sku[65];
        int64_t qty;
        int rc = parse_item(argv[i], sku, sizeof sku, &qty);
        if (rc != EX_OK)
            return rc;
        int index = 0;
        if (cart_add_sku(app, c, sku, qty, &index, &e) != ERR_OK)
            return cli_report(&e);
        cart_set_backorder(c, index, o->backorder);
    }
    return EX_OK;
}

/* Prices and prints the cart; places it unless dry_run. The order number
 * alone on the last line. */
static int price_and_place(struct app *app, const struct cart *c, bool dry_run)
{
    struct cart_inputs in;
    struct priced_cart p = {0};
    struct place_result res = {0};
    struct err e = {0};
    int rc = cart_inputs_load(app, c, &in, &e);
    if (rc != ERR_OK)
        return cli_report(&e);
    if ((rc = cart_price(&in, c, &p, &e)) == ERR_OK)
        print_cart(app, c, &p);
    cart_inputs_free(&in);
    if (rc == ERR_OK && dry_run && p.issues > 0)
        rc = err_set(&e, ERR_STATE, "lines", "the cart cannot be placed as it is (see above)");
    else if (rc == ERR_OK && !dry_run)
        rc = order_place(app, c, &p, &res, &e);
    if (rc == ERR_OK && !dry_run) {
        if (res.replayed)
            fprintf(stderr, "comptoir: this key placed %s already; nothing new was placed\n", res.number);
        printf("%s\n", res.number);
    }
    if (rc != ERR_OK && res.has_repriced) {
        fprintf(stderr, "comptoir: the cart as it prices now:\n");
        print_cart(app, c, &res.repriced);
    }
    place_result_free(&res);
    priced_cart_free(&p);
    return rc == ERR_OK ? EX_OK : cli_report(&e);
}

int cli_order_new(const struct cli_global *g, int argc, char **argv)
{
    struct new_options o = {0};
    struct cart *c = cart_new(CHANNEL_B2C);
    int rc = parse_new(argc, argv, &o, c);
    struct app app;
    if (rc == EX_OK && (rc = cli_open_app(g, &app)) == EX_OK) {
        if ((rc = fill_cart(&app, &o, argc, argv, c)) == EX_OK)
            rc = price_and_place(&app, c, o.dry_run);
        app_close(&app);
    }
    cart_free(&c);
    return rc;
}

/* ------------------------------------------------------------ reorder */

int cli_order_reorder(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"dry-run", no_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    bool dry_run = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt != 'd')
            return new_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        dry_run = true;
    }
    if (optind != argc - 1)
        return new_usage_error("order reorder needs one NUMBER", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct cart *c = NULL;
    struct rows notes = {0};
    struct err e = {0};
    if (order_reorder_cart(&app, argv[optind], &c, &notes, &e) != ERR_OK) {
        rc = cli_report(&e);
    } else {
        for (int i = 0; i < notes.n; i++)
            printf("%s\n", (const char *)rows_at(&notes, i));
        if (notes.n > 0)
            printf("\n");
        rc = price_and_place(&app, c, dry_run);
    }
    rows_free(&notes);
    cart_free(&c);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ print */

int cli_order_print(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
    const char *path = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (opt != 'o')
            return new_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        path = optarg;
    }
    if (optind != argc - 1 || path == NULL)
        return new_usage_error("order print needs a NUMBER and -o FILE.pdf", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct err e = {0};
    if (order_print_pdf(&app, argv[optind], path, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        printf("%s\n", path);
    app_close(&app);
    return rc;
}

/* ------------------------------------------------------------ shipping */

static const char shipping_usage[] =
    "usage: comptoir shipping list\n"
    "       comptoir shipping set METHOD --fee AMOUNT --free-over AMOUNT --days N [--cutoff HH:MM]\n"
    "                                    [--name TEXT] [--tax-class CLASS] [--inactive]\n"
    "The fee is tax included; --free-over none: never free; --cutoff none: no cut-off.\n";

void cli_shipping_usage(FILE *out)
{
    fputs(shipping_usage, out);
}

static int shipping_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(shipping_usage, stderr);
    return EX_USAGE;
}

static int shipping_list_cmd(struct app *app)
{
    struct rows methods = {0};
    struct err e = {0};
    if (shipping_list(app, &methods, &e) != ERR_OK) {
        rows_free(&methods);
        return cli_report(&e);
    }
    printf("%-10s %-20s %10s %10s %5s %6s  %s\n", "METHOD", "NAME", "FEE", "FREE OVER", "DAYS", "CUTOFF", "");
    const struct shipping_method *m = methods.items;
    for (int i = 0; i < methods.n; i++) {
        char fee[32], over[32] = "-", name[256];
        money_format_plain(m[i].fee, fee, sizeof fee);
        if (m[i].free_over >= 0)
            money_format_plain(m[i].free_over, over, sizeof over);
        text_fit(m[i].name, 20, TEXT_LEFT, name, sizeof name);
        printf("%-10s %s %10s %10s %5d %6s  %s\n", m[i].code, name, fee, over, m[i].lead_days,
               m[i].cutoff[0] ? m[i].cutoff : "-", m[i].active ? "" : "(not offered)");
    }
    rows_free(&methods);
    return EX_OK;
}

/* An amount option: a price, or "none" (for --free-over). */
static int shipping_amount(const char *name, const char *text, bool none_ok, int64_t *out)
{
    struct err e = {0};
    if (none_ok && strcmp(text, "none") == 0) {
        *out = -1;
        return EX_OK;
    }
    if (money_parse(text, out, &e) != ERR_OK || *out < 0)
        return shipping_usage_error(name, text);
    return EX_OK;
}

/* What `shipping set` was given (NULL: keep the method's). */
struct shipping_changes {
    const char *fee, *free_over, *days, *cutoff, *name, *tax_class;
    bool inactive;
};

static int shipping_parse(int argc, char **argv, struct shipping_changes *c)
{
    static const struct option options[] = {
        {"fee", required_argument, NULL, 'f'},  {"free-over", required_argument, NULL, 'o'},
        {"days", required_argument, NULL, 'd'}, {"cutoff", required_argument, NULL, 'c'},
        {"name", required_argument, NULL, 'n'}, {"tax-class", required_argument, NULL, 't'},
        {"inactive", no_argument, NULL, 'i'},   {NULL, 0, NULL, 0},
    };
    const char **slot[128] = {['f'] = &c->fee,    ['o'] = &c->free_over, ['d'] = &c->days,
                              ['c'] = &c->cutoff, ['n'] = &c->name,      ['t'] = &c->tax_class};
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 'i')
            c->inactive = true;
        else if (opt > 0 && opt < 128 && slot[opt] != NULL)
            *slot[opt] = optarg;
        else
            return shipping_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
    }
    if (optind != argc - 1)
        return shipping_usage_error("shipping set needs one METHOD", NULL);
    return EX_OK;
}

static bool shipping_copy(char *dst, size_t size, const char *arg)
{
    size_t n = strlen(arg);
    if (n >= size)
        return false;
    memcpy(dst, arg, n + 1);
    return true;
}

static int shipping_apply(const struct shipping_changes *c, struct shipping_method *m)
{
    int rc = EX_OK;
    if (c->fee)
        rc = shipping_amount("--fee takes an amount, not", c->fee, false, &m->fee);
    if (rc == EX_OK && c->free_over)
        rc = shipping_amount("--free-over takes an amount or none, not", c->free_over, true, &m->free_over);
    if (rc == EX_OK && c->days) {
        char *end = NULL;
        m->lead_days = (int)strtol(c->days, &end, 10);
        if (end == c->days || *end != '\0')
            rc = shipping_usage_error("--days takes a number, not", c->days);
    }
    /* an argument longer than its field is refused, never cut */
    const char *cutoff = c->cutoff && strcmp(c->cutoff, "none") == 0 ? "" : c->cutoff;
    if (rc == EX_OK && cutoff && !shipping_copy(m->cutoff, sizeof m->cutoff, cutoff))
        rc = shipping_usage_error("--cutoff takes HH:MM or none, not", c->cutoff);
    if (rc == EX_OK && c->name && !shipping_copy(m->name, sizeof m->name, c->name))
        rc = shipping_usage_error("--name has at most 64 bytes:", c->name);
    if (rc == EX_OK && c->tax_class && !shipping_copy(m->tax_class, sizeof m->tax_class, c->tax_class))
        rc = shipping_usage_error("--tax-class has at most 16 bytes:", c->tax_class);
    m->active = !c->inactive;
    return rc;
}

static int shipping_set_cmd(struct app *app, int argc, char **argv)
{
    struct shipping_changes c = {0};
    int rc = shipping_parse(argc, argv, &c);
    if (rc != EX_OK)
        return rc;
    struct shipping_method m = {.free_over = -1};
    struct err e = {0};
    bool existed = shipping_get(app, argv[optind], &m, &e) == ERR_OK;
    if (!existed && (c.fee == NULL || c.days == NULL))
        return shipping_usage_error("a new method needs --fee and --days", NULL);
    if (!existed) {
        memset(&m, 0, sizeof m);
        m.free_over = -1;
        snprintf(m.code, sizeof m.code, "%.16s", argv[optind]);
        snprintf(m.name, sizeof m.name, "%.16s", argv[optind]);
        if (strlen(argv[optind]) > 16)
            return cli_report(
                &(struct err){.code = ERR_INVALID, .msg = "a method's code has at most 16 characters"});
    }
    if ((rc = shipping_apply(&c, &m)) != EX_OK)
        return rc;
    if (shipping_set(app, &m, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s saved\n", m.code);
    return EX_OK;
}

int cmd_shipping(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "set") != 0))
        return shipping_usage_error("shipping needs list or set", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    optind = 0;
    opterr = 0;
    if (strcmp(argv[1], "list") == 0)
        rc = argc == 2 ? shipping_list_cmd(&app)
                       : shipping_usage_error("shipping list takes no arguments", NULL);
    else
        rc = shipping_set_cmd(&app, argc - 1, argv + 1);
    app_close(&app);
    return rc;
}

const struct cli_command cli_shipping_command = {
    "shipping", cmd_shipping, "shipping list | shipping set METHOD --fee AMOUNT --free-over AMOUNT --days N",
    "list and set the shipping methods (fees, free-shipping thresholds, lead days, cut-off)",
    cli_shipping_usage};
