/* The names of stock moves, as stored. */
#include <stddef.h>

#include "db/model/fulfilment.h"

const char *const stock_move_kind_names[STOCK_MOVE_KIND_COUNT + 1] = {"opening", "receive", "ship", "restock",
                                                                      "scrap",   "adjust",  NULL};
