/* Checks of typed text shared by the validations: UTF-8, lengths, control
 * characters, e-mail and phone shapes. Pure: no database. */
#include <string.h>

#include "core.h"

/* Length of the sequence starting with byte b, 0 when b cannot start one. */
static int utf8_sequence_length(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* The valid range of the second byte narrows for E0, ED, F0 and F4 so that
 * overlong forms, surrogates and code points past U+10FFFF are refused. */
static bool utf8_second_ok(unsigned char first, unsigned char second)
{
    switch (first) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return (second & 0xC0) == 0x80;
    }
}

bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        int n = utf8_sequence_length(*p);
        if (n == 0)
            return false;
        if (n > 1 && !utf8_second_ok(p[0], p[1]))
            return false;
        for (int i = 2; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

static int text_check_controls(const char *field, const char *value, unsigned flags, struct err *e)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        bool line_break = *p == '\n' || *p == '\r' || *p == '\t';
        if (line_break && (flags & TEXT_MULTILINE))
            continue;
        if (line_break)
            return err_set(e, ERR_INVALID, field, "%s must be on one line (no line breaks or tabs)", field);
        if (*p < 0x20 || *p == 0x7F)
            return err_set(e, ERR_INVALID, field, "%s contains a control character (byte 0x%02X)", field, *p);
    }
    return ERR_OK;
}

int text_check(const char *field, const char *value, size_t max, unsigned flags, struct err *e)
{
    value = value ? value : "";
    size_t n = strnlen(value, max + 1);
    if (n == 0)
        return (flags & TEXT_REQUIRED) ? err_set(e, ERR_INVALID, field, "%s must not be empty", field)
                                       : ERR_OK;
    if (n > max)
        return err_set(e, ERR_INVALID, field, "%s is too long: at most %zu bytes", field, max);
    if (!utf8_valid(value))
        return err_set(e, ERR_INVALID, field, "%s is not valid UTF-8 text", field);
    int rc = text_check_controls(field, value, flags, e);
    if (rc != ERR_OK)
        return rc;
    if ((flags & TEXT_KEY) && (value[0] == ' ' || value[n - 1] == ' '))
        return err_set(e, ERR_INVALID, field, "%s '%s' must not begin or end with a space", field, value);
    return ERR_OK;
}

int text_check_email(const char *field, const char *value, bool required, struct err *e)
{
    value = value ? value : "";
    if (value[0] == '\0')
        return required ? err_set(e, ERR_INVALID, field, "%s must not be empty", field) : ERR_OK;
    const char *at = strchr(value, '@');
    if (at == NULL || strchr(at + 1, '@') != NULL)
        return err_set(e, ERR_INVALID, field, "%s '%s' is not an e-mail address: it needs exactly one @",
                       field, value);
    if (strpbrk(value, " \t\r\n") != NULL)
        return err_set(e, ERR_INVALID, field, "%s '%s' is not an e-mail address: it contains a space", field,
                       value);
    const char *dot = strrchr(at + 1, '.');
    if (at == value || dot == NULL || dot == at + 1 || dot[1] == '\0')
        return err_set(e, ERR_INVALID, field, "%s '%s' is not an e-mail address: expected name@domain.tld",
                       field, value);
    return ERR_OK;
}

int text_check_phone(const char *field, const char *value, struct err *e)
{
    value = value ? value : "";
    if (value[0] == '\0')
        return ERR_OK;
    bool digit = false;
    for (const char *p = value; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (strchr(" +-.()", *p) == NULL)
            return err_set(e, ERR_INVALID, field, "%s '%s' may only hold digits, spaces and + - . ( )", field,
                           value);
    }
    if (!digit)
        return err_set(e, ERR_INVALID, field, "%s '%s' has no digits", field, value);
    return ERR_OK;
}
