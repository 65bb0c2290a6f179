/* A growing array of fixed-size rows and the count of rows left out. */
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"
#include "src/base/rows.h"

void rows_reset(struct rows *r, size_t size)
{
    if (r->size != size) {
        rows_free(r);
        r->size = size;
    }
    r->n = 0;
    r->more = 0;
}

void *rows_add(struct rows *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->items = xrealloc(r->items, (size_t)r->cap * r->size);
    }
    void *row = (char *)r->items + (size_t)r->n++ * r->size;
    memset(row, 0, r->size);
    return row;
}

void *rows_at(const struct rows *r, int i)
{
    return i >= 0 && i < r->n ? (char *)r->items + (size_t)i * r->size : NULL;
}

void rows_take(struct rows *r, const void *items, int n, int64_t skip, int64_t (*id)(const void *row),
               int max)
{
    for (int i = 0; i < n; i++) {
        const void *row = (const char *)items + (size_t)i * r->size;
        if (id(row) == skip)
            continue;
        if (r->n >= max) {
            r->more = 1;
            return;
        }
        memcpy(rows_add(r), row, r->size);
    }
}

void rows_free(struct rows *r)
{
    free(r->items);
    memset(r, 0, sizeof *r);
}
