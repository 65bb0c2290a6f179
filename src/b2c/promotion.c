/* Managing promotions: checking every field, creating and changing them
 * with their SKUs and shared code, disabling, reading and listing them,
 * batches of single-use codes; rights (managers and admins edit, everyone
 * who sells may read) and the audit log. See promotion.h. */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "db/promotion_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/promotion.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

#define PROMO_NAME_CHARS 64
#define PROMO_MAX_CODES 100000

void promotion_today(char out[11])
{
    datetime_today(out);
}

/* ------------------------------------------------------------ words */

static const char *const kind_words[PROMO_KIND_COUNT + 1] = {"percent",       "fixed", "buy-get",
                                                             "free-shipping", "price", NULL};

const char *promotion_kind_word(enum promotion_kind k)
{
    return name_at(kind_words, PROMO_KIND_COUNT, (int)k);
}

int promotion_parse_kind(const char *text, enum promotion_kind *out, struct err *e)
{
    int i = name_index(kind_words, PROMO_KIND_COUNT, text, true);
    if (i < 0)
        i = name_index(promotion_kind_names, PROMO_KIND_COUNT, text, true);
    if (i < 0)
        return err_set(e, ERR_INVALID, "kind",
                       "a kind is percent, fixed, buy-get, free-shipping or price, not '%s'", text);
    *out = (enum promotion_kind)i;
    return ERR_OK;
}

int promotion_parse_target(const char *text, struct promotion_edit *out, struct err *e)
{
    out->p.category[0] = out->skus[0] = '\0';
    if (text[0] == '\0' || strcasecmp(text, "order") == 0) {
        out->p.target = PROMO_ON_ORDER;
        return ERR_OK;
    }
    if (strncasecmp(text, "category:", 9) == 0 && strlen(text + 9) < sizeof out->p.category) {
        out->p.target = PROMO_ON_CATEGORY;
        snprintf(out->p.category, sizeof out->p.category, "%s", text + 9);
        return ERR_OK;
    }
    if (strncasecmp(text, "sku:", 4) == 0 && strlen(text + 4) < sizeof out->skus) {
        out->p.target = PROMO_ON_SKUS;
        snprintf(out->skus, sizeof out->skus, "%s", text + 4);
        return ERR_OK;
    }
    return err_set(e, ERR_INVALID, "on", "on order, category:NAME or sku:SKU[,SKU…], not '%s'", text);
}

int promotion_parse_value(const char *text, enum promotion_kind kind, int64_t *out, struct err *e)
{
    struct err ignore = {0};
    *out = 0;
    if (kind == PROMO_PERCENT) {
        if (bp_parse(text, out, &ignore) != ERR_OK || *out < 1 || *out > 10000)
            return err_set(e, ERR_INVALID, "value", "a percentage from 0.01 to 100, not '%s'", text);
        return ERR_OK;
    }
    if (kind == PROMO_FIXED || kind == PROMO_PRICE) {
        if (money_parse(text, out, &ignore) != ERR_OK || *out < 0)
            return err_set(e, ERR_INVALID, "value", "an amount like 10.00, not '%s'", text);
        return ERR_OK;
    }
    if (text[0])
        return err_set(e, ERR_INVALID, "value", "%s takes no value", promotion_kind_word(kind));
    return ERR_OK;
}

void promotion_format_target(const struct promotion_edit *in, char *out, size_t len)
{
    if (in->p.target == PROMO_ON_CATEGORY)
        snprintf(out, len, "category:%s", in->p.category);
    else if (in->p.target == PROMO_ON_SKUS)
        snprintf(out, len, "sku:%s", in->skus);
    else
        snprintf(out, len, "order");
}

void promotion_format_value(const struct promotion *p, char *out, size_t len)
{
    char text[32] = "";
    if (p->kind == PROMO_PERCENT) {
        bp_format(p->value, text, sizeof text);
        char *pct = strstr(text, " %");
        if (pct)
            *pct = '\0';
    } else if (p->kind == PROMO_FIXED || p->kind == PROMO_PRICE) {
        money_format_plain(p->value, text, sizeof text);
    }
    snprintf(out, len, "%s", text);
}

/* ------------------------------------------------------------ the editor's text */

const char *const promotion_field_names[] = {
    "name",     "kind",    "value",        "on",      "buy",      "get",       "get_percent",
    "max_free", "dearest", "min_subtotal", "min_qty", "from",     "to",        "trigger",
    "code",     "limit",   "per_customer", "budget",  "priority", "exclusive", "stop",
    "channel",  "tier",    "first_order",  NULL};

struct field_reader {
    const char *(*get)(void *ctx, const char *field);
    void *ctx;
    struct err *e;
};

static const char *field_text(const struct field_reader *r, const char *field)
{
    const char *v = r->get(r->ctx, field);
    while (v && *v == ' ')
        v++;
    return v ? v : "";
}

/* A whole number from lo to hi; empty = none (*out 0). */
static int read_whole(const struct field_reader *r, const char *field, int64_t lo, int64_t hi, int64_t *out,
                      const char *what)
{
    const char *v = field_text(r, field);
    *out = 0;
    if (v[0] == '\0')
        return ERR_OK;
    char *end = NULL;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    while (end && *end == ' ')
        end++;
    if (errno || end == v || *end != '\0' || n < lo || n > hi)
        return err_set(r->e, ERR_INVALID, field, "%s, not '%s'", what, v);
    *out = n;
    return ERR_OK;
}

static int read_yes_no(const struct field_reader *r, const char *field, bool *out)
{
    const char *v = field_text(r, field);
    *out = false;
    if (v[0] == '\0' || strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0)
        return ERR_OK;
    if (strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0) {
        *out = true;
        return ERR_OK;
    }
    return err_set(r->e, ERR_INVALID, field, "yes or no, not '%s'", v);
}

static int read_money_field(const struct field_reader *r, const char *field, int64_t none, int64_t *out)
{
    const char *v = field_text(r, field);
    struct err ignore = {0};
    *out = none;
    if (v[0] == '\0')
        return ERR_OK;
    if (money_parse(v, out, &ignore) != ERR_OK || *out < 0)
        return err_set(r->e, ERR_INVALID, field, "an amount like 50.00, not '%s'", v);
    return ERR_OK;
}

static int read_kind_value(const struct field_reader *r, struct promotion_edit *out)
{
    struct promotion *p = &out->p;
    int rc = promotion_parse_kind(field_text(r, "kind"), &p->kind, r->e);
    if (rc == ERR_OK)
        rc = promotion_parse_value(field_text(r, "value"), p->kind, &p->value, r->e);
    if (rc == ERR_OK)
        rc = promotion_parse_target(field_text(r, "on"), out, r->e);
    if (rc == ERR_OK && p->kind == PROMO_BUY_GET) {
        const char *pct = field_text(r, "get_percent");
        struct err ignore = {0};
        p->get_percent_bp = 10000;
        if (pct[0] && (bp_parse(pct, &p->get_percent_bp, &ignore) != ERR_OK || p->get_percent_bp < 1 ||
                       p->get_percent_bp > 10000))
            rc = err_set(r->e, ERR_INVALID, "get_percent", "the Y items' discount: from 0.01 to 100 %%");
        if (rc == ERR_OK)
            rc = read_whole(r, "buy", 1, 1000, &p->buy_qty, "buy X: a number of items from 1 to 1000");
        if (rc == ERR_OK)
            rc = read_whole(r, "get", 1, 1000, &p->get_qty, "get Y: a number of items from 1 to 1000");
        if (rc == ERR_OK)
            rc = read_whole(r, "max_free", 1, 1000000, &p->max_free,
                            "at most N discounted items (empty: no maximum)");
        if (rc == ERR_OK)
            rc = read_yes_no(r, "dearest", &p->dearest);
    }
    return rc;
}

static int read_when_and_who(const struct field_reader *r, struct promotion_edit *out)
{
    struct promotion *p = &out->p;
    snprintf(p->starts_on, sizeof p->starts_on, "%s", field_text(r, "from"));
    snprintf(p->ends_on, sizeof p->ends_on, "%s", field_text(r, "to"));
    char t[16];
    snprintf(t, sizeof t, "%s", field_text(r, "trigger")); /* get's text lasts until its next call */
    snprintf(out->code, sizeof out->code, "%s", field_text(r, "code"));
    int a = t[0] ? name_index(promotion_activation_names, PROMO_ACTIVATION_COUNT, t, true) : -1;
    if (t[0] && a < 0)
        return err_set(r->e, ERR_INVALID, "trigger", "auto or code, not '%s'", t);
    p->activation = a >= 0 ? (enum promotion_activation)a : out->code[0] ? PROMO_CODE : PROMO_AUTO;
    const char *ch = field_text(r, "channel");
    p->channel = -1;
    if (ch[0] && strcasecmp(ch, "any") != 0 &&
        (p->channel = name_index((const char *const[]){"b2b", "b2c", NULL}, 2, ch, true)) < 0)
        return err_set(r->e, ERR_INVALID, "channel", "b2c, b2b, or any, not '%s'", ch);
    const char *tier = field_text(r, "tier");
    if (strlen(tier) >= sizeof p->tier)
        return err_set(r->e, ERR_INVALID, "tier", "a tier name has at most %zu characters",
                       sizeof p->tier - 1);
    snprintf(p->tier, sizeof p->tier, "%s", strcasecmp(tier, "any") == 0 ? "" : tier);
    return read_yes_no(r, "first_order", &p->first_order);
}

static int read_limits(const struct field_reader *r, struct promotion *p)
{
    int64_t priority = 0;
    int rc = read_money_field(r, "min_subtotal", 0, &p->min_subtotal);
    if (rc == ERR_OK)
        rc = read_whole(r, "min_qty", 0, 1000000, &p->min_qty, "a number of items from 0 to 1,000,000");
    if (rc == ERR_OK)
        rc = read_whole(r, "limit", 1, INT64_MAX, &p->max_uses,
                        "a number of uses of 1 or more (empty: no limit)");
    if (rc == ERR_OK)
        rc = read_whole(r, "per_customer", 1, INT64_MAX, &p->per_customer,
                        "a number of uses of 1 or more (empty: no limit)");
    if (rc == ERR_OK)
        rc = read_money_field(r, "budget", -1, &p->budget);
    if (rc == ERR_OK)
        rc = read_whole(r, "priority", -999, 999, &priority, "a priority from -999 to 999");
    p->priority = (int)priority;
    if (rc == ERR_OK)
        rc = read_yes_no(r, "exclusive", &p->exclusive);
    if (rc == ERR_OK)
        rc = read_yes_no(r, "stop", &p->stop);
    return rc;
}

int promotion_edit_read(const char *(*get)(void *ctx, const char *field), void *ctx,
                        struct promotion_edit *out, struct err *e)
{
    struct field_reader r = {get, ctx, e};
    int64_t id = out->p.id, version = out->p.version;
    memset(out, 0, sizeof *out);
    out->p.id = id;
    out->p.version = version;
    out->p.budget = -1;
    out->p.get_percent_bp = 10000;
    out->p.channel = -1;
    const char *name = field_text(&r, "name");
    if (strlen(name) >= sizeof out->p.name)
        return err_set(e, ERR_INVALID, "name", "a name has at most %d characters", PROMO_NAME_CHARS);
    snprintf(out->p.name, sizeof out->p.name, "%s", name);
    int rc = read_kind_value(&r, out);
    if (rc == ERR_OK)
        rc = read_when_and_who(&r, out);
    if (rc == ERR_OK)
        rc = read_limits(&r, &out->p);
    return rc;
}

static void whole_or_empty(int64_t v, char *out, size_t len)
{
    if (v > 0)
        snprintf(out, len, "%lld", (long long)v);
    else
        out[0] = '\0';
}

static void percent_text(int64_t bp, char *out, size_t len)
{
    char text[32];
    bp_format(bp, text, sizeof text);
    char *pct = strstr(text, " %");
    if (pct)
        *pct = '\0';
    snprintf(out, len, "%s", text);
}

void promotion_edit_field(const struct promotion_edit *in, const char *f, char *out, size_t len)
{
    const struct promotion *p = &in->p;
    out[0] = '\0';
    if (strcmp(f, "name") == 0)
        snprintf(out, len, "%s", p->name);
    else if (strcmp(f, "kind") == 0)
        snprintf(out, len, "%s", promotion_kind_word(p->kind));
    else if (strcmp(f, "value") == 0)
        promotion_format_value(p, out, len);
    else if (strcmp(f, "on") == 0)
        promotion_format_target(in, out, len);
    else if (strcmp(f, "buy") == 0 || strcmp(f, "get") == 0 || strcmp(f, "max_free") == 0)
        whole_or_empty(p->kind != PROMO_BUY_GET ? 0
                       : f[0] == 'b'            ? p->buy_qty
                       : f[0] == 'g'            ? p->get_qty
                                                : p->max_free,
                       out, len);
    else if (strcmp(f, "get_percent") == 0)
        percent_text(p->get_percent_bp > 0 ? p->get_percent_bp : 10000, out, len);
    else if (strcmp(f, "min_subtotal") == 0 && p->min_subtotal > 0)
        money_format_plain(p->min_subtotal, out, len);
    else if (strcmp(f, "budget") == 0 && p->budget >= 0)
        money_format_plain(p->budget, out, len);
    else if (strcmp(f, "min_qty") == 0)
        whole_or_empty(p->min_qty, out, len);
    else if (strcmp(f, "limit") == 0)
        whole_or_empty(p->max_uses, out, len);
    else if (strcmp(f, "per_customer") == 0)
        whole_or_empty(p->per_customer, out, len);
    else if (strcmp(f, "priority") == 0)
        snprintf(out, len, "%d", p->priority);
    else if (strcmp(f, "from") == 0)
        snprintf(out, len, "%s", p->starts_on);
    else if (strcmp(f, "to") == 0)
        snprintf(out, len, "%s", p->ends_on);
    else if (strcmp(f, "trigger") == 0)
        snprintf(out, len, "%s",
                 name_at(promotion_activation_names, PROMO_ACTIVATION_COUNT, (int)p->activation));
    else if (strcmp(f, "code") == 0)
        snprintf(out, len, "%s", in->code);
    else if (strcmp(f, "channel") == 0)
        snprintf(out, len, "%s",
                 p->channel == CHANNEL_B2B   ? "b2b"
                 : p->channel == CHANNEL_B2C ? "b2c"
                                             : "any");
    else if (strcmp(f, "tier") == 0)
        snprintf(out, len, "%s", p->tier);
    else if (strcmp(f, "dearest") == 0 || strcmp(f, "exclusive") == 0 || strcmp(f, "stop") == 0 ||
             strcmp(f, "first_order") == 0)
        snprintf(out, len, "%s",
                 (f[0] == 'd'   ? p->dearest
                  : f[0] == 'e' ? p->exclusive
                  : f[0] == 's' ? p->stop
                                : p->first_order)
                     ? "yes"
                     : "no");
}

/* ------------------------------------------------------------ checking */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A code: 3 to 32 letters, digits, '-' or '_'. */
static bool code_shape(const char *code, size_t min)
{
    size_t n = strlen(code);
    if (n < min || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i]) && code[i] != '-' && code[i] != '_')
            return false;
    return true;
}

static int check_value(const struct promotion_edit *in, struct err *e)
{
    const struct promotion *p = &in->p;
    switch (p->kind) {
    case PROMO_PERCENT:
        if (p->value < 1 || p->value > 10000)
            return err_set(e, ERR_INVALID, "value", "a percentage from 0.01 to 100");
        return ERR_OK;
    case PROMO_FIXED:
        if (p->value < 1)
            return err_set(e, ERR_INVALID, "value", "an amount above 0.00");
        return ERR_OK;
    case PROMO_PRICE:
        if (p->value < 0)
            return err_set(e, ERR_INVALID, "value", "a price of 0.00 or more");
        if (p->target == PROMO_ON_ORDER)
            return err_set(e, ERR_INVALID, "on", "a fixed price is for a category or SKUs, not the order");
        return ERR_OK;
    case PROMO_BUY_GET:
        if (p->buy_qty < 1 || p->buy_qty > 1000)
            return err_set(e, ERR_INVALID, "buy", "buy X: a number of items from 1 to 1000");
        if (p->get_qty < 1 || p->get_qty > 1000)
            return err_set(e, ERR_INVALID, "get", "get Y: a number of items from 1 to 1000");
        if (p->get_percent_bp < 1 || p->get_percent_bp > 10000)
            return err_set(e, ERR_INVALID, "get_percent", "the Y items' discount: from 0.01 to 100 %%");
        if (p->max_free < 0)
            return err_set(e, ERR_INVALID, "max_free", "at most N items: a number of 1 or more");
        return ERR_OK;
    case PROMO_FREE_SHIPPING: return ERR_OK;
    }
    return err_set(e, ERR_INVALID, "kind", "kind: percent, fixed, buy-get, free-shipping or price");
}

static int check_target(const struct promotion_edit *in, struct err *e)
{
    const struct promotion *p = &in->p;
    if (p->target == PROMO_ON_CATEGORY) {
        int rc = text_check("category", p->category, sizeof p->category - 1, TEXT_REQUIRED | TEXT_KEY, e);
        if (rc != ERR_OK)
            return err_set(e, ERR_INVALID, "on", "category: %s", e ? e->msg : "not a category");
    }
    if (p->target == PROMO_ON_SKUS && strspn(in->skus, " ,") == strlen(in->skus))
        return err_set(e, ERR_INVALID, "on", "which SKUs? sku:CAF-001,THE-001");
    return ERR_OK;
}

static int check_dates(const struct promotion *p, struct err *e)
{
    if (p->starts_on[0] && !datetime_is_date(p->starts_on))
        return err_set(e, ERR_INVALID, "from", "a date is YYYY-MM-DD, not '%s'", p->starts_on);
    if (p->ends_on[0] && !datetime_is_date(p->ends_on))
        return err_set(e, ERR_INVALID, "to", "a date is YYYY-MM-DD, not '%s'", p->ends_on);
    if (p->starts_on[0] && p->ends_on[0] && strcmp(p->starts_on, p->ends_on) > 0)
        return err_set(e, ERR_INVALID, "to", "it ends (%s) before it starts (%s)", p->ends_on, p->starts_on);
    return ERR_OK;
}

static int check_limits(const struct promotion *p, struct err *e)
{
    if (p->min_subtotal < 0)
        return err_set(e, ERR_INVALID, "min_subtotal", "a minimum of 0.00 or more");
    if (p->min_qty < 0 || p->min_qty > 1000000)
        return err_set(e, ERR_INVALID, "min_qty", "a number of items from 0 to 1,000,000");
    if (p->max_uses < 0)
        return err_set(e, ERR_INVALID, "limit", "a number of uses of 1 or more (empty: no limit)");
    if (p->per_customer < 0)
        return err_set(e, ERR_INVALID, "per_customer", "a number of uses of 1 or more (empty: no limit)");
    if (p->budget < -1)
        return err_set(e, ERR_INVALID, "budget", "an amount of 0.00 or more (empty: none)");
    if (p->priority < -999 || p->priority > 999)
        return err_set(e, ERR_INVALID, "priority", "a priority from -999 to 999");
    if (p->channel < -1 || p->channel > CHANNEL_B2C)
        return err_set(e, ERR_INVALID, "channel", "b2c, b2b, or empty for both");
    return text_check("tier", p->tier, sizeof p->tier - 1, TEXT_KEY, e);
}

int promotion_validate(const struct promotion_edit *in, struct err *e)
{
    const struct promotion *p = &in->p;
    int rc = text_check("name", p->name, sizeof p->name - 1, TEXT_REQUIRED, e);
    if (rc == ERR_OK && utf8_chars(p->name) > PROMO_NAME_CHARS)
        rc = err_set(e, ERR_INVALID, "name", "a name has at most %d characters (this one %zu)",
                     PROMO_NAME_CHARS, utf8_chars(p->name));
    if (rc == ERR_OK && ((int)p->kind < 0 || (int)p->kind >= PROMO_KIND_COUNT))
        rc = err_set(e, ERR_INVALID, "kind", "kind: percent, fixed, buy-get, free-shipping or price");
    if (rc == ERR_OK)
        rc = check_value(in, e);
    if (rc == ERR_OK)
        rc = check_target(in, e);
    if (rc == ERR_OK)
        rc = check_dates(p, e);
    if (rc == ERR_OK)
        rc = check_limits(p, e);
    if (rc == ERR_OK && p->activation == PROMO_AUTO && in->code[0])
        rc = err_set(e, ERR_INVALID, "code", "an automatic promotion takes no code");
    if (rc == ERR_OK && in->code[0] && !code_shape(in->code, 3))
        rc = err_set(e, ERR_INVALID, "code", "a code has 3 to 32 letters, digits, - or _");
    return rc;
}

/* ------------------------------------------------------------ the audit */

static char *promotion_to_json(const struct promotion *p, const char *code, const char *skus)
{
    struct json j;
    json_begin(&j);
    json_int(&j, "id", p->id);
    json_str(&j, "name", p->name);
    json_str(&j, "kind", name_at(promotion_kind_names, PROMO_KIND_COUNT, (int)p->kind));
    json_int(&j, "value", p->value);
    json_str(&j, "target", name_at(promotion_target_names, PROMO_TARGET_COUNT, (int)p->target));
    json_str(&j, "category", p->category);
    json_str(&j, "skus", skus ? skus : "");
    json_int(&j, "buy_qty", p->buy_qty);
    json_int(&j, "get_qty", p->get_qty);
    json_int(&j, "get_percent_bp", p->get_percent_bp);
    json_int(&j, "max_free", p->max_free);
    json_bool(&j, "dearest", p->dearest);
    json_int(&j, "min_subtotal", p->min_subtotal);
    json_int(&j, "min_qty", p->min_qty);
    json_str(&j, "starts_on", p->starts_on);
    json_str(&j, "ends_on", p->ends_on);
    json_str(&j, "activation",
             name_at(promotion_activation_names, PROMO_ACTIVATION_COUNT, (int)p->activation));
    json_str(&j, "code", code ? code : "");
    json_str(&j, "channel", p->channel < 0 ? "" : channel_name((enum channel)p->channel));
    json_str(&j, "tier", p->tier);
    json_bool(&j, "first_order", p->first_order);
    json_int(&j, "max_uses", p->max_uses);
    json_int(&j, "per_customer", p->per_customer);
    json_int(&j, "budget", p->budget);
    json_int(&j, "priority", p->priority);
    json_bool(&j, "exclusive", p->exclusive);
    json_bool(&j, "stop", p->stop);
    json_str(&j, "disabled_at", p->disabled_at);
    json_int(&j, "version", p->version);
    json_end(&j);
    return j.buf;
}

static int audit_promotion(struct app *app, const char *action, const struct promotion *before,
                           const char *before_skus, const struct promotion_edit *after, struct err *e)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)(after ? after->p.id : before->id));
    char *b = before ? promotion_to_json(before, before->code, before_skus) : NULL;
    char *a = after ? promotion_to_json(&after->p, after->code, after->skus) : NULL;
    int rc = audit_record(app, action, "promotion", key, b, a, e);
    free(b);
    free(a);
    return rc;
}

/* ------------------------------------------------------------ SKUs */

/* The SKUs of the text ("CAF-001, THE-001" or spaces) as product ids, each once. */
static int resolve_skus(struct app *app, const char *text, int64_t **ids, int *n, struct err *e)
{
    char *copy = xstrdup(text);
    size_t cap = strlen(text) / 2 + 2;
    *ids = xcalloc(cap, sizeof **ids);
    *n = 0;
    int rc = ERR_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ", \t", &save); tok && rc == ERR_OK;
         tok = strtok_r(NULL, ", \t", &save)) {
        struct product pr;
        struct err miss = {0};
        rc = product_find_sku(app, tok, &pr, &miss);
        if (rc == ERR_NOTFOUND) {
            for (char *c = tok; *c; c++)
                *c = (char)toupper((unsigned char)*c);
            rc = product_find_sku(app, tok, &pr, &miss);
        }
        if (rc == ERR_NOTFOUND)
            rc = err_set(e, ERR_INVALID, "on", "no product with SKU %s", tok);
        else if (rc != ERR_OK && e)
            *e = miss;
        bool seen = false;
        for (int i = 0; rc == ERR_OK && i < *n; i++)
            seen = seen || (*ids)[i] == pr.id;
        if (rc == ERR_OK && !seen)
            (*ids)[(*n)++] = pr.id;
    }
    free(copy);
    return rc;
}

/* The promotion's SKUs as text, for an edit and the audit. */
static int skus_text(struct app *app, int64_t id, char *out, size_t len, struct err *e)
{
    struct rows skus = {0};
    out[0] = '\0';
    int rc = promotion_store_skus(app->db, id, &skus, e);
    const struct promotion_sku *k = skus.items;
    size_t used = 0;
    for (int i = 0; rc == ERR_OK && i < skus.n && used < len; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? "," : "", k[i].sku);
    rows_free(&skus);
    return rc;
}

/* ------------------------------------------------------------ writing */

static int save_code(struct app *app, const struct promotion_edit *in, const struct promotion *before,
                     struct err *e)
{
    if (in->code[0] == '\0' || (before && strcasecmp(before->code, in->code) == 0))
        return ERR_OK;
    if (before && before->code[0])
        return err_set(e, ERR_INVALID, "code", "the code %s never changes (it may be printed already)",
                       before->code);
    struct promotion_code code = {.promotion_id = in->p.id, .single_use = false};
    snprintf(code.code, sizeof code.code, "%s", in->code);
    bool taken = false;
    int rc = promotion_store_code_insert(app->db, &code, &taken, e);
    if (rc == ERR_OK && taken)
        rc = err_set(e, ERR_INVALID, "code", "%s is a code already", in->code);
    return rc;
}

static int save_skus(struct app *app, const struct promotion_edit *in, struct err *e)
{
    int64_t *ids = NULL;
    int n = 0;
    int rc = in->p.target == PROMO_ON_SKUS ? resolve_skus(app, in->skus, &ids, &n, e) : ERR_OK;
    if (rc == ERR_OK)
        rc = promotion_store_set_skus(app->db, in->p.id, ids, n, e);
    free(ids);
    return rc;
}

/* What the kind does not use is stored as nothing. */
static void normalise(struct promotion_edit *in)
{
    struct promotion *p = &in->p;
    if (p->kind != PROMO_BUY_GET) {
        p->buy_qty = p->get_qty = p->max_free = 0;
        p->get_percent_bp = 10000;
        p->dearest = false;
    } else if (p->get_percent_bp == 0) {
        p->get_percent_bp = 10000;
    }
    if (p->kind == PROMO_BUY_GET || p->kind == PROMO_FREE_SHIPPING)
        p->value = 0;
    if (p->target != PROMO_ON_CATEGORY)
        p->category[0] = '\0';
    if (p->target != PROMO_ON_SKUS)
        in->skus[0] = '\0';
}

int promotion_create(struct app *app, struct promotion_edit *in, struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_EDIT, e);
    if (rc == ERR_OK && (in->p.get_percent_bp == 0))
        in->p.get_percent_bp = 10000;
    if (rc == ERR_OK)
        rc = promotion_validate(in, e);
    if (rc != ERR_OK)
        return rc;
    normalise(in);
    in->p.created_by = app->user.id;
    if ((rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = promotion_store_insert(app->db, &in->p, e)) == ERR_OK &&
        (rc = save_skus(app, in, e)) == ERR_OK && (rc = save_code(app, in, NULL, e)) == ERR_OK)
        rc = audit_promotion(app, "create", NULL, NULL, in, e);
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    in->p.id = 0;
    return rc;
}

static int check_change(const struct promotion *before, const struct promotion_edit *in, struct err *e)
{
    if (before->disabled_at[0])
        return err_set(e, ERR_STATE, "promotion", "promotion %lld is disabled: make a new one",
                       (long long)before->id);
    if (in->p.max_uses > 0 && in->p.max_uses < before->uses)
        return err_set(e, ERR_INVALID, "limit", "it was used %lld %s already: the limit cannot be lower",
                       (long long)before->uses, text_plural(before->uses, "time", "times"));
    if (in->p.budget >= 0 && in->p.budget < before->granted)
        return err_set(e, ERR_INVALID, "budget", "it granted more than that already");
    if (in->p.activation == PROMO_AUTO && (before->code[0] || before->codes > 0))
        return err_set(e, ERR_INVALID, "code", "it has codes: it stays triggered by a code");
    return ERR_OK;
}

int promotion_update(struct app *app, struct promotion_edit *in, struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_EDIT, e);
    if (rc == ERR_OK)
        rc = promotion_validate(in, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    normalise(in);
    struct promotion before;
    char before_skus[sizeof in->skus];
    if ((rc = promotion_store_get(app->db, in->p.id, &before, e)) == ERR_OK &&
        (rc = skus_text(app, in->p.id, before_skus, sizeof before_skus, e)) == ERR_OK &&
        (rc = check_change(&before, in, e)) == ERR_OK &&
        (rc = promotion_store_update(app->db, &in->p, e)) == ERR_OK &&
        (rc = save_skus(app, in, e)) == ERR_OK && (rc = save_code(app, in, &before, e)) == ERR_OK) {
        if (in->code[0] == '\0')
            snprintf(in->code, sizeof in->code, "%s", before.code);
        rc = audit_promotion(app, "update", &before, before_skus, in, e);
    }
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    if (rc == ERR_CONFLICT) { /* who saved first, and when */
        char key[32], what[300];
        snprintf(key, sizeof key, "%lld", (long long)in->p.id);
        snprintf(what, sizeof what, "promotion %lld (%s)", (long long)in->p.id, before.name);
        rc = audit_conflict(app, "promotion", key, before.updated_at, what, e);
    }
    return rc;
}

int promotion_disable(struct app *app, int64_t id, struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct promotion before;
    char now[32];
    datetime_now_utc(now);
    if ((rc = promotion_store_get(app->db, id, &before, e)) == ERR_OK &&
        (rc = promotion_store_disable(app->db, id, now, e)) == ERR_OK) {
        struct promotion_edit after = {.p = before};
        snprintf(after.p.disabled_at, sizeof after.p.disabled_at, "%s", now);
        snprintf(after.code, sizeof after.code, "%s", before.code);
        after.p.version++;
        rc = audit_promotion(app, "disable", &before, NULL, &after, e);
    }
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

/* ------------------------------------------------------------ reading */

int promotion_get(struct app *app, int64_t id, struct promotion *out, struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_VIEW, e);
    return rc != ERR_OK ? rc : promotion_store_get(app->db, id, out, e);
}

int promotion_find(struct app *app, const char *id_or_code, struct promotion *out, struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    const char *digits = id_or_code[0] == '#' ? id_or_code + 1 : id_or_code;
    if (digits[0] && strspn(digits, "0123456789") == strlen(digits) && strlen(digits) < 18) {
        rc = promotion_store_get(app->db, strtoll(digits, NULL, 10), out, e);
        if (rc != ERR_NOTFOUND || id_or_code[0] == '#')
            return rc;
    }
    struct promotion_code code;
    struct err miss = {0};
    rc = promotion_store_code_find(app->db, id_or_code, &code, &miss);
    if (rc == ERR_NOTFOUND)
        return err_set(e, ERR_NOTFOUND, "promotion", "no promotion or code '%s'", id_or_code);
    if (rc != ERR_OK) {
        if (e)
            *e = miss;
        return rc;
    }
    return promotion_store_get(app->db, code.promotion_id, out, e);
}

int promotion_edit_load(struct app *app, int64_t id, struct promotion_edit *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    int rc = promotion_get(app, id, &out->p, e);
    if (rc == ERR_OK)
        rc = skus_text(app, id, out->skus, sizeof out->skus, e);
    snprintf(out->code, sizeof out->code, "%s", out->p.code);
    return rc;
}

int promotion_list(struct app *app, unsigned states, const struct page_req *q, struct rows *out,
                   struct err *e)
{
    rows_reset(out, sizeof(struct promotion));
    int rc = app_require(app, ACT_PROMOTION_VIEW, e);
    char today[11];
    promotion_today(today);
    return rc != ERR_OK ? rc : promotion_store_list(app->db, states, today, q, out, e);
}

void promotion_cursor(const struct promotion *p, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->num = p->id;
    c->id = p->id;
}

int promotion_sku_list(struct app *app, int64_t id, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct promotion_sku));
    int rc = app_require(app, ACT_PROMOTION_VIEW, e);
    return rc != ERR_OK ? rc : promotion_store_skus(app->db, id, out, e);
}

int promotion_uses_of_order(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct order stored;
    rows_reset(out, sizeof(struct promotion_use));
    int rc = order_get(app, o->number, &stored, e); /* the order's own visibility */
    return rc != ERR_OK ? rc : promotion_store_uses_of_order(app->db, stored.id, out, e);
}

/* ------------------------------------------------------------ the counter */

int promotion_cart_code(struct cart *c, const char *typed, bool *added, struct err *e)
{
    while (*typed == ' ')
        typed++;
    size_t n = strlen(typed);
    while (n > 0 && typed[n - 1] == ' ')
        n--;
    *added = false;
    if (n == 0)
        return err_set(e, ERR_INVALID, "code", "type a coupon code");
    if (n >= sizeof c->coupons[0])
        return err_set(e, ERR_INVALID, "code", "a code has at most 32 characters");
    char code[sizeof c->coupons[0]];
    memcpy(code, typed, n);
    code[n] = '\0';
    for (int i = 0; i < c->ncoupons; i++)
        if (strcasecmp(c->coupons[i], code) == 0) {
            for (int j = i; j + 1 < c->ncoupons; j++)
                memcpy(c->coupons[j], c->coupons[j + 1], sizeof c->coupons[j]);
            c->ncoupons--;
            return ERR_OK;
        }
    if (c->ncoupons == CART_MAX_COUPONS)
        return err_set(e, ERR_INVALID, "code", "at most %d coupons in one cart", CART_MAX_COUPONS);
    snprintf(c->coupons[c->ncoupons++], sizeof c->coupons[0], "%s", code);
    *added = true;
    return ERR_OK;
}

/* ------------------------------------------------------------ codes */

/* Letters and digits nobody confuses (no 0/O, 1/I/L). */
static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static void code_random(const char *prefix, char out[33])
{
    size_t n = strlen(prefix);
    memcpy(out, prefix, n);
    for (size_t i = 0; i < 8; i++)
        out[n + i] = code_alphabet[randombytes_uniform((uint32_t)(sizeof code_alphabet - 1))];
    out[n + 8] = '\0';
}

static int generate_checks(struct app *app, int64_t id, int n, const char *prefix, struct promotion *p,
                           struct err *e)
{
    int rc = app_require(app, ACT_PROMOTION_EDIT, e);
    if (rc == ERR_OK && (n < 1 || n > PROMO_MAX_CODES))
        rc = err_set(e, ERR_INVALID, "generate", "from 1 to %d codes at a time", PROMO_MAX_CODES);
    if (rc == ERR_OK && (strlen(prefix) > 24 || (prefix[0] && !code_shape(prefix, 1))))
        rc = err_set(e, ERR_INVALID, "prefix", "a prefix has at most 24 letters, digits, - or _");
    if (rc == ERR_OK)
        rc = promotion_store_get(app->db, id, p, e);
    if (rc == ERR_OK && p->activation != PROMO_CODE)
        rc = err_set(e, ERR_STATE, "promotion", "promotion %lld is automatic: it takes no code",
                     (long long)id);
    if (rc == ERR_OK && p->disabled_at[0])
        rc = err_set(e, ERR_STATE, "promotion", "promotion %lld is disabled", (long long)id);
    return rc;
}

int promotion_codes_generate(struct app *app, int64_t id, int n, const char *prefix, int64_t *batch,
                             struct err *e)
{
    struct promotion p;
    prefix = prefix ? prefix : "";
    int rc = generate_checks(app, id, n, prefix, &p, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = promotion_store_next_batch(app->db, id, batch, e);
    for (int made = 0, tries = 0; rc == ERR_OK && made < n; tries++) {
        struct promotion_code c = {.promotion_id = id, .single_use = true, .batch = *batch};
        code_random(prefix, c.code);
        bool taken = false;
        rc = promotion_store_code_insert(app->db, &c, &taken, e);
        made += rc == ERR_OK && !taken;
        if (rc == ERR_OK && tries > n * 4 + 100)
            rc = err_set(e, ERR_INTERNAL, "generate", "too many codes drawn twice: use a longer prefix");
    }
    if (rc == ERR_OK) {
        char detail[96], key[32];
        snprintf(detail, sizeof detail, "{\"batch\":%lld,\"codes\":%d}", (long long)*batch, n);
        snprintf(key, sizeof key, "%lld", (long long)id);
        rc = audit_record(app, "generate codes", "promotion", key, NULL, detail, e);
    }
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

int promotion_codes_page(struct app *app, int64_t id, int64_t after, struct promotion_code *rows, int max,
                         int *count, struct err *e)
{
    *count = 0;
    int rc = app_require(app, ACT_PROMOTION_EDIT, e);
    return rc != ERR_OK ? rc : promotion_store_codes_page(app->db, id, after, rows, max, count, e);
}
