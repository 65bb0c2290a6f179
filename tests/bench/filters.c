/* `make bench` helper, filters: the time of the first screen (30 rows, as the
 * console asks) of each text of the console bench's hostile typing script,
 * straight from the data layer, on the large demo: the part of "results
 * within 100 ms of the last key" that is the query's. Each text is run three
 * times; the median is printed, slowest first.
 *   filters DB              (the database is only read)
 *   filters DB LIST TEXT N  one text N times (to profile it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "db/product_store.h"
#include "src/base/err.h"

#define ROUNDS 3
#define PAGE 30 /* a screen: what the console fetches first (table_catch_up) */

struct timing {
    const char *list, *text;
    double ms;
    int rows;
};

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int by_time(const void *a, const void *b)
{
    double x = ((const struct timing *)a)->ms, y = ((const struct timing *)b)->ms;
    return x > y ? -1 : x < y;
}

/* One page of list for text; the rows found into *rows. */
static int page(struct db *db, const char *list, const char *text, int *rows, struct err *e)
{
    static struct customer customers[PAGE];
    static struct account accounts[PAGE];
    static struct product products[PAGE];
    static struct order orders[PAGE];
    struct page_req q = {.filter = text, .limit = PAGE};
    if (strcmp(list, "customers") == 0)
        return customer_store_page(db, &q, customers, rows, e);
    if (strcmp(list, "accounts") == 0)
        return account_store_page(db, &q, accounts, rows, e);
    if (strcmp(list, "products") == 0)
        return product_store_page(db, &q, products, rows, e);
    q.filter = NULL;
    return order_store_search(db, text, &q, orders, rows, e);
}

int main(int argc, char **argv)
{
    static const char *const accounts[] = {"s", "so", "soc", "societe g", "zq", "xy", "商事", "東京", "山田",
                                           "example", "9760"};
    static const char *const customers[] = {"m", "mar", "martin", "7", "77", "1234", "9760", "07 22 90", "zq",
                                            "xyzzy", "山", "山田", "山田花子", "花子", "東京", "zoe", "jean",
                                            "example.fr", "dupont jean", "q"};
    static const char *const products[] = {"comte", "creme brulee", "包丁", "ca", "x", "zz"};
    static const char *const orders[] = {"dupont", "example.fr", "9760", "07 22 90", "山田", "garcia",
                                         "O-000123", "zq", "example", "d"};
    const struct {
        const char *list;
        const char *const *texts;
        size_t n;
    } lists[] = {{"accounts", accounts, sizeof accounts / sizeof *accounts},
                 {"customers", customers, sizeof customers / sizeof *customers},
                 {"products", products, sizeof products / sizeof *products},
                 {"orders", orders, sizeof orders / sizeof *orders}};
    if (argc != 2 && argc != 5) {
        fprintf(stderr, "usage: filters DB [LIST TEXT N]\n");
        return 2;
    }
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(argv[1], &db, &e) != ERR_OK) {
        fprintf(stderr, "filters: %s\n", e.msg);
        return 2;
    }
    if (argc == 5) {
        int rows = 0, times = atoi(argv[4]);
        double t0 = now_ms();
        for (int i = 0; i < times; i++)
            if (page(db, argv[2], argv[3], &rows, &e) != ERR_OK) {
                fprintf(stderr, "filters: %s\n", e.msg);
                return 2;
            }
        printf("%s '%s': %d rows, %.2f ms each\n", argv[2], argv[3], rows, (now_ms() - t0) / (times > 0 ? times : 1));
        db_close(&db);
        return 0;
    }
    struct timing t[64];
    int n = 0;
    double total = 0;
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t i = 0; i < lists[l].n; i++) {
            double ms[ROUNDS];
            int rows = 0;
            for (int r = 0; r < ROUNDS; r++) {
                double t0 = now_ms();
                if (page(db, lists[l].list, lists[l].texts[i], &rows, &e) != ERR_OK) {
                    fprintf(stderr, "filters: %s '%s': %s\n", lists[l].list, lists[l].texts[i], e.msg);
                    return 2;
                }
                ms[r] = now_ms() - t0;
            }
            qsort(ms, ROUNDS, sizeof *ms, cmp_double);
            t[n++] = (struct timing){lists[l].list, lists[l].texts[i], ms[ROUNDS / 2], rows};
            total += ms[ROUNDS / 2];
        }
    qsort(t, (size_t)n, sizeof *t, by_time);
    printf("first page of %d rows, median of %d, slowest first:\n", PAGE, ROUNDS);
    for (int i = 0; i < n; i++)
        printf("  %-9s %-14s %7.1f ms  %2d rows\n", t[i].list, t[i].text, t[i].ms, t[i].rows);
    printf("%d texts, %.1f ms in all, slowest %.1f ms\n", n, total, t[0].ms);
    db_close(&db);
    return 0;
}
