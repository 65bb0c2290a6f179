/* `comptoir demo`: fills an empty database with realistic, deterministic demo
 * data through the stores, one function per kind of object (later issues add
 * theirs: quotes, promotions …). Large sizes commit every DEMO_BATCH_ROWS rows
 * and audit the run once rather than each row. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/demo_store.h"
#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/product_store.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/b2c_hooks.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/customers.h"
#include "src/demo/demo.h"
#include "src/demo/demo_private.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/users.h"

#define DEMO_BATCH_ROWS 50000
#define DEMO_MAX_LINES 8
#define DEMO_DAYS 365
#define DAY_SECONDS 86400

/* What an order line needs of a product, kept for the whole run. */
struct demo_item {
    int64_t id, price;
    int tax_bp;
    int64_t pack, moq;
    bool active;
    char sku[16];
    char name[160];
};

struct demo_run {
    struct app *app;
    uint64_t seed;
    int64_t n_accounts, n_customers, n_products, n_orders, n_contacts;
    FILE *progress;
    bool tty;
    int64_t rows;     /* objects written since the last commit */
    int64_t users[5]; /* alice, bruno, chloe, david, emma */
    int64_t *account_ids, *account_contacts, *account_reps;
    int64_t *customer_ids;
    struct demo_item *items;
    time_t now;
    int64_t day_weight[DEMO_DAYS + 1], day_total;
};

enum { ALICE, BRUNO, CHLOE, DAVID, EMMA };

/* ------------------------------------------------------------- plumbing */

static void demo_progress(struct demo_run *run, const char *kind, int64_t done, int64_t total)
{
    app_progress(run->app, done, total);
    if (run->progress == NULL)
        return;
    if (run->tty)
        fprintf(run->progress, "\rdemo: %s %lld/%lld%s", kind, (long long)done, (long long)total,
                done == total ? "\n" : "");
    else if (done == total || done % DEMO_BATCH_ROWS == 0)
        fprintf(run->progress, "demo: %s %lld/%lld\n", kind, (long long)done, (long long)total);
    fflush(run->progress);
}

/* Counts objects (an order with its lines and history is one) and commits
 * every DEMO_BATCH_ROWS of them, so a million-order run keeps the WAL small. */
static int demo_wrote(struct demo_run *run, int64_t rows, struct err *e)
{
    run->rows += rows;
    if (run->rows < DEMO_BATCH_ROWS)
        return ERR_OK;
    run->rows = 0;
    int rc = customer_store_openings_flush(run->app->db, e); /* the batch's customers' points */
    if (rc == ERR_OK)
        rc = db_commit(run->app->db, e);
    return rc == ERR_OK ? db_begin(run->app->db, e) : rc;
}

/* ---------------------------------------------------------------- users */

static const struct {
    const char *login, *full_name;
    enum role role;
} demo_people[] = {
    {"alice", "Alice Martin", ROLE_REP},     {"bruno", "Bruno Schäfer", ROLE_REP},
    {"chloe", "Chloé Dubois", ROLE_SUPPORT}, {"david", "David García", ROLE_MANAGER},
    {"emma", "Emma Tanaka", ROLE_MANAGER},
};

/* The demo's people; a user who exists already is kept as they are. */
static int demo_users(struct demo_run *run, struct err *e)
{
    for (int i = 0; i < (int)(sizeof demo_people / sizeof demo_people[0]); i++) {
        struct user u;
        if (user_store_find_login(run->app->db, demo_people[i].login, &u, NULL) != ERR_OK) {
            int rc = user_add(run->app, demo_people[i].login, demo_people[i].full_name, demo_people[i].role,
                              NULL, e);
            if (rc == ERR_OK)
                rc = user_store_find_login(run->app->db, demo_people[i].login, &u, e);
            if (rc != ERR_OK)
                return rc;
        }
        run->users[i] = u.id;
    }
    return ERR_OK;
}

/* ------------------------------------------------------------- products */

static int demo_tax_rate(struct demo_run *run, const char *code, int *rate, struct err *e)
{
    struct tax_class t;
    int rc = tax_store_get(run->app->db, code, &t, e);
    if (rc == ERR_OK)
        *rate = t.rate_bp;
    return rc;
}

static int demo_products(struct demo_run *run, struct err *e)
{
    int rates[3] = {0};
    static const char *const classes[] = {"standard", "reduced", "zero"};
    for (int i = 0; i < 3; i++)
        if (demo_tax_rate(run, classes[i], &rates[i], e) != ERR_OK)
            return e->code;
    run->items = xcalloc((size_t)run->n_products, sizeof *run->items);
    for (int64_t i = 0; i < run->n_products; i++) {
        struct product p;
        demo_make_product(run->seed, i, &p);
        int rc = product_store_insert(run->app->db, &p, e);
        if (rc != ERR_OK)
            return rc;
        struct demo_item *it = &run->items[i];
        *it = (struct demo_item){.id = p.id,
                                 .price = p.list_price,
                                 .pack = p.pack_size,
                                 .moq = p.min_order_qty,
                                 .active = p.active};
        for (int c = 0; c < 3; c++)
            if (strcmp(p.tax_class, classes[c]) == 0)
                it->tax_bp = rates[c];
        snprintf(it->sku, sizeof it->sku, "%.15s", p.sku);
        snprintf(it->name, sizeof it->name, "%.159s", p.name);
        demo_progress(run, "products", i + 1, run->n_products);
        if ((rc = demo_wrote(run, 1, e)) != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* When customer or account number index (of stream) became one: one to four
 * years before the year of orders began, so always before its first order. */
static int demo_since(struct demo_run *run, enum demo_since kind, int64_t id, int64_t index, struct err *e)
{
    struct demo_rng r;
    demo_rng_seed(&r, run->seed, DEMO_STREAM_SINCE, (uint64_t)index * 2 + (uint64_t)kind);
    time_t since = run->now - (time_t)(DEMO_DAYS + demo_rng_range(&r, 1, 3 * 365)) * DAY_SECONDS -
                   (time_t)demo_rng_below(&r, DAY_SECONDS);
    char at[32];
    datetime_utc_from(since, at);
    return demo_store_since(run->app->db, kind, id, at, e);
}

/* ------------------------------------------------------------- accounts */

/* Alice and Bruno each look after about 45 % of the accounts; the rest wait
 * for a rep (managers see them all). */
static int64_t demo_account_rep(struct demo_run *run, int64_t index)
{
    int slot = (int)((uint64_t)(index * 7 + 3) % 20);
    return slot < 9 ? run->users[ALICE] : slot < 18 ? run->users[BRUNO] : 0;
}

static int demo_contacts(struct demo_run *run, int64_t index, const struct account *a,
                         const struct demo_company *co, struct err *e)
{
    for (int k = 0; k < co->ncontacts; k++) {
        struct contact c;
        demo_make_contact(run->seed, index, k, co, &c);
        c.account_id = a->id;
        int rc = contact_store_insert(run->app->db, &c, e);
        if (rc != ERR_OK)
            return rc;
        if (k == 0)
            run->account_contacts[index] = c.id;
        run->n_contacts++;
    }
    return ERR_OK;
}

static int demo_accounts(struct demo_run *run, struct err *e)
{
    run->account_ids = xcalloc((size_t)run->n_accounts + 1, sizeof *run->account_ids);
    run->account_contacts = xcalloc((size_t)run->n_accounts + 1, sizeof *run->account_contacts);
    run->account_reps = xcalloc((size_t)run->n_accounts + 1, sizeof *run->account_reps);
    for (int64_t i = 0; i < run->n_accounts; i++) {
        struct account a;
        struct demo_company co;
        demo_make_account(run->seed, i, &a, &co);
        a.rep_id = demo_account_rep(run, i);
        int rc = account_store_insert(run->app->db, &a, e);
        if (rc == ERR_OK)
            rc = demo_since(run, DEMO_SINCE_ACCOUNT, a.id, i, e);
        if (rc == ERR_OK)
            rc = demo_contacts(run, i, &a, &co, e);
        if (rc != ERR_OK)
            return rc;
        run->account_ids[i] = a.id;
        run->account_reps[i] = a.rep_id;
        demo_progress(run, "accounts", i + 1, run->n_accounts);
        if ((rc = demo_wrote(run, 1, e)) != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ customers */

static int demo_customers(struct demo_run *run, struct err *e)
{
    run->customer_ids = xcalloc((size_t)run->n_customers + 1, sizeof *run->customer_ids);
    int rc = ERR_OK;
    customer_store_defer_openings(run->app->db, true);
    for (int64_t i = 0; rc == ERR_OK && i < run->n_customers; i++) {
        struct customer c;
        demo_make_customer(run->seed, i, &c);
        rc = customer_store_insert(run->app->db, &c, e);
        if (rc == ERR_OK)
            rc = demo_since(run, DEMO_SINCE_CUSTOMER, c.id, i, e);
        if (rc != ERR_OK)
            break;
        run->customer_ids[i] = c.id;
        demo_progress(run, "customers", i + 1, run->n_customers);
        rc = demo_wrote(run, 1, e);
    }
    if (rc == ERR_OK)
        rc = customer_store_openings_flush(run->app->db, e);
    customer_store_defer_openings(run->app->db, false);
    return rc;
}

/* ------------------------------------------------------------- calendar */

/* A year of trade ending today: fewer orders at weekends, more before
 * Christmas, fewer in August, and a business that grew 30 % over the year. */
static void demo_calendar(struct demo_run *run)
{
    static const int month_weight[12] = {90, 95, 100, 100, 105, 100, 90, 75, 105, 110, 125, 150};
    time_t today = run->now - run->now % DAY_SECONDS;
    run->day_total = 0;
    for (int d = 0; d <= DEMO_DAYS; d++) {
        time_t t = today - (time_t)(DEMO_DAYS - d) * DAY_SECONDS;
        struct tm tm;
        gmtime_r(&t, &tm);
        int64_t w = month_weight[tm.tm_mon] * (tm.tm_wday == 0 ? 30 : tm.tm_wday == 6 ? 55 : 100);
        w = w * (100 + 30 * d / DEMO_DAYS) / 100;
        run->day_weight[d] = w;
        run->day_total += w;
    }
}

/* Order i of n is placed at the point i/n of the year's weight, so numbers
 * rise with time; within a day, orders come between 07:00 and 21:00 (UTC)
 * and today's stop before now. */
static time_t demo_placed_at(const struct demo_run *run, struct demo_rng *r, int64_t i)
{
    int64_t pos = (2 * i + 1) * run->day_total / (2 * run->n_orders);
    int d = 0;
    while (d < DEMO_DAYS && pos >= run->day_weight[d]) {
        pos -= run->day_weight[d];
        d++;
    }
    time_t today = run->now - run->now % DAY_SECONDS;
    time_t start = today - (time_t)(DEMO_DAYS - d) * DAY_SECONDS + 7 * 3600;
    time_t span = 14 * 3600;
    if (d == DEMO_DAYS && start + span > run->now - 60) {
        if (run->now - 60 <= start)
            start = today;
        span = run->now - 60 - start;
        if (span < 1)
            span = 1;
    }
    /* Up to half the gap to the neighbours either way: irregular, yet the
     * numbers still rise with time. */
    int64_t gap = run->day_total / run->n_orders * span / run->day_weight[d];
    int64_t jitter = gap > 3 ? demo_rng_range(r, -(gap / 2 - 1), gap / 2 - 1) : 0;
    time_t t = start + (time_t)(pos * span / run->day_weight[d] + jitter);
    if (t < start)
        t = start;
    return t >= run->now ? run->now - 1 : t;
}

/* --------------------------------------------------------------- orders */

/* An active product; consumers mostly pick what costs under 150.00. */
static const struct demo_item *demo_pick_item(struct demo_run *run, struct demo_rng *r, bool b2b)
{
    int64_t ceiling = b2b || demo_rng_chance(r, 10) ? INT64_MAX : 15000;
    const struct demo_item *it = &run->items[demo_rng_below(r, (uint64_t)run->n_products)];
    for (int tries = 0; (!it->active || it->price > ceiling) && tries < 12; tries++)
        it = &run->items[demo_rng_below(r, (uint64_t)run->n_products)];
    return it;
}

/* A business buys whole packs, at least the minimum, for a line worth some
 * hundreds to a few thousands. */
static int64_t demo_b2b_quantity(struct demo_rng *r, const struct demo_item *it)
{
    int64_t target = demo_rng_range(r, 300, 6000) * 100;
    int64_t packs = target / (it->price * it->pack + 1);
    int64_t qty = packs * it->pack;
    return qty < it->moq ? it->moq : qty;
}

/* B2B at a negotiated discount by tier; B2C a few items at list price. */
static int demo_lines(struct demo_run *run, struct demo_rng *r, bool b2b, int discount_max,
                      struct order_line *lines, int *n, struct err *e)
{
    *n = b2b ? (int)demo_rng_range(r, 2, DEMO_MAX_LINES) : (int)demo_rng_range(r, 1, 4);
    for (int k = 0; k < *n; k++) {
        const struct demo_item *it = demo_pick_item(run, r, b2b);
        struct order_line *l = &lines[k];
        memset(l, 0, sizeof *l);
        l->line_no = k + 1;
        l->product_id = it->id;
        snprintf(l->sku, sizeof l->sku, "%s", it->sku);
        snprintf(l->description, sizeof l->description, "%s", it->name);
        l->tax_rate_bp = it->tax_bp;
        l->unit_price = it->price;
        l->quantity = demo_rng_chance(r, 85) ? demo_rng_range(r, 1, 2) : demo_rng_range(r, 3, 6);
        if (b2b) {
            l->quantity = demo_b2b_quantity(r, it);
            int disc = (int)demo_rng_range(r, 0, discount_max) * 100;
            if (money_apply_bp(it->price, 10000 - disc, &l->unit_price, e) != ERR_OK)
                return e->code;
        }
        int rc = order_line_compute(l, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* Who an order is for, and what that changes: discount, payment terms, who took it. */
struct demo_party {
    int discount_max; /* percent */
    int terms_days;
    int64_t taker; /* who placed the order (0: the customer, online) */
    int64_t mover; /* who moved it on (allocated, shipped …) */
};

static void demo_order_party_b2b(struct demo_run *run, struct demo_rng *r, struct order *o,
                                 struct demo_party *party)
{
    int64_t a_index = (int64_t)demo_rng_below(r, (uint64_t)run->n_accounts);
    struct account a;
    struct demo_company co;
    demo_make_account(run->seed, a_index, &a, &co);
    o->channel = CHANNEL_B2B;
    o->account_id = run->account_ids[a_index];
    o->contact_id = run->account_contacts[a_index];
    snprintf(o->ship_name, sizeof o->ship_name, "%s", a.name);
    snprintf(o->ship_address, sizeof o->ship_address, "%s", a.shipping_address);
    snprintf(o->shipping_method, sizeof o->shipping_method, "%s",
             demo_rng_chance(r, 80) ? "freight" : "standard");
    party->discount_max = strcmp(a.tier, "gold") == 0 ? 15 : strcmp(a.tier, "silver") == 0 ? 10 : 5;
    party->terms_days = a.payment_terms_days;
    party->taker = run->account_reps[a_index] ? run->account_reps[a_index]
                                              : run->users[demo_rng_chance(r, 50) ? DAVID : EMMA];
    party->mover = party->taker;
}

static void demo_order_party_b2c(struct demo_run *run, struct demo_rng *r, struct order *o,
                                 struct demo_party *party)
{
    /* The lower of two draws: some customers come back often, most rarely. */
    uint64_t a = demo_rng_below(r, (uint64_t)run->n_customers);
    uint64_t b = demo_rng_below(r, (uint64_t)run->n_customers);
    int64_t c_index = (int64_t)(a < b ? a : b);
    struct customer c;
    demo_make_customer(run->seed, c_index, &c);
    o->channel = CHANNEL_B2C;
    o->customer_id = run->customer_ids[c_index];
    snprintf(o->ship_name, sizeof o->ship_name, "%s", c.name);
    snprintf(o->ship_address, sizeof o->ship_address, "%s", c.address);
    int roll = (int)demo_rng_below(r, 100);
    snprintf(o->shipping_method, sizeof o->shipping_method, "%s",
             roll < 72   ? "standard"
             : roll < 94 ? "express"
                         : "pickup");
    /* Most consumers order online; some at the counter, with a rep. The
     * orders then move on with support, who answer the consumers. */
    int where = (int)demo_rng_below(r, 100);
    party->taker = where < 65 ? 0 : run->users[where < 83 ? ALICE : BRUNO];
    party->mover = run->users[CHLOE];
}

/* The moments an order passes each step of its life; a step in the future
 * has not happened yet, so the order's status is the last step already past. */
struct demo_life {
    time_t placed, allocated, shipped, delivered, closed, cancelled; /* 0 = never */
    time_t promised;
};

static void demo_order_life(struct demo_rng *r, const struct order *o, time_t placed, int terms_days,
                            struct demo_life *life)
{
    bool b2b = o->channel == CHANNEL_B2B;
    bool express = strcmp(o->shipping_method, "express") == 0;
    memset(life, 0, sizeof *life);
    life->placed = placed;
    life->allocated = placed + (time_t)demo_rng_range(r, 1800, b2b ? 2 * DAY_SECONDS : 20 * 3600);
    life->promised = placed + (b2b ? demo_rng_range(r, 7, 21) : express ? 1 : 3) * DAY_SECONDS;
    if (demo_rng_chance(r, 3)) {
        life->cancelled = (demo_rng_chance(r, 50) ? life->placed : life->allocated) +
                          (time_t)demo_rng_range(r, 600, 2 * DAY_SECONDS);
        if (demo_rng_chance(r, 50))
            life->allocated = 0;
        else if (life->allocated > life->cancelled)
            life->allocated = life->cancelled - 60;
        return;
    }
    /* B2B ships two to four days before the promised date and arrives in one
     * or two: on time but for a few (below). */
    life->shipped =
        b2b ? life->promised - (time_t)demo_rng_range(r, 2, 4) * DAY_SECONDS
            : life->allocated + (time_t)demo_rng_range(r, 3600, express ? 12 * 3600 : DAY_SECONDS);
    if (life->shipped < life->allocated)
        life->shipped = life->allocated + 3600;
    life->delivered = life->shipped + (time_t)demo_rng_range(r,
                                                             b2b       ? 20 * 3600
                                                             : express ? 8 * 3600
                                                                       : DAY_SECONDS,
                                                             b2b ? 40 * 3600 : 2 * DAY_SECONDS);
    if (b2b && demo_rng_chance(r, 6))
        life->delivered += (time_t)demo_rng_range(r, 2, 6) * DAY_SECONDS; /* late */
    /* Closed when paid (B2B) or when the return window ends (B2C). */
    life->closed = life->delivered + (time_t)(b2b ? terms_days + demo_rng_range(r, 0, 10) : 14) * DAY_SECONDS;
}

static int demo_add_event(struct order_event *ev, int n, time_t at, time_t now, enum order_status from,
                          enum order_status to, const char *note)
{
    if (at == 0 || at > now)
        return n;
    memset(&ev[n], 0, sizeof ev[n]);
    snprintf(ev[n].from_status, sizeof ev[n].from_status, "%s", order_status_name(from));
    snprintf(ev[n].to_status, sizeof ev[n].to_status, "%s", order_status_name(to));
    snprintf(ev[n].note, sizeof ev[n].note, "%s", note);
    datetime_utc_from(at, ev[n].at);
    return n + 1;
}

/* The events after "placed", as far as now; each needs the one before it. */
static int demo_events(const struct demo_life *life, time_t now, struct order_event *ev)
{
    int n = 0;
    n = demo_add_event(ev, n, life->allocated, now, ORDER_PLACED, ORDER_ALLOCATED, "");
    if (life->cancelled) {
        enum order_status from = n > 0 ? ORDER_ALLOCATED : ORDER_PLACED;
        return demo_add_event(ev, n, life->cancelled, now, from, ORDER_CANCELLED, "the customer cancelled");
    }
    if (n < 1)
        return n;
    n = demo_add_event(ev, n, life->shipped, now, ORDER_ALLOCATED, ORDER_SHIPPED, "");
    if (n < 2)
        return n;
    n = demo_add_event(ev, n, life->delivered, now, ORDER_SHIPPED, ORDER_DELIVERED, "");
    if (n < 3)
        return n;
    return demo_add_event(ev, n, life->closed, now, ORDER_DELIVERED, ORDER_CLOSED, "");
}

static int demo_order(struct demo_run *run, int64_t i, struct err *e)
{
    struct demo_rng r;
    struct order o;
    struct order_line lines[DEMO_MAX_LINES];
    struct order_event events[4];
    struct demo_life life;
    struct demo_party party = {0};
    int nlines = 0;
    demo_rng_seed(&r, run->seed, DEMO_STREAM_ORDER, (uint64_t)i);
    memset(&o, 0, sizeof o);
    bool b2b = run->n_accounts > 0 && (run->n_customers == 0 || demo_rng_chance(&r, 30));
    if (b2b)
        demo_order_party_b2b(run, &r, &o, &party);
    else
        demo_order_party_b2c(run, &r, &o, &party);
    time_t placed = demo_placed_at(run, &r, i);
    datetime_utc_from(placed, o.placed_at);
    o.status = ORDER_PLACED;
    o.source = ORDER_SOURCE_DEMO;
    int rc = demo_lines(run, &r, b2b, party.discount_max, lines, &nlines, e);
    if (rc == ERR_OK)
        rc = order_totals_compute(&o, lines, nlines, e);
    demo_order_life(&r, &o, placed, party.terms_days, &life);
    if (b2b) {
        datetime_utc_date_from(placed + (life.promised - placed) * 9 / 10, o.requested_date);
        datetime_utc_date_from(life.promised, o.promised_date);
    }
    if (rc == ERR_OK)
        rc = order_store_insert(run->app->db, &o, lines, nlines, party.taker, e);
    int nevents = demo_events(&life, run->now, events);
    if (rc == ERR_OK)
        rc = demo_store_order_history(run->app->db, &o, events, nevents, party.mover, e);
    return rc == ERR_OK ? demo_wrote(run, 1, e) : rc;
}

static int demo_orders(struct demo_run *run, struct err *e)
{
    if (run->n_products == 0 || (run->n_accounts == 0 && run->n_customers == 0))
        return ERR_OK;
    demo_calendar(run);
    for (int64_t i = 0; i < run->n_orders; i++) {
        int rc = demo_order(run, i, e);
        if (rc != ERR_OK)
            return rc;
        demo_progress(run, "orders", i + 1, run->n_orders);
    }
    /* Their units, stock held, payments and promises, as for orders from before. */
    return order_store_settle_history(run->app->db, 1, "demo", e);
}

/* ---------------------------------------------------------------- the run */

/* The demo fills a new database; mixing it into real data would be a mess. */
static int demo_require_empty(struct demo_run *run, struct err *e)
{
    struct page_req q = {.limit = 1};
    struct account a;
    struct customer c;
    struct product p;
    struct order o;
    int n = 0, total = 0;
    int rc = account_store_page(run->app->db, &q, &a, &n, e);
    total += n;
    if (rc == ERR_OK && (rc = customer_store_page(run->app->db, &q, &c, &n, e)) == ERR_OK)
        total += n;
    if (rc == ERR_OK && (rc = product_store_page(run->app->db, &q, &p, &n, e)) == ERR_OK)
        total += n;
    if (rc == ERR_OK && (rc = order_store_page(run->app->db, &q, &o, &n, e)) == ERR_OK)
        total += n;
    if (rc == ERR_OK && total > 0)
        rc = err_set(e, ERR_STATE, NULL,
                     "%s already holds data; the demo fills a new database (use --db NEW.db)",
                     db_path(run->app->db));
    return rc;
}

static int demo_audit(struct demo_run *run, struct err *e)
{
    struct json j;
    json_begin(&j);
    json_int(&j, "seed", (int64_t)run->seed);
    json_int(&j, "accounts", run->n_accounts);
    json_int(&j, "contacts", run->n_contacts);
    json_int(&j, "customers", run->n_customers);
    json_int(&j, "products", run->n_products);
    json_int(&j, "orders", run->n_orders);
    int rc = audit_record(run->app, "demo", "database", "demo", NULL, json_end(&j), e);
    json_free(&j);
    return rc;
}

/* The B2C wave's steps (src/b2c/b2c_hooks.h), after the orders, in this order. */
static int demo_b2c_steps(struct demo_run *run, struct err *e)
{
    static int (*const steps[])(struct app *, unsigned, FILE *,
                                struct err *) = {promotion_demo, loyalty_demo, fulfilment_demo, return_demo};
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < sizeof steps / sizeof steps[0]; i++)
        rc = steps[i](run->app, run->seed, run->progress, e);
    return rc;
}

static void demo_run_free(struct demo_run *run)
{
    free(run->account_ids);
    free(run->account_contacts);
    free(run->account_reps);
    free(run->customer_ids);
    free(run->items);
}

static void demo_sizes(struct demo_run *run, const struct demo_options *opt)
{
    run->seed = opt->seed;
    run->n_accounts = opt->accounts > 0 ? opt->accounts : DEMO_SMALL_ACCOUNTS;
    run->n_customers = opt->customers > 0 ? opt->customers : DEMO_SMALL_CUSTOMERS;
    run->n_products = opt->products > 0 ? opt->products : DEMO_SMALL_PRODUCTS;
    run->n_orders = opt->orders > 0 ? opt->orders : DEMO_SMALL_ORDERS;
}

int demo_fill(struct app *app, const struct demo_options *opt, FILE *progress, struct err *e)
{
    struct demo_run run = {.app = app, .progress = progress, .now = time(NULL)};
    demo_sizes(&run, opt);
    run.tty = progress && isatty(fileno(progress));
    int rc = app_require(app, ACT_IMPORT, e);
    if (rc != ERR_OK || (rc = demo_store_bulk_mode(app->db, true, e)) != ERR_OK ||
        (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    /* The demo's history is made up: its people act as themselves. */
    int64_t person = db_person(app->db);
    db_set_person(app->db, 0);
    if ((rc = demo_require_empty(&run, e)) == ERR_OK && (rc = demo_users(&run, e)) == ERR_OK &&
        (rc = demo_products(&run, e)) == ERR_OK && (rc = demo_accounts(&run, e)) == ERR_OK &&
        (rc = demo_customers(&run, e)) == ERR_OK && (rc = demo_orders(&run, e)) == ERR_OK &&
        (rc = demo_fill_b2b(app, opt->seed, progress, e)) == ERR_OK &&
        (rc = demo_b2c_steps(&run, e)) == ERR_OK)
        rc = demo_audit(&run, e);
    if (rc == ERR_OK)
        rc = db_commit(app->db, e);
    else
        db_rollback(app->db);
    db_set_person(app->db, person);
    demo_run_free(&run);
    demo_store_bulk_mode(app->db, false, NULL);
    return rc;
}
