/* `comptoir quote …`: the B2B quote life cycle from a shell — the same core
 * rules as the console; a refused move exits non-zero with the reason and
 * changes nothing. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/cli/cli_private.h"
#include "src/csv/csv_io.h"
#include "src/orders.h"
#include "src/users.h"

#define LIST_MAX 500
static const char quote_commands[] =
    "usage: comptoir quote list [--status S] [--mine] [--awaiting] [--limit N] [--after Q]\n"
    "       comptoir quote show Q [--revision N]\n"
    "       comptoir quote new --account CODE [--contact ID]\n"
    "       comptoir quote add-line Q SKU QTY [--discount PCT | --price AMOUNT] [--note TEXT]\n"
    "       comptoir quote set-line Q N [--qty N] [--discount PCT | --price AMOUNT | --list] [--note TEXT]\n"
    "       comptoir quote remove-line Q N\n"
    "       comptoir quote terms Q [--valid-until DATE] [--payment-days N] [--delivery DATE]\n"
    "                              [--order-discount PCT%|AMOUNT] [--contact ID]\n"
    "       comptoir quote notes Q TEXT\n"
    "       comptoir quote submit Q | recall Q | send Q | accept Q | revise Q [--comment TEXT]\n"
    "       comptoir quote approve Q [--comment TEXT] | reject Q --comment TEXT\n"
    "       comptoir quote counter Q --line N (--price AMOUNT | --qty N)... --comment TEXT\n"
    "       comptoir quote diff Q REV1 REV2\n"
    "       comptoir quote print Q -o FILE.pdf\n"
    "       comptoir quote cancel Q [--comment TEXT] | expire\n"
    "       comptoir quote rules | rule-add NAME --condition C --threshold T [--role R]\n"
    "                                   [--approvals N] [--level N]\n";

/* What each kind of threshold reads, after the last condition of its kind. */
static const char *const unit_words[] = {
    [APPROVAL_UNIT_RATE] = "thresholds in %",
    [APPROVAL_UNIT_AMOUNT] = "an amount",
    [APPROVAL_UNIT_DAYS] = "days beyond the account's terms",
};

void cli_quote_usage(FILE *out)
{
    struct strbuf names = {0};
    strbuf_add(&names, "Conditions:");
    for (int c = 0; c < APPROVAL_CONDITION_COUNT; c++) {
        enum approval_unit unit = approval_condition_unit((enum approval_condition)c);
        bool last_of_unit = c + 1 == APPROVAL_CONDITION_COUNT ||
                            approval_condition_unit((enum approval_condition)(c + 1)) != unit;
        strbuf_addf(&names, " %s", approval_condition_names[c]);
        if (last_of_unit)
            strbuf_addf(&names, " (%s)", unit_words[unit]);
        strbuf_add(&names, c + 1 < APPROVAL_CONDITION_COUNT ? "," : ".");
    }
    strbuf_add(&names, " Statuses: ");
    cli_names(&names, quote_status_names, ", ");
    strbuf_add(&names, ".");
    fputs(quote_commands, out);
    cli_wrap(out, strbuf_text(&names), 88);
    fputc('\n', out);
    strbuf_free(&names);
}

/* Copies an argument into a field of its size; false when it would not fit
 * (an argument is refused, never cut). */
static bool copy_arg(char *dst, size_t size, const char *arg)
{
    if (strlen(arg) >= size)
        return false;
    memcpy(dst, arg, strlen(arg) + 1);
    return true;
}

static int usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, "comptoir: %s '%s'\n", what, arg);
    else
        fprintf(stderr, "comptoir: %s\n", what);
    cli_quote_usage(stderr);
    return EX_USAGE;
}

static int report(const struct err *e)
{
    return cli_report(e);
}

static bool parse_count(const char *text, int64_t lo, int64_t hi, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int load_quote(struct app *app, const char *number, struct quote *q)
{
    struct err e = {0};
    return quote_get(app, number, q, &e) == ERR_OK ? EX_OK : report(&e);
}

/* ---------------------------------------------------------------- show */

static void print_amount(const struct app *app, const char *label, int64_t amount)
{
    char text[64];
    money_format(amount, app->currency, text, sizeof text);
    printf("%s %s", label, text);
}

static void show_header(const struct quote_view *v, const struct quote_revision *r)
{
    const struct quote *q = &v->quote;
    printf("%s  %s %s  %s  revision %d (%s)  owner %s\n", q->number, q->account_code, q->account_name,
           quote_status_name(q->status), r->number,
           r->proposed_by == QUOTE_SIDE_CUSTOMER ? "customer" : "ours", q->owner_login);
    printf("valid until %s  payment terms %d days", q->valid_until, q->payment_terms_days);
    if (q->requested_date[0])
        printf("  delivery %s", q->requested_date);
    if (q->contact_name[0])
        printf("  contact %s", q->contact_name);
    printf("\n");
    if (r->comment[0])
        printf("comment: %s\n", r->comment);
    if (q->notes[0])
        printf("notes: %s\n", q->notes);
}

static void show_lines(const struct price_line *lines, int n)
{
    printf("%3s  %-12s %7s %11s %11s %8s %12s  %s\n", "#", "SKU", "QTY", "LIST", "UNIT", "DISC", "NET",
           "SOURCE");
    for (int i = 0; i < n; i++) {
        const struct quote_line *l = &lines[i].line;
        char list[32], unit[32], net[32], disc[32];
        money_format_plain(l->list_price, list, sizeof list);
        money_format_plain(l->unit_price, unit, sizeof unit);
        money_format_plain(lines[i].net, net, sizeof net);
        rate_format(l->discount_bp, disc, sizeof disc);
        printf("%3d  %-12s %7lld %11s %11s %8s %12s  %s\n", l->line_no, l->sku, (long long)l->quantity, list,
               unit, disc, net, l->price_source);
        if (l->note[0])
            printf("     note: %s\n", l->note);
    }
}

static void show_totals(const struct app *app, const struct priced_quote *pq)
{
    char margin[32];
    if (pq->order_discount) {
        print_amount(app, "order discount", -pq->order_discount);
        printf("  ");
    }
    print_amount(app, "subtotal excl. tax", pq->subtotal);
    printf("\n");
    for (int i = 0; i < pq->ntaxes; i++) {
        char rate[32], net[64], tax[64];
        bp_format(pq->taxes[i].rate_bp, rate, sizeof rate);
        money_format(pq->taxes[i].net, app->currency, net, sizeof net);
        money_format(pq->taxes[i].tax, app->currency, tax, sizeof tax);
        printf("tax %s %s: %s on %s\n", pq->taxes[i].tax_class, rate, tax, net);
    }
    print_amount(app, "total incl. tax", pq->total);
    margin_format(pq->margin_bp, margin, sizeof margin);
    printf("  margin %s\n", margin);
}

static void show_approval(const struct quote_view *v)
{
    char text[1200];
    if (v->issues[0])
        printf("issues: %s\n", v->issues);
    if (v->approval.level == 0) {
        printf("approval: not needed\n");
        return;
    }
    approval_needs_text(&v->approval, text, sizeof text);
    printf("approval: %s (level %d)\n", text, v->approval.level);
    approval_reasons_text(&v->approval, "; ", text, sizeof text);
    printf("why: %s\n", text);
    for (int i = 0; i < v->napprovals; i++)
        printf("  %s by %s%s%s\n", v->approvals[i].decision == APPROVAL_APPROVE ? "approved" : "rejected",
               v->approvals[i].approver_login, v->approvals[i].comment[0] ? ": " : "",
               v->approvals[i].comment);
}

/* Every event of the quote, oldest first. */
static void show_timeline(struct app *app, const struct quote *q)
{
    struct rows events = {0};
    if (quote_events(app, q, NULL, &events, NULL) == ERR_OK) {
        const struct quote_event *ev = events.items;
        printf("timeline:\n");
        for (int i = 0; i < events.n; i++) {
            char when[32];
            datetime_local(ev[i].at, DATETIME_MINUTE, when, sizeof when);
            printf("  %s  r%d  %-8s %-8s", when, ev[i].revision, ev[i].user_login, ev[i].kind);
            if (ev[i].to_status[0])
                printf(" → %s", ev[i].to_status);
            printf("%s%s\n", ev[i].note[0] ? "  " : "", ev[i].note);
        }
    }
    rows_free(&events);
}

static int show_revision(struct app *app, struct quote_view *v, int number)
{
    struct quote_diff d;
    struct err e = {0};
    /* an older revision: its lines and totals, read through the diff machinery */
    if (quote_diff(app, &v->quote, number, number, &d, &e) != ERR_OK)
        return report(&e);
    struct quote_revision r;
    if (quote_revision(app, &v->quote, number, &r, &e) != ERR_OK) {
        quote_diff_free(&d);
        return report(&e);
    }
    show_header(v, &r);
    printf("%3s  %-12s %7s %11s %12s\n", "#", "SKU", "QTY", "UNIT", "NET");
    for (int i = 0; i < d.nlines; i++) {
        char unit[32], net[32];
        money_format_plain(d.lines[i].price_b, unit, sizeof unit);
        money_format_plain(d.lines[i].net_b, net, sizeof net);
        printf("%3d  %-12s %7lld %11s %12s\n", d.lines[i].line_no, d.lines[i].sku,
               (long long)d.lines[i].quantity_b, unit, net);
    }
    print_amount(app, "subtotal excl. tax", d.total_b);
    printf("\n");
    quote_diff_free(&d);
    return EX_OK;
}

static int quote_show(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {{"revision", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
    int64_t revision = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1)
        if (c != 'r' || !parse_count(optarg, 1, 100000, &revision))
            return usage_error("quote show: bad option", argv[optind - 1]);
    if (optind != argc - 1)
        return usage_error("quote show needs a quote number", NULL);
    struct quote_view *v = NULL;
    struct err e = {0};
    if (quote_view_load(app, argv[optind], &v, &e) != ERR_OK)
        return report(&e);
    int rc = EX_OK;
    if (revision && revision != v->quote.revision) {
        rc = show_revision(app, v, (int)revision);
    } else {
        show_header(v, &v->revision);
        show_lines(v->lines, v->nlines);
        show_totals(app, &v->priced);
        show_approval(v);
        if (v->quote.order_number[0])
            printf("order: %s\n", v->quote.order_number);
        show_timeline(app, &v->quote);
    }
    quote_view_free(&v);
    return rc;
}

/* ---------------------------------------------------------------- list */

static int list_after(struct app *app, const char *number, struct page_req *q)
{
    struct quote after;
    int rc = load_quote(app, number, &after);
    if (rc == EX_OK) {
        q->has_cursor = true;
        quote_cursor(&after, QUOTE_SORT_NUMBER, &q->cursor);
    }
    return rc;
}

/* Whether the list goes on past its last row shown (a full page may be the end). */
static bool list_more_after(struct app *app, const struct quote_filter *f, const struct page_req *q,
                            const struct quote *last)
{
    struct page_req next = *q;
    struct quote one;
    int n = 0;
    next.has_cursor = true;
    next.limit = 1;
    quote_cursor(last, next.sort, &next.cursor);
    return quote_page(app, f, &next, &one, &n, NULL) == ERR_OK && n > 0;
}

static void list_print(const struct app *app, const struct quote *rows, int n)
{
    if (n > 0)
        printf("%-9s %-9s %-12s %-10s %-10s %3s %14s\n", "NUMBER", "STATUS", "ACCOUNT", "OWNER", "VALID",
               "REV", "TOTAL");
    for (int i = 0; i < n; i++) {
        char total[64];
        money_format(rows[i].total, app->currency, total, sizeof total);
        printf("%-9s %-9s %-12s %-10s %-10s %3d %14s\n", rows[i].number, quote_status_name(rows[i].status),
               rows[i].account_code, rows[i].owner_login, rows[i].valid_until, rows[i].revision, total);
    }
}

static int quote_list(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {
        {"status", required_argument, NULL, 's'}, {"mine", no_argument, NULL, 'm'},
        {"awaiting", no_argument, NULL, 'w'},     {"limit", required_argument, NULL, 'n'},
        {"after", required_argument, NULL, 'a'},  {NULL, 0, NULL, 0}};
    struct quote_filter f = {0};
    enum quote_status status;
    struct page_req q = {.limit = 50, .sort = QUOTE_SORT_NUMBER};
    const char *after = NULL;
    int64_t limit = 50;
    int c, rc = EX_OK;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 's' && quote_status_parse(optarg, &status) == ERR_OK)
            f.statuses = QUOTE_STATUS_BIT(status);
        else if (c == 'm')
            f.owner_id = app->user.id;
        else if (c == 'w')
            f.awaiting_role_of = app->user.id;
        else if (c == 'n' && parse_count(optarg, 1, LIST_MAX, &limit))
            q.limit = (int)limit;
        else if (c == 'a')
            after = optarg;
        else
            return usage_error("quote list: bad option or value", argv[optind - 1]);
    }
    if (after && (rc = list_after(app, after, &q)) != EX_OK)
        return rc;
    struct quote *rows = xcalloc((size_t)q.limit, sizeof *rows);
    int n = 0;
    struct err e = {0};
    if (quote_page(app, &f, &q, rows, &n, &e) != ERR_OK)
        rc = report(&e);
    else
        list_print(app, rows, n);
    if (rc == EX_OK && n == q.limit && list_more_after(app, &f, &q, &rows[n - 1]))
        fprintf(stderr, "comptoir: more quotes; next page: --after %s\n", rows[n - 1].number);
    free(rows);
    return rc;
}

/* ------------------------------------------------------------ creating */

static int quote_new(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {{"account", required_argument, NULL, 'a'},
                                            {"contact", required_argument, NULL, 'c'},
                                            {NULL, 0, NULL, 0}};
    const char *account = NULL;
    int64_t contact = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'a')
            account = optarg;
        else if (c != 'c' || !parse_count(optarg, 1, INT64_MAX, &contact))
            return usage_error("quote new: bad option or value", argv[optind - 1]);
    }
    if (account == NULL || optind != argc)
        return usage_error("quote new needs --account CODE", NULL);
    struct quote q;
    struct err e = {0};
    if (quote_create(app, account, contact, &q, &e) != ERR_OK)
        return report(&e);
    printf("%s\n", q.number);
    return EX_OK;
}

/* --discount 12.5 / --price 78.00 / --list: how the rep sets a line's price. */
static int parse_price_option(int c, const char *arg, enum manual_price *manual, int64_t *value, bool *set)
{
    struct err e = {0};
    *set = true;
    if (c == 'd' && bp_parse(arg, value, &e) == ERR_OK) {
        *manual = MANUAL_DISCOUNT;
        return EX_OK;
    }
    if (c == 'p' && money_parse(arg, value, &e) == ERR_OK) {
        *manual = MANUAL_PRICE;
        return EX_OK;
    }
    if (c == 'l') {
        *manual = MANUAL_NONE;
        *value = 0;
        return EX_OK;
    }
    return usage_error(e.msg[0] ? e.msg : c == 'd' ? "not a percentage:" : "not an amount:", arg);
}

static int quote_add_line_cmd(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {{"discount", required_argument, NULL, 'd'},
                                            {"price", required_argument, NULL, 'p'},
                                            {"note", required_argument, NULL, 'n'},
                                            {NULL, 0, NULL, 0}};
    enum manual_price manual = MANUAL_NONE;
    int64_t value = 0, qty = 0;
    const char *note = NULL;
    bool set = false;
    int c, rc;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'n')
            note = optarg;
        else if (c != 'd' && c != 'p')
            return usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        else if (set)
            return usage_error("give --discount or --price, not both", NULL);
        else if ((rc = parse_price_option(c, optarg, &manual, &value, &set)) != EX_OK)
            return rc;
    }
    if (optind != argc - 3)
        return usage_error("quote add-line needs Q SKU QTY", NULL);
    if (!parse_count(argv[optind + 2], 1, 1000000000, &qty))
        return usage_error("not a quantity:", argv[optind + 2]);
    struct quote q;
    struct quote_line l;
    struct err e = {0};
    if ((rc = load_quote(app, argv[optind], &q)) != EX_OK)
        return rc;
    if (quote_add_line(app, &q, argv[optind + 1], qty, manual, value, note, &l, &e) != ERR_OK)
        return report(&e);
    char unit[32];
    money_format_plain(l.unit_price, unit, sizeof unit);
    printf("line %d: %lld × %s at %s (%s)\n", l.line_no, (long long)l.quantity, l.sku, unit, l.price_source);
    return EX_OK;
}

static int quote_set_line_cmd(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {
        {"qty", required_argument, NULL, 'q'},   {"discount", required_argument, NULL, 'd'},
        {"price", required_argument, NULL, 'p'}, {"list", no_argument, NULL, 'l'},
        {"note", required_argument, NULL, 'n'},  {NULL, 0, NULL, 0}};
    struct quote_line_change ch = {0};
    int64_t line = 0;
    int c, rc;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'q' && parse_count(optarg, 1, 1000000000, &ch.quantity))
            ch.set_quantity = true;
        else if (c == 'n')
            ch.note = optarg;
        else if (c == 'd' || c == 'p' || c == 'l') {
            if ((rc = parse_price_option(c, optarg, &ch.manual, &ch.manual_value, &ch.set_price)) != EX_OK)
                return rc;
        } else
            return usage_error("quote set-line: bad option or value", argv[optind - 1]);
    }
    if (optind != argc - 2 || !parse_count(argv[optind + 1], 1, 100000, &line))
        return usage_error("quote set-line needs Q N", NULL);
    struct quote q;
    struct err e = {0};
    if ((rc = load_quote(app, argv[optind], &q)) != EX_OK)
        return rc;
    if (quote_update_line(app, &q, (int)line, &ch, &e) != ERR_OK)
        return report(&e);
    printf("%s %s\n", q.number, quote_status_name(q.status));
    return EX_OK;
}

static int quote_remove_line_cmd(struct app *app, int argc, char **argv)
{
    int64_t line = 0;
    if (argc != 3 || !parse_count(argv[2], 1, 100000, &line))
        return usage_error("quote remove-line needs Q N", NULL);
    struct quote q;
    struct err e = {0};
    int rc = load_quote(app, argv[1], &q);
    if (rc != EX_OK)
        return rc;
    if (quote_remove_line(app, &q, (int)line, &e) != ERR_OK)
        return report(&e);
    printf("%s %s\n", q.number, quote_status_name(q.status));
    return EX_OK;
}

static int parse_order_discount(const char *arg, struct quote_terms *t)
{
    struct err e = {0};
    t->order_discount = t->order_discount_bp = 0;
    if (strchr(arg, '%'))
        return bp_parse(arg, &t->order_discount_bp, &e) == ERR_OK ? EX_OK : usage_error(e.msg, arg);
    return money_parse(arg, &t->order_discount, &e) == ERR_OK ? EX_OK : usage_error(e.msg, arg);
}

/* Options after Q: argv[0] is the quote number. */
static int terms_options(int argc, char **argv, struct quote_terms *t)
{
    static const struct option options[] = {
        {"valid-until", required_argument, NULL, 'v'}, {"payment-days", required_argument, NULL, 't'},
        {"delivery", required_argument, NULL, 'r'},    {"order-discount", required_argument, NULL, 'o'},
        {"contact", required_argument, NULL, 'c'},     {NULL, 0, NULL, 0}};
    int64_t n;
    int c, rc;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'v' && copy_arg(t->valid_until, sizeof t->valid_until, optarg))
            continue;
        else if (c == 't' && parse_count(optarg, 0, 365, &n))
            t->payment_terms_days = (int)n;
        else if (c == 'r' && copy_arg(t->requested_date, sizeof t->requested_date, optarg))
            continue;
        else if (c == 'c' && parse_count(optarg, 0, INT64_MAX, &n))
            t->contact_id = n;
        else if (c == 'o') {
            if ((rc = parse_order_discount(optarg, t)) != EX_OK)
                return rc;
        } else
            return usage_error("quote terms: bad option or value", argv[optind - 1]);
    }
    return optind == argc ? EX_OK : usage_error("quote terms takes Q first, then options", NULL);
}

static int quote_terms_cmd(struct app *app, int argc, char **argv)
{
    struct quote_view *v = NULL;
    struct quote_terms t;
    struct err e = {0};
    int rc;
    if (argc < 2 || argv[1][0] == '-')
        return usage_error("quote terms needs Q first", NULL);
    if (quote_view_load(app, argv[1], &v, &e) != ERR_OK)
        return report(&e);
    quote_terms_of(v, &t);
    struct quote q = v->quote;
    quote_view_free(&v);
    if ((rc = terms_options(argc - 1, argv + 1, &t)) != EX_OK)
        return rc;
    if (quote_set_terms(app, &q, &t, &e) != ERR_OK)
        return report(&e);
    printf("%s %s\n", q.number, quote_status_name(q.status));
    return EX_OK;
}

static int quote_notes_cmd(struct app *app, int argc, char **argv)
{
    if (argc != 3)
        return usage_error("quote notes needs Q TEXT", NULL);
    struct quote q;
    struct err e = {0};
    int rc = load_quote(app, argv[1], &q);
    if (rc == EX_OK && quote_set_notes(app, &q, argv[2], &e) != ERR_OK)
        rc = report(&e);
    return rc;
}

/* ---------------------------------------------------------------- moves */

static const char *comment_option(int argc, char **argv, int *rest)
{
    static const struct option options[] = {{"comment", required_argument, NULL, 'c'}, {NULL, 0, NULL, 0}};
    const char *comment = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c != 'c') {
            *rest = -1;
            return NULL;
        }
        comment = optarg;
    }
    *rest = argc - optind;
    return comment;
}

enum move { MOVE_SUBMIT, MOVE_APPROVE, MOVE_REJECT, MOVE_RECALL, MOVE_SEND, MOVE_CANCEL, MOVE_REVISE };

static int run_move(struct app *app, enum move m, struct quote *q, const char *comment, struct err *e)
{
    switch (m) {
    case MOVE_SUBMIT: return quote_submit(app, q, e);
    case MOVE_APPROVE: return quote_approve(app, q, comment, e);
    case MOVE_REJECT: return quote_reject(app, q, comment, e);
    case MOVE_RECALL: return quote_recall(app, q, e);
    case MOVE_SEND: return quote_send(app, q, e);
    case MOVE_CANCEL: return quote_cancel(app, q, comment, e);
    case MOVE_REVISE: return quote_revise(app, q, comment, e);
    }
    return ERR_INTERNAL;
}

/* submit, approve, reject, recall, send, cancel, revise: Q and maybe --comment. */
static int quote_move_cmd(struct app *app, enum move m, int argc, char **argv)
{
    int rest = 0;
    const char *comment = comment_option(argc, argv, &rest);
    if (rest != 1)
        return usage_error("this command needs Q (and maybe --comment TEXT):", argv[0]);
    struct quote q;
    struct err e = {0};
    int rc = load_quote(app, argv[optind], &q);
    if (rc != EX_OK)
        return rc;
    if (run_move(app, m, &q, comment, &e) != ERR_OK)
        return report(&e);
    printf("%s %s", q.number, quote_status_name(q.status));
    if (q.status == QUOTE_PENDING) {
        struct quote_view *v = NULL;
        if (quote_view_load(app, q.number, &v, NULL) == ERR_OK) {
            char text[1200];
            approval_needs_text(&v->approval, text, sizeof text);
            printf(": %s", text);
            approval_reasons_text(&v->approval, "; ", text, sizeof text);
            printf("\nwhy: %s", text);
        }
        quote_view_free(&v);
    }
    printf("\n");
    return EX_OK;
}

/* --line N (then --price or --qty) as often as given: the changes grow in *changes. */
static int counter_options(int argc, char **argv, struct rows *changes, const char **comment)
{
    static const struct option options[] = {{"line", required_argument, NULL, 'l'},
                                            {"price", required_argument, NULL, 'p'},
                                            {"qty", required_argument, NULL, 'q'},
                                            {"comment", required_argument, NULL, 'c'},
                                            {NULL, 0, NULL, 0}};
    int opt;
    int64_t v;
    struct err e = {0};
    rows_reset(changes, sizeof(struct quote_counter_change));
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        struct quote_counter_change *last = rows_at(changes, changes->n - 1);
        if (opt == 'l' && parse_count(optarg, 1, 100000, &v))
            ((struct quote_counter_change *)rows_add(changes))->line_no = (int)v;
        else if (opt == 'p' && last && money_parse(optarg, &last->price, &e) == ERR_OK)
            last->set_price = true;
        else if (opt == 'q' && last && parse_count(optarg, 1, 1000000000, &last->quantity))
            last->set_quantity = true;
        else if (opt == 'c')
            *comment = optarg;
        else
            return usage_error("quote counter: --line N comes first, then --price or --qty:",
                               argv[optind - 1]);
    }
    const struct quote_counter_change *c = changes->items;
    for (int i = 0; i < changes->n; i++)
        if (!c[i].set_price && !c[i].set_quantity)
            return usage_error("quote counter: --line needs --price or --qty", NULL);
    return optind == argc - 1 ? EX_OK : usage_error("quote counter needs Q", NULL);
}

static int quote_counter_cmd(struct app *app, int argc, char **argv)
{
    struct rows changes = {0};
    const char *comment = NULL;
    struct quote q;
    struct err e = {0};
    int rc = counter_options(argc, argv, &changes, &comment);
    if (rc == EX_OK && (rc = load_quote(app, argv[optind], &q)) == EX_OK &&
        quote_counter(app, &q, comment, changes.items, changes.n, &e) != ERR_OK)
        rc = report(&e);
    rows_free(&changes);
    if (rc == EX_OK)
        printf("%s %s revision %d (customer)\n", q.number, quote_status_name(q.status), q.revision);
    return rc;
}

static int quote_accept_cmd(struct app *app, int argc, char **argv)
{
    if (argc != 2)
        return usage_error("quote accept needs Q", NULL);
    struct quote q;
    struct order o;
    struct err e = {0};
    int rc = load_quote(app, argv[1], &q);
    if (rc != EX_OK)
        return rc;
    if (quote_accept(app, &q, &o, &e) != ERR_OK)
        return report(&e);
    printf("%s\n", o.number);
    return EX_OK;
}

static int quote_expire_cmd(struct app *app, int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error("quote expire takes no arguments", NULL);
    int n = 0;
    struct err e = {0};
    if (quote_expire_due(app, NULL, &n, &e) != ERR_OK)
        return report(&e);
    printf("%d quote%s expired\n", n, n == 1 ? "" : "s");
    return EX_OK;
}

/* ----------------------------------------------------------------- diff */

static const char *diff_mark(enum quote_diff_kind k)
{
    return k == QUOTE_DIFF_ADDED ? "+" : k == QUOTE_DIFF_REMOVED ? "-" : k == QUOTE_DIFF_CHANGED ? "~" : " ";
}

static void diff_print(const struct app *app, const struct quote_diff *d)
{
    printf("  %3s  %-12s %15s %23s\n", "#", "SKU", "QTY", "UNIT PRICE");
    for (int i = 0; i < d->nlines; i++) {
        const struct quote_diff_line *l = &d->lines[i];
        char pa[32], pb[32];
        money_format_plain(l->price_a, pa, sizeof pa);
        money_format_plain(l->price_b, pb, sizeof pb);
        printf("%s %3d  %-12s %6lld → %-6lld %10s → %-10s\n", diff_mark(l->kind), l->line_no, l->sku,
               (long long)l->quantity_a, (long long)l->quantity_b, pa, pb);
    }
    char a[64], b[64], delta[64], ma[32], mb[32], md[32];
    money_format(d->total_a, app->currency, a, sizeof a);
    money_format(d->total_b, app->currency, b, sizeof b);
    money_format(d->total_delta, app->currency, delta, sizeof delta);
    margin_format(d->margin_a_bp, ma, sizeof ma);
    margin_format(d->margin_b_bp, mb, sizeof mb);
    margin_format(d->margin_delta_bp, md, sizeof md);
    printf("total excl. tax %s → %s (%s%s)\n", a, b, d->total_delta > 0 ? "+" : "", delta);
    printf("margin %s → %s (%s%s)\n", ma, mb, d->margin_delta_bp > 0 ? "+" : "", md);
}

static int quote_diff_cmd(struct app *app, int argc, char **argv)
{
    int64_t ra, rb;
    if (argc != 4 || !parse_count(argv[2], 1, 100000, &ra) || !parse_count(argv[3], 1, 100000, &rb))
        return usage_error("quote diff needs Q REV1 REV2", NULL);
    struct quote q;
    struct quote_diff d;
    struct err e = {0};
    int rc = load_quote(app, argv[1], &q);
    if (rc != EX_OK)
        return rc;
    if (quote_diff(app, &q, (int)ra, (int)rb, &d, &e) != ERR_OK)
        return report(&e);
    printf("%s revision %lld → %lld\n", q.number, (long long)ra, (long long)rb);
    diff_print(app, &d);
    quote_diff_free(&d);
    return EX_OK;
}

static int quote_print_cmd(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
    const char *path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (c != 'o')
            return usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        path = optarg;
    }
    if (path == NULL || optind != argc - 1)
        return usage_error("quote print needs Q -o FILE.pdf", NULL);
    struct err e = {0};
    if (quote_print_pdf(app, argv[optind], path, &e) != ERR_OK)
        return report(&e);
    printf("%s\n", path);
    return EX_OK;
}

/* ---------------------------------------------------------------- rules */

static void print_rule(const struct approval_rule *r)
{
    char t[32];
    switch (approval_condition_unit(r->condition)) {
    case APPROVAL_UNIT_AMOUNT: money_format_plain(r->threshold, t, sizeof t); break;
    case APPROVAL_UNIT_DAYS: snprintf(t, sizeof t, "%lld days", (long long)r->threshold); break;
    case APPROVAL_UNIT_RATE: bp_format(r->threshold, t, sizeof t); break;
    }
    printf("%4lld %-24s %-15s %12s %-8s %4d %5d %s\n", (long long)r->id, r->name,
           approval_condition_name(r->condition), t, role_name(r->approver_role), r->approvals_needed,
           r->level, r->active ? "yes" : "no");
}

/* Every rule, by level. */
static int quote_rules_cmd(struct app *app, int argc, char **argv)
{
    (void)argv;
    struct rows rules = {0};
    struct err e = {0};
    if (argc != 1)
        return usage_error("quote rules takes no arguments", NULL);
    if (approval_rule_list(app, NULL, &rules, &e) != ERR_OK) {
        rows_free(&rules);
        return report(&e);
    }
    printf("%4s %-24s %-15s %12s %-8s %4s %5s %s\n", "ID", "NAME", "CONDITION", "THRESHOLD", "ROLE", "NEED",
           "LEVEL", "ACTIVE");
    for (int i = 0; i < rules.n; i++)
        print_rule(rows_at(&rules, i));
    rows_free(&rules);
    return EX_OK;
}

static int parse_threshold(enum approval_condition c, const char *arg, int64_t *out)
{
    struct err e = {0};
    switch (approval_condition_unit(c)) {
    case APPROVAL_UNIT_AMOUNT: return money_parse(arg, out, &e);
    case APPROVAL_UNIT_DAYS: return parse_count(arg, 0, 365, out) ? ERR_OK : ERR_INVALID;
    case APPROVAL_UNIT_RATE: break;
    }
    return bp_parse(arg, out, &e);
}

static int quote_rule_add_cmd(struct app *app, int argc, char **argv)
{
    static const struct option options[] = {
        {"condition", required_argument, NULL, 'c'}, {"threshold", required_argument, NULL, 't'},
        {"role", required_argument, NULL, 'r'},      {"approvals", required_argument, NULL, 'n'},
        {"level", required_argument, NULL, 'l'},     {NULL, 0, NULL, 0}};
    struct approval_rule r = {
        .approver_role = ROLE_MANAGER, .approvals_needed = 1, .level = 1, .active = true};
    const char *threshold = NULL;
    bool has_condition = false;
    int64_t n;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'c' && approval_condition_parse(optarg, &r.condition) == ERR_OK)
            has_condition = true;
        else if (c == 't')
            threshold = optarg;
        else if (c == 'r' && role_parse(optarg, &r.approver_role) == ERR_OK)
            continue;
        else if (c == 'n' && parse_count(optarg, 1, 5, &n))
            r.approvals_needed = (int)n;
        else if (c == 'l' && parse_count(optarg, 1, 9, &n))
            r.level = (int)n;
        else
            return usage_error("quote rule-add: bad option or value", argv[optind - 1]);
    }
    if (optind != argc - 1 || !has_condition || threshold == NULL)
        return usage_error("quote rule-add needs NAME --condition C --threshold T", NULL);
    if (parse_threshold(r.condition, threshold, &r.threshold) != ERR_OK)
        return usage_error("not a threshold for this condition:", threshold);
    if (!copy_arg(r.name, sizeof r.name, argv[optind]))
        return usage_error("quote rule-add: a rule's name has at most 64 bytes:", argv[optind]);
    struct err e = {0};
    if (approval_rule_save(app, &r, &e) != ERR_OK)
        return report(&e);
    printf("rule %lld\n", (long long)r.id);
    return EX_OK;
}

/* --------------------------------------------------------------- prices */

int cli_import_prices(const struct cli_global *g, const char *path, const struct import_options *opt)
{
    struct app app;
    struct import_report rep;
    struct err e = {0};
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = csv_import_prices(&app, path, opt, &rep, &e);
    app_close(&app);
    if (rc != ERR_OK)
        return report(&e);
    if (opt->dry_run)
        printf("dry run: %lld price %s read, all valid; nothing written\n", (long long)rep.rows_read,
               cli_plural(rep.rows_read, "row", "rows"));
    else
        printf("imported %lld price %s\n", (long long)rep.rows_written,
               cli_plural(rep.rows_written, "row", "rows"));
    return EX_OK;
}

int cli_export_prices(const struct cli_global *g, const char *path)
{
    struct app app;
    struct err e = {0};
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    FILE *out = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : cli_raw_stdout();
    if (out == NULL) {
        app_close(&app);
        fprintf(stderr, "comptoir: cannot write %s\n", path ? path : "standard output");
        return EX_CANTCREAT;
    }
    rc = csv_export_prices(&app, out, &e);
    if (fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(&e, ERR_IO, "file", "cannot write %s", path);
    app_close(&app);
    return rc == ERR_OK ? EX_OK : report(&e);
}

/* ------------------------------------------------------------- dispatch */

typedef int (*quote_handler)(struct app *app, int argc, char **argv);

static int cmd_submit(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_SUBMIT, c, v);
}
static int cmd_approve(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_APPROVE, c, v);
}
static int cmd_reject(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_REJECT, c, v);
}
static int cmd_recall(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_RECALL, c, v);
}
static int cmd_send(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_SEND, c, v);
}
static int cmd_cancel(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_CANCEL, c, v);
}
static int cmd_revise(struct app *a, int c, char **v)
{
    return quote_move_cmd(a, MOVE_REVISE, c, v);
}

static const struct {
    const char *name;
    quote_handler run;
} subcommands[] = {
    {"list", quote_list},
    {"show", quote_show},
    {"new", quote_new},
    {"add-line", quote_add_line_cmd},
    {"set-line", quote_set_line_cmd},
    {"remove-line", quote_remove_line_cmd},
    {"terms", quote_terms_cmd},
    {"notes", quote_notes_cmd},
    {"submit", cmd_submit},
    {"approve", cmd_approve},
    {"reject", cmd_reject},
    {"recall", cmd_recall},
    {"send", cmd_send},
    {"cancel", cmd_cancel},
    {"revise", cmd_revise},
    {"counter", quote_counter_cmd},
    {"accept", quote_accept_cmd},
    {"expire", quote_expire_cmd},
    {"diff", quote_diff_cmd},
    {"print", quote_print_cmd},
    {"rules", quote_rules_cmd},
    {"rule-add", quote_rule_add_cmd},
};

int cmd_quote(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return usage_error("quote needs a command", NULL);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(argv[1], subcommands[i].name) != 0)
            continue;
        struct app app;
        int rc = cli_open_app(g, &app);
        if (rc != EX_OK)
            return rc;
        optind = 0;
        opterr = 0;
        rc = subcommands[i].run(&app, argc - 1, argv + 1);
        app_close(&app);
        return rc;
    }
    return usage_error("no such quote command:", argv[1]);
}
