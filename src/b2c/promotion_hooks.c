/* Promotions in the cart and on orders: pricing steps 2, 3 and 6 (the
 * matching itself is promotion_match.c), what a cart loads of them, the
 * counting of uses, budgets, customers' uses and single-use codes inside
 * the placing transaction (one conditional update each: a limit never
 * passes, a failed placing uses nothing, a retry counts once), their
 * release when a whole order is cancelled, an order's promotions for its
 * screen, `comptoir check`, and the demo's promotions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/order_place_store.h"
#include "db/promotion_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/order_place.h"
#include "src/b2c/promotion.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"

/* ------------------------------------------------------------ the steps */

int promotion_step_lines(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e)
{
    return promotion_apply(in, c, p, PROMO_STEP_LINES, e);
}

int promotion_step_order(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e)
{
    return promotion_apply(in, c, p, PROMO_STEP_ORDER, e);
}

int promotion_step_shipping(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                            struct err *e)
{
    return promotion_apply(in, c, p, PROMO_STEP_SHIPPING, e);
}

/* ------------------------------------------------------------ loading */

/* The set was loaded for this cart's party, codes and day. */
static bool set_fits(const struct promotion_set *s, const struct cart *c, const char *today)
{
    if (s == NULL || s->customer_id != c->customer_id || s->account_id != c->account_id ||
        strcmp(s->today, today) != 0 || s->ncoupons != c->ncoupons)
        return false;
    for (int i = 0; i < c->ncoupons; i++)
        if (strcmp(s->coupons[i].typed, c->coupons[i]) != 0)
            return false;
    return true;
}

/* What the cart's codes name: their promotions' ids into ids (appended). */
static int load_codes(struct app *app, const struct cart *c, struct promotion_set *s,
                      struct promotion_code *codes, int64_t *ids, int *nids, struct err *e)
{
    for (int i = 0; i < c->ncoupons; i++) {
        snprintf(s->coupons[i].typed, sizeof s->coupons[i].typed, "%s", c->coupons[i]);
        s->coupons[i].rule = -1;
        codes[i].id = 0;
        struct err miss = {0};
        int rc = promotion_store_code_find(app->db, c->coupons[i], &codes[i], &miss);
        if (rc == ERR_NOTFOUND) {
            codes[i].id = 0;
            continue;
        }
        if (rc != ERR_OK) {
            if (e)
                *e = miss;
            return rc;
        }
        ids[(*nids)++] = codes[i].promotion_id;
    }
    s->ncoupons = c->ncoupons;
    return ERR_OK;
}

/* Adds the promotions read, each with its SKUs (skus: by promotion, then product). */
static void add_rules(struct promotion_set *s, const struct rows *found, const struct rows *skus)
{
    const struct promotion *p = found->items;
    const struct promotion_sku *k = skus->items;
    int64_t *mine = xmalloc(sizeof *mine * (size_t)(skus->n + 1));
    for (int i = 0; i < found->n; i++) {
        bool have = false;
        for (int j = 0; j < s->nrules && !have; j++)
            have = s->rules[j].p.id == p[i].id; /* an automatic one also named by a code */
        if (have)
            continue;
        int lo = 0, hi = skus->n, n = 0;
        while (lo < hi) { /* the first of its SKUs: they come by promotion */
            int mid = lo + (hi - lo) / 2;
            if (k[mid].promotion_id < p[i].id)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (int j = lo; j < skus->n && k[j].promotion_id == p[i].id; j++)
            mine[n++] = k[j].product_id;
        promotion_set_add(s, &p[i], mine, n);
    }
    free(mine);
}

/* The codes typed point at their rules (the first code of a promotion wins). */
static void tie_codes(struct promotion_set *s, const struct promotion_code *codes)
{
    for (int i = 0; i < s->ncoupons; i++) {
        const struct promotion_rule *found =
            codes[i].id ? promotion_set_find(s, codes[i].promotion_id) : NULL;
        if (found == NULL)
            continue;
        struct promotion_rule *r = &s->rules[found - s->rules];
        s->coupons[i].rule = (int)(found - s->rules);
        if (r->coupon >= 0 || r->p.activation != PROMO_CODE)
            continue;
        r->coupon = i;
        r->code_id = codes[i].id;
        r->single_use = codes[i].single_use;
        snprintf(r->code, sizeof r->code, "%s", codes[i].code);
        snprintf(r->used_order, sizeof r->used_order, "%s",
                 codes[i].used_order_id ? codes[i].used_order : "");
    }
}

/* The party's uses of the promotions that count them, and whether it is their first order. */
static int load_party(struct app *app, const struct cart *c, const struct cart_inputs *in,
                      struct promotion_set *s, struct err *e)
{
    const char *kind = c->channel == CHANNEL_B2B ? "account" : "customer";
    int64_t party = c->channel == CHANNEL_B2B ? c->account_id : c->customer_id;
    s->first_order = c->channel == CHANNEL_B2B ? false : in->first_order && party > 0;
    if (party <= 0)
        return ERR_OK;
    int rc = c->channel == CHANNEL_B2B
                 ? promotion_store_account_first_order(app->db, party, &s->first_order, e)
                 : ERR_OK;
    for (int i = 0; rc == ERR_OK && i < s->nrules; i++) {
        if (s->rules[i].p.per_customer <= 0)
            continue;
        rc = promotion_store_party_uses(app->db, kind, party, &s->rules[i].p.id, 1, &s->rules[i].party_uses,
                                        e);
    }
    return rc;
}

static int load_set(struct app *app, const struct cart *c, const struct cart_inputs *in,
                    struct promotion_set *s, struct err *e)
{
    struct rows live = {0}, coded = {0}, skus = {0};
    struct promotion_code codes[CART_MAX_COUPONS];
    int64_t ids[CART_MAX_COUPONS];
    int nids = 0;
    int rc = promotion_store_live(app->db, in->today, &live, e);
    if (rc == ERR_OK)
        rc = load_codes(app, c, s, codes, ids, &nids, e);
    if (rc == ERR_OK)
        rc = promotion_store_by_ids(app->db, ids, nids, &coded, e);
    int64_t *with_skus = xmalloc(sizeof *with_skus * (size_t)(live.n + coded.n + 1));
    int n = 0;
    const struct promotion *a = live.items, *b = coded.items;
    for (int i = 0; rc == ERR_OK && i < live.n; i++)
        if (a[i].target == PROMO_ON_SKUS)
            with_skus[n++] = a[i].id;
    for (int i = 0; rc == ERR_OK && i < coded.n; i++)
        if (b[i].target == PROMO_ON_SKUS)
            with_skus[n++] = b[i].id;
    rows_reset(&skus, sizeof(struct promotion_sku));
    if (rc == ERR_OK)
        rc = promotion_store_skus_of(app->db, with_skus, n, &skus, e);
    free(with_skus);
    if (rc == ERR_OK) {
        add_rules(s, &live, &skus);
        add_rules(s, &coded, &skus);
        promotion_set_finish(s);
        tie_codes(s, codes);
        rc = load_party(app, c, in, s, e);
    }
    rows_free(&live);
    rows_free(&coded);
    rows_free(&skus);
    return rc;
}

int promotion_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    if (set_fits(in->promotions, c, in->today))
        return ERR_OK;
    promotion_set_free(&in->promotions);
    struct promotion_set *s = promotion_set_new(app->currency);
    s->customer_id = c->customer_id;
    s->account_id = c->account_id;
    snprintf(s->today, sizeof s->today, "%s", in->today);
    int rc = load_set(app, c, in, s, e);
    if (rc != ERR_OK) {
        promotion_set_free(&s);
        return rc;
    }
    in->promotions = s;
    return ERR_OK;
}

void promotion_cart_free(struct cart_inputs *in)
{
    promotion_set_free(&in->promotions);
}

/* ------------------------------------------------------------ placing */

struct granted {
    int64_t promotion_id, amount;
};

/* Each promotion's total on the order (the sum of its shares). */
static int granted_of(const struct priced_cart *p, struct granted *out)
{
    int n = 0;
    for (int k = 0; k < p->nadjustments; k++) {
        const struct line_adjustment *a = &p->adjustments[k];
        if (a->kind != ADJ_PROMOTION)
            continue;
        int i = 0;
        while (i < n && out[i].promotion_id != a->source_id)
            i++;
        if (i == n)
            out[n++] = (struct granted){a->source_id, 0};
        out[i].amount += a->amount;
    }
    return n;
}

static int64_t code_of(const struct priced_cart *p, int64_t promotion_id)
{
    for (int i = 0; i < p->ncodes; i++)
        if (p->codes[i].promotion_id == promotion_id)
            return p->codes[i].code_id;
    return 0;
}

static int refuse(struct err *e, const struct promotion *p, const char *why)
{
    return err_set(e, ERR_CONFLICT, "promotion", "%s: %s meanwhile — look at the cart again", p->name, why);
}

/* The limits of one promotion, each one conditional update. */
static int count_one(struct app *app, const struct order *o, const struct promotion *p, int64_t amount,
                     int64_t code_id, struct err *e)
{
    bool done = false;
    char why[64];
    int rc = promotion_store_count_use(app->db, p->id, amount, &done, e);
    if (rc == ERR_OK && !done) {
        if (p->max_uses > 0 && p->uses >= p->max_uses)
            snprintf(why, sizeof why, "used %lld of %lld", (long long)p->max_uses, (long long)p->max_uses);
        else
            snprintf(why, sizeof why, p->disabled_at[0] ? "disabled" : "its budget ran out");
        return refuse(e, p, why);
    }
    const char *kind = o->channel == CHANNEL_B2B ? "account" : "customer";
    int64_t party = o->channel == CHANNEL_B2B ? o->account_id : o->customer_id;
    if (rc == ERR_OK && p->per_customer > 0) {
        if (party <= 0)
            return refuse(e, p, "needs a known customer");
        if ((rc = promotion_store_count_party(app->db, p->id, kind, party, p->per_customer, &done, e)) ==
                ERR_OK &&
            !done)
            return refuse(e, p, "used by this customer");
    }
    struct promotion_code code = {0};
    if (rc == ERR_OK && code_id > 0 &&
        (rc = promotion_store_code_get(app->db, code_id, &code, e)) == ERR_OK && code.single_use &&
        (rc = promotion_store_take_code(app->db, code_id, o->id, o->placed_at, &done, e)) == ERR_OK && !done)
        return refuse(e, p, "its code was used");
    return rc;
}

static int record_use(struct app *app, const struct order *o, const struct priced_cart *pc,
                      const struct promotion *p, int64_t amount, int64_t code_id, struct err *e)
{
    struct promotion_use u = {.promotion_id = p->id, .order_id = o->id, .code_id = code_id, .amount = amount};
    u.order_net = pc->goods_net;
    snprintf(u.day, sizeof u.day, "%s", o->placed_day);
    const char *kind = o->channel == CHANNEL_B2B ? "account" : "customer";
    int64_t party = o->channel == CHANNEL_B2B ? o->account_id : o->customer_id;
    int rc = promotion_store_use_insert(app->db, &u, party > 0 ? kind : NULL, party, e);
    if (rc != ERR_OK)
        return rc;
    struct order_timeline_entry t = {.order_id = o->id, .user_id = app->user.id, .ref_id = p->id};
    snprintf(t.at, sizeof t.at, "%s", o->placed_at);
    snprintf(t.kind, sizeof t.kind, "promotion");
    t.has_amount = true;
    t.amount = -amount;
    struct promotion_code code = {0};
    if (code_id > 0)
        promotion_store_code_get(app->db, code_id, &code, NULL);
    snprintf(t.detail, sizeof t.detail, "%s%s%s%s", p->name, code.code[0] ? " (" : "", code.code,
             code.code[0] ? ")" : "");
    return order_timeline_store_add(app->db, &t, e);
}

static int on_placed(struct app *app, const struct order_change *ch, struct err *e)
{
    const struct priced_cart *pc = ch->priced;
    struct granted *g = xcalloc((size_t)pc->nadjustments + 1, sizeof *g);
    int n = granted_of(pc, g);
    int64_t *ids = xcalloc((size_t)n + 1, sizeof *ids);
    for (int i = 0; i < n; i++)
        ids[i] = g[i].promotion_id;
    struct rows found = {0};
    int rc = n > 0 ? promotion_store_by_ids(app->db, ids, n, &found, e) : ERR_OK;
    const struct promotion *p = found.items;
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        int j = 0;
        while (j < found.n && p[j].id != g[i].promotion_id)
            j++;
        if (j == found.n) {
            rc =
                err_set(e, ERR_CONFLICT, "promotion", "promotion %lld is gone", (long long)g[i].promotion_id);
            break;
        }
        int64_t code_id = code_of(pc, p[j].id);
        if ((rc = count_one(app, ch->order, &p[j], g[i].amount, code_id, e)) == ERR_OK)
            rc = record_use(app, ch->order, pc, &p[j], g[i].amount, code_id, e);
    }
    rows_free(&found);
    free(ids);
    free(g);
    return rc;
}

/* A whole order cancelled: its uses, budget, customer's uses and codes come back. */
static int on_cancelled(struct app *app, const struct order_change *ch, struct err *e)
{
    struct rows uses = {0};
    char now[32];
    datetime_now_utc(now);
    int rc = promotion_store_uses_of_order(app->db, ch->order->id, &uses, e);
    const struct promotion_use *u = uses.items;
    for (int i = 0; rc == ERR_OK && i < uses.n; i++) {
        bool done = false;
        if (u[i].released_at[0] == '\0')
            rc = promotion_store_release(app->db, u[i].promotion_id, u[i].order_id, now, &done, e);
    }
    rows_free(&uses);
    return rc;
}

int promotion_on_order(struct app *app, const struct order_change *change, struct err *e)
{
    if (change->kind == ORDER_CHANGE_PLACED && change->priced != NULL)
        return on_placed(app, change, e);
    if (change->kind == ORDER_CHANGE_CANCELLED && change->whole_order)
        return on_cancelled(app, change, e);
    return ERR_OK; /* partial cancels and returns keep the use */
}

/* ------------------------------------------------------------ an order's promotions */

int promotion_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct rows uses = {0};
    int rc = promotion_uses_of_order(app, o, &uses, e);
    const struct promotion_use *u = uses.items;
    for (int i = 0; rc == ERR_OK && i < uses.n; i++) {
        struct order_summary_row *r = rows_add(out);
        snprintf(r->section, sizeof r->section, "Promotions");
        snprintf(r->text, sizeof r->text, "%s%s%s%s%s", u[i].name, u[i].code[0] ? " (" : "", u[i].code,
                 u[i].code[0] ? ")" : "", u[i].released_at[0] ? " — given back (order cancelled)" : "");
        r->has_amount = true;
        r->amount = -u[i].amount;
    }
    rows_free(&uses);
    return rc;
}

/* ------------------------------------------------------------ check */

int promotion_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return promotion_store_check(app->db, report, problems, e);
}

/* ------------------------------------------------------------ demo */

/* One of the demo's promotions: from and to are days from today (0 = open). */
struct demo_promo {
    const char *name, *kind, *value, *on, *code;
    int from, to;
    int buy, get;
    int64_t min_subtotal, limit, per_customer, budget;
    int priority, channel;
    const char *tier;
    bool first_order, stop;
};

static int demo_promo_add(struct app *app, const struct demo_promo *d, struct err *e)
{
    struct promotion_edit in = {0};
    int rc = promotion_parse_kind(d->kind, &in.p.kind, e);
    if (rc == ERR_OK)
        rc = promotion_parse_value(d->value, in.p.kind, &in.p.value, e);
    if (rc == ERR_OK)
        rc = promotion_parse_target(d->on, &in, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(in.p.name, sizeof in.p.name, "%s", d->name);
    snprintf(in.code, sizeof in.code, "%s", d->code ? d->code : "");
    in.p.activation = d->code ? PROMO_CODE : PROMO_AUTO;
    if (d->from)
        datetime_date_in_days(d->from, in.p.starts_on);
    if (d->to)
        datetime_date_in_days(d->to, in.p.ends_on);
    in.p.buy_qty = d->buy;
    in.p.get_qty = d->get;
    in.p.get_percent_bp = 10000;
    in.p.min_subtotal = d->min_subtotal;
    in.p.max_uses = d->limit;
    in.p.per_customer = d->per_customer;
    in.p.budget = d->budget ? d->budget : -1;
    in.p.priority = d->priority;
    in.p.channel = d->channel;
    snprintf(in.p.tier, sizeof in.p.tier, "%s", d->tier ? d->tier : "");
    in.p.first_order = d->first_order;
    in.p.stop = d->stop;
    return promotion_create(app, &in, e);
}

/* Promotions to try the Quick order with: codes (NOEL10, VIP15, BULK), automatic
 * ones (a buy 2 get 1, a welcome for first orders, free shipping), an ended one
 * and a scheduled one. They apply to new carts; the demo's orders have none. */
int promotion_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)seed, (void)progress;
    static const struct demo_promo promos[] = {
        {.name = "Noël −10 %",
         .kind = "percent",
         .value = "10",
         .on = "order",
         .code = "NOEL10",
         .from = -10,
         .to = 30,
         .limit = 1000,
         .channel = -1},
        {.name = "Café & thé 2+1",
         .kind = "buy-get",
         .value = "",
         .on = "category:Café & thé",
         .buy = 2,
         .get = 1,
         .priority = 5,
         .channel = CHANNEL_B2C,
         .stop = true},
        {.name = "Bienvenue",
         .kind = "fixed",
         .value = "5.00",
         .on = "order",
         .min_subtotal = 3000,
         .first_order = true,
         .channel = CHANNEL_B2C},
        {.name = "VIP or 山吹",
         .kind = "percent",
         .value = "15",
         .on = "order",
         .code = "VIP15",
         .tier = "gold",
         .per_customer = 3,
         .channel = -1},
        {.name = "Gros panier",
         .kind = "fixed",
         .value = "20.00",
         .on = "order",
         .code = "BULK",
         .min_subtotal = 25000,
         .budget = 200000,
         .channel = -1},
        {.name = "Port offert",
         .kind = "free-shipping",
         .value = "",
         .on = "order",
         .min_subtotal = 4000,
         .channel = CHANNEL_B2C},
        {.name = "Printemps",
         .kind = "percent",
         .value = "20",
         .on = "order",
         .code = "PRINTEMPS",
         .from = -270,
         .to = -240,
         .channel = -1},
        {.name = "Soldes d'hiver",
         .kind = "percent",
         .value = "30",
         .on = "category:Arts de la table",
         .code = "SOLDES",
         .from = 35,
         .to = 70,
         .channel = -1},
    };
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < sizeof promos / sizeof promos[0]; i++)
        rc = demo_promo_add(app, &promos[i], e);
    return rc;
}
