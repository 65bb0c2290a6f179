/* The promised date (step 9 of the pipeline, pure): the day an order
 * leaves (today when it is a business day and the method's cut-off has not
 * passed, else the next business day; never before the stock a back-order
 * waits for), then the method's lead time in business days. Business days
 * are Monday to Friday except the closures; dates are store-local. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/b2c/cart.h"

/* Noon UTC of a date: adding days never crosses a daylight-saving change. */
static bool date_noon(const char *date, time_t *out)
{
    struct tm tm = {0};
    if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    *out = timegm(&tm);
    return true;
}

static void date_add(const char *date, int days, char out[11])
{
    time_t t;
    if (!date_noon(date, &t)) {
        snprintf(out, 11, "%s", date);
        return;
    }
    t += (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int closure_cmp(const void *key, const void *item)
{
    return strcmp(key, item);
}

bool business_day(const char *date, char (*closures)[11], int nclosures)
{
    time_t t;
    if (!date_noon(date, &t))
        return false;
    struct tm tm;
    gmtime_r(&t, &tm);
    if (tm.tm_wday == 0 || tm.tm_wday == 6)
        return false;
    return nclosures <= 0 ||
           bsearch(date, closures, (size_t)nclosures, sizeof closures[0], closure_cmp) == NULL;
}

void business_days_after(const char *date, int n, char (*closures)[11], int nclosures, char out[11])
{
    char day[11];
    snprintf(day, sizeof day, "%s", date);
    /* Closures are few: a year of them cannot stop the walk for long. */
    for (int guard = 0; !business_day(day, closures, nclosures) && guard < 400; guard++)
        date_add(day, 1, day);
    for (int counted = 0, guard = 0; counted < n && guard < 4000; guard++) {
        date_add(day, 1, day);
        if (business_day(day, closures, nclosures))
            counted++;
    }
    snprintf(out, 11, "%s", day);
}

void promise_ship_day(const char *today, const char *now_hm, const struct shipping_method *m,
                      char (*closures)[11], int nclosures, char out[11])
{
    bool late = m != NULL && m->cutoff[0] != '\0' && strcmp(now_hm, m->cutoff) >= 0;
    if (business_day(today, closures, nclosures) && !late) {
        snprintf(out, 11, "%s", today);
        return;
    }
    char next[11];
    date_add(today, 1, next);
    business_days_after(next, 0, closures, nclosures, out);
}

/* The day the last back-ordered line's stock is expected (each line's in
 * its expected_date), or "" when nothing waits. */
static void backorders_expected(const struct cart_inputs *in, struct priced_cart *p, char latest[11])
{
    latest[0] = '\0';
    for (int i = 0; i < p->ngoods; i++) {
        struct priced_line *l = &p->lines[i];
        if (l->backorder_qty <= 0)
            continue;
        const struct cart_product *pr = cart_inputs_product(in, l->product_id);
        int days = pr != NULL && pr->restock_days >= 0 ? (int)pr->restock_days : in->backorder_days;
        business_days_after(in->today, days, in->closures, in->nclosures, l->expected_date);
        if (strcmp(l->expected_date, latest) > 0)
            snprintf(latest, 11, "%s", l->expected_date);
    }
}

int cart_step_promise(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e);

int cart_step_promise(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e)
{
    (void)e;
    const struct shipping_method *m = cart_inputs_method(in, p->shipping_method);
    char ship[11], latest[11];
    backorders_expected(in, p, latest);
    if (m == NULL || p->ngoods == 0)
        return ERR_OK;
    promise_ship_day(in->today, in->now_hm, m, in->closures, in->nclosures, ship);
    if (strcmp(latest, ship) > 0)
        snprintf(ship, sizeof ship, "%s", latest);
    business_days_after(ship, m->lead_days, in->closures, in->nclosures, p->promised_date);
    if (c->requested_date[0] == '\0')
        return ERR_OK;
    if (strcmp(p->promised_date, c->requested_date) > 0) {
        p->promise_after_request = true;
        priced_cart_note(p, NOTE_WARNING, false, 0, "promised %s, after the requested %s", p->promised_date,
                         c->requested_date);
    } else {
        /* Delivered when asked, not before. */
        snprintf(p->promised_date, sizeof p->promised_date, "%s", c->requested_date);
    }
    return ERR_OK;
}
