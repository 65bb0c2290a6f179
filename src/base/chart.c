/* Bars for the terminal (see chart.h): integer arithmetic only. */
#include <stdlib.h>
#include <string.h>

#include "src/base/chart.h"
#include "src/base/mem.h"

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int64_t chart_scale(const int64_t *values, int n)
{
    int64_t *sorted = xmalloc(sizeof *sorted * (size_t)(n > 0 ? n : 1));
    int k = 0;
    for (int i = 0; i < n; i++)
        if (values[i] > 0)
            sorted[k++] = values[i];
    int64_t scale = 0;
    if (k > 0) {
        qsort(sorted, (size_t)k, sizeof *sorted, by_value);
        scale = sorted[k - 1];
        int64_t p75 = sorted[(k * 3 + 3) / 4 - 1]; /* nearest rank */
        if (k >= 4 && scale / 3 > p75)
            scale = 3 * p75;
    }
    free(sorted);
    return scale;
}

int chart_bar(int64_t value, int64_t scale, int width, bool unicode, char *out, size_t len)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    size_t used = 0;
    out[0] = '\0';
    if (value <= 0 || scale <= 0 || width <= 0 || len == 0)
        return 0;
    bool clipped = value > scale;
    int cells_max = clipped ? width - 1 : width;
    int64_t v = clipped ? scale : value;
    int64_t units = (v * cells_max * 8 + scale / 2) / scale; /* eighths of a cell */
    if (units == 0)
        units = 1; /* a figure above zero shows */
    int full = (int)(units / 8), part = unicode ? (int)(units % 8) : 0, cells = 0;
    if (!unicode && units % 8 >= 4)
        full++;
    if (full == 0 && part == 0)
        full = 1;
    for (int i = 0; i < full && used + 4 < len; i++, cells++) {
        const char *b = unicode ? "█" : "#";
        memcpy(out + used, b, strlen(b));
        used += strlen(b);
    }
    if (part > 0 && used + 4 < len) {
        memcpy(out + used, eighths[part], strlen(eighths[part]));
        used += strlen(eighths[part]);
        cells++;
    }
    if (clipped && used + 4 < len) {
        const char *m = unicode ? "▶" : ">";
        memcpy(out + used, m, strlen(m));
        used += strlen(m);
        cells++;
    }
    out[used] = '\0';
    return cells;
}

bool chart_unicode_locale(void)
{
    const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return strstr(v, "UTF-8") || strstr(v, "utf8") || strstr(v, "UTF8") || strstr(v, "utf-8");
    }
    return true;
}
