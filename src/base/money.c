/* Money in minor units and rates in basis points: arithmetic with overflow
 * checks, the one rounding rule (half away from zero), proportional spreading,
 * parsing what people type and formatting for people and files. */
#include <ctype.h>
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

/* ------------------------------------------------------------- parsing */

static const char *const currency_tokens[] = {"EUR",          "USD", "GBP",      "CHF",     "JPY",
                                              "\xe2\x82\xac", "$",   "\xc2\xa3", "\xc2\xa5"};

/* Skips spaces (ASCII, no-break U+00A0, narrow no-break U+202F) and currency tokens. */
static const char *skip_decorations(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2;
            continue;
        }
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF) {
            p += 3;
            continue;
        }
        bool matched = false;
        for (size_t i = 0; i < sizeof currency_tokens / sizeof currency_tokens[0]; i++) {
            size_t n = strlen(currency_tokens[i]);
            if (strncmp(p, currency_tokens[i], n) == 0) {
                p += n;
                matched = true;
                break;
            }
        }
        if (!matched)
            return p;
    }
}

/* Collects the digits and separators of a number into buf ("1 234,50" → "1234,50"
 * with grouping spaces dropped); returns false on any other character. */
static bool collect_number(const char *p, char *buf, size_t len, bool *negative)
{
    size_t j = 0;
    p = skip_decorations(p);
    if (*p == '-' || *p == '+') {
        *negative = (*p == '-');
        p = skip_decorations(p + 1);
    }
    while (*p) {
        const char *after = skip_decorations(p);
        if (after != p) { /* grouping space, or a trailing currency */
            p = after;
            if (*p && !isdigit((unsigned char)*p))
                return false;
            continue;
        }
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != ',' && *p != '\'')
            return false;
        if (*p != '\'' && j + 1 < len)
            buf[j++] = *p;
        p++;
    }
    buf[j] = '\0';
    return j > 0;
}

/* Decides which separator is the decimal one: the last one when both kinds
 * appear; a kind that appears once; none when one kind repeats (grouping). */
static const char *find_decimal_separator(const char *s)
{
    const char *last_dot = strrchr(s, '.'), *last_comma = strrchr(s, ',');
    if (last_dot && last_comma)
        return last_dot > last_comma ? last_dot : last_comma;
    const char *sep = last_dot ? last_dot : last_comma;
    if (sep == NULL)
        return NULL;
    return strchr(s, *sep) == sep ? sep : NULL;
}

int money_parse(const char *text, int64_t *out, struct err *e)
{
    char buf[64];
    bool negative = false;
    if (text == NULL || !collect_number(text, buf, sizeof buf, &negative))
        return err_set(e, ERR_INVALID, NULL, "not an amount (\"%s\")", text ? text : "");
    const char *dec = find_decimal_separator(buf);
    int64_t units = 0, cents = 0;
    int decimals = 0;
    for (const char *p = buf; *p; p++) {
        if (p == dec)
            continue;
        if (*p == '.' || *p == ',') {
            if (dec && p > dec)
                return err_set(e, ERR_INVALID, NULL, "not an amount (\"%s\")", text);
            continue; /* grouping */
        }
        int d = *p - '0';
        if (dec && p > dec) {
            decimals++;
            if (decimals > 2) {
                if (d != 0)
                    return err_set(e, ERR_INVALID, NULL, "more than 2 decimals (\"%s\")", text);
                continue;
            }
            cents = cents * 10 + d;
        } else if (__builtin_mul_overflow(units, 10, &units) || __builtin_add_overflow(units, d, &units)) {
            return err_set(e, ERR_INVALID, NULL, "amount too large (\"%s\")", text);
        }
    }
    if (decimals == 1)
        cents *= 10;
    int64_t minor;
    if (__builtin_mul_overflow(units, 100, &minor) || __builtin_add_overflow(minor, cents, &minor))
        return err_set(e, ERR_INVALID, NULL, "amount too large (\"%s\")", text);
    *out = negative ? -minor : minor;
    return ERR_OK;
}

int bp_parse(const char *text, int64_t *out, struct err *e)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = text ? text : ""; *p && n + 1 < sizeof buf; p++)
        if (*p != '%' && *p != ' ')
            buf[n++] = *p;
    buf[n] = '\0';
    int64_t v;
    if (n == 0 || money_parse(buf, &v, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, NULL, "not a percentage (\"%s\")", text ? text : "");
    *out = v; /* a percentage with 2 decimals is exactly basis points */
    return ERR_OK;
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
