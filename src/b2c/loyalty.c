/* Loyalty operations: the writes every change of points goes through
 * (expiry first, then the row and its cached balance), a customer's
 * summary and ledger, adjustments, the settings and tiers, and the cron's
 * expiry run. See loyalty.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/customer_store.h"
#include "db/db.h"
#include "db/loyalty_store.h"
#include "db/settings_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/loyalty.h"
#include "src/b2c/loyalty_private.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/customers.h"
#include "src/settings.h"
#include "src/users.h"
#include "src/validate.h"

#define LOYALTY_EXPIRING_DAYS 30
#define LOYALTY_TIER_MONTHS 12
#define LOYALTY_MAX_ADJUST 100000000
#define LOYALTY_CRON_BATCH 1000

/* ------------------------------------------------------------ the writes */

void loyalty_settings_read(struct app *app, struct loyalty_settings *s)
{
    s->earn_points = settings_get_int(app, "loyalty.earn_points", 0, 1000000, 1);
    s->earn_per = settings_get_int(app, "loyalty.earn_per", 1, 1000000000, 100);
    s->worth_points = settings_get_int(app, "loyalty.worth_points", 1, 1000000000, 100);
    s->worth_cents = settings_get_int(app, "loyalty.worth_cents", 1, 1000000000, 100);
    s->max_share_bp = settings_get_int(app, "loyalty.max_share_bp", 0, 10000, 5000);
    s->expire_months = settings_get_int(app, "loyalty.expire_months", 1, 600, 24);
}

void loyalty_now(struct loyalty_when *w)
{
    datetime_now_utc(w->at);
    datetime_local_date(w->at, w->day);
}

int loyalty_available_now(struct app *app, int64_t customer_id, const char *today, int64_t *available,
                          struct err *e)
{
    struct loyalty_sums sums;
    int rc = loyalty_store_sums(app->db, customer_id, today, today, &sums, NULL, e);
    *available = rc == ERR_OK ? sums.available - loyalty_due(sums.available, sums.still_valid) : 0;
    return rc;
}

int loyalty_write(struct app *app, struct loyalty_entry *l, const struct loyalty_when *w, struct err *e)
{
    bool moved = false;
    snprintf(l->at, sizeof l->at, "%s", w->at);
    snprintf(l->day, sizeof l->day, "%s", w->day);
    if (l->bucket == LOYALTY_AVAILABLE && l->points > 0 && l->expires_on[0] == '\0') {
        struct loyalty_settings s;
        loyalty_settings_read(app, &s);
        loyalty_date_add_months(w->day, s.expire_months, l->expires_on);
    }
    int rc = l->points == 0 ? ERR_OK
                            : loyalty_store_move(app->db, l->customer_id, l->bucket, l->points, &moved, e);
    if (rc == ERR_OK && l->points != 0 && !moved)
        return err_set(e, ERR_CONFLICT, "points", "%" PRId64 " %s points are more than the customer has",
                       -l->points, loyalty_bucket_names[l->bucket]);
    return rc != ERR_OK ? rc : loyalty_store_append(app->db, l, e);
}

int loyalty_settle_expiry(struct app *app, int64_t customer_id, const struct loyalty_when *w,
                          int64_t *expired, struct err *e)
{
    struct loyalty_sums sums;
    if (expired)
        *expired = 0;
    int rc = loyalty_store_sums(app->db, customer_id, w->day, w->day, &sums, NULL, e);
    int64_t due = rc == ERR_OK ? loyalty_due(sums.available, sums.still_valid) : 0;
    if (rc != ERR_OK || due <= 0)
        return rc;
    struct loyalty_entry l = {
        .customer_id = customer_id, .kind = LOYALTY_EXPIRE, .bucket = LOYALTY_AVAILABLE, .points = -due};
    snprintf(l.reason, sizeof l.reason, "expired, oldest first");
    if ((rc = loyalty_write(app, &l, w, e)) == ERR_OK && expired)
        *expired = due;
    return rc;
}

static int tier_audit(struct app *app, int64_t customer_id, const char *from, const char *to, int64_t spend,
                      struct err *e)
{
    struct customer c;
    int rc = customer_store_get(app->db, customer_id, &c, e);
    if (rc != ERR_OK)
        return rc;
    struct json b, a;
    json_begin(&b);
    json_str(&b, "loyalty_tier", from);
    json_begin(&a);
    json_str(&a, "loyalty_tier", to);
    json_int(&a, "spend_12_months", spend);
    rc = audit_record(app, "tier", "customer", c.email, json_end(&b), json_end(&a), e);
    json_free(&b);
    json_free(&a);
    return rc;
}

/* The highest tier spend reaches (tiers by spend; the first when none). */
static const struct loyalty_tier *tier_for(const struct rows *tiers, int64_t spend)
{
    const struct loyalty_tier *t = tiers->items, *best = tiers->n > 0 ? &t[0] : NULL;
    for (int i = 0; i < tiers->n; i++)
        if (t[i].min_spend <= spend)
            best = &t[i];
    return best;
}

static int spend_of(struct app *app, int64_t customer_id, const char *today, char since[11], int64_t *spend,
                    struct err *e)
{
    loyalty_date_add_months(today, -LOYALTY_TIER_MONTHS, since);
    return loyalty_store_spend(app->db, customer_id, since, today, spend, e);
}

int loyalty_retier(struct app *app, int64_t customer_id, const char *today, bool *changed, struct err *e)
{
    struct rows tiers = {0};
    int64_t spend = 0, available = 0, pending = 0;
    char since[11], tier[17];
    int rc = loyalty_store_tiers(app->db, &tiers, e);
    if (rc == ERR_OK)
        rc = spend_of(app, customer_id, today, since, &spend, e);
    if (rc == ERR_OK)
        rc = loyalty_store_cached(app->db, customer_id, &available, &pending, tier, e);
    const struct loyalty_tier *t = rc == ERR_OK ? tier_for(&tiers, spend) : NULL;
    if (changed)
        *changed = t != NULL && strcmp(t->name, tier) != 0;
    if (t != NULL && strcmp(t->name, tier) != 0) {
        rc = loyalty_store_set_tier(app->db, customer_id, t->name, e);
        if (rc == ERR_OK)
            rc = tier_audit(app, customer_id, tier, t->name, spend, e);
    }
    rows_free(&tiers);
    return rc;
}

/* ------------------------------------------------------------- reading */

int loyalty_customer_find(struct app *app, const char *email, int64_t *customer_id, struct err *e)
{
    struct customer c;
    int rc = app_require(app, ACT_LOYALTY_VIEW, e);
    if (rc == ERR_OK)
        rc = customer_store_find_email(app->db, email ? email : "", &c, e);
    *customer_id = rc == ERR_OK ? c.id : 0;
    return rc;
}

/* What expires within the window: the due grows with each day's credits. */
static void summary_expiring(struct loyalty_summary *out, const struct loyalty_sums *sums,
                             const struct rows *later)
{
    const struct loyalty_expiring *x = later->items;
    int64_t due_today = loyalty_due(sums->available, sums->still_valid), valid = sums->still_valid, due = 0;
    for (int i = 0; i < later->n; i++) {
        valid -= x[i].points;
        due = loyalty_due(sums->available, valid) - due_today;
        if (due > 0 && out->expiring_first[0] == '\0')
            snprintf(out->expiring_first, sizeof out->expiring_first, "%s", x[i].day);
    }
    out->expiring = due;
}

static int summary_tier(struct app *app, struct loyalty_summary *out, const char *today, struct err *e)
{
    struct rows tiers = {0};
    int rc = loyalty_store_tiers(app->db, &tiers, e);
    if (rc == ERR_OK)
        rc = spend_of(app, out->customer_id, today, out->spend_since, &out->spend, e);
    const struct loyalty_tier *t = tiers.items;
    out->multiplier_bp = 10000;
    for (int i = 0; rc == ERR_OK && i < tiers.n; i++) {
        if (strcmp(t[i].name, out->tier) == 0)
            out->multiplier_bp = t[i].multiplier_bp;
        if (t[i].min_spend > out->spend && out->next_tier[0] == '\0') {
            snprintf(out->next_tier, sizeof out->next_tier, "%s", t[i].name);
            out->next_tier_spend = t[i].min_spend;
            out->to_next_tier = t[i].min_spend - out->spend;
        }
    }
    rows_free(&tiers);
    return rc;
}

int loyalty_summary_get(struct app *app, int64_t customer_id, struct loyalty_summary *out, struct err *e)
{
    struct loyalty_sums sums;
    struct rows later = {0};
    struct loyalty_settings s;
    char today[11], until[11];
    int64_t cached = 0, pending = 0;
    memset(out, 0, sizeof *out);
    out->customer_id = customer_id;
    out->expiring_days = LOYALTY_EXPIRING_DAYS;
    datetime_today(today);
    datetime_date_in_days(LOYALTY_EXPIRING_DAYS, until);
    int rc = app_require(app, ACT_LOYALTY_VIEW, e);
    if (rc == ERR_OK)
        rc = loyalty_store_cached(app->db, customer_id, &cached, &pending, out->tier, e);
    if (rc == ERR_OK)
        rc = loyalty_store_sums(app->db, customer_id, today, until, &sums, &later, e);
    if (rc == ERR_OK) {
        loyalty_settings_read(app, &s);
        out->available = sums.available - loyalty_due(sums.available, sums.still_valid);
        out->pending = sums.pending;
        out->available_worth =
            loyalty_points_worth(&s, out->available - out->available % loyalty_points_step(&s));
        summary_expiring(out, &sums, &later);
        rc = summary_tier(app, out, today, e);
    }
    rows_free(&later);
    return rc;
}

int loyalty_expired_unrecorded(struct app *app, const char *day, int64_t *points, struct err *e)
{
    char through[11];
    /* the run on day X wrote down everything due by X: after it, only credits expiring later can be */
    settings_get(app, "loyalty.expired_through", "", through, sizeof through);
    return loyalty_store_expired_unrecorded(app->db, strcmp(day, through) >= 0 ? through : "", day, points,
                                            e);
}

int loyalty_ledger(struct app *app, int64_t customer_id, const struct page_req *q, struct rows *out,
                   struct err *e)
{
    rows_reset(out, sizeof(struct loyalty_entry));
    int rc = app_require(app, ACT_LOYALTY_VIEW, e);
    return rc != ERR_OK ? rc : loyalty_store_ledger(app->db, customer_id, q, out, e);
}

void loyalty_ledger_cursor(const struct loyalty_entry *l, struct page_cursor *c)
{
    loyalty_store_ledger_cursor(l, c);
}

/* --------------------------------------------------------- adjustments */

static int adjust_check(int64_t points, const char *reason, struct err *e)
{
    if (points == 0 || points > LOYALTY_MAX_ADJUST || points < -LOYALTY_MAX_ADJUST)
        return err_set(e, ERR_INVALID, "points", "an adjustment is +N or -N points (N from 1 to %d)",
                       LOYALTY_MAX_ADJUST);
    if (text_check("reason", reason ? reason : "", 200, TEXT_REQUIRED, e) != ERR_OK)
        return ERR_INVALID;
    return ERR_OK;
}

static int adjust_audit(struct app *app, const struct customer *c, int64_t before, int64_t after,
                        const struct loyalty_entry *l, struct err *e)
{
    struct json b, a;
    json_begin(&b);
    json_int(&b, "loyalty_points", before);
    json_begin(&a);
    json_int(&a, "loyalty_points", after);
    json_int(&a, "points", l->points);
    json_str(&a, "reason", l->reason);
    int rc = audit_record(app, "adjust", "loyalty", c->email, json_end(&b), json_end(&a), e);
    json_free(&b);
    json_free(&a);
    return rc;
}

static int adjust_in_transaction(struct app *app, const struct customer *c, struct loyalty_entry *l,
                                 struct err *e)
{
    struct loyalty_when w;
    int64_t before = 0;
    loyalty_now(&w);
    int rc = loyalty_settle_expiry(app, c->id, &w, NULL, e);
    if (rc == ERR_OK)
        rc = loyalty_available_now(app, c->id, w.day, &before, e);
    if (rc == ERR_OK && before + l->points < 0)
        return err_set(e, ERR_STATE, "points", "%s has %" PRId64 " points: %" PRId64 " cannot be taken away",
                       c->email, before, -l->points);
    if (rc == ERR_OK)
        rc = loyalty_write(app, l, &w, e);
    return rc != ERR_OK ? rc : adjust_audit(app, c, before, before + l->points, l, e);
}

int loyalty_adjust(struct app *app, int64_t customer_id, int64_t points, const char *reason,
                   struct loyalty_entry *written, struct err *e)
{
    struct customer c;
    struct loyalty_entry l = {.customer_id = customer_id,
                              .kind = LOYALTY_ADJUST,
                              .bucket = LOYALTY_AVAILABLE,
                              .points = points,
                              .user_id = app->user.id};
    int rc = app_require(app, ACT_LOYALTY_ADJUST, e);
    if (rc == ERR_OK)
        rc = adjust_check(points, reason, e);
    if (rc == ERR_OK)
        rc = customer_store_get(app->db, customer_id, &c, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    snprintf(l.reason, sizeof l.reason, "%s", reason);
    if ((rc = adjust_in_transaction(app, &c, &l, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if ((rc = db_commit(app->db, e)) == ERR_OK && written)
        *written = l;
    return rc;
}

/* ------------------------------------------------------------ settings */

int loyalty_settings_get(struct app *app, struct loyalty_settings *s, struct rows *tiers, struct err *e)
{
    int rc = app_require(app, ACT_LOYALTY_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    loyalty_settings_read(app, s);
    return tiers ? loyalty_store_tiers(app->db, tiers, e) : ERR_OK;
}

static int tiers_check(const struct loyalty_tier *t, int n, struct err *e)
{
    if (n < 1)
        return err_set(e, ERR_INVALID, "tier", "at least one tier, the first at 0 spend");
    bool zero = false;
    for (int i = 0; i < n; i++) {
        if (text_check("tier", t[i].name, 16, TEXT_REQUIRED, e) != ERR_OK)
            return ERR_INVALID;
        if (t[i].min_spend < 0 || t[i].multiplier_bp < 0 || t[i].multiplier_bp > 100000)
            return err_set(e, ERR_INVALID, "tier", "tier %s: a spend from 0 and a multiplier from 0 to 10",
                           t[i].name);
        zero = zero || t[i].min_spend == 0;
        for (int j = 0; j < i; j++)
            if (strcmp(t[i].name, t[j].name) == 0 || t[i].min_spend == t[j].min_spend)
                return err_set(e, ERR_INVALID, "tier", "tiers %s and %s share a name or a spend", t[j].name,
                               t[i].name);
    }
    return zero ? ERR_OK : err_set(e, ERR_INVALID, "tier", "the first tier starts at 0 spend");
}

int loyalty_settings_check(const struct loyalty_settings *s, const struct loyalty_tier *tiers, int ntiers,
                           struct err *e)
{
    if (s->earn_points < 0 || s->earn_points > 1000000 || s->earn_per < 1 || s->earn_per > 1000000000)
        return err_set(e, ERR_INVALID, "earn", "earn N points (0 to 1000000) per an amount above 0");
    if (s->worth_points < 1 || s->worth_points > 1000000000 || s->worth_cents < 1 ||
        s->worth_cents > 1000000000)
        return err_set(e, ERR_INVALID, "worth", "N points (from 1) are worth an amount above 0");
    if (s->max_share_bp < 0 || s->max_share_bp > 10000)
        return err_set(e, ERR_INVALID, "max-share", "the share points may pay is 0 to 100 %%");
    if (s->expire_months < 1 || s->expire_months > 600)
        return err_set(e, ERR_INVALID, "expire-months", "points expire after 1 to 600 months");
    return ntiers >= 0 ? tiers_check(tiers, ntiers, e) : ERR_OK;
}

static int settings_put(struct app *app, const char *key, int64_t was, int64_t value, struct err *e)
{
    char text[32];
    if (was == value)
        return ERR_OK;
    snprintf(text, sizeof text, "%" PRId64, value);
    return settings_set(app, key, text, e);
}

static int tiers_audit(struct app *app, const struct rows *before, const struct loyalty_tier *t, int n,
                       int64_t retiered, struct err *e)
{
    struct json b, a;
    char text[64];
    const struct loyalty_tier *old = before->items;
    json_begin(&b);
    for (int i = 0; i < before->n; i++) {
        snprintf(text, sizeof text, "%" PRId64 " x%d", old[i].min_spend, old[i].multiplier_bp);
        json_str(&b, old[i].name, text);
    }
    json_begin(&a);
    for (int i = 0; i < n; i++) {
        snprintf(text, sizeof text, "%" PRId64 " x%d", t[i].min_spend, t[i].multiplier_bp);
        json_str(&a, t[i].name, text);
    }
    json_int(&a, "customers_moved", retiered);
    int rc = audit_record(app, "update", "setting", "loyalty.tiers", json_end(&b), json_end(&a), e);
    json_free(&b);
    json_free(&a);
    return rc;
}

static int settings_write(struct app *app, const struct loyalty_settings *s, struct err *e)
{
    struct loyalty_settings was;
    loyalty_settings_read(app, &was);
    int rc = settings_put(app, "loyalty.earn_points", was.earn_points, s->earn_points, e);
    if (rc == ERR_OK)
        rc = settings_put(app, "loyalty.earn_per", was.earn_per, s->earn_per, e);
    if (rc == ERR_OK)
        rc = settings_put(app, "loyalty.worth_points", was.worth_points, s->worth_points, e);
    if (rc == ERR_OK)
        rc = settings_put(app, "loyalty.worth_cents", was.worth_cents, s->worth_cents, e);
    if (rc == ERR_OK)
        rc = settings_put(app, "loyalty.max_share_bp", was.max_share_bp, s->max_share_bp, e);
    if (rc == ERR_OK)
        rc = settings_put(app, "loyalty.expire_months", was.expire_months, s->expire_months, e);
    return rc;
}

static int tiers_write(struct app *app, const struct loyalty_tier *t, int n, int64_t *retiered, struct err *e)
{
    struct rows before = {0};
    char today[11], since[11];
    datetime_today(today);
    loyalty_date_add_months(today, -LOYALTY_TIER_MONTHS, since);
    int rc = loyalty_store_tiers(app->db, &before, e);
    if (rc == ERR_OK)
        rc = loyalty_store_tiers_replace(app->db, t, n, e);
    if (rc == ERR_OK)
        rc = loyalty_store_retier_all(app->db, since, retiered, e);
    if (rc == ERR_OK)
        rc = tiers_audit(app, &before, t, n, *retiered, e);
    rows_free(&before);
    return rc;
}

int loyalty_settings_set(struct app *app, const struct loyalty_settings *s, const struct loyalty_tier *tiers,
                         int ntiers, int64_t *retiered, struct err *e)
{
    int64_t moved = 0;
    int rc = app_require(app, ACT_SETTINGS, e);
    if (rc == ERR_OK)
        rc = loyalty_settings_check(s, tiers, ntiers, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = settings_write(app, s, e);
    if (rc == ERR_OK && ntiers >= 0)
        rc = tiers_write(app, tiers, ntiers, &moved, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if ((rc = db_commit(app->db, e)) == ERR_OK && retiered)
        *retiered = moved;
    return rc;
}

/* ---------------------------------------------------------------- cron */

/* Settles expiry (or the tier) for a batch of customers in one transaction. */
static int cron_batch(struct app *app, const int64_t *ids, int n, bool tiers, const struct loyalty_when *w,
                      struct loyalty_expiry_run *out, struct err *e)
{
    int rc = db_begin(app->db, e);
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        if (tiers) {
            bool changed = false;
            rc = loyalty_retier(app, ids[i], w->day, &changed, e);
            out->tiers_checked++;
            out->tiers_changed += changed;
            continue;
        }
        int64_t expired = 0;
        rc = loyalty_settle_expiry(app, ids[i], w, &expired, e);
        out->customers += expired > 0;
        out->points += expired;
    }
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

static int cron_pass(struct app *app, const struct rows *ids, bool tiers, const struct loyalty_when *w,
                     struct loyalty_expiry_run *out, struct err *e)
{
    const int64_t *id = ids->items;
    int rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < ids->n; i += LOYALTY_CRON_BATCH) {
        int n = ids->n - i < LOYALTY_CRON_BATCH ? ids->n - i : LOYALTY_CRON_BATCH;
        rc = cron_batch(app, id + i, n, tiers, w, out, e);
    }
    return rc;
}

/* The tiers of the customers whose 12-month window lost an order since the
 * last run (each change audited by loyalty_retier). */
static int cron_tiers(struct app *app, const struct loyalty_when *w, struct loyalty_expiry_run *out,
                      struct err *e)
{
    char from[11], to[11];
    struct rows ids = {0};
    settings_get(app, "loyalty.tiers_window_from", "", from, sizeof from);
    loyalty_date_add_months(w->day, -LOYALTY_TIER_MONTHS, to);
    if (strcmp(from, to) >= 0)
        return ERR_OK;
    int rc = loyalty_store_window_customers(app->db, from, to, &ids, e);
    if (rc == ERR_OK)
        rc = cron_pass(app, &ids, true, w, out, e);
    if (rc == ERR_OK)
        rc = settings_store_set(app->db, "loyalty.tiers_window_from", to, e);
    rows_free(&ids);
    return rc;
}

int loyalty_expire(struct app *app, struct loyalty_expiry_run *out, struct err *e)
{
    struct loyalty_when w;
    struct rows ids = {0};
    char after[11];
    memset(out, 0, sizeof *out);
    int rc = app_require(app, ACT_LOYALTY_EXPIRE, e);
    if (rc != ERR_OK)
        return rc;
    loyalty_now(&w);
    settings_get(app, "loyalty.expired_through", "", after, sizeof after);
    rc = loyalty_store_expiring_customers(app->db, after, w.day, &ids, e);
    if (rc == ERR_OK)
        rc = cron_pass(app, &ids, false, &w, out, e);
    if (rc == ERR_OK)
        rc = settings_store_set(app->db, "loyalty.expired_through", w.day, e);
    if (rc == ERR_OK)
        rc = cron_tiers(app, &w, out, e);
    rows_free(&ids);
    return rc;
}
