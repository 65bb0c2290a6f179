/* Money: amounts are int64_t minor units (cents), rates are basis points
 * (1250 = 12.5 %). The one rounding rule — half away from zero, per line;
 * totals are sums of lines — and parsing and formatting for people and files.
 * Never a floating-point amount. */
#ifndef COMPTOIR_BASE_MONEY_H
#define COMPTOIR_BASE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"

/* out = a × b; ERR_INVALID on overflow. */
int money_mul(int64_t a, int64_t b, int64_t *out, struct err *e);
/* out = a + b; ERR_INVALID on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out, struct err *e);
/* out = amount × bp / 10000, rounded half away from zero. */
int money_apply_bp(int64_t amount, int64_t bp, int64_t *out, struct err *e);
/* num / den rounded half away from zero (den > 0). */
int64_t money_div_round(int64_t num, int64_t den);
/* Splits amount over weights in proportion by cumulative rounding (part i =
 * round(amount × W_i / W) − round(amount × W_{i−1} / W), W_i the running
 * sum), so the parts add up exactly to amount and each is within a unit of
 * its share: 10.00 over three equal lines gives 3.33 + 3.34 + 3.33. All
 * weights >= 0, at least one > 0. */
int money_spread(int64_t amount, const int64_t *weights, int n, int64_t *parts, struct err *e);
/* What k of a line's q units carry of its total when they are credited
 * (cancelled, returned, points reversed): k × ⌊total / q⌋, plus the
 * remainder total − q × ⌊total / q⌋ when this credit completes the line
 * (brings its credited units to q). Fixed when claimed, independent of the
 * order the credits come in, and a line's credits sum to its total exactly:
 * 10.00 over 3 units gives 3.33, 3.33, then 3.34 to the one that completes.
 * total >= 0, 0 <= k <= q, q > 0. */
int64_t money_share_units(int64_t total, int64_t q, int64_t k, int completes);
/* A unit price moved from one tax basis to the other at rate_bp (rounded
 * half away from zero): 16.66 excluded at 20 % is 19.99 included. */
int64_t money_unit_in_basis(int64_t unit, int rate_bp, int from_included, int to_included);
/* The largest net whose total by the tax-excluded rule (net + round(net ×
 * rate / 10000)) is at most total: the net that makes total exactly when one
 * does (4.00 at 20 % → 3.33, since 3.34 + 0.67 = 4.01). total >= 0. */
int64_t money_net_within_total(int64_t total, int rate_bp);

/* The decimal mark amounts are written with: a file declares one (CSV
 * import's --decimal); what a person types may use either, and is taken
 * only when it reads one way. */
enum money_decimal { MONEY_DECIMAL_POINT, MONEY_DECIMAL_COMMA, MONEY_DECIMAL_EITHER };

/* Parses an amount into minor units, accepting only what is unambiguous:
 * spaces around; one currency sign (EUR, €, $ …) at either end; a sign;
 * thousands separated by three (a space, an apostrophe, or the mark that is
 * not the decimal one, one kind per amount); at most 2 decimals after the
 * decimal mark. With a decimal point "1,234.50", "€ 12.5", "-3"; with a
 * comma "1 234,50", "1.234,50 €". "1.000" (point), "1,000" (comma), "1.5.0",
 * "1€2", "." and values past INT64 are refused: ERR_INVALID, the message
 * saying why and what is expected (never the value: callers quote it). */
int money_parse_as(const char *text, enum money_decimal mark, int64_t *out, struct err *e);
/* What a person typed (CLI, console): money_parse_as with either mark. */
int money_parse(const char *text, int64_t *out, struct err *e);
/* "1234.50" / "-0.05": the plain form used by CSV and the CLI. */
void money_format_plain(int64_t minor, char *out, size_t len);
/* The locale's form through strfmon ("1 234,50 €" in fr_FR); falls back to
 * "1,234.50 EUR" when the locale has no monetary conventions. */
void money_format(int64_t minor, const char *currency, char *out, size_t len);
/* A percentage: "12.5", "12,5 %", "22%" → basis points (1250, 2200); the
 * same rules as an amount, without a currency sign; "0.125" is refused. */
int bp_parse_as(const char *text, enum money_decimal mark, int64_t *out, struct err *e);
int bp_parse(const char *text, int64_t *out, struct err *e);
/* 1250 → "12.5 %"; 1500 → "15 %". */
void bp_format(int64_t bp, char *out, size_t len);
/* A margin, always with two decimals, so that margins line up and compare:
 * 4070 → "40.70 %", 4791 → "47.91 %", -300 → "-3.00 %". */
void margin_format(int64_t bp, char *out, size_t len);
/* A rate in a column (a discount), two decimals as margins: 500 → "5.00 %",
 * 750 → "7.50 %", 1452 → "14.52 %". bp_format stays for sentences. */
void rate_format(int64_t bp, char *out, size_t len);
/* The symbol a currency code is written with ("EUR" → "€"), or the code. */
const char *money_currency_symbol(const char *code);

#endif
