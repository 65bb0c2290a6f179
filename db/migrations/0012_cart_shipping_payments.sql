-- What a quick order needs around the order snapshot: a product's own
-- consumer price and restocking delay, stock that can never be reserved
-- beyond what is on hand, shipping methods and closing days as data,
-- payments, every discount share of a line as a row, the promises made and
-- the order's timeline. Payments, adjustments, promises and the timeline
-- are append-only: no UPDATE, no DELETE, no INSERT over an existing id.

ALTER TABLE products ADD COLUMN consumer_price INTEGER CHECK (consumer_price IS NULL OR consumer_price >= 0);
ALTER TABLE products ADD COLUMN restock_days INTEGER CHECK (restock_days IS NULL OR restock_days BETWEEN 0 AND 365);
CREATE TRIGGER products_reserved_within_stock BEFORE UPDATE OF stock_on_hand, stock_reserved ON products
WHEN NEW.stock_reserved > NEW.stock_on_hand BEGIN
    SELECT RAISE(ABORT, 'reserved stock exceeds stock on hand');
END;
CREATE TRIGGER products_reserved_within_stock_insert BEFORE INSERT ON products
WHEN NEW.stock_reserved > NEW.stock_on_hand BEGIN
    SELECT RAISE(ABORT, 'reserved stock exceeds stock on hand');
END;

-- Fees are tax included (a B2B cart charges their net part); lead days are
-- business days; the cut-off is store-local time.
CREATE TABLE shipping_methods (
    code       TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 16),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    fee        INTEGER NOT NULL CHECK (fee >= 0),
    tax_class  TEXT NOT NULL DEFAULT 'standard' REFERENCES tax_classes(code),
    free_over  INTEGER CHECK (free_over IS NULL OR free_over >= 0),
    lead_days  INTEGER NOT NULL CHECK (lead_days BETWEEN 0 AND 60),
    cutoff     TEXT CHECK (cutoff IS NULL OR cutoff GLOB '[0-2][0-9]:[0-5][0-9]'),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position   INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO shipping_methods(code, name, fee, free_over, lead_days, cutoff, position, updated_at) VALUES
    ('standard', 'Standard', 490, 5000, 3, NULL, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    ('express', 'Express', 990, NULL, 1, '14:00', 2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    ('pickup', 'Pickup in store', 0, NULL, 0, NULL, 3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- Days nobody ships, besides Saturdays and Sundays.
CREATE TABLE business_closures (
    day    TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    reason TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE payments (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders(id),
    direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    method     TEXT NOT NULL CHECK (method IN ('card', 'cash', 'transfer', 'account', 'credit')),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    tax_amount INTEGER NOT NULL DEFAULT 0 CHECK (tax_amount BETWEEN 0 AND amount),
    reference  TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 64),
    tendered   INTEGER CHECK (tendered IS NULL OR (method = 'cash' AND direction = 'in' AND tendered >= amount)),
    at         TEXT NOT NULL,
    day        TEXT NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    reason     TEXT NOT NULL DEFAULT '',
    return_id  INTEGER,
    refund_id  INTEGER
) STRICT;
CREATE INDEX payments_order ON payments(order_id, id);

-- Each discount share of a line: a manual (quote) discount, a promotion's
-- share, redeemed points, an exchange credit. Their sum is the line's
-- discount_amount.
CREATE TABLE order_line_adjustments (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders(id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
    kind          TEXT NOT NULL CHECK (kind IN ('manual', 'promotion', 'points', 'exchange')),
    source_id     INTEGER NOT NULL DEFAULT 0,
    amount        INTEGER NOT NULL CHECK (amount > 0),
    label         TEXT NOT NULL DEFAULT '',
    UNIQUE (order_line_id, kind, source_id),
    CHECK ((kind = 'promotion') = (source_id > 0))
) STRICT;
CREATE INDEX order_line_adjustments_order ON order_line_adjustments(order_id);
CREATE INDEX order_line_adjustments_promotion ON order_line_adjustments(source_id, order_id)
    WHERE kind = 'promotion';

-- Every promise made to the customer; the order carries the current one
-- and the first one (on-time delivery is measured against the first).
CREATE TABLE order_promises (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders(id),
    promised_date TEXT NOT NULL,
    at            TEXT NOT NULL,
    user_id       INTEGER REFERENCES users(id),
    reason        TEXT NOT NULL CHECK (length(reason) >= 1)
) STRICT;
CREATE INDEX order_promises_order ON order_promises(order_id, id);

-- What happened to an order besides its status moves (those stay in
-- order_status_history): payment, promise, note, allocation, shipment,
-- delivery, return, receipt, refund, exchange, points, promotion …
CREATE TABLE order_timeline (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users(id),
    kind     TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 24),
    ref_id   INTEGER,
    amount   INTEGER,
    detail   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX order_timeline_order ON order_timeline(order_id, at, id);

INSERT INTO settings(key, value) VALUES
    ('order.gift_wrap_fee', '350'),
    ('order.gift_wrap_tax_class', 'standard'),
    ('stock.backorder_days', '10'),
    ('store.time_zone', '');

-- Orders from before: their discount shares, their promise, and a payment
-- for what they cost unless cancelled (so a return has something to refund).
INSERT INTO order_line_adjustments(order_id, order_line_id, kind, source_id, amount, label)
SELECT order_id, id, 'manual', 0, discount_amount, 'order discount' FROM order_lines WHERE discount_amount > 0;
INSERT INTO order_promises(order_id, promised_date, at, user_id, reason)
SELECT id, promised_date, placed_at, created_by, 'migrated' FROM orders WHERE promised_date IS NOT NULL;
INSERT INTO payments(order_id, direction, method, amount, reference, at, day, user_id, reason)
SELECT id, 'in', CASE channel WHEN 'b2b' THEN 'account' ELSE 'card' END, total, 'migrated', placed_at,
       coalesce(placed_day, date(placed_at, 'localtime')), created_by, 'placing'
  FROM orders WHERE status <> 'cancelled' AND total > 0;
UPDATE orders SET paid_total = total WHERE status <> 'cancelled' AND total > 0;

CREATE TRIGGER order_promises_follow AFTER INSERT ON order_promises BEGIN
    UPDATE orders SET promised_date = NEW.promised_date,
                      first_promised_date = coalesce(first_promised_date, NEW.promised_date)
     WHERE id = NEW.order_id;
END;
CREATE TRIGGER orders_first_promise_once BEFORE UPDATE OF first_promised_date ON orders
WHEN OLD.first_promised_date IS NOT NULL AND NEW.first_promised_date IS NOT OLD.first_promised_date BEGIN
    SELECT RAISE(ABORT, 'the first promise never changes');
END;

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
CREATE TRIGGER payments_no_replace BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM payments WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
CREATE TRIGGER order_line_adjustments_no_update BEFORE UPDATE ON order_line_adjustments BEGIN
    SELECT RAISE(ABORT, 'order line adjustments are append-only');
END;
CREATE TRIGGER order_line_adjustments_no_delete BEFORE DELETE ON order_line_adjustments BEGIN
    SELECT RAISE(ABORT, 'order line adjustments are append-only');
END;
CREATE TRIGGER order_line_adjustments_no_replace BEFORE INSERT ON order_line_adjustments
WHEN EXISTS (SELECT 1 FROM order_line_adjustments WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'order line adjustments are append-only');
END;
CREATE TRIGGER order_promises_no_update BEFORE UPDATE ON order_promises BEGIN
    SELECT RAISE(ABORT, 'promises are append-only');
END;
CREATE TRIGGER order_promises_no_delete BEFORE DELETE ON order_promises BEGIN
    SELECT RAISE(ABORT, 'promises are append-only');
END;
CREATE TRIGGER order_promises_no_replace BEFORE INSERT ON order_promises
WHEN EXISTS (SELECT 1 FROM order_promises WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'promises are append-only');
END;
CREATE TRIGGER order_timeline_no_update BEFORE UPDATE ON order_timeline BEGIN
    SELECT RAISE(ABORT, 'the order timeline is append-only');
END;
CREATE TRIGGER order_timeline_no_delete BEFORE DELETE ON order_timeline BEGIN
    SELECT RAISE(ABORT, 'the order timeline is append-only');
END;
CREATE TRIGGER order_timeline_no_replace BEFORE INSERT ON order_timeline
WHEN EXISTS (SELECT 1 FROM order_timeline WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'the order timeline is append-only');
END;
