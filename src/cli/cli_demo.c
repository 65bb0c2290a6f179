/* `comptoir demo`: parses the sizes and the seed, creates the database when
 * there is none, and fills it with demo data (src/demo.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/cli/cli_private.h"
#include "src/demo/demo.h"
#include "src/users.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool parse_count(const char *text, int64_t max, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < 0 || v > max)
        return false;
    *out = v;
    return true;
}

static int set_size(const char *size, struct demo_options *opt)
{
    if (strcmp(size, "small") == 0) {
        *opt = (struct demo_options){.seed = opt->seed,
                                     .accounts = DEMO_SMALL_ACCOUNTS,
                                     .customers = DEMO_SMALL_CUSTOMERS,
                                     .products = DEMO_SMALL_PRODUCTS,
                                     .orders = DEMO_SMALL_ORDERS};
        return EX_OK;
    }
    if (strcmp(size, "large") == 0) {
        *opt = (struct demo_options){.seed = opt->seed,
                                     .accounts = DEMO_LARGE_ACCOUNTS,
                                     .customers = DEMO_LARGE_CUSTOMERS,
                                     .products = DEMO_LARGE_PRODUCTS,
                                     .orders = DEMO_LARGE_ORDERS};
        return EX_OK;
    }
    fprintf(stderr, "comptoir: demo: --size is small or large, not '%s'\n", size);
    return EX_USAGE;
}

/* Sizes apply in order, so `--size large --orders 1000` is a large run with fewer orders. */
static int parse_demo(int argc, char **argv, struct demo_options *opt)
{
    static const struct option options[] = {
        {"seed", required_argument, NULL, 's'},
        {"size", required_argument, NULL, 'z'},
        {"accounts", required_argument, NULL, 'a'},
        {"customers", required_argument, NULL, 'c'},
        {"products", required_argument, NULL, 'p'},
        {"orders", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    int c;
    int64_t v = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        const char *name = argv[optind - 1];
        if (c == 'z') {
            if (set_size(optarg, opt) != EX_OK)
                return EX_USAGE;
            continue;
        }
        if (c == '?' || !parse_count(optarg, c == 's' ? UINT_MAX : 100000000, &v) || (c != 's' && v == 0)) {
            fprintf(stderr,
                    "comptoir: demo: bad option '%s'\nusage: comptoir demo [--seed N] "
                    "[--size small|large] [--accounts N] [--customers N] [--products N] [--orders N]\n",
                    name);
            return EX_USAGE;
        }
        switch (c) {
        case 's': opt->seed = (unsigned)v; break;
        case 'a': opt->accounts = v; break;
        case 'c': opt->customers = v; break;
        case 'p': opt->products = v; break;
        default: opt->orders = v; break;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "comptoir: demo: unexpected '%s'\n", argv[optind]);
        return EX_USAGE;
    }
    return EX_OK;
}

/* `comptoir demo` on a path with no database creates it first, as init would. */
static int demo_ensure_database(const struct cli_global *g)
{
    char path[PATH_MAX];
    struct err e = {0};
    struct user admin;
    if (app_db_path(g->db_path, path, sizeof path, &e) != ERR_OK)
        return cli_report(&e);
    if (app_db_exists(path))
        return EX_OK;
    if (app_create_database(path, &admin, &e) != ERR_OK)
        return cli_report(&e);
    fprintf(stderr, "demo: created %s with %s as admin\n", path, admin.login);
    return EX_OK;
}

int cmd_demo(const struct cli_global *g, int argc, char **argv)
{
    struct demo_options opt = {.seed = 1};
    struct app app;
    struct err e = {0};
    struct timespec t0, t1;
    int rc = parse_demo(argc, argv, &opt);
    if (rc != EX_OK || (rc = demo_ensure_database(g)) != EX_OK || (rc = cli_open_app(g, &app)) != EX_OK)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (demo_fill(&app, &opt, stderr, &e) != ERR_OK) {
        rc = cli_report(&e);
    } else {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        printf("demo data (seed %u) in %s: %lld accounts, %lld customers, %lld products, %lld orders "
               "in %ld.%01ld s\n",
               opt.seed, app_db_file(&app), (long long)(opt.accounts ? opt.accounts : DEMO_SMALL_ACCOUNTS),
               (long long)(opt.customers ? opt.customers : DEMO_SMALL_CUSTOMERS),
               (long long)(opt.products ? opt.products : DEMO_SMALL_PRODUCTS),
               (long long)(opt.orders ? opt.orders : DEMO_SMALL_ORDERS), ms / 1000, ms % 1000 / 100);
    }
    app_close(&app);
    return rc;
}
