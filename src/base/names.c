/* Looking words up in the name tables of enums. */
#include <string.h>
#include <strings.h>

#include "src/base/names.h"

int name_index(const char *const *names, int n, const char *text, bool nocase)
{
    for (int i = 0; text && i < n && names[i]; i++) {
        if ((nocase ? strcasecmp(text, names[i]) : strcmp(text, names[i])) == 0)
            return i;
    }
    return -1;
}

const char *name_at(const char *const *names, int n, int i)
{
    return i >= 0 && i < n ? names[i] : "?";
}
