/* Money in minor units and rates in basis points: arithmetic with overflow
 * checks, the one rounding rule (half away from zero), proportional spreading,
 * parsing what people type and formatting for people and files. */
#include <locale.h>
#include <monetary.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/money.h"

int money_mul(int64_t a, int64_t b, int64_t *out, struct err *e)
{
    if (__builtin_mul_overflow(a, b, out))
        return err_set(e, ERR_INVALID, NULL, "amount too large");
    return ERR_OK;
}

int money_add(int64_t a, int64_t b, int64_t *out, struct err *e)
{
    if (__builtin_add_overflow(a, b, out))
        return err_set(e, ERR_INVALID, NULL, "amount too large");
    return ERR_OK;
}

int64_t money_div_round(int64_t num, int64_t den)
{
    int64_t q = num / den;
    int64_t r = num % den;
    if (r < 0)
        r = -r;
    /* r < den, so 2r cannot overflow for den < 2^62 */
    if (r * 2 >= den)
        q += (num < 0) ? -1 : 1;
    return q;
}

int money_apply_bp(int64_t amount, int64_t bp, int64_t *out, struct err *e)
{
    int64_t p;
    if (__builtin_mul_overflow(amount, bp, &p))
        return err_set(e, ERR_INVALID, NULL, "amount too large");
    *out = money_div_round(p, 10000);
    return ERR_OK;
}

/* Cumulative rounding: part i is round(amount × W_i / W) − round(amount × W_{i−1} / W)
 * where W_i is the running sum of weights. The parts always add up to amount,
 * each part differs from its exact share by less than one unit, and ties fall
 * on the inner lines (3 × 100.00 with 10.00 off → 3.33 + 3.34 + 3.33). */
int money_spread(int64_t amount, const int64_t *weights, int n, int64_t *parts, struct err *e)
{
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        if (weights[i] < 0)
            return err_set(e, ERR_INVALID, NULL, "negative weight in a spread");
        if (__builtin_add_overflow(total, weights[i], &total))
            return err_set(e, ERR_INVALID, NULL, "amount too large");
    }
    if (n <= 0 || total == 0)
        return err_set(e, ERR_INVALID, NULL, "nothing to spread over");
    int64_t running = 0, previous = 0;
    for (int i = 0; i < n; i++) {
        int64_t product;
        running += weights[i];
        if (__builtin_mul_overflow(amount, running, &product))
            return err_set(e, ERR_INVALID, NULL, "amount too large to spread");
        int64_t upto = money_div_round(product, total);
        parts[i] = upto - previous;
        previous = upto;
    }
    return ERR_OK;
}

int64_t money_share_units(int64_t total, int64_t q, int64_t k, int completes)
{
    if (q <= 0 || k <= 0)
        return 0;
    int64_t unit = total / q;
    return k * unit + (completes ? total - q * unit : 0);
}

int64_t money_unit_in_basis(int64_t unit, int rate_bp, int from_included, int to_included)
{
    if (!from_included == !to_included)
        return unit;
    if (to_included)
        return money_div_round(unit * (10000 + rate_bp), 10000);
    return money_div_round(unit * 10000, 10000 + rate_bp);
}

static int64_t total_of_net(int64_t net, int rate_bp)
{
    return net + money_div_round(net * rate_bp, 10000);
}

int64_t money_net_within_total(int64_t total, int rate_bp)
{
    if (total <= 0)
        return 0;
    int64_t net = total - money_div_round(total * rate_bp, 10000 + rate_bp);
    while (net > 0 && total_of_net(net, rate_bp) > total)
        net--;
    while (total_of_net(net + 1, rate_bp) <= total)
        net++;
    return net;
}

/* ------------------------------------------------------------- parsing */

/* An amount is read in one pass, without copying: spaces, one currency sign
 * at either end, a sign, whole units whose thousands (if grouped) go by three
 * with one kind of separator, then at most two decimals after the declared
 * decimal mark. Anything else is refused with the reason and what was
 * expected, so that "1,000", "1.000" and "1.5.0" are never guessed at. */

static const char *const currency_tokens[] = {"EUR",          "USD", "GBP",      "CHF",     "JPY",
                                              "\xe2\x82\xac", "$",   "\xc2\xa3", "\xc2\xa5"};

/* Bytes of a currency sign at p (within end), 0 when none. */
static size_t currency_at(const char *p, const char *end)
{
    for (size_t i = 0; i < sizeof currency_tokens / sizeof currency_tokens[0]; i++) {
        size_t n = strlen(currency_tokens[i]);
        if ((size_t)(end - p) >= n && memcmp(p, currency_tokens[i], n) == 0)
            return n;
    }
    return 0;
}

/* Bytes of a space at p: ASCII space or tab, no-break U+00A0, narrow no-break U+202F. */
static size_t space_at(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t left = (size_t)(end - p);
    if (left >= 1 && (u[0] == ' ' || u[0] == '\t'))
        return 1;
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

static const char *skip_spaces(const char *p, const char *end)
{
    size_t n;
    while (p < end && (n = space_at(p, end)) > 0)
        p += n;
    return p;
}

/* A thousands separator at p: a space, an apostrophe (’ too, Swiss style) or
 * the mark that is not the decimal one. *kind tells which, so kinds are not
 * mixed within one amount. Bytes of it, 0 when none. */
static size_t group_at(const char *p, const char *end, char decimal, int *kind)
{
    size_t n = space_at(p, end);
    if (n > 0 && *p != '\t') {
        *kind = ' ';
        return n;
    }
    if (p < end && (*p == '\'' || (*p == (decimal == '.' ? ',' : '.')))) {
        *kind = *p;
        return 1;
    }
    if (end - p >= 3 && memcmp(p, "\xe2\x80\x99", 3) == 0) {
        *kind = '\'';
        return 3;
    }
    return 0;
}

struct amount_read {
    const char *p, *end;
    char decimal; /* '.' or ',' */
    bool lenient; /* any number of decimals: only the shape is checked */
    bool negative;
    int64_t units, cents;
    int int_digits, decimals;
    const char *why; /* the reason it is refused, NULL while fine */
};

/* The whole units, grouped by three or not at all. */
static void amount_read_units(struct amount_read *a)
{
    int kind = 0, group_kind = 0, groups = 0, run = 0;
    size_t n;
    while (a->p < a->end) {
        if (*a->p >= '0' && *a->p <= '9') {
            int d = *a->p++ - '0';
            if (__builtin_mul_overflow(a->units, 10, &a->units) ||
                __builtin_add_overflow(a->units, d, &a->units)) {
                a->why = "too large (at most 92233720368547758.07)";
                return;
            }
            a->int_digits++;
            run++;
            continue;
        }
        if ((n = group_at(a->p, a->end, a->decimal, &kind)) == 0 || a->p + n >= a->end ||
            !(a->p[n] >= '0' && a->p[n] <= '9') || run == 0)
            break; /* not a separator between digits: the units end here */
        if (groups > 0 && kind != group_kind) {
            a->why = "mixes two kinds of thousands separators";
            return;
        }
        if ((groups == 0 && run > 3) || (groups > 0 && run != 3)) {
            a->why = "thousands separators must group the digits by three";
            return;
        }
        group_kind = kind;
        groups++;
        run = 0;
        a->p += n;
    }
    if (groups > 0 && run != 3)
        a->why = "thousands separators must group the digits by three";
}

/* The decimals after the decimal mark: one or two digits. */
static void amount_read_decimals(struct amount_read *a)
{
    if (a->p >= a->end || *a->p != a->decimal)
        return;
    a->p++;
    while (a->p < a->end && *a->p >= '0' && *a->p <= '9') {
        if (++a->decimals > 2 && !a->lenient) {
            a->why = "more than 2 decimals";
            return;
        }
        if (a->decimals <= 2)
            a->cents = a->cents * 10 + (*a->p - '0');
        a->p++;
    }
    if (a->decimals == 0)
        a->why = a->int_digits ? "no digits after the decimal mark" : "no digits";
    else if (a->p < a->end && (*a->p == '.' || *a->p == ','))
        a->why = "more than one decimal mark";
    if (a->decimals == 1)
        a->cents *= 10;
}

/* [spaces] [currency] [sign] [currency] number [currency] [spaces], with at
 * most one currency sign. */
static void amount_read(struct amount_read *a, bool currency)
{
    const char *end = a->end;
    size_t lead = 0, trail = 0;
    a->p = skip_spaces(a->p, end);
    if (currency && (lead = currency_at(a->p, end)) > 0)
        a->p = skip_spaces(a->p + lead, end);
    if (a->p < end && (*a->p == '-' || *a->p == '+')) {
        a->negative = *a->p == '-';
        a->p = skip_spaces(a->p + 1, end);
        if (currency && lead == 0 && (lead = currency_at(a->p, end)) > 0)
            a->p = skip_spaces(a->p + lead, end);
    }
    amount_read_units(a);
    if (a->why == NULL)
        amount_read_decimals(a);
    if (a->why)
        return;
    if (a->int_digits == 0 && a->decimals == 0) {
        a->why = a->p < end && !(*a->p == '.' || *a->p == ',') ? "not a number" : "no digits";
        return;
    }
    a->p = skip_spaces(a->p, end);
    if (currency && (trail = currency_at(a->p, end)) > 0)
        a->p = skip_spaces(a->p + trail, end);
    if (a->p == end && lead && trail)
        a->why = "one currency sign at most";
    else if (a->p != end && (*a->p == a->decimal || *a->p == '.' || *a->p == ','))
        a->why = a->decimals ? "more than one decimal mark" : "a separator where none is expected";
    else if (a->p != end && (lead || trail || currency_at(a->p, end)))
        a->why = "a currency sign goes at either end, not inside the number";
    else if (a->p != end)
        a->why = "unexpected characters";
}

static int amount_finish(struct amount_read *a, int64_t *out)
{
    int64_t minor;
    if (__builtin_mul_overflow(a->units, 100, &minor) || __builtin_add_overflow(minor, a->cents, &minor)) {
        a->why = "too large (at most 92233720368547758.07)";
        return ERR_INVALID;
    }
    *out = a->negative ? -minor : minor;
    return ERR_OK;
}

static int amount_parse(const char *text, size_t n, char decimal, bool currency, int64_t *out,
                        const char **why)
{
    struct amount_read a = {.p = text, .end = text + n, .decimal = decimal};
    amount_read(&a, currency);
    int rc = a.why ? ERR_INVALID : amount_finish(&a, out);
    *why = a.why;
    return rc;
}

/* True when text has the shape of a number with this decimal mark, however
 * many decimals it has ("12.345" with a point). */
static bool amount_shape(const char *text, size_t n, char decimal, bool currency)
{
    struct amount_read a = {.p = text, .end = text + n, .decimal = decimal, .lenient = true};
    amount_read(&a, currency);
    return a.why == NULL;
}

static const char *money_expected(enum money_decimal mark)
{
    switch (mark) {
    case MONEY_DECIMAL_POINT: return "expected an amount like 1234.50, 1,234.50 or -3 (decimal point)";
    case MONEY_DECIMAL_COMMA:
        return "expected an amount like 1234,50, 1 234,50, 1.234,50 or -3 (decimal comma)";
    case MONEY_DECIMAL_EITHER: break;
    }
    return "expected an amount like 1234.50, 1 234,50 or -3";
}

/* With either mark, a text is taken only when it reads one way: "12,50" and
 * "1,234.50" are clear, "1,000" and "12.345" are not (a thousands group, or
 * a third decimal?) and are refused. */
static int amount_parse_mark(const char *text, size_t n, enum money_decimal mark, bool currency, int64_t *out,
                             const char **why, enum money_decimal *used)
{
    if (mark != MONEY_DECIMAL_EITHER) {
        *used = mark;
        return amount_parse(text, n, mark == MONEY_DECIMAL_COMMA ? ',' : '.', currency, out, why);
    }
    int64_t point = 0, comma = 0;
    const char *why_point, *why_comma;
    int rc_point = amount_parse(text, n, '.', currency, &point, &why_point);
    int rc_comma = amount_parse(text, n, ',', currency, &comma, &why_comma);
    bool has_comma = memchr(text, ',', n) != NULL, has_point = memchr(text, '.', n) != NULL;
    *used = (has_comma && !has_point) ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
    bool both = (rc_point == ERR_OK || amount_shape(text, n, '.', currency)) &&
                (rc_comma == ERR_OK || amount_shape(text, n, ',', currency));
    if (both && !(rc_point == ERR_OK && rc_comma == ERR_OK && point == comma)) {
        *why = "ambiguous, '.' or ',' could be the decimal mark (write 1000, 1,000.00 or 1 000,00)";
        *used = MONEY_DECIMAL_EITHER;
        return ERR_INVALID;
    }
    *out = rc_point == ERR_OK ? point : comma;
    *why = *used == MONEY_DECIMAL_COMMA ? why_comma : why_point;
    return rc_point == ERR_OK || rc_comma == ERR_OK ? ERR_OK : ERR_INVALID;
}

int money_parse_as(const char *text, enum money_decimal mark, int64_t *out, struct err *e)
{
    const char *why = NULL;
    enum money_decimal used;
    text = text ? text : "";
    if (amount_parse_mark(text, strlen(text), mark, true, out, &why, &used) == ERR_OK)
        return ERR_OK;
    return err_set(e, ERR_INVALID, NULL, "not an amount: %s; %s", why, money_expected(used));
}

int money_parse(const char *text, int64_t *out, struct err *e)
{
    return money_parse_as(text, MONEY_DECIMAL_EITHER, out, e);
}

int bp_parse_as(const char *text, enum money_decimal mark, int64_t *out, struct err *e)
{
    text = text ? text : "";
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ')
        n--;
    if (n > 0 && text[n - 1] == '%')
        n--;
    const char *why = NULL;
    enum money_decimal used;
    /* a percentage with 2 decimals is exactly basis points */
    if (amount_parse_mark(text, n, mark, false, out, &why, &used) == ERR_OK)
        return ERR_OK;
    return err_set(e, ERR_INVALID, NULL, "not a percentage: %s; expected a number like 12%s5 or 15 %%", why,
                   used == MONEY_DECIMAL_COMMA ? "," : ".");
}

int bp_parse(const char *text, int64_t *out, struct err *e)
{
    return bp_parse_as(text, MONEY_DECIMAL_EITHER, out, e);
}

/* ---------------------------------------------------------- formatting */

void money_format_plain(int64_t minor, char *out, size_t len)
{
    /* -0.05 must keep its sign though its unit part is zero */
    uint64_t abs = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    snprintf(out, len, "%s%llu.%02llu", minor < 0 ? "-" : "", (unsigned long long)(abs / 100),
             (unsigned long long)(abs % 100));
}

void bp_format(int64_t bp, char *out, size_t len)
{
    char plain[32];
    money_format_plain(bp, plain, sizeof plain);
    char *dot = strchr(plain, '.');
    if (dot) { /* drop trailing zeros: 12.50 → 12.5, 15.00 → 15 */
        char *end = plain + strlen(plain) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    snprintf(out, len, "%s %%", plain);
}

void rate_format(int64_t bp, char *out, size_t len)
{
    char plain[32];
    money_format_plain(bp, plain, sizeof plain);
    snprintf(out, len, "%s %%", plain);
}

void margin_format(int64_t bp, char *out, size_t len)
{
    rate_format(bp, out, len);
}

const char *money_currency_symbol(const char *code)
{
    static const struct {
        const char *code, *symbol;
    } symbols[] = {{"EUR", "\xe2\x82\xac"}, {"USD", "$"}, {"GBP", "\xc2\xa3"}, {"JPY", "\xc2\xa5"}};
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(code, symbols[i].code) == 0)
            return symbols[i].symbol;
    return code;
}

/* Groups the whole units with the locale through strfmon. The value passed is
 * a whole number of units, which a double holds exactly; cents never go
 * through floating point. */
static void format_units(uint64_t units, char *out, size_t len)
{
    struct lconv *lc = localeconv();
    bool locale_has_money = lc->mon_decimal_point && lc->mon_decimal_point[0];
    if (locale_has_money && units < (1ULL << 53) && strfmon(out, len, "%!.0n", (double)units) > 0)
        return;
    /* C locale: group by thousands with commas */
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)units);
    size_t n = strlen(digits), j = 0;
    for (size_t i = 0; i < n && j + 2 < len; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[j++] = ',';
        out[j++] = digits[i];
    }
    out[j] = '\0';
}

void money_format(int64_t minor, const char *currency, char *out, size_t len)
{
    uint64_t abs = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    char units[64];
    format_units(abs / 100, units, sizeof units);
    struct lconv *lc = localeconv();
    const char *point = (lc->mon_decimal_point && lc->mon_decimal_point[0]) ? lc->mon_decimal_point : ".";
    const char *symbol = money_currency_symbol(currency && currency[0] ? currency : "EUR");
    bool before = lc->p_cs_precedes == 1;
    if (before)
        snprintf(out, len, "%s%s%s%s%02llu", minor < 0 ? "-" : "", symbol, units, point,
                 (unsigned long long)(abs % 100));
    else
        snprintf(out, len, "%s%s%s%02llu %s", minor < 0 ? "-" : "", units, point,
                 (unsigned long long)(abs % 100), symbol);
}
