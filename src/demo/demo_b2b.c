/* The B2B part of `comptoir demo`: approval rules, tier price lists, volume
 * tiers, contract prices, and quotes in every state of their life cycle —
 * all made through the core, as the reps and managers of the demo would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/account_store.h"
#include "db/db.h"
#include "db/pricing_store.h"
#include "db/product_store.h"
#include "db/quote_store.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/demo/demo_private.h"
#include "src/products.h"
#include "src/users.h"

#define DEMO_QUOTES_PER_STATE 5
#define DEMO_PRODUCTS 120
#define DEMO_ACCOUNTS_PER_REP 12

/* What the quotes end as; each is driven there through the life cycle. */
enum demo_target {
    T_DRAFT,
    T_PENDING,
    T_PENDING_SECOND, /* over 30 %: one of two approvals given */
    T_APPROVED,
    T_SENT,
    T_COUNTERED, /* the customer's counter-offer: a new draft revision */
    T_ORDERED,
    T_REJECTED,
    T_EXPIRED,
    T_CANCELLED,
    T_COUNT
};

struct demo_b2b {
    struct app *app;
    struct demo_rng rng;
    struct rows reps, managers; /* struct user: every active rep and manager */
    struct product *products;
    int nproducts;
    struct account accounts[DEMO_ACCOUNTS_PER_REP];
};

static struct app demo_as(const struct app *app, const struct user *u)
{
    struct app as = *app;
    as.user = *u;
    as.real_id = u->id; /* the demo's people act as themselves */
    snprintf(as.real_login, sizeof as.real_login, "%s", u->login);
    return as;
}

static int demo_people(struct demo_b2b *d, struct err *e)
{
    struct rows users = {0};
    int rc = user_store_list(d->app->db, NULL, &users, e);
    const struct user *all = users.items;
    rows_reset(&d->reps, sizeof(struct user));
    rows_reset(&d->managers, sizeof(struct user));
    for (int i = 0; rc == ERR_OK && i < users.n; i++) {
        if (all[i].active && all[i].role == ROLE_REP)
            *(struct user *)rows_add(&d->reps) = all[i];
        else if (all[i].active && all[i].role == ROLE_MANAGER)
            *(struct user *)rows_add(&d->managers) = all[i];
    }
    rows_free(&users);
    if (rc == ERR_OK && (d->reps.n == 0 || d->managers.n < 2))
        rc = err_set(e, ERR_STATE, NULL, "the B2B demo needs a rep and two managers");
    return rc;
}

static int demo_rules(struct demo_b2b *d, struct err *e)
{
    static const struct {
        const char *name;
        enum approval_condition c;
        int64_t threshold;
        int needed, level;
    } rules[] = {
        {"rep limit", APPROVAL_LINE_DISCOUNT, 1500, 1, 1},
        {"two-manager limit", APPROVAL_LINE_DISCOUNT, 3000, 2, 2},
        {"margin floor", APPROVAL_MARGIN, 1000, 1, 1},
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        struct approval_rule r = {.condition = rules[i].c,
                                  .threshold = rules[i].threshold,
                                  .approver_role = ROLE_MANAGER,
                                  .approvals_needed = rules[i].needed,
                                  .level = rules[i].level,
                                  .active = true};
        snprintf(r.name, sizeof r.name, "%s", rules[i].name);
        int rc = approval_rule_save(d->app, &r, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

static int demo_products_load(struct demo_b2b *d, struct err *e)
{
    struct page_req q = {.limit = DEMO_PRODUCTS, .sort = PRODUCT_SORT_SKU};
    d->products = xcalloc(DEMO_PRODUCTS, sizeof *d->products);
    int n = 0, rc = product_store_page(d->app->db, &q, d->products, &n, e);
    for (int i = 0; i < n; i++) /* quotes sell what is still sold */
        if (d->products[i].active)
            d->products[d->nproducts++] = d->products[i];
    if (rc == ERR_OK && d->nproducts == 0)
        rc = err_set(e, ERR_STATE, NULL, "the B2B demo needs products");
    return rc;
}

/* Gold and silver accounts pay from their tier's list; some products have quantity breaks. */
static int demo_price_lists(struct demo_b2b *d, struct err *e)
{
    struct price_list gold = {.code = "GOLD", .name = "Gold accounts", .tier = "gold", .discount_bp = 500};
    struct price_list silver = {
        .code = "SILVER", .name = "Silver accounts", .tier = "silver", .discount_bp = 200};
    int rc = price_list_store_insert(d->app->db, &gold, e);
    if (rc == ERR_OK)
        rc = price_list_store_insert(d->app->db, &silver, e);
    for (int i = 0; rc == ERR_OK && i < d->nproducts; i += 4) {
        const struct product *p = &d->products[i];
        int64_t base = p->pack_size > 1 ? p->pack_size : 1;
        struct volume_tier small = {.product_id = p->id, .min_qty = 10 * base, .discount_bp = 300};
        struct volume_tier large = {.product_id = p->id, .min_qty = 100 * base, .discount_bp = 700};
        if ((rc = volume_tier_store_insert(d->app->db, &small, e)) == ERR_OK)
            rc = volume_tier_store_insert(d->app->db, &large, e);
        if (rc == ERR_OK && i % 8 == 0) /* gold's own price for a few products */
            rc = price_list_store_set_item(d->app->db, gold.id, p->id, p->list_price * 90 / 100, e);
    }
    return rc;
}

static int demo_rep_accounts(struct demo_b2b *d, const struct user *rep, int *n, struct err *e)
{
    struct page_req q = {.limit = DEMO_ACCOUNTS_PER_REP, .owner_id = rep->id};
    return account_store_page(d->app->db, &q, d->accounts, n, e);
}

static int demo_contracts(struct demo_b2b *d, const struct account *a, struct err *e)
{
    for (int k = 0; k < 3; k++) {
        const struct product *p = &d->products[demo_rng_below(&d->rng, (uint64_t)d->nproducts)];
        struct contract_price c = {
            .account_id = a->id, .product_id = p->id, .price = p->list_price * 88 / 100};
        int rc = contract_price_store_insert(d->app->db, &c, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* A quantity the product can be sold in: whole packs, at least the minimum. */
static int64_t demo_quantity(struct demo_b2b *d, const struct product *p)
{
    int64_t pack = p->pack_size > 0 ? p->pack_size : 1;
    int64_t packs = (p->min_order_qty + pack - 1) / pack;
    return pack * (packs + (int64_t)demo_rng_below(&d->rng, 12));
}

/* Lines at small discounts, and one line at `deep` (0 = none). */
static int demo_lines(struct demo_b2b *d, struct app *as, struct quote *q, int64_t deep, struct err *e)
{
    int n = 2 + (int)demo_rng_below(&d->rng, 5), added = 0;
    for (int i = 0; i < n; i++) {
        const struct product *p = &d->products[demo_rng_below(&d->rng, (uint64_t)d->nproducts)];
        int64_t discount = added == 0 && deep ? deep : (int64_t)demo_rng_below(&d->rng, 4) * 250;
        int rc = quote_add_line(as, q, p->sku, demo_quantity(d, p), discount ? MANUAL_DISCOUNT : MANUAL_NONE,
                                discount, NULL, NULL, e);
        if (rc == ERR_EXISTS || rc == ERR_INVALID) /* a product no longer sold: skip it */
            continue;
        if (rc != ERR_OK)
            return rc;
        added++;
    }
    return ERR_OK;
}

static int64_t demo_deep_discount(enum demo_target t)
{
    switch (t) {
    case T_PENDING:
    case T_APPROVED: return 2200;
    case T_PENDING_SECOND:
    case T_REJECTED: return 3500;
    default: return 0;
    }
}

/* Sends a quote, asking a manager first when its rules want one. */
static int demo_send(struct demo_b2b *d, struct app *as, struct quote *q, struct err *e)
{
    int rc = quote_submit(as, q, e);
    for (int i = 0; rc == ERR_OK && q->status == QUOTE_PENDING && i < d->managers.n; i++) {
        struct app m = demo_as(d->app, rows_at(&d->managers, i));
        rc = quote_approve(&m, q, "within the account's potential", e);
    }
    return rc == ERR_OK ? quote_send(as, q, e) : rc;
}

static int demo_expire(struct demo_b2b *d, struct quote *q, struct err *e)
{
    datetime_date_in_days(-40, q->valid_until);
    int n = 0, rc = quote_store_update(d->app->db, q, q->owner_id, e);
    return rc == ERR_OK ? quote_expire_due(d->app, NULL, &n, e) : rc;
}

/* Submits, then lets a manager decide (approve, or reject with a reason). */
static int demo_decide(struct app *as, struct app *manager, struct quote *q, bool approve,
                       const char *comment, struct err *e)
{
    int rc = quote_submit(as, q, e);
    if (rc != ERR_OK || manager == NULL)
        return rc;
    return approve ? quote_approve(manager, q, comment, e) : quote_reject(manager, q, comment, e);
}

static int demo_drive(struct demo_b2b *d, struct app *as, struct quote *q, enum demo_target t, struct err *e)
{
    struct app m1 = demo_as(d->app, rows_at(&d->managers, 0)), m2 = demo_as(d->app, rows_at(&d->managers, 1));
    struct quote_counter_change c = {.line_no = 1, .set_price = true};
    switch (t) {
    case T_DRAFT: return ERR_OK;
    case T_PENDING: return demo_decide(as, NULL, q, true, NULL, e);
    case T_PENDING_SECOND: return demo_decide(as, &m1, q, true, "fine by me", e);
    case T_APPROVED: return demo_decide(as, &m2, q, true, "strategic account", e);
    case T_REJECTED: return demo_decide(as, &m1, q, false, "too deep for this volume", e);
    case T_EXPIRED: return demo_expire(d, q, e);
    default: break;
    }
    int rc = demo_send(d, as, q, e);
    if (rc != ERR_OK || t == T_SENT)
        return rc;
    if (t == T_ORDERED)
        return quote_accept(as, q, NULL, e);
    if (t == T_CANCELLED)
        return quote_cancel(as, q, "the customer chose another supplier", e);
    struct quote_view *v = NULL;
    if ((rc = quote_view_load(as, q->number, &v, e)) != ERR_OK)
        return rc;
    c.line_no = v->lines[0].line.line_no;
    c.price = v->lines[0].line.unit_price * 90 / 100;
    quote_view_free(&v);
    return quote_counter(as, q, "your competitor offers 10 % less on this line", &c, 1, e);
}

static int demo_quote(struct demo_b2b *d, const struct user *rep, const struct account *a, enum demo_target t,
                      struct err *e)
{
    struct app as = demo_as(d->app, rep);
    struct quote q;
    int rc = quote_create(&as, a->code, 0, &q, e);
    if (rc == ERR_OK)
        rc = demo_lines(d, &as, &q, demo_deep_discount(t), e);
    if (rc == ERR_OK)
        rc = demo_drive(d, &as, &q, t, e);
    return rc;
}

static int demo_quotes(struct demo_b2b *d, FILE *progress, struct err *e)
{
    int made = 0, rc = ERR_OK;
    for (int r = 0; rc == ERR_OK && r < d->reps.n && made < DEMO_QUOTES_PER_STATE * T_COUNT; r++) {
        int naccounts = 0;
        if ((rc = demo_rep_accounts(d, rows_at(&d->reps, r), &naccounts, e)) != ERR_OK)
            return rc;
        for (int i = 0; rc == ERR_OK && i < naccounts && made < DEMO_QUOTES_PER_STATE * T_COUNT; i++) {
            if (i < 2)
                rc = demo_contracts(d, &d->accounts[i], e);
            if (rc == ERR_OK)
                rc = demo_quote(d, rows_at(&d->reps, r), &d->accounts[i], (enum demo_target)(made % T_COUNT),
                                e);
            made++;
        }
    }
    if (rc == ERR_OK && progress)
        fprintf(progress, "quotes: %d in every state, 3 approval rules, 2 tier price lists\n", made);
    return rc;
}

int demo_fill_b2b(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    struct err local;
    if (e == NULL)
        e = &local;
    struct demo_b2b *d = xcalloc(1, sizeof *d);
    d->app = app;
    demo_rng_seed(&d->rng, seed, DEMO_STREAM_CALENDAR, 4242);
    int rc = app_require(app, ACT_IMPORT, e);
    if (rc == ERR_OK && (rc = db_begin(app->db, e)) == ERR_OK) {
        if ((rc = demo_people(d, e)) == ERR_OK && (rc = demo_rules(d, e)) == ERR_OK &&
            (rc = demo_products_load(d, e)) == ERR_OK && (rc = demo_price_lists(d, e)) == ERR_OK)
            rc = demo_quotes(d, progress, e);
        if (rc == ERR_OK)
            rc = db_commit(app->db, e);
        else
            db_rollback(app->db);
    }
    free(d->products);
    rows_free(&d->reps);
    rows_free(&d->managers);
    free(d);
    return rc;
}
