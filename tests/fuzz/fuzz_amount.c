/* libFuzzer target: the amount parser (money_parse_as, bp_parse_as) and the
 * text check and escape, on any bytes. Properties, not only crashes: an
 * amount that reads is written back by money_format_plain as text that
 * reads to the same value; with either mark, a text is taken only when the
 * two marks agree; the escape leaves no control character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/money.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/validate.h"

static void must(int ok)
{
    if (!ok)
        abort();
}

static void check_round_trip(int64_t v)
{
    char plain[40];
    int64_t back = 0;
    money_format_plain(v, plain, sizeof plain);
    must(money_parse_as(plain, MONEY_DECIMAL_POINT, &back, NULL) == ERR_OK && back == v);
    must(money_parse(plain, &back, NULL) == ERR_OK && back == v);
}

static void check_amount(const char *text)
{
    int64_t point = 0, comma = 0, either = 0;
    struct err e = {0};
    int rp = money_parse_as(text, MONEY_DECIMAL_POINT, &point, &e);
    int rc = money_parse_as(text, MONEY_DECIMAL_COMMA, &comma, &e);
    int re = money_parse_as(text, MONEY_DECIMAL_EITHER, &either, &e);
    must(rp == ERR_OK || rp == ERR_INVALID);
    if (rp == ERR_OK)
        check_round_trip(point);
    if (rc == ERR_OK)
        check_round_trip(comma);
    if (re == ERR_OK) /* taken with either mark: one of the marks reads it so */
        must((rp == ERR_OK && point == either) || (rc == ERR_OK && comma == either));
    if (rp == ERR_OK && rc == ERR_OK && point != comma)
        must(re != ERR_OK);
    int64_t bp;
    if (bp_parse_as(text, MONEY_DECIMAL_POINT, &bp, NULL) == ERR_OK)
        must(bp_parse(text, &bp, NULL) == ERR_OK || strchr(text, ',') != NULL);
}

static void check_text(const char *data, size_t size)
{
    struct strbuf b = {0};
    text_visible(&b, data, size, 0);
    for (size_t i = 0; i < b.len; i++)
        must((unsigned char)b.s[i] >= 0x20 && b.s[i] != 0x7F);
    strbuf_free(&b);
    char *z = malloc(size + 1);
    memcpy(z, data, size);
    z[size] = '\0';
    if (text_check("f", z, 4096, TEXT_MULTILINE, NULL) == ERR_OK) { /* accepted text prints as it is */
        struct strbuf shown = {0};
        text_visible(&shown, z, strlen(z), TEXT_SHOW_NEWLINES);
        must(strcmp(strbuf_text(&shown), z) == 0);
        strbuf_free(&shown);
    }
    free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    check_amount(text);
    check_text((const char *)data, size);
    free(text);
    return 0;
}
