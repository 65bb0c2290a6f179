/* `make bench`, quick order: (1) placing an order of 5 lines against a bare
 * fsync'd commit on the same database, measured in one run, alternately, on
 * the disk of the build folder; target: placing costs at most 1.5 times the
 * bare commit. The processor time of each (this thread's) is printed too:
 * the wall time of a commit is mostly the disk's flush, which varies from a
 * few microseconds to milliseconds with the machine, so the processor time
 * says what placing itself costs. (2) pricing a cart of 100 lines, what the
 * screen does after every key; target: under 1 ms. Prints the figures; exits
 * 1 when a target is missed. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/user_store.h"
#include "src/app.h"
#include "src/b2c/cart.h"
#include "src/b2c/order_place.h"
#include "src/base/err.h"

#define ROUNDS 300
#define PRODUCTS 120

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "quick_order bench: %s: %s\n", what, msg);
    exit(2);
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg);
}

/* A database with a seller, a customer and products with plenty of stock. */
static struct db *setup(const char *path, sqlite3 **raw)
{
    struct db *db = NULL;
    struct err e = {0};
    unlink(path);
    if (db_open(path, &db, &e) != ERR_OK)
        die("open", e.msg);
    struct user u = {.role = ROLE_REP, .active = true};
    snprintf(u.login, sizeof u.login, "alice");
    if (user_store_insert(db, &u, NULL, &e) != ERR_OK)
        die("user", e.msg);
    if (sqlite3_open(path, raw) != SQLITE_OK)
        die("raw open", sqlite3_errmsg(*raw));
    sqlite3_busy_timeout(*raw, 5000);
    raw_exec(*raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   "CREATE TABLE bench_commit(id INTEGER PRIMARY KEY, x INTEGER);"
                   "INSERT INTO customers(id, name, email, created_at, updated_at)"
                   " VALUES (1, 'Zoé Martin', 'zoe@example.fr', 'x', 'x');");
    char sql[400];
    raw_exec(*raw, "BEGIN");
    for (int i = 1; i <= PRODUCTS; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO products(id, sku, name, list_price, tax_class, stock_on_hand, created_at, "
                 "updated_at) VALUES (%d, 'P-%04d', 'Produit %d', %d, '%s', 1000000, 'x', 'x')",
                 i, i, i, 100 + i * 37, i % 3 ? "standard" : "reduced");
        raw_exec(*raw, sql);
    }
    raw_exec(*raw, "COMMIT");
    return db;
}

/* A bare write transaction, committed (and so synced) as placing commits;
 * *cpu gets its processor time. */
static double bare_commit(sqlite3 *raw, int i, double *cpu)
{
    char sql[120];
    snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO bench_commit(x) VALUES (%d); COMMIT;", i);
    double t = now_ms(), c = cpu_ms();
    raw_exec(raw, sql);
    *cpu = cpu_ms() - c;
    return now_ms() - t;
}

static struct cart *five_lines(struct app *app, int round)
{
    struct cart *c = cart_new(CHANNEL_B2C);
    struct err e = {0};
    cart_set_customer(c, 1);
    for (int k = 0; k < 5; k++) {
        char sku[16];
        snprintf(sku, sizeof sku, "P-%04d", 1 + (round * 5 + k) % PRODUCTS);
        if (cart_add_sku(app, c, sku, 1 + k, NULL, &e) != ERR_OK)
            die("add", e.msg);
    }
    return c;
}

/* Placing: what the clerk waits for after "y" (the cart was priced on
 * screen); *cpu gets its processor time. */
static double place_one(struct app *app, int round, double *cpu)
{
    struct cart *c = five_lines(app, round);
    struct cart_inputs in;
    struct priced_cart shown = {0};
    struct place_result res;
    struct err e = {0};
    if (cart_inputs_load(app, c, &in, &e) != ERR_OK || cart_price(&in, c, &shown, &e) != ERR_OK)
        die("price", e.msg);
    cart_inputs_free(&in);
    double t = now_ms(), tc = cpu_ms();
    if (order_place(app, c, &shown, &res, &e) != ERR_OK)
        die("place", e.msg);
    double took = now_ms() - t;
    *cpu = cpu_ms() - tc;
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
    return took;
}

/* Pricing a cart of 100 lines again, as after each key. */
static double pricing_100(struct app *app)
{
    struct cart *c = cart_new(CHANNEL_B2C);
    struct err e = {0};
    cart_set_customer(c, 1);
    for (int k = 0; k < 100; k++) {
        char sku[16];
        snprintf(sku, sizeof sku, "P-%04d", 1 + k);
        if (cart_add_sku(app, c, sku, 1 + k % 4, NULL, &e) != ERR_OK)
            die("add", e.msg);
    }
    struct cart_inputs in;
    struct priced_cart p = {0};
    if (cart_inputs_load(app, c, &in, &e) != ERR_OK)
        die("inputs", e.msg);
    double times[200];
    for (int i = 0; i < 200; i++) {
        c->lines[i % 100].quantity = 1 + i % 5; /* a key changed something */
        double t = now_ms();
        if (cart_price(&in, c, &p, &e) != ERR_OK)
            die("price", e.msg);
        times[i] = now_ms() - t;
    }
    cart_inputs_free(&in);
    priced_cart_free(&p);
    cart_free(&c);
    return median(times, 200);
}

int main(int argc, char **argv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-quick-order.db", argc > 1 ? argv[1] : ".");
    sqlite3 *raw = NULL;
    struct db *db = setup(path, &raw);
    struct app app = {.db = db};
    struct err e = {0};
    if (user_store_find_login(db, "alice", &app.user, &e) != ERR_OK)
        die("alice", e.msg);
    snprintf(app.currency, sizeof app.currency, "EUR");
    static double commit[ROUNDS], place[ROUNDS], commit_cpu[ROUNDS], place_cpu[ROUNDS];
    double ignored;
    for (int i = 0; i < 10; i++) /* warm the caches and the statements */
        place_one(&app, i, &ignored), bare_commit(raw, i, &ignored);
    for (int i = 0; i < ROUNDS; i++) {
        commit[i] = bare_commit(raw, i, &commit_cpu[i]);
        place[i] = place_one(&app, i, &place_cpu[i]);
    }
    double c = median(commit, ROUNDS), p = median(place, ROUNDS), price = pricing_100(&app);
    printf("bare fsync'd commit: median %.2f ms over %d (processor %.3f ms)\n", c, ROUNDS,
           median(commit_cpu, ROUNDS));
    printf("placing an order of 5 lines: median %.2f ms over %d (processor %.3f ms)\n", p, ROUNDS,
           median(place_cpu, ROUNDS));
    printf("placing / bare commit: %.2f (target at most 1.50)\n", p / c);
    printf("pricing a cart of 100 lines: median %.3f ms (target under 1 ms)\n", price);
    sqlite3_close(raw);
    db_close(&db);
    unlink(path);
    return p / c <= 1.5 && price < 1.0 ? 0 : 1;
}
