/* The CSV columns of each kind — named after the struct fields of db/db.h —
 * with their types and the schema's defaults, shared by import and export so
 * the two always agree; and the date and rate forms the files use. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/accounts.h"
#include "src/base/err.h"
#include "src/base/money.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/products.h"

#define REQ CSV_COL_REQUIRED
#define TXT CSV_COL_TEXT
#define TEXT_FIELD(type, field, flags)                                                                       \
    {                                                                                                        \
#field, (flags) | TXT, F_TEXT, offsetof(struct type, field), sizeof(((struct type *)0)->field), 0, 0 \
    }
#define NUM_FIELD(type, field, kind, lo, hi)                                                                 \
    {                                                                                                        \
#field, 0, kind, offsetof(struct type, field), sizeof(((struct type *)0)->field), lo, hi             \
    }
#define SPECIAL(name, flags)                                                                                 \
    {                                                                                                        \
        name, flags, F_SPECIAL, 0, 0, 0, 0                                                                   \
    }

static const struct field_spec account_fields[] = {
    TEXT_FIELD(account, code, REQ | FIELD_KEY),
    TEXT_FIELD(account, name, REQ),
    TEXT_FIELD(account, vat_number, 0),
    TEXT_FIELD(account, email, 0),
    TEXT_FIELD(account, phone, 0),
    TEXT_FIELD(account, billing_address, FIELD_MULTILINE),
    TEXT_FIELD(account, shipping_address, FIELD_MULTILINE),
    TEXT_FIELD(account, city, 0),
    TEXT_FIELD(account, country, 0),
    NUM_FIELD(account, payment_terms_days, F_INT, 0, 365),
    NUM_FIELD(account, credit_limit, F_MONEY, 0, INT64_MAX),
    SPECIAL("rep", TXT), /* the rep's login */
    TEXT_FIELD(account, tier, 0),
    TEXT_FIELD(account, notes, FIELD_MULTILINE),
};

static const struct field_spec contact_fields[] = {
    TEXT_FIELD(contact, account_code, REQ | FIELD_KEY),
    TEXT_FIELD(contact, name, REQ | FIELD_KEY),
    TEXT_FIELD(contact, role, 0),
    TEXT_FIELD(contact, email, 0),
    TEXT_FIELD(contact, phone, 0),
    TEXT_FIELD(contact, title, 0),
};

static const struct field_spec customer_fields[] = {
    TEXT_FIELD(customer, name, REQ),
    TEXT_FIELD(customer, email, REQ | FIELD_KEY),
    TEXT_FIELD(customer, phone, 0),
    TEXT_FIELD(customer, address, FIELD_MULTILINE),
    TEXT_FIELD(customer, city, 0),
    TEXT_FIELD(customer, country, 0),
    NUM_FIELD(customer, loyalty_points, F_I64, 0, INT64_MAX),
    TEXT_FIELD(customer, loyalty_tier, 0),
};

static const struct field_spec product_fields[] = {
    TEXT_FIELD(product, sku, REQ | FIELD_KEY),
    TEXT_FIELD(product, name, REQ),
    TEXT_FIELD(product, category, 0),
    TEXT_FIELD(product, unit, 0),
    {"list_price", REQ, F_MONEY, offsetof(struct product, list_price), sizeof(int64_t), 0, INT64_MAX},
    TEXT_FIELD(product, tax_class, 0),
    NUM_FIELD(product, unit_cost, F_MONEY, 0, INT64_MAX),
    NUM_FIELD(product, stock_on_hand, F_I64, 0, INT64_MAX),
    NUM_FIELD(product, min_order_qty, F_I64, 1, INT64_MAX),
    NUM_FIELD(product, pack_size, F_I64, 1, INT64_MAX),
    NUM_FIELD(product, active, F_BOOL, 0, 1),
};

/* One row per order line; the order's own columns repeat on each of its lines. */
static const struct field_spec order_fields[] = {
    TEXT_FIELD(order, number, REQ | FIELD_KEY),
    SPECIAL("placed_at", REQ),
    SPECIAL("channel", 0),
    SPECIAL("account_code", TXT),
    SPECIAL("customer_email", TXT),
    SPECIAL("status", 0),
    TEXT_FIELD(order, shipping_method, 0),
    SPECIAL("requested_date", 0),
    SPECIAL("promised_date", 0),
    TEXT_FIELD(order, ship_name, 0),
    TEXT_FIELD(order, ship_address, FIELD_MULTILINE),
    TEXT_FIELD(order, note, FIELD_MULTILINE),
    TEXT_FIELD(order_line, sku, REQ | FIELD_LINE),
    TEXT_FIELD(order_line, description, FIELD_LINE),
    /* checked by the orders code: a negative quantity deserves its own message */
    {"quantity", REQ | FIELD_LINE, F_I64, offsetof(struct order_line, quantity), sizeof(int64_t), INT64_MIN,
     INT64_MAX},
    {"unit_price", REQ | FIELD_LINE, F_MONEY, offsetof(struct order_line, unit_price), sizeof(int64_t), 0,
     INT64_MAX},
    SPECIAL("tax_rate", FIELD_LINE),
    /* a line's share of an order discount; absent means none */
    {"discount_amount", FIELD_LINE, F_MONEY, offsetof(struct order_line, discount_amount), sizeof(int64_t), 0,
     INT64_MAX},
    SPECIAL("tax_class", FIELD_LINE | FIELD_IMPORT_ONLY | TXT),
};

#define SPEC(k, name, object, fields)                                                                        \
    {                                                                                                        \
        k, name, object, fields, (int)(sizeof fields / sizeof fields[0])                                     \
    }

static const struct kind_spec kinds[IMPORT_KIND_COUNT] = {
    SPEC(IMPORT_ACCOUNTS, "accounts", "account", account_fields),
    SPEC(IMPORT_CONTACTS, "contacts", "contact", contact_fields),
    SPEC(IMPORT_CUSTOMERS, "customers", "customer", customer_fields),
    SPEC(IMPORT_PRODUCTS, "products", "product", product_fields),
    SPEC(IMPORT_ORDERS, "orders", "order", order_fields),
};

const struct kind_spec *csv_kind_spec(enum import_kind kind)
{
    return (unsigned)kind < IMPORT_KIND_COUNT ? &kinds[kind] : NULL;
}

int csv_kind_field(const struct kind_spec *k, const char *name)
{
    for (int i = 0; i < k->nfields; i++)
        if (strcmp(k->fields[i].name, name) == 0)
            return i;
    return -1;
}

const char *import_kind_name(enum import_kind k)
{
    return (unsigned)k < IMPORT_KIND_COUNT ? kinds[k].name : "?";
}

int import_kind_parse(const char *text, enum import_kind *out)
{
    for (int i = 0; text && i < IMPORT_KIND_COUNT; i++) {
        /* "account" as well as "accounts" */
        size_t n = strlen(kinds[i].object);
        if (strcasecmp(text, kinds[i].name) == 0 ||
            (strncasecmp(text, kinds[i].object, n) == 0 && text[n] == '\0')) {
            *out = kinds[i].kind;
            return ERR_OK;
        }
    }
    return ERR_INVALID;
}

/* ------------------------------------------------------------ defaults */

/* The DEFAULT clauses of 0001_base.sql, so an import that leaves a column
 * out stores what an INSERT without it would. */
void csv_account_defaults(struct account *a)
{
    memset(a, 0, sizeof *a);
    a->payment_terms_days = 30;
}

void csv_contact_defaults(struct contact *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->role, sizeof c->role, "%s", contact_roles[0]);
}

void csv_customer_defaults(struct customer *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->loyalty_tier, sizeof c->loyalty_tier, "bronze");
}

void csv_product_defaults(struct product *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->unit, sizeof p->unit, "each");
    snprintf(p->tax_class, sizeof p->tax_class, "standard");
    p->min_order_qty = 1;
    p->pack_size = 1;
    p->active = true;
}

void csv_order_defaults(struct order *o)
{
    memset(o, 0, sizeof *o);
    o->channel = CHANNEL_B2C;
    o->status = ORDER_PLACED;
    snprintf(o->shipping_method, sizeof o->shipping_method, "standard");
}

/* ------------------------------------------------------- dates, rates */

static int parse_amount_as(const char *text, enum money_decimal mark, bool percent, int64_t *out,
                           struct err *e)
{
    return percent ? bp_parse_as(text, mark, out, e) : money_parse_as(text, mark, out, e);
}

bool csv_parse_amount(const char *text, enum money_decimal mark, bool percent, int64_t *out, char *reason,
                      size_t len)
{
    struct err e = {0};
    if (parse_amount_as(text, mark, percent, out, &e) == ERR_OK)
        return true;
    /* the column already says it is an amount: keep the why and the expected */
    const char *msg = e.msg, *colon = strstr(msg, ": ");
    if (colon && (strncmp(msg, "not an amount", 13) == 0 || strncmp(msg, "not a percentage", 16) == 0))
        msg = colon + 2;
    enum money_decimal other = mark == MONEY_DECIMAL_COMMA ? MONEY_DECIMAL_POINT : MONEY_DECIMAL_COMMA;
    int64_t alt;
    char shown[40] = "";
    if (parse_amount_as(text, other, percent, &alt, NULL) == ERR_OK) {
        percent ? csv_rate_format(alt, shown, sizeof shown) : money_format_plain(alt, shown, sizeof shown);
        snprintf(reason, len, "%s; with --decimal %c it reads %s%s", msg,
                 other == MONEY_DECIMAL_COMMA ? ',' : '.', shown, percent ? " %" : "");
    } else {
        snprintf(reason, len, "%s", msg);
    }
    return false;
}

void csv_rate_format(int64_t bp, char *out, size_t len)
{
    money_format_plain(bp, out, len);
    char *dot = strchr(out, '.');
    if (dot == NULL)
        return;
    char *end = out + strlen(out) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

/* Reads exactly n digits. */
static bool read_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static bool parse_ymd(const char **p, int *y, int *m, int *d)
{
    if (!read_digits(p, 4, y) || **p != '-')
        return false;
    (*p)++;
    if (!read_digits(p, 2, m) || **p != '-')
        return false;
    (*p)++;
    if (!read_digits(p, 2, d))
        return false;
    return *y >= 1000 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

/* " HH:MM[:SS[.fff]]" or "THH:MM…", then an optional Z; *p at the separator. */
static bool parse_hms(const char **p, int *hh, int *mm, int *ss)
{
    *hh = *mm = *ss = 0;
    if (**p == '\0')
        return true;
    if (**p != ' ' && **p != 'T')
        return false;
    (*p)++;
    if (!read_digits(p, 2, hh) || **p != ':')
        return false;
    (*p)++;
    if (!read_digits(p, 2, mm))
        return false;
    if (**p == ':') {
        (*p)++;
        if (!read_digits(p, 2, ss))
            return false;
        if (**p == '.') {
            (*p)++;
            if (**p < '0' || **p > '9')
                return false;
            while (**p >= '0' && **p <= '9')
                (*p)++;
        }
    }
    if (**p == 'Z')
        (*p)++;
    return **p == '\0' && *hh < 24 && *mm < 60 && *ss < 60;
}

int csv_parse_datetime(const char *text, char out[32])
{
    const char *p = text;
    int y, m, d, hh, mm, ss;
    if (!parse_ymd(&p, &y, &m, &d) || !parse_hms(&p, &hh, &mm, &ss))
        return -1;
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mm, ss);
    return 0;
}

int csv_parse_date(const char *text, char out[11])
{
    const char *p = text;
    int y, m, d, hh, mm, ss;
    if (!parse_ymd(&p, &y, &m, &d) || !parse_hms(&p, &hh, &mm, &ss))
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}
