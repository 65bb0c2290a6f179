/* `make bench`, promotions (issue 11 target): pricing a cart of 50 lines,
 * what the Quick order does after every key, against 500 live promotions of
 * every kind, target (the categories, SKU lists, priorities, stops and
 * minimums mixed) loaded from the database as a cart loads them; target:
 * under 1 ms. Also prints the load itself (once per cart and code typed)
 * and a placing of that cart, counted uses included. Exits 1 when the
 * pricing target is missed. */
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

#define PRODUCTS 200
#define PROMOTIONS 500
#define LINES 50

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

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "promotions bench: %s: %s\n", what, msg);
    exit(2);
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg);
}

static const char *const categories[] = {"Café & thé", "Épicerie fine", "Fromages", "Arts de la table",
                                         "Papeterie"};

/* 500 live promotions: percent, fixed, buy-get, price, free shipping; on
 * the order, a category or three SKUs; priorities 0-6, every 11th stops,
 * every 13th wants a minimum no cart reaches. */
static void add_promotions(sqlite3 *raw)
{
    static const char *const kinds[] = {"percent", "fixed", "buy_get", "price", "percent", "free_shipping"};
    char sql[900];
    raw_exec(raw, "BEGIN");
    for (int i = 1; i <= PROMOTIONS; i++) {
        const char *kind = kinds[i % 6];
        const char *target = i % 3 == 0 ? "category" : i % 3 == 1 ? "skus" : "order";
        if (strcmp(kind, "price") == 0 && strcmp(target, "order") == 0)
            target = "category";
        int value = strcmp(kind, "percent") == 0 ? 300 + i % 700 : strcmp(kind, "fixed") == 0 ? 100 + i : 150;
        snprintf(sql, sizeof sql,
                 "INSERT INTO promotions(id, name, kind, value, target, category, buy_qty, get_qty, "
                 "min_subtotal, activation, priority, stop, created_at, updated_at) VALUES (%d, 'Promo %d', "
                 "'%s', %d, '%s', '%s', %d, %d, %d, 'auto', %d, %d, 'x', 'x')",
                 i, i, kind, strcmp(kind, "buy_get") == 0 || strcmp(kind, "free_shipping") == 0 ? 0 : value,
                 target, strcmp(target, "category") == 0 ? categories[i % 5] : "",
                 strcmp(kind, "buy_get") == 0 ? 2 : 0, strcmp(kind, "buy_get") == 0 ? 1 : 0,
                 i % 13 == 0 ? 100000000 : 0, i % 7, i % 11 == 0);
        raw_exec(raw, sql);
        for (int k = 0; strcmp(target, "skus") == 0 && k < 3; k++) {
            snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO promotion_skus VALUES (%d, %d)", i,
                     1 + (i * (k + 7)) % PRODUCTS);
            raw_exec(raw, sql);
        }
    }
    raw_exec(raw, "COMMIT");
}

static struct db *setup(const char *path)
{
    struct db *db = NULL;
    struct err e = {0};
    sqlite3 *raw = NULL;
    unlink(path);
    if (db_open(path, &db, &e) != ERR_OK)
        die("open", e.msg);
    struct user u = {.role = ROLE_REP, .active = true};
    snprintf(u.login, sizeof u.login, "alice");
    if (user_store_insert(db, &u, NULL, &e) != ERR_OK)
        die("user", e.msg);
    if (sqlite3_open(path, &raw) != SQLITE_OK)
        die("raw open", sqlite3_errmsg(raw));
    sqlite3_busy_timeout(raw, 5000);
    raw_exec(raw, "INSERT INTO customers(id, name, email, created_at, updated_at)"
                  " VALUES (1, 'Zoé Martin', 'zoe@example.fr', 'x', 'x');");
    char sql[400];
    raw_exec(raw, "BEGIN");
    for (int i = 1; i <= PRODUCTS; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO products(id, sku, name, category, list_price, tax_class, stock_on_hand, "
                 "created_at, updated_at) VALUES (%d, 'P-%04d', 'Produit %d', '%s', %d, '%s', 1000000, 'x', "
                 "'x')",
                 i, i, i, categories[i % 5], 100 + i * 37, i % 3 ? "standard" : "reduced");
        raw_exec(raw, sql);
    }
    raw_exec(raw, "COMMIT");
    add_promotions(raw);
    sqlite3_close(raw);
    return db;
}

int main(int argc, char **argv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-promotions.db", argc > 1 ? argv[1] : ".");
    struct db *db = setup(path);
    struct app app = {.db = db};
    struct err e = {0};
    if (user_store_find_login(db, "alice", &app.user, &e) != ERR_OK)
        die("alice", e.msg);
    snprintf(app.currency, sizeof app.currency, "EUR");
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    for (int k = 0; k < LINES; k++) {
        char sku[16];
        snprintf(sku, sizeof sku, "P-%04d", 1 + (k * 7) % PRODUCTS);
        if (cart_add_sku(&app, c, sku, 1 + k % 4, NULL, &e) != ERR_OK)
            die("add", e.msg);
    }
    struct cart_inputs in;
    struct priced_cart p = {0};
    double loads[20];
    for (int i = 0; i < 20; i++) {
        double t = now_ms();
        if (cart_inputs_load(&app, c, &in, &e) != ERR_OK)
            die("inputs", e.msg);
        loads[i] = now_ms() - t;
        if (i < 19)
            cart_inputs_free(&in);
    }
    double times[300];
    for (int i = 0; i < 300; i++) {
        c->lines[i % LINES].quantity = 1 + i % 5; /* a key changed something */
        double t = now_ms();
        if (cart_price(&in, c, &p, &e) != ERR_OK)
            die("price", e.msg);
        times[i] = now_ms() - t;
    }
    int applied = 0, adjustments = p.nadjustments;
    for (int i = 0; i < p.nnotes; i++)
        applied += p.notes[i].kind == NOTE_APPLIED;
    struct place_result res = {0};
    double t = now_ms();
    int rc = order_place(&app, c, &p, &res, &e);
    double placing = now_ms() - t;
    if (rc != ERR_OK)
        die("place", e.msg);
    double price = median(times, 300);
    printf("loading 500 live promotions for a cart: median %.2f ms over 20 (once per cart and code typed)\n",
           median(loads, 20));
    printf("pricing a cart of %d lines against %d promotions: median %.3f ms over 300 (target under 1 ms; "
           "%d applied, %d shares)\n",
           LINES, PROMOTIONS, price, applied, adjustments);
    printf("placing that cart, every use counted: %.2f ms (%s)\n", placing, res.number);
    place_result_free(&res);
    cart_inputs_free(&in);
    priced_cart_free(&p);
    cart_free(&c);
    db_close(&db);
    unlink(path);
    return price < 1.0 ? 0 : 1;
}
