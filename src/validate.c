/* Checks of typed text shared by the validations: UTF-8, lengths, control
 * characters, e-mail and phone shapes. Pure: no database. */
#include <stdbool.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/validate.h"

/* Control characters (C0, DEL and C1) would be obeyed by a terminal that
 * prints the text, so none enters; a newline only where a field has lines. */
static int text_check_controls(const char *field, const char *value, unsigned flags, struct err *e)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        bool c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
        if (*p == '\n' && (flags & TEXT_MULTILINE))
            continue;
        if (*p == '\n')
            return err_set(e, ERR_INVALID, field, "%s must be on one line (no line breaks)", field);
        if (*p == '\t')
            return err_set(e, ERR_INVALID, field, "%s contains a tab (write spaces)", field);
        if (*p == '\r')
            return err_set(e, ERR_INVALID, field, "%s contains a carriage return (\\r)%s", field,
                           (flags & TEXT_MULTILINE) ? ": end lines with a newline alone" : "");
        if (*p < 0x20 || *p == 0x7F || c1) {
            struct strbuf shown = {0};
            text_visible(&shown, (const char *)p, c1 ? 2 : 1, 0);
            err_set(e, ERR_INVALID, field,
                    "%s contains a control character (%s), which a terminal would obey", field,
                    strbuf_text(&shown));
            strbuf_free(&shown);
            return ERR_INVALID;
        }
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
