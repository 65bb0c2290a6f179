/* Stock received, counted, restocked and scrapped (see fulfilment.h):
 * each a move written before the product changes, in one transaction;
 * what arrives goes to the lines waiting for it, oldest promise first. */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/product_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/base/datetime.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

#define STOCK_MAX_QTY 1000000000

static int stock_move(struct app *app, int64_t product_id, enum stock_move_kind kind, int64_t delta,
                      int64_t order_id, int64_t return_id, const char *note, struct err *e)
{
    struct stock_move m = {.product_id = product_id,
                           .kind = kind,
                           .on_hand_delta = delta,
                           .order_id = order_id,
                           .return_id = return_id,
                           .user_id = app->user.id};
    datetime_now_utc(m.at);
    snprintf(m.note, sizeof m.note, "%s", note ? note : "");
    return stock_store_add_move(app->db, &m, e);
}

static int stock_audit(struct app *app, const char *action, const struct product *p, int64_t delta,
                       const char *note, const struct receive_result *res, struct err *e)
{
    struct json j;
    json_begin(&j);
    json_int(&j, "quantity", delta);
    json_str(&j, "note", note);
    if (res != NULL) {
        json_int(&j, "allocated", res->allocated);
        json_int(&j, "orders", res->orders);
        json_int(&j, "promises_moved", res->promises_moved);
    }
    int rc = audit_record(app, action, "product", p->sku, NULL, json_end(&j), e);
    json_free(&j);
    return rc;
}

static int stock_after(struct app *app, int64_t product_id, struct receive_result *res, struct err *e)
{
    struct product p;
    int rc = product_store_get(app->db, product_id, &p, e);
    if (rc == ERR_OK) {
        res->on_hand = p.stock_on_hand;
        res->free = p.stock_on_hand - p.stock_reserved;
    }
    return rc;
}

static int receive_in_transaction(struct app *app, const struct product *p, int64_t qty, const char *note,
                                  struct receive_result *res, struct err *e)
{
    char why[120];
    snprintf(why, sizeof why, "%s ×%lld received", p->sku, (long long)qty);
    int rc = stock_move(app, p->id, MOVE_RECEIVE, qty, 0, 0, note, e);
    if (rc == ERR_OK)
        rc = stock_store_raise(app->db, p->id, qty, e);
    if (rc == ERR_OK)
        rc = fulfil_allocate_waiting(app, p->id, p->sku, "received", res, e);
    if (rc == ERR_OK)
        rc = stock_after(app, p->id, res, e);
    return rc == ERR_OK ? stock_audit(app, "receive", p, qty, note, res, e) : rc;
}

int stock_receive(struct app *app, const char *sku, int64_t qty, const char *note, struct receive_result *res,
                  struct err *e)
{
    memset(res, 0, sizeof *res);
    struct product p;
    int rc = app_require(app, ACT_STOCK_RECEIVE, e);
    if (rc == ERR_OK && (qty < 1 || qty > STOCK_MAX_QTY))
        rc = err_set(e, ERR_INVALID, "quantity", "a receipt is 1 to %d units, not %lld", STOCK_MAX_QTY,
                     (long long)qty);
    if (rc == ERR_OK)
        rc = text_check("note", note ? note : "", 200, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = product_find_sku(app, sku, &p, e)) == ERR_OK)
        rc = receive_in_transaction(app, &p, qty, note ? note : "", res, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

int stock_adjust(struct app *app, const char *sku, int64_t delta, const char *reason, int64_t *on_hand,
                 struct err *e)
{
    struct product p;
    bool done = false;
    int rc = app_require(app, ACT_STOCK_RECEIVE, e);
    if (rc == ERR_OK && (delta == 0 || delta > STOCK_MAX_QTY || delta < -STOCK_MAX_QTY))
        rc = err_set(e, ERR_INVALID, "quantity",
                     "an adjustment is a number of units other than 0, like +3 or -2");
    if (rc == ERR_OK)
        rc = text_check("reason", reason ? reason : "", 200, TEXT_REQUIRED, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = product_find_sku(app, sku, &p, e)) == ERR_OK &&
        (rc = stock_move(app, p.id, MOVE_ADJUST, delta, 0, 0, reason, e)) == ERR_OK &&
        (rc = stock_store_adjust(app->db, p.id, delta, &done, e)) == ERR_OK && !done)
        rc = err_set(
            e, ERR_STATE, "quantity",
            "%s: %lld on hand, %lld reserved for orders: it cannot go to %lld (ship or cancel first)", p.sku,
            (long long)p.stock_on_hand, (long long)p.stock_reserved, (long long)(p.stock_on_hand + delta));
    struct receive_result after = {0};
    if (rc == ERR_OK && delta > 0)
        rc = fulfil_allocate_waiting(app, p.id, p.sku, "counted", &after, e);
    if (rc == ERR_OK && (rc = stock_after(app, p.id, &after, e)) == ERR_OK)
        rc = stock_audit(app, "adjust", &p, delta, reason, NULL, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if (on_hand)
        *on_hand = after.on_hand;
    return db_commit(app->db, e);
}

int stock_restock(struct app *app, int64_t product_id, int64_t qty, int64_t order_id, int64_t return_id,
                  const char *note, struct err *e)
{
    struct receive_result res = {0};
    struct product p;
    int rc = qty > 0 ? ERR_OK : err_set(e, ERR_INVALID, "quantity", "a restock is at least 1 unit");
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = product_store_get(app->db, product_id, &p, e)) == ERR_OK &&
        (rc = stock_move(app, product_id, MOVE_RESTOCK, qty, order_id, return_id, note, e)) == ERR_OK &&
        (rc = stock_store_raise(app->db, product_id, qty, e)) == ERR_OK)
        rc = fulfil_allocate_waiting(app, product_id, p.sku, "returned", &res, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

int stock_scrap(struct app *app, int64_t product_id, int64_t order_id, int64_t return_id, const char *note,
                struct err *e)
{
    return stock_move(app, product_id, MOVE_SCRAP, 0, order_id, return_id, note, e);
}

int stock_moves(struct app *app, const char *sku, const struct page_req *q, struct rows *out, struct err *e)
{
    struct product p;
    rows_reset(out, sizeof(struct stock_move));
    int rc = product_find_sku(app, sku, &p, e);
    return rc != ERR_OK ? rc : stock_store_moves(app->db, p.id, q, out, e);
}
