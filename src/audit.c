/* The audit log from the core's side: who did what to which object, with JSON
 * images of the object before and after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

int audit_record(struct app *app, const char *action, const char *object_type,
                 const char *object_key, const char *before_json, const char *after_json,
                 struct err *e)
{
    struct audit_entry a = {0};
    db_now_utc(a.at);
    a.user_id = app->user.id;
    if (strcmp(app->real_login, app->user.login) != 0 && app->real_login[0])
        snprintf(a.user_login, sizeof a.user_login, "%.28s (as %.28s)", app->real_login, app->user.login);
    else
        snprintf(a.user_login, sizeof a.user_login, "%s", app->user.login);
    snprintf(a.action, sizeof a.action, "%s", action);
    snprintf(a.object_type, sizeof a.object_type, "%s", object_type);
    snprintf(a.object_key, sizeof a.object_key, "%s", object_key);
    a.before_json = before_json;
    a.after_json = after_json;
    return audit_store_append(app->db, &a, e);
}

/* ---------------------------------------------------------------- json */

static void json_put(struct json *j, const char *s, size_t n)
{
    if (j->len + n + 1 > j->cap) {
        while (j->len + n + 1 > j->cap)
            j->cap = j->cap ? j->cap * 2 : 256;
        j->buf = xrealloc(j->buf, j->cap);
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

static void json_quoted(struct json *j, const char *s)
{
    json_put(j, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            json_put(j, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            json_put(j, esc, 6);
        } else {
            json_put(j, (const char *)p, 1);
        }
    }
    json_put(j, "\"", 1);
}

static void json_key(struct json *j, const char *key)
{
    if (!j->first)
        json_put(j, ",", 1);
    j->first = false;
    json_quoted(j, key);
    json_put(j, ":", 1);
}

void json_begin(struct json *j)
{
    memset(j, 0, sizeof *j);
    j->first = true;
    json_put(j, "{", 1);
}

void json_str(struct json *j, const char *key, const char *value)
{
    json_key(j, key);
    json_quoted(j, value);
}

void json_int(struct json *j, const char *key, int64_t value)
{
    char num[32];
    json_key(j, key);
    snprintf(num, sizeof num, "%lld", (long long)value);
    json_put(j, num, strlen(num));
}

void json_bool(struct json *j, const char *key, bool value)
{
    json_key(j, key);
    json_put(j, value ? "true" : "false", value ? 4 : 5);
}

const char *json_end(struct json *j)
{
    json_put(j, "}", 1);
    return j->buf;
}

void json_free(struct json *j)
{
    free(j->buf);
    memset(j, 0, sizeof *j);
}

/* ------------------------------------------------- images of the objects */

char *account_to_json(const struct account *a)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "code", a->code);
    json_str(&j, "name", a->name);
    json_str(&j, "vat_number", a->vat_number);
    json_str(&j, "email", a->email);
    json_str(&j, "phone", a->phone);
    json_str(&j, "billing_address", a->billing_address);
    json_str(&j, "shipping_address", a->shipping_address);
    json_str(&j, "city", a->city);
    json_str(&j, "country", a->country);
    json_int(&j, "payment_terms_days", a->payment_terms_days);
    json_int(&j, "credit_limit", a->credit_limit);
    json_int(&j, "rep_id", a->rep_id);
    json_str(&j, "tier", a->tier);
    json_str(&j, "notes", a->notes);
    json_int(&j, "version", a->version);
    json_end(&j);
    return j.buf;
}

char *contact_to_json(const struct contact *c)
{
    struct json j;
    json_begin(&j);
    json_int(&j, "id", c->id);
    json_int(&j, "account_id", c->account_id);
    json_str(&j, "name", c->name);
    json_str(&j, "role", c->role);
    json_str(&j, "email", c->email);
    json_str(&j, "phone", c->phone);
    json_str(&j, "title", c->title);
    json_end(&j);
    return j.buf;
}

char *customer_to_json(const struct customer *c)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "name", c->name);
    json_str(&j, "email", c->email);
    json_str(&j, "phone", c->phone);
    json_str(&j, "address", c->address);
    json_str(&j, "city", c->city);
    json_str(&j, "country", c->country);
    json_int(&j, "loyalty_points", c->loyalty_points);
    json_str(&j, "loyalty_tier", c->loyalty_tier);
    json_int(&j, "version", c->version);
    json_end(&j);
    return j.buf;
}

char *product_to_json(const struct product *p)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "sku", p->sku);
    json_str(&j, "name", p->name);
    json_str(&j, "category", p->category);
    json_str(&j, "unit", p->unit);
    json_int(&j, "list_price", p->list_price);
    json_str(&j, "tax_class", p->tax_class);
    json_int(&j, "unit_cost", p->unit_cost);
    json_int(&j, "stock_on_hand", p->stock_on_hand);
    json_int(&j, "stock_reserved", p->stock_reserved);
    json_int(&j, "min_order_qty", p->min_order_qty);
    json_int(&j, "pack_size", p->pack_size);
    json_bool(&j, "active", p->active);
    json_int(&j, "version", p->version);
    json_end(&j);
    return j.buf;
}

char *order_to_json(const struct order *o)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "number", o->number);
    json_str(&j, "channel", channel_name(o->channel));
    json_int(&j, "account_id", o->account_id);
    json_int(&j, "customer_id", o->customer_id);
    json_str(&j, "status", order_status_name(o->status));
    json_str(&j, "placed_at", o->placed_at);
    json_str(&j, "shipping_method", o->shipping_method);
    json_str(&j, "promised_date", o->promised_date);
    json_int(&j, "subtotal", o->subtotal);
    json_int(&j, "tax_total", o->tax_total);
    json_int(&j, "total", o->total);
    json_str(&j, "note", o->note);
    json_int(&j, "version", o->version);
    json_end(&j);
    return j.buf;
}
