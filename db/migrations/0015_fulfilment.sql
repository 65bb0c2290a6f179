-- Fulfilment: what an account asks of its parcels, the shipments of an
-- order (their lines, carrier, tracking, parcels, delivery), and every move
-- of stock on hand, so the stock a product shows is the sum of its moves.
--
-- Stock on hand changes by a move: the code writes the move (receive,
-- ship, adjust …) and then the product, and products.stock_moved (the sum
-- of the moves, kept by a trigger) follows; any other write of
-- stock_on_hand (a product edited, a products import, a tool) is recorded
-- by a trigger as an 'adjust' move for the difference, and a new product's
-- stock as its 'opening' move. Shipment lines and moves are append-only; a
-- shipment changes once, when it is delivered.

ALTER TABLE accounts ADD COLUMN packing_instructions TEXT NOT NULL DEFAULT ''
    CHECK (length(packing_instructions) <= 500);
ALTER TABLE accounts ADD COLUMN requires_po INTEGER NOT NULL DEFAULT 0 CHECK (requires_po IN (0, 1));
ALTER TABLE products ADD COLUMN stock_moved INTEGER NOT NULL DEFAULT 0;

CREATE TABLE shipments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    carrier      TEXT NOT NULL CHECK (length(carrier) BETWEEN 1 AND 64),
    tracking     TEXT NOT NULL DEFAULT '' CHECK (length(tracking) <= 64),
    parcels      INTEGER NOT NULL DEFAULT 1 CHECK (parcels BETWEEN 1 AND 999),
    shipped_at   TEXT NOT NULL,
    shipped_by   INTEGER REFERENCES users(id),
    delivered_at TEXT,
    delivered_day TEXT,
    delivered_by INTEGER REFERENCES users(id),
    UNIQUE (order_id, seq),
    CHECK ((delivered_at IS NULL) = (delivered_day IS NULL))
) STRICT;

CREATE TABLE shipment_lines (
    shipment_id   INTEGER NOT NULL REFERENCES shipments(id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, order_line_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX shipment_lines_line ON shipment_lines(order_line_id);

CREATE TABLE stock_moves (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER NOT NULL REFERENCES products(id),
    at            TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opening', 'receive', 'ship', 'restock', 'scrap', 'adjust')),
    on_hand_delta INTEGER NOT NULL,
    order_id      INTEGER,
    shipment_id   INTEGER,
    return_id     INTEGER,
    user_id       INTEGER REFERENCES users(id),
    note          TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'scrap') = (on_hand_delta = 0))
) STRICT;
CREATE INDEX stock_moves_product ON stock_moves(product_id, id);

-- The warehouse's lists: lines waiting for stock by product, orders ready
-- to ship by promise, open orders past their promise, deliveries by day
-- (the on-time rate, until issue 15's summary table reads them).
CREATE INDEX order_lines_backorder ON order_lines(product_id, order_id) WHERE backorder_qty > 0;
CREATE INDEX orders_to_ship ON orders(promised_date, id)
    WHERE status IN ('placed', 'allocated', 'partially_shipped');
CREATE INDEX orders_open_promise ON orders(promised_date, id)
    WHERE status IN ('placed', 'allocated', 'partially_shipped', 'shipped');
CREATE INDEX orders_delivered ON orders(delivered_day, account_id, first_promised_date)
    WHERE delivered_day IS NOT NULL;

-- Orders from before have no shipment rows: `check` compares shipped units
-- with shipment lines from this order on (and for any order with one).
INSERT INTO settings(key, value) VALUES
    ('fulfilment.since_order_id', (SELECT coalesce(max(id), 0) + 1 FROM orders));

-- The stock there is when fulfilment starts is each product's opening move.
INSERT INTO stock_moves(product_id, at, kind, on_hand_delta, note)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'opening', stock_on_hand, 'stock before fulfilment'
  FROM products WHERE stock_on_hand <> 0;
UPDATE products SET stock_moved = stock_on_hand;

CREATE TRIGGER stock_moves_follow AFTER INSERT ON stock_moves BEGIN
    UPDATE products SET stock_moved = stock_moved + NEW.on_hand_delta WHERE id = NEW.product_id;
END;
CREATE TRIGGER products_stock_opening AFTER INSERT ON products WHEN NEW.stock_on_hand <> 0 BEGIN
    INSERT INTO stock_moves(product_id, at, kind, on_hand_delta, note)
    VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'opening', NEW.stock_on_hand, 'opening stock');
END;
CREATE TRIGGER products_stock_edited AFTER UPDATE OF stock_on_hand ON products
WHEN NEW.stock_on_hand <> NEW.stock_moved BEGIN
    INSERT INTO stock_moves(product_id, at, kind, on_hand_delta, note)
    VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'adjust', NEW.stock_on_hand - NEW.stock_moved,
            'stock edited');
END;

CREATE TRIGGER shipments_deliver_once BEFORE UPDATE ON shipments
WHEN OLD.delivered_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.order_id IS NOT OLD.order_id
  OR NEW.seq IS NOT OLD.seq OR NEW.carrier IS NOT OLD.carrier OR NEW.tracking IS NOT OLD.tracking
  OR NEW.parcels IS NOT OLD.parcels OR NEW.shipped_at IS NOT OLD.shipped_at
  OR NEW.shipped_by IS NOT OLD.shipped_by BEGIN
    SELECT RAISE(ABORT, 'a shipment changes once, when it is delivered');
END;
CREATE TRIGGER shipments_no_delete BEFORE DELETE ON shipments BEGIN
    SELECT RAISE(ABORT, 'shipments are kept');
END;
CREATE TRIGGER shipments_no_replace BEFORE INSERT ON shipments
WHEN EXISTS (SELECT 1 FROM shipments WHERE id = NEW.id OR (order_id = NEW.order_id AND seq = NEW.seq)) BEGIN
    SELECT RAISE(ABORT, 'shipments are kept');
END;
CREATE TRIGGER shipment_lines_no_update BEFORE UPDATE ON shipment_lines BEGIN
    SELECT RAISE(ABORT, 'shipment lines are append-only');
END;
CREATE TRIGGER shipment_lines_no_delete BEFORE DELETE ON shipment_lines BEGIN
    SELECT RAISE(ABORT, 'shipment lines are append-only');
END;
CREATE TRIGGER shipment_lines_no_replace BEFORE INSERT ON shipment_lines
WHEN EXISTS (SELECT 1 FROM shipment_lines WHERE shipment_id = NEW.shipment_id
                                           AND order_line_id = NEW.order_line_id) BEGIN
    SELECT RAISE(ABORT, 'shipment lines are append-only');
END;
CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN
    SELECT RAISE(ABORT, 'stock moves are append-only');
END;
CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN
    SELECT RAISE(ABORT, 'stock moves are append-only');
END;
CREATE TRIGGER stock_moves_no_replace BEFORE INSERT ON stock_moves
WHEN EXISTS (SELECT 1 FROM stock_moves WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'stock moves are append-only');
END;
