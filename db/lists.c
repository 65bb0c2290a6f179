/* Small lists: the rows of one parent (an order's lines, a quote's events, an
 * account's contacts …) or of a small table (users, rules), in a fixed order,
 * read whole into a struct rows or one keyset window at a time, with the rows
 * left out counted in `more`; and binding by name. */
#include <stdio.h>
#include <stdlib.h>

#include "db/db_private.h"

int db_param(sqlite3_stmt *s, const char *name)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i == 0) {
        /* The SQL is a literal of the program: a missing name is a bug, not an error to return. */
        fprintf(stderr, "comptoir: no parameter %s in: %s\n", name, sqlite3_sql(s));
        abort();
    }
    return i;
}

int db_param_if(sqlite3_stmt *s, const char *name)
{
    return sqlite3_bind_parameter_index(s, name);
}

/* Binds the parent and the cursor of q (no cursor when q is NULL or has none). */
static void list_bind(sqlite3_stmt *s, const struct db_list_spec *l, int64_t parent, const struct page_req *q)
{
    sqlite3_bind_int64(s, db_param_if(s, ":parent"), parent);
    bool after = q != NULL && q->has_cursor;
    sqlite3_bind_int(s, db_param(s, ":after"), after);
    if (after && l->text_key)
        db_bind_text(s, db_param(s, ":key"), q->cursor.text);
    else
        sqlite3_bind_int64(s, db_param(s, ":key"), after ? q->cursor.num : 0);
    sqlite3_bind_int64(s, db_param(s, ":id"), after ? q->cursor.id : 0);
}

/* Whether q reads before its cursor (the rows then come back reversed). */
static bool list_before(const struct page_req *q)
{
    return q != NULL && q->has_cursor && q->before;
}

sqlite3_stmt *db_list_prepare(struct db *db, const struct db_list_spec *l, int64_t parent,
                              const struct page_req *q, struct err *e)
{
    bool backward = q != NULL && q->descending != list_before(q); /* the order rows are read in */
    sqlite3_stmt *s = db_stmt(db, backward ? l->backward : l->forward, e);
    if (s != NULL)
        list_bind(s, l, parent, q);
    return s;
}

int db_list_collect(struct db *db, sqlite3_stmt *s, const struct db_list_spec *l, const struct page_req *q,
                    struct rows *out, struct err *e)
{
    int limit = q != NULL && q->limit > 0 ? q->limit : 0;
    int rc;
    rows_reset(out, l->size);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (limit > 0 && out->n == limit)
            out->more++; /* counted, not read */
        else
            l->read(s, rows_add(out));
    }
    if ((rc = db_step_done(db, s, rc, e, l->what)) == ERR_OK && list_before(q))
        db_page_reverse(out->items, out->n, out->size); /* back into display order */
    return rc;
}

int db_list_read(struct db *db, const struct db_list_spec *l, int64_t parent, const struct page_req *q,
                 struct rows *out, struct err *e)
{
    rows_reset(out, l->size);
    sqlite3_stmt *s = db_list_prepare(db, l, parent, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    return db_list_collect(db, s, l, q, out, e);
}

void db_bind_name_set(sqlite3_stmt *s, int idx, unsigned set, const char *const *names, int n)
{
    char json[512];
    size_t used = 0;
    if (set == 0) {
        sqlite3_bind_null(s, idx);
        return;
    }
    json[used++] = '[';
    for (int i = 0; i < n && used < sizeof json - 2; i++)
        if (set & (1u << i))
            used +=
                (size_t)snprintf(json + used, sizeof json - used, "%s\"%s\"", used > 1 ? "," : "", names[i]);
    snprintf(json + used, sizeof json - used, "]");
    db_bind_text(s, idx, json);
}
