/* The cart's reads: products with their tax rate and free stock, by id
 * (one query for any number), and a customer's tier and first order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/cart_store.h"
#include "db/db_private.h"
#include "src/base/strbuf.h"

static void cart_product_row(sqlite3_stmt *s, struct cart_product *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, p->sku, sizeof p->sku);
    db_column_copy(s, 2, p->name, sizeof p->name);
    db_column_copy(s, 3, p->category, sizeof p->category);
    p->list_price = sqlite3_column_int64(s, 4);
    p->consumer_price = sqlite3_column_int64(s, 5);
    p->unit_cost = sqlite3_column_int64(s, 6);
    p->min_order_qty = sqlite3_column_int64(s, 7);
    p->pack_size = sqlite3_column_int64(s, 8);
    db_column_copy(s, 9, p->tax_class, sizeof p->tax_class);
    p->tax_rate_bp = sqlite3_column_int(s, 10);
    p->free_stock = sqlite3_column_int64(s, 11);
    p->restock_days = sqlite3_column_int64(s, 12);
    p->active = sqlite3_column_int(s, 13) != 0;
}

int cart_store_products(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT p.id, p.sku, p.name, p.category, p.list_price, coalesce(p.consumer_price, -1), p.unit_cost, "
        "p.min_order_qty, p.pack_size, p.tax_class, coalesce(t.rate_bp, 0), "
        "p.stock_on_hand - p.stock_reserved, coalesce(p.restock_days, -1), p.active "
        "FROM products p LEFT JOIN tax_classes t ON t.code = p.tax_class "
        "WHERE p.id IN (SELECT value FROM json_each(?))";
    struct strbuf list = {0};
    strbuf_add(&list, "[");
    for (int i = 0; i < n; i++)
        strbuf_addf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
    strbuf_add(&list, "]");
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL) {
        strbuf_free(&list);
        return e ? e->code : ERR_INTERNAL;
    }
    db_bind_text(s, 1, strbuf_text(&list));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        cart_product_row(s, rows_add(out));
    strbuf_free(&list);
    return db_step_done(db, s, rc, e, "reading the cart's products");
}

int cart_store_customer_facts(struct db *db, int64_t customer_id, char *tier, size_t len, bool *first_order,
                              struct err *e)
{
    static const char sql[] =
        "SELECT c.loyalty_tier, NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id "
        "AND o.status <> 'cancelled') FROM customers c WHERE c.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, customer_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        db_column_copy(s, 0, tier, len);
        *first_order = sqlite3_column_int(s, 1) != 0;
        rc = sqlite3_step(s);
    } else if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return err_set(e, ERR_NOTFOUND, "customer", "no customer with id %lld", (long long)customer_id);
    }
    return db_step_done(db, s, rc, e, "reading a customer");
}
