/* Setting and clearing an error value. */
#include <stdarg.h>
#include <stdio.h>

#include "src/base/err.h"

int err_set(struct err *e, enum err_code code, const char *field, const char *fmt, ...)
{
    if (e == NULL)
        return code;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void err_clear(struct err *e)
{
    if (e == NULL)
        return;
    e->code = ERR_OK;
    e->field[0] = '\0';
    e->msg[0] = '\0';
}
