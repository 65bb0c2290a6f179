/* JSON images of the objects for the audit log's before and after columns. */
#include "src/accounts.h"
#include "src/audit.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/products.h"

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
