/* `comptoir order ship | deliver | note | cancel | po | labels` and
 * `order print --packing-slip`: fulfilment from a shell, over the same core
 * as the console's order screen (src/b2c/fulfilment.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/fulfilment.h"
#include "src/base/err.h"
#include "src/base/money.h"
#include "src/cli/cli_private.h"
#include "src/orders.h"

static const char fulfil_usage[] =
    "       comptoir order ship NUMBER [SKU:QTY …] --carrier NAME [--tracking TEXT] [--parcels N]\n"
    "                           [--po TEXT]\n"
    "       comptoir order deliver NUMBER [--shipment N] [--at DATE]\n"
    "       comptoir order note NUMBER TEXT\n"
    "       comptoir order cancel NUMBER [--reason TEXT]\n"
    "       comptoir order po NUMBER TEXT\n"
    "       comptoir order print NUMBER --packing-slip [--shipment N] -o FILE.pdf\n"
    "       comptoir order labels NUMBER [--shipment N] -o FILE.pdf\n"
    "Without SKUs, order ship ships everything allocated and not yet shipped.\n";

void cli_order_fulfil_usage(FILE *out)
{
    fputs(fulfil_usage, out);
}

static int fulfil_usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, "comptoir: %s '%s'\n", what, arg);
    else
        fprintf(stderr, "comptoir: %s\n", what);
    fprintf(stderr, "usage:\n");
    fputs(fulfil_usage, stderr);
    return EX_USAGE;
}

/* A whole number from lo to hi, or a usage error naming the option. */
static bool parse_count(const char *text, long lo, long hi, int *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* Opens the app, runs fn, closes. */
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

/* ------------------------------------------------------------ ship */

struct ship_args {
    const char *number;
    struct ship_request req;
    struct ship_item items[SHIP_MAX_ITEMS];
};

static int ship_run(struct app *app, void *ctx)
{
    struct ship_args *a = ctx;
    struct ship_result res;
    struct err e = {0};
    if (order_ship(app, a->number, &a->req, &res, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: shipment %d, %lld unit%s (%s%s%s, %d parcel%s) → %s", a->number, res.seq,
           (long long)res.units, res.units == 1 ? "" : "s", a->req.carrier, a->req.tracking[0] ? " " : "",
           a->req.tracking, a->req.parcels > 0 ? a->req.parcels : 1, a->req.parcels > 1 ? "s" : "",
           order_status_name(res.status));
    if (res.left > 0)
        printf(", %lld left to ship", (long long)res.left);
    printf("\n");
    return EX_OK;
}

int cli_order_ship(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {
        {"carrier", required_argument, NULL, 'c'},
        {"tracking", required_argument, NULL, 't'},
        {"parcels", required_argument, NULL, 'p'},
        {"po", required_argument, NULL, 'P'},
        {NULL, 0, NULL, 0},
    };
    struct ship_args *a = calloc(1, sizeof *a);
    if (a == NULL)
        return EX_SOFTWARE;
    const char *carrier = NULL;
    int c, rc = EX_OK;
    while (rc == EX_OK && (c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'c')
            carrier = optarg;
        else if (c == 't')
            snprintf(a->req.tracking, sizeof a->req.tracking, "%s", optarg);
        else if (c == 'P')
            snprintf(a->req.po_number, sizeof a->req.po_number, "%s", optarg);
        else if (c != 'p' || !parse_count(optarg, 1, 999, &a->req.parcels))
            rc = fulfil_usage_error(c == 'p' ? "--parcels takes 1 to 999, not"
                                             : cli_option_trouble(argv[optind - 1]),
                                    c == 'p' ? optarg : argv[optind - 1]);
    }
    if (rc == EX_OK && optind >= argc)
        rc = fulfil_usage_error("order ship needs a NUMBER", NULL);
    if (rc == EX_OK && carrier == NULL)
        rc = fulfil_usage_error("order ship needs --carrier NAME", NULL);
    if (rc == EX_OK && argc - optind - 1 > SHIP_MAX_ITEMS)
        rc = fulfil_usage_error("order ship takes at most 200 SKUs at once", NULL);
    for (int i = optind + 1; rc == EX_OK && i < argc; i++) {
        struct err e = {0};
        if (ship_item_parse(argv[i], &a->items[a->req.nitems++], &e) != ERR_OK)
            rc = fulfil_usage_error(e.msg, NULL);
    }
    if (rc == EX_OK) {
        a->number = argv[optind];
        snprintf(a->req.carrier, sizeof a->req.carrier, "%s", carrier);
        a->req.items = a->items;
        rc = with_app(g, ship_run, a);
    }
    free(a);
    return rc;
}

/* ------------------------------------------------------------ deliver */

struct deliver_args {
    const char *number, *day;
    int seq;
};

static int deliver_run(struct app *app, void *ctx)
{
    struct deliver_args *a = ctx;
    struct deliver_result res;
    struct err e = {0};
    if (order_deliver(app, a->number, a->seq, a->day, &res, &e) != ERR_OK)
        return cli_report(&e);
    struct order o;
    if (order_get(app, a->number, &o, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: shipment %d delivered", o.number, res.seq);
    if (res.order_delivered && !res.promised)
        printf(" → delivered\n");
    else if (res.order_delivered && res.on_time)
        printf(" → delivered, on time\n");
    else if (res.order_delivered)
        printf(" → delivered, %d day%s late\n", res.late_days, res.late_days == 1 ? "" : "s");
    else
        printf("; the order is %s\n", order_status_name(o.status));
    return EX_OK;
}

int cli_order_deliver(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {
        {"shipment", required_argument, NULL, 's'}, {"at", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
    struct deliver_args a = {.day = ""};
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'a')
            a.day = optarg;
        else if (c != 's' || !parse_count(optarg, 1, 100000, &a.seq))
            return fulfil_usage_error(c == 's' ? "--shipment takes a shipment number, not"
                                               : cli_option_trouble(argv[optind - 1]),
                                      c == 's' ? optarg : argv[optind - 1]);
    }
    if (optind != argc - 1)
        return fulfil_usage_error("order deliver needs one NUMBER", NULL);
    a.number = argv[optind];
    return with_app(g, deliver_run, &a);
}

/* ------------------------------------------------------ note, po, cancel */

struct text_args {
    const char *number, *text;
};

static int note_run(struct app *app, void *ctx)
{
    struct text_args *a = ctx;
    struct err e = {0};
    if (order_add_note(app, a->number, a->text, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: note added\n", a->number);
    return EX_OK;
}

int cli_order_note(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 3)
        return fulfil_usage_error("order note needs a NUMBER and a TEXT (quote it)", NULL);
    struct text_args a = {argv[1], argv[2]};
    return with_app(g, note_run, &a);
}

static int po_run(struct app *app, void *ctx)
{
    struct text_args *a = ctx;
    struct err e = {0};
    if (order_set_po(app, a->number, a->text, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: purchase-order number %s\n", a->number, a->text);
    return EX_OK;
}

int cli_order_po(const struct cli_global *g, int argc, char **argv)
{
    if (argc != 3)
        return fulfil_usage_error("order po needs a NUMBER and the purchase-order number", NULL);
    struct text_args a = {argv[1], argv[2]};
    return with_app(g, po_run, &a);
}

static int cancel_run(struct app *app, void *ctx)
{
    struct text_args *a = ctx;
    struct cancel_result res;
    struct err e = {0};
    if (order_cancel(app, a->number, a->text, &res, &e) != ERR_OK)
        return cli_report(&e);
    char refunded[64];
    money_format(res.refunded, app->currency, refunded, sizeof refunded);
    printf("%s: %lld unit%s cancelled, %s refunded → %s\n", a->number, (long long)res.units,
           res.units == 1 ? "" : "s", refunded, order_status_name(res.status));
    return EX_OK;
}

int cli_order_cancel(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"reason", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
    struct text_args a = {NULL, ""};
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c != 'r')
            return fulfil_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        a.text = optarg;
    }
    if (optind != argc - 1)
        return fulfil_usage_error("order cancel needs one NUMBER", NULL);
    a.number = argv[optind];
    return with_app(g, cancel_run, &a);
}

/* ------------------------------------------------------ the documents */

struct doc_args {
    const char *number, *path;
    int seq;
    bool labels;
};

static int doc_run(struct app *app, void *ctx)
{
    struct doc_args *a = ctx;
    struct err e = {0};
    int rc = a->labels ? order_print_labels(app, a->number, a->seq, a->path, &e)
                       : order_print_packing_slip(app, a->number, a->seq, a->path, &e);
    if (rc != ERR_OK)
        return cli_report(&e);
    printf("%s\n", a->path);
    return EX_OK;
}

/* `order print NUMBER --packing-slip …` and `order labels NUMBER …`. */
static int cli_order_doc(const struct cli_global *g, int argc, char **argv, bool labels)
{
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"shipment", required_argument, NULL, 's'},
                                            {"packing-slip", no_argument, NULL, 'k'},
                                            {NULL, 0, NULL, 0}};
    struct doc_args a = {.labels = labels};
    bool slip = false;
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        if (c == 'o')
            a.path = optarg;
        else if (c == 'k' && !labels)
            slip = true;
        else if (c != 's' || !parse_count(optarg, 1, 100000, &a.seq))
            return fulfil_usage_error(c == 's' ? "--shipment takes a shipment number, not"
                                               : cli_option_trouble(argv[optind - 1]),
                                      c == 's' ? optarg : argv[optind - 1]);
    }
    if (optind != argc - 1 || a.path == NULL || (!labels && !slip))
        return fulfil_usage_error(labels ? "order labels needs a NUMBER and -o FILE.pdf"
                                         : "order print --packing-slip needs a NUMBER and -o FILE.pdf",
                                  NULL);
    a.number = argv[optind];
    return with_app(g, doc_run, &a);
}

int cli_order_packing_slip(const struct cli_global *g, int argc, char **argv)
{
    return cli_order_doc(g, argc, argv, false);
}

int cli_order_labels(const struct cli_global *g, int argc, char **argv)
{
    return cli_order_doc(g, argc, argv, true);
}

bool cli_order_wants_packing_slip(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--packing-slip") == 0)
            return true;
    return false;
}
