/* `comptoir stock receive | adjust`: stock arriving (allocated at once to
 * the orders waiting for it, oldest promise first) and stock counted. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/fulfilment.h"
#include "src/base/err.h"
#include "src/cli/cli_private.h"

static const char stock_usage[] = "usage: comptoir stock receive SKU QTY [--note TEXT]\n"
                                  "       comptoir stock adjust SKU ±N --reason TEXT\n"
                                  "What is received goes first to the orders waiting for it, oldest promise "
                                  "first.\n";

static void stock_details(FILE *out)
{
    fputs(stock_usage, out);
}

static int stock_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, arg ? "comptoir: %s '%s'\n" : "comptoir: %s\n", what, arg);
    fputs(stock_usage, stderr);
    return EX_USAGE;
}

static bool parse_qty(const char *text, bool signed_ok, long long *out)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || (!signed_ok && (v < 1 || text[0] == '+')) || v == 0)
        return false;
    *out = v;
    return true;
}

static int receive_print(struct app *app, const char *sku, long long qty, const char *note)
{
    struct receive_result res;
    struct err e = {0};
    if (stock_receive(app, sku, qty, note, &res, &e) != ERR_OK)
        return cli_report(&e);
    printf("%s: %lld received, %lld on hand", sku, qty, (long long)res.on_hand);
    if (res.allocated > 0)
        printf("; %lld allocated to %d waiting order%s (%d now complete, %d promise%s moved)",
               (long long)res.allocated, res.orders, res.orders == 1 ? "" : "s", res.orders_complete,
               res.promises_moved, res.promises_moved == 1 ? "" : "s");
    printf("; %lld free\n", (long long)res.free);
    return EX_OK;
}

static int stock_receive_cmd(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"note", required_argument, NULL, 'm'}, {NULL, 0, NULL, 0}};
    const char *note = "";
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c != 'm')
            return stock_usage_error(cli_option_trouble(argv[optind - 1]), argv[optind - 1]);
        note = optarg;
    }
    long long qty = 0;
    if (optind != argc - 2)
        return stock_usage_error("stock receive needs a SKU and a QTY", NULL);
    if (!parse_qty(argv[optind + 1], false, &qty))
        return stock_usage_error("QTY is a whole number from 1, not", argv[optind + 1]);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    rc = receive_print(&app, argv[optind], qty, note);
    app_close(&app);
    return rc;
}

static int stock_adjust_cmd(const struct cli_global *g, int argc, char **argv)
{
    static const struct option options[] = {{"reason", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
    const char *reason = NULL;
    long long delta = 0;
    /* "-2" is a quantity, not an option: the SKU and the change come first. */
    if (argc < 3 || !parse_qty(argv[2], true, &delta))
        return stock_usage_error("stock adjust needs a SKU and a change like +3 or -2", NULL);
    char *rest[64] = {argv[0]};
    int nrest = 1, c;
    for (int i = 3; i < argc && nrest < 63; i++)
        rest[nrest++] = argv[i];
    optind = 0;
    while ((c = getopt_long(nrest, rest, "", options, NULL)) != -1) {
        if (c != 'r')
            return stock_usage_error(cli_option_trouble(rest[optind - 1]), rest[optind - 1]);
        reason = optarg;
    }
    if (optind != nrest || argc - 3 >= 63 || reason == NULL)
        return stock_usage_error("stock adjust needs --reason TEXT (what the count found)", NULL);
    struct app app;
    int rc = cli_open_app(g, &app);
    if (rc != EX_OK)
        return rc;
    struct err e = {0};
    int64_t on_hand = 0;
    if (stock_adjust(&app, argv[1], delta, reason, &on_hand, &e) != ERR_OK)
        rc = cli_report(&e);
    else
        printf("%s: %+lld (%s), %lld on hand\n", argv[1], delta, reason, (long long)on_hand);
    app_close(&app);
    return rc;
}

static int cmd_stock(const struct cli_global *g, int argc, char **argv)
{
    if (argc < 2)
        return stock_usage_error("stock needs receive or adjust", NULL);
    optind = 0;
    opterr = 0;
    if (strcmp(argv[1], "receive") == 0)
        return stock_receive_cmd(g, argc - 1, argv + 1);
    if (strcmp(argv[1], "adjust") == 0)
        return stock_adjust_cmd(g, argc - 1, argv + 1);
    return stock_usage_error("no such stock command:", argv[1]);
}

const struct cli_command cli_stock_command = {
    "stock", cmd_stock, "stock receive SKU QTY [--note TEXT]",
    "receives stock (allocated to waiting orders) or adjusts a count", stock_details};
