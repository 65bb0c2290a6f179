/* The fulfilment records: shipments and their lines, moves of stock on
 * hand, what an account asks of its parcels, and the rows of the
 * warehouse's lists and of the on-time rate. */
#ifndef COMPTOIR_DB_MODEL_FULFILMENT_H
#define COMPTOIR_DB_MODEL_FULFILMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"

/* One shipment of an order: what left together, with one carrier. */
struct shipment {
    int64_t id;
    int64_t order_id;
    int seq; /* 1, 2 … within the order */
    char carrier[65];
    char tracking[65]; /* "" = none given */
    int parcels;
    char shipped_at[32];
    int64_t shipped_by;
    char delivered_at[32]; /* "" = on its way */
    char delivered_day[11];
    int64_t delivered_by;
    /* read only, joined */
    char shipped_by_login[65];
    int64_t units; /* the units it carries */
};

/* A line of a shipment: an order line and how many of its units left. */
struct shipment_line {
    int64_t shipment_id;
    int64_t order_line_id;
    int64_t quantity;
    /* read only, joined: the order line */
    int line_no;
    char sku[65];
    char description[201];
    int64_t ordered, shipped, cancelled; /* the line's units now */
};

enum stock_move_kind { MOVE_OPENING, MOVE_RECEIVE, MOVE_SHIP, MOVE_RESTOCK, MOVE_SCRAP, MOVE_ADJUST };
#define STOCK_MOVE_KIND_COUNT (MOVE_ADJUST + 1)
/* "opening" … "adjust" in enum order, then NULL. */
extern const char *const stock_move_kind_names[STOCK_MOVE_KIND_COUNT + 1];

/* A change of a product's stock on hand, and why. */
struct stock_move {
    int64_t id;
    int64_t product_id;
    char at[32];
    enum stock_move_kind kind;
    int64_t on_hand_delta;
    int64_t order_id, shipment_id, return_id; /* 0 = none */
    int64_t user_id;
    char note[201];
};

/* What an account asks of the parcels it receives. */
struct account_packing {
    int64_t account_id;
    char instructions[501]; /* free text: "pallets max 1.2 m, no plastic" */
    bool requires_po;       /* its purchase-order number on every order and document */
};

/* An order line waiting for stock, oldest promise first (receiving). */
struct waiting_line {
    int64_t order_line_id;
    int64_t order_id;
    char number[33];
    int64_t backorder_qty;
    char promised_date[11];
};

/* One product's back-orders: the units waiting and on how many orders. */
struct backorder_row {
    int64_t product_id;
    char sku[65];
    char name[201];
    int64_t waiting; /* units */
    int64_t orders;  /* orders with a line waiting */
    int64_t free;    /* on hand and not reserved (0 while anything waits, unless just received) */
    char first_promise[11];
};

/* An order in the warehouse's lists, with its units ready and waiting. */
struct fulfilment_row {
    struct order order;
    int64_t ready;   /* units allocated, not yet shipped */
    int64_t waiting; /* units waiting for stock */
    int64_t shipped; /* units shipped */
    int late_days;   /* days past its promise (late list), or past its first promise */
};

/* Deliveries of one account (or of consumers: account_id 0) in a window. */
struct ontime_row {
    int64_t account_id; /* 0 = consumers (B2C) */
    char code[33];
    char name[201];
    int64_t delivered; /* orders delivered with a promise */
    int64_t on_time;   /* of them, on or before the first promise */
};

#endif
