-- Loyalty: every change of a customer's points is a row of an append-only
-- ledger (earn, release, cancel, redeem, restore, reverse, expire, adjust,
-- and the opening balance brought from before), in two buckets: pending
-- (earned by an order not delivered yet) and available. A balance is the
-- sum of its bucket; customers.loyalty_points (available) and
-- loyalty_pending are caches moved by conditional UPDATEs in the same
-- transaction, and `comptoir check` proves them against the ledger.
--
-- Pending becomes available without rewriting a row: delivery writes a
-- release pair (-E pending, +E available). Every available credit carries
-- the day it expires (first day it is no longer usable); expiry is first
-- in, first out over the ledger alone: what is due by day D is
-- max(0, credits expiring by D - every available debit).
--
-- order_line_points keeps, per goods line of an order, the points it earned
-- and redeemed and how much of each was reversed or restored as its units
-- were credited (cancelled, returned): counters that only grow, each within
-- what the line holds, so nothing is reversed or restored twice.

CREATE TABLE loyalty_tiers (
    name               TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 16),
    min_spend          INTEGER NOT NULL UNIQUE CHECK (min_spend >= 0),
    earn_multiplier_bp INTEGER NOT NULL DEFAULT 10000 CHECK (earn_multiplier_bp BETWEEN 0 AND 100000)
) STRICT;
-- Spend = goods excluding tax of the orders delivered in the last 12 months, net of refunds.
INSERT INTO loyalty_tiers(name, min_spend, earn_multiplier_bp) VALUES
    ('bronze', 0, 10000), ('silver', 50000, 12500), ('gold', 200000, 15000);

ALTER TABLE customers ADD COLUMN loyalty_pending INTEGER NOT NULL DEFAULT 0 CHECK (loyalty_pending >= 0);

CREATE TABLE loyalty_ledger (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at          TEXT NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('opening', 'earn', 'release', 'cancel', 'redeem', 'restore',
                                              'reverse', 'expire', 'adjust')),
    bucket      TEXT NOT NULL CHECK (bucket IN ('pending', 'available')),
    points      INTEGER NOT NULL,
    expires_on  TEXT,
    order_id    INTEGER REFERENCES orders(id),
    return_id   INTEGER,
    user_id     INTEGER REFERENCES users(id),
    reason      TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    shortfall   INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0),  -- reverse: due but already spent
    CHECK (points <> 0 OR (kind = 'reverse' AND shortfall > 0)),
    CHECK ((bucket = 'available' AND points > 0) = (expires_on IS NOT NULL)),
    CHECK (kind <> 'earn' OR (bucket = 'pending' AND points > 0)),
    CHECK (kind <> 'release' OR order_id IS NOT NULL),
    CHECK (kind <> 'cancel' OR (bucket = 'pending' AND points < 0)),
    CHECK (kind NOT IN ('redeem', 'expire') OR (bucket = 'available' AND points < 0)),
    CHECK (kind NOT IN ('restore', 'opening') OR (bucket = 'available' AND points > 0)),
    CHECK (kind <> 'reverse' OR points <= 0),
    CHECK (shortfall = 0 OR (kind = 'reverse' AND bucket = 'available')),
    CHECK (kind <> 'adjust' OR (bucket = 'available' AND user_id IS NOT NULL AND length(reason) > 0)),
    CHECK (kind IN ('opening', 'expire', 'adjust') OR order_id IS NOT NULL)
) STRICT;
CREATE INDEX loyalty_ledger_customer ON loyalty_ledger(customer_id, id);
CREATE INDEX loyalty_ledger_expiry ON loyalty_ledger(expires_on, customer_id) WHERE expires_on IS NOT NULL;
CREATE INDEX loyalty_ledger_order ON loyalty_ledger(order_id) WHERE order_id IS NOT NULL;
CREATE TRIGGER loyalty_ledger_no_update BEFORE UPDATE ON loyalty_ledger BEGIN
    SELECT RAISE(ABORT, 'the loyalty ledger is append-only');
END;
CREATE TRIGGER loyalty_ledger_no_delete BEFORE DELETE ON loyalty_ledger BEGIN
    SELECT RAISE(ABORT, 'the loyalty ledger is append-only');
END;
CREATE TRIGGER loyalty_ledger_no_replace BEFORE INSERT ON loyalty_ledger
WHEN EXISTS (SELECT 1 FROM loyalty_ledger WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'the loyalty ledger is append-only');
END;

CREATE TABLE order_line_points (
    order_line_id     INTEGER PRIMARY KEY REFERENCES order_lines(id),
    order_id          INTEGER NOT NULL REFERENCES orders(id),
    quantity          INTEGER NOT NULL CHECK (quantity > 0),      -- the line's units the points are of
    earned            INTEGER NOT NULL DEFAULT 0 CHECK (earned >= 0),
    earned_reversed   INTEGER NOT NULL DEFAULT 0,
    redeemed          INTEGER NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
    redeemed_restored INTEGER NOT NULL DEFAULT 0,
    units_credited    INTEGER NOT NULL DEFAULT 0,
    CHECK (earned > 0 OR redeemed > 0),
    CHECK (earned_reversed BETWEEN 0 AND earned),
    CHECK (redeemed_restored BETWEEN 0 AND redeemed),
    CHECK (units_credited BETWEEN 0 AND quantity)
) STRICT;
CREATE INDEX order_line_points_order ON order_line_points(order_id);
CREATE TRIGGER order_line_points_only_grow BEFORE UPDATE ON order_line_points
WHEN NEW.order_line_id IS NOT OLD.order_line_id OR NEW.order_id IS NOT OLD.order_id
  OR NEW.quantity IS NOT OLD.quantity OR NEW.earned IS NOT OLD.earned OR NEW.redeemed IS NOT OLD.redeemed
  OR NEW.earned_reversed < OLD.earned_reversed OR NEW.redeemed_restored < OLD.redeemed_restored
  OR NEW.units_credited < OLD.units_credited BEGIN
    SELECT RAISE(ABORT, 'order line points only grow their reversals');
END;
CREATE TRIGGER order_line_points_no_delete BEFORE DELETE ON order_line_points BEGIN
    SELECT RAISE(ABORT, 'order line points are never deleted');
END;
CREATE TRIGGER order_line_points_no_replace BEFORE INSERT ON order_line_points
WHEN EXISTS (SELECT 1 FROM order_line_points WHERE order_line_id = NEW.order_line_id) BEGIN
    SELECT RAISE(ABORT, 'order line points are never replaced');
END;

-- What each return credited of a line's points: one row per return and
-- line, so a return's points are reversed and restored once, even when its
-- refund is tried again (returns, issue 14, pass their return's id).
CREATE TABLE loyalty_return_lines (
    return_id         INTEGER NOT NULL CHECK (return_id > 0),
    order_line_id     INTEGER NOT NULL REFERENCES order_line_points(order_line_id),
    units             INTEGER NOT NULL CHECK (units > 0),
    earned_reversed   INTEGER NOT NULL CHECK (earned_reversed >= 0),
    redeemed_restored INTEGER NOT NULL CHECK (redeemed_restored >= 0),
    PRIMARY KEY (return_id, order_line_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER loyalty_return_lines_no_update BEFORE UPDATE ON loyalty_return_lines BEGIN
    SELECT RAISE(ABORT, 'what a return credited of points is never changed');
END;
CREATE TRIGGER loyalty_return_lines_no_delete BEFORE DELETE ON loyalty_return_lines BEGIN
    SELECT RAISE(ABORT, 'what a return credited of points is never changed');
END;
CREATE TRIGGER loyalty_return_lines_no_replace BEFORE INSERT ON loyalty_return_lines
WHEN EXISTS (SELECT 1 FROM loyalty_return_lines WHERE return_id = NEW.return_id
             AND order_line_id = NEW.order_line_id) BEGIN
    SELECT RAISE(ABORT, 'a return credits a line''s points once');
END;

-- A tier's 12-month window moves every day: the orders that leave it are found by their delivery day.
CREATE INDEX orders_loyalty_window ON orders(coalesce(delivered_day, placed_day), customer_id)
    WHERE customer_id IS NOT NULL AND status IN ('delivered', 'closed');

-- 1 point per 1.00 spent; 100 points are worth 1.00; points pay at most half
-- of the goods; they expire 24 months after they became available.
INSERT INTO settings(key, value) VALUES
    ('loyalty.earn_points', '1'), ('loyalty.earn_per', '100'),
    ('loyalty.worth_cents', '100'), ('loyalty.worth_points', '100'),
    ('loyalty.max_share_bp', '5000'), ('loyalty.expire_months', '24');

-- The balances from before become an opening row each.
INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, expires_on, reason)
SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), date('now', 'localtime'), 'opening', 'available',
       loyalty_points, date('now', 'localtime', '+24 months'), 'balance before the ledger'
  FROM customers WHERE loyalty_points > 0 ORDER BY id;
