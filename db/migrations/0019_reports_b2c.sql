-- Reports for managers, the B2C ones (issue 15): promotions, loyalty and
-- returns. Like 0017, each summary table is kept by triggers in the
-- transaction that writes the rows it sums, backfilled here, and has a view
-- "<table>_expected" that recomputes it from the rows; `comptoir check`
-- compares the two both ways (db/report_b2c_store.c).
--
-- A rep is the order's (0 when none, or for ledger rows of no order); a
-- month is 'YYYY-MM'. Every figure comes from what was stored when it
-- happened (promotion uses and their shares, the points ledger, return
-- lines fixed when opened, refunds paid): nothing is priced again.

-- ------------------------------------------------------------- promotions

-- Uses of each promotion by the order's day (promotion_uses.day) and rep:
-- the discount it granted (Σ its shares of the order's lines) and the goods
-- excl. tax of the orders that used it, as placed. A use released (the whole
-- order cancelled) leaves.
CREATE TABLE report_promotion_day (
    day          TEXT NOT NULL,
    promotion_id INTEGER NOT NULL,
    rep_id       INTEGER NOT NULL,
    uses         INTEGER NOT NULL DEFAULT 0,
    discount     INTEGER NOT NULL DEFAULT 0,
    order_net    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, promotion_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_promotion_use_facts AS
SELECT u.promotion_id, u.order_id, u.day, coalesce(o.rep_id, 0) AS rep_id, 1 AS uses, u.amount AS discount,
       u.order_net
  FROM promotion_uses u JOIN orders o ON o.id = u.order_id
 WHERE u.released_at IS NULL;

CREATE VIEW report_promotion_day_expected AS
SELECT day, promotion_id, rep_id, sum(uses) AS uses, sum(discount) AS discount, sum(order_net) AS order_net
  FROM report_promotion_use_facts GROUP BY day, promotion_id, rep_id;

INSERT INTO report_promotion_day SELECT * FROM report_promotion_day_expected;

CREATE TRIGGER report_promotion_use_insert AFTER INSERT ON promotion_uses WHEN NEW.released_at IS NULL BEGIN
    INSERT INTO report_promotion_day(day, promotion_id, rep_id, uses, discount, order_net)
    SELECT day, promotion_id, rep_id, uses, discount, order_net FROM report_promotion_use_facts
     WHERE promotion_id = NEW.promotion_id AND order_id = NEW.order_id
    ON CONFLICT DO UPDATE SET uses = uses + excluded.uses, discount = discount + excluded.discount,
                              order_net = order_net + excluded.order_net;
END;

-- Released once (promotion_uses_release_once): the use leaves its day.
CREATE TRIGGER report_promotion_use_release AFTER UPDATE OF released_at ON promotion_uses
WHEN OLD.released_at IS NULL AND NEW.released_at IS NOT NULL BEGIN
    INSERT INTO report_promotion_day(day, promotion_id, rep_id, uses, discount, order_net)
    SELECT OLD.day, OLD.promotion_id, coalesce(o.rep_id, 0), -1, -OLD.amount, -OLD.order_net
      FROM orders o WHERE o.id = OLD.order_id
    ON CONFLICT DO UPDATE SET uses = uses + excluded.uses, discount = discount + excluded.discount,
                              order_net = order_net + excluded.order_net;
END;

-- ---------------------------------------------------------------- loyalty

-- The points ledger by day and rep: each kind's points (signed as written),
-- and what the two buckets moved (a release moves pending to available and
-- nets to zero). The balance on a day is the sum of the days up to it.
CREATE TABLE report_loyalty_day (
    day       TEXT NOT NULL,
    rep_id    INTEGER NOT NULL,
    earned    INTEGER NOT NULL DEFAULT 0,  -- earn (+)
    taken     INTEGER NOT NULL DEFAULT 0,  -- cancel, reverse (−): earned points taken back
    redeemed  INTEGER NOT NULL DEFAULT 0,  -- redeem (−)
    restored  INTEGER NOT NULL DEFAULT 0,  -- restore (+): redeemed points given back
    expired   INTEGER NOT NULL DEFAULT 0,  -- expire (−)
    adjusted  INTEGER NOT NULL DEFAULT 0,  -- adjust (±), opening (+)
    available INTEGER NOT NULL DEFAULT 0,  -- Σ points of the available bucket
    pending   INTEGER NOT NULL DEFAULT 0,  -- Σ points of the pending bucket
    PRIMARY KEY (day, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_loyalty_facts AS
SELECT l.id, l.order_id, l.day, coalesce(o.rep_id, 0) AS rep_id,
       CASE l.kind WHEN 'earn' THEN l.points ELSE 0 END AS earned,
       CASE WHEN l.kind IN ('cancel', 'reverse') THEN l.points ELSE 0 END AS taken,
       CASE l.kind WHEN 'redeem' THEN l.points ELSE 0 END AS redeemed,
       CASE l.kind WHEN 'restore' THEN l.points ELSE 0 END AS restored,
       CASE l.kind WHEN 'expire' THEN l.points ELSE 0 END AS expired,
       CASE WHEN l.kind IN ('adjust', 'opening') THEN l.points ELSE 0 END AS adjusted,
       CASE l.bucket WHEN 'available' THEN l.points ELSE 0 END AS available,
       CASE l.bucket WHEN 'pending' THEN l.points ELSE 0 END AS pending
  FROM loyalty_ledger l LEFT JOIN orders o ON o.id = l.order_id;

CREATE VIEW report_loyalty_day_expected AS
SELECT day, rep_id, sum(earned) AS earned, sum(taken) AS taken, sum(redeemed) AS redeemed,
       sum(restored) AS restored, sum(expired) AS expired, sum(adjusted) AS adjusted,
       sum(available) AS available, sum(pending) AS pending
  FROM report_loyalty_facts GROUP BY day, rep_id;

INSERT INTO report_loyalty_day SELECT * FROM report_loyalty_day_expected;

-- The ledger is append-only: an insert is all there is to follow.
CREATE TRIGGER report_loyalty_insert AFTER INSERT ON loyalty_ledger BEGIN
    INSERT INTO report_loyalty_day(day, rep_id, earned, taken, redeemed, restored, expired, adjusted, available,
                                   pending)
    SELECT day, rep_id, earned, taken, redeemed, restored, expired, adjusted, available, pending
      FROM report_loyalty_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET earned = earned + excluded.earned, taken = taken + excluded.taken,
                              redeemed = redeemed + excluded.redeemed, restored = restored + excluded.restored,
                              expired = expired + excluded.expired, adjusted = adjusted + excluded.adjusted,
                              available = available + excluded.available, pending = pending + excluded.pending;
END;

-- ---------------------------------------------------------------- returns

-- Goods units returned by the month the return was requested, the rep, the
-- product and the reason, with what their lines refund (fixed when the
-- return was opened). A line released (its return rejected) leaves.
CREATE TABLE report_return_month (
    month      TEXT NOT NULL,
    rep_id     INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    refund     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id, product_id, reason)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_return_line_facts AS
SELECT rl.id AS line_id, r.id AS return_id, r.order_id, rl.order_line_id, substr(r.requested_day, 1, 7) AS month,
       coalesce(o.rep_id, 0) AS rep_id, coalesce(ol.product_id, 0) AS product_id, rl.reason,
       rl.quantity AS units, rl.refund_amount AS refund
  FROM return_lines rl JOIN returns r ON r.id = rl.return_id JOIN orders o ON o.id = r.order_id
  JOIN order_lines ol ON ol.id = rl.order_line_id
 WHERE rl.charge = 0 AND rl.released = 0;

CREATE VIEW report_return_month_expected AS
SELECT month, rep_id, product_id, reason, sum(units) AS units, sum(refund) AS refund
  FROM report_return_line_facts GROUP BY month, rep_id, product_id, reason;

INSERT INTO report_return_month SELECT * FROM report_return_month_expected;

-- The same without the product: the reasons and months of a year in a few rows.
CREATE TABLE report_return_reason_month (
    month  TEXT NOT NULL,
    rep_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    units  INTEGER NOT NULL DEFAULT 0,
    refund INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id, reason)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_return_reason_month_expected AS
SELECT month, rep_id, reason, sum(units) AS units, sum(refund) AS refund
  FROM report_return_line_facts GROUP BY month, rep_id, reason;

INSERT INTO report_return_reason_month SELECT * FROM report_return_reason_month_expected;

CREATE TRIGGER report_return_line_insert AFTER INSERT ON return_lines WHEN NEW.charge = 0 AND NEW.released = 0
BEGIN
    INSERT INTO report_return_month(month, rep_id, product_id, reason, units, refund)
    SELECT month, rep_id, product_id, reason, units, refund FROM report_return_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_return_reason_month(month, rep_id, reason, units, refund)
    SELECT month, rep_id, reason, units, refund FROM report_return_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
END;

-- Released once (return_lines_fixed): its units leave their month.
CREATE TRIGGER report_return_line_release AFTER UPDATE OF released ON return_lines
WHEN NEW.charge = 0 AND OLD.released = 0 AND NEW.released = 1 BEGIN
    INSERT INTO report_return_month(month, rep_id, product_id, reason, units, refund)
    SELECT substr(r.requested_day, 1, 7), coalesce(o.rep_id, 0), coalesce(ol.product_id, 0), OLD.reason,
           -OLD.quantity, -OLD.refund_amount
      FROM returns r JOIN orders o ON o.id = r.order_id JOIN order_lines ol ON ol.id = OLD.order_line_id
     WHERE r.id = OLD.return_id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_return_reason_month(month, rep_id, reason, units, refund)
    SELECT substr(r.requested_day, 1, 7), coalesce(o.rep_id, 0), OLD.reason, -OLD.quantity, -OLD.refund_amount
      FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.id = OLD.return_id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
END;

-- Returns opened (not rejected) by the month requested, and refunds paid by
-- the month of their payment (payments.day): count, amount and its tax.
CREATE TABLE report_refund_month (
    month       TEXT NOT NULL,
    rep_id      INTEGER NOT NULL,
    returns     INTEGER NOT NULL DEFAULT 0,
    refunds     INTEGER NOT NULL DEFAULT 0,
    refunded    INTEGER NOT NULL DEFAULT 0,
    refunded_tax INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_refund_facts AS
SELECT r.order_id, substr(r.requested_day, 1, 7) AS month, coalesce(o.rep_id, 0) AS rep_id, 1 AS returns,
       0 AS refunds, 0 AS refunded, 0 AS refunded_tax
  FROM returns r JOIN orders o ON o.id = r.order_id
 WHERE r.status <> 'rejected'
UNION ALL
SELECT f.order_id, substr(p.day, 1, 7), coalesce(o.rep_id, 0), 0, 1, f.amount, f.tax_amount
  FROM refunds f JOIN payments p ON p.id = f.payment_id JOIN orders o ON o.id = f.order_id;

CREATE VIEW report_refund_month_expected AS
SELECT month, rep_id, sum(returns) AS returns, sum(refunds) AS refunds, sum(refunded) AS refunded,
       sum(refunded_tax) AS refunded_tax
  FROM report_refund_facts GROUP BY month, rep_id;

INSERT INTO report_refund_month SELECT * FROM report_refund_month_expected;

CREATE TRIGGER report_return_insert AFTER INSERT ON returns WHEN NEW.status <> 'rejected' BEGIN
    INSERT INTO report_refund_month(month, rep_id, returns)
    SELECT substr(NEW.requested_day, 1, 7), coalesce(o.rep_id, 0), 1 FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET returns = returns + excluded.returns;
END;

-- Rejected (or, by hand, no longer): the return leaves its month (or comes back).
CREATE TRIGGER report_return_update AFTER UPDATE OF status ON returns
WHEN (OLD.status = 'rejected') <> (NEW.status = 'rejected') BEGIN
    INSERT INTO report_refund_month(month, rep_id, returns)
    SELECT substr(OLD.requested_day, 1, 7), coalesce(o.rep_id, 0), -1 FROM orders o
     WHERE o.id = OLD.order_id AND OLD.status <> 'rejected'
    ON CONFLICT DO UPDATE SET returns = returns + excluded.returns;
    INSERT INTO report_refund_month(month, rep_id, returns)
    SELECT substr(NEW.requested_day, 1, 7), coalesce(o.rep_id, 0), 1 FROM orders o
     WHERE o.id = NEW.order_id AND NEW.status <> 'rejected'
    ON CONFLICT DO UPDATE SET returns = returns + excluded.returns;
END;

-- A refund counts once it is paid: its payment is written once (refunds_decide_once).
CREATE TRIGGER report_refund_insert AFTER INSERT ON refunds WHEN NEW.payment_id IS NOT NULL BEGIN
    INSERT INTO report_refund_month(month, rep_id, refunds, refunded, refunded_tax)
    SELECT substr(p.day, 1, 7), coalesce(o.rep_id, 0), 1, NEW.amount, NEW.tax_amount
      FROM payments p JOIN orders o ON o.id = NEW.order_id WHERE p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET refunds = refunds + excluded.refunds, refunded = refunded + excluded.refunded,
                              refunded_tax = refunded_tax + excluded.refunded_tax;
END;

CREATE TRIGGER report_refund_paid AFTER UPDATE OF payment_id ON refunds
WHEN OLD.payment_id IS NULL AND NEW.payment_id IS NOT NULL BEGIN
    INSERT INTO report_refund_month(month, rep_id, refunds, refunded, refunded_tax)
    SELECT substr(p.day, 1, 7), coalesce(o.rep_id, 0), 1, NEW.amount, NEW.tax_amount
      FROM payments p JOIN orders o ON o.id = NEW.order_id WHERE p.id = NEW.payment_id
    ON CONFLICT DO UPDATE SET refunds = refunds + excluded.refunds, refunded = refunded + excluded.refunded,
                              refunded_tax = refunded_tax + excluded.refunded_tax;
END;

-- ------------------------------------------------- an order's rep changes

-- Every figure above is filed under the order's rep: it moves with it.
CREATE TRIGGER report_b2c_order_rep AFTER UPDATE OF rep_id ON orders
WHEN OLD.rep_id IS NOT NEW.rep_id BEGIN
    INSERT INTO report_promotion_day(day, promotion_id, rep_id, uses, discount, order_net)
    SELECT day, promotion_id, coalesce(OLD.rep_id, 0), -uses, -discount, -order_net
      FROM report_promotion_use_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET uses = uses + excluded.uses, discount = discount + excluded.discount,
                              order_net = order_net + excluded.order_net;
    INSERT INTO report_promotion_day(day, promotion_id, rep_id, uses, discount, order_net)
    SELECT day, promotion_id, rep_id, uses, discount, order_net FROM report_promotion_use_facts
     WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET uses = uses + excluded.uses, discount = discount + excluded.discount,
                              order_net = order_net + excluded.order_net;
    INSERT INTO report_loyalty_day(day, rep_id, earned, taken, redeemed, restored, expired, adjusted, available,
                                   pending)
    SELECT day, coalesce(OLD.rep_id, 0), -sum(earned), -sum(taken), -sum(redeemed), -sum(restored), -sum(expired),
           -sum(adjusted), -sum(available), -sum(pending)
      FROM report_loyalty_facts WHERE order_id = NEW.id GROUP BY day
    ON CONFLICT DO UPDATE SET earned = earned + excluded.earned, taken = taken + excluded.taken,
                              redeemed = redeemed + excluded.redeemed, restored = restored + excluded.restored,
                              expired = expired + excluded.expired, adjusted = adjusted + excluded.adjusted,
                              available = available + excluded.available, pending = pending + excluded.pending;
    INSERT INTO report_loyalty_day(day, rep_id, earned, taken, redeemed, restored, expired, adjusted, available,
                                   pending)
    SELECT day, rep_id, sum(earned), sum(taken), sum(redeemed), sum(restored), sum(expired), sum(adjusted),
           sum(available), sum(pending)
      FROM report_loyalty_facts WHERE order_id = NEW.id GROUP BY day
    ON CONFLICT DO UPDATE SET earned = earned + excluded.earned, taken = taken + excluded.taken,
                              redeemed = redeemed + excluded.redeemed, restored = restored + excluded.restored,
                              expired = expired + excluded.expired, adjusted = adjusted + excluded.adjusted,
                              available = available + excluded.available, pending = pending + excluded.pending;
    INSERT INTO report_return_month(month, rep_id, product_id, reason, units, refund)
    SELECT month, coalesce(OLD.rep_id, 0), product_id, reason, -sum(units), -sum(refund)
      FROM report_return_line_facts WHERE order_id = NEW.id GROUP BY month, product_id, reason
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_return_month(month, rep_id, product_id, reason, units, refund)
    SELECT month, rep_id, product_id, reason, sum(units), sum(refund)
      FROM report_return_line_facts WHERE order_id = NEW.id GROUP BY month, product_id, reason
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_return_reason_month(month, rep_id, reason, units, refund)
    SELECT month, coalesce(OLD.rep_id, 0), reason, -sum(units), -sum(refund)
      FROM report_return_line_facts WHERE order_id = NEW.id GROUP BY month, reason
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_return_reason_month(month, rep_id, reason, units, refund)
    SELECT month, rep_id, reason, sum(units), sum(refund)
      FROM report_return_line_facts WHERE order_id = NEW.id GROUP BY month, reason
    ON CONFLICT DO UPDATE SET units = units + excluded.units, refund = refund + excluded.refund;
    INSERT INTO report_refund_month(month, rep_id, returns, refunds, refunded, refunded_tax)
    SELECT month, coalesce(OLD.rep_id, 0), -sum(returns), -sum(refunds), -sum(refunded), -sum(refunded_tax)
      FROM report_refund_facts WHERE order_id = NEW.id GROUP BY month
    ON CONFLICT DO UPDATE SET returns = returns + excluded.returns, refunds = refunds + excluded.refunds,
                              refunded = refunded + excluded.refunded,
                              refunded_tax = refunded_tax + excluded.refunded_tax;
    INSERT INTO report_refund_month(month, rep_id, returns, refunds, refunded, refunded_tax)
    SELECT month, rep_id, sum(returns), sum(refunds), sum(refunded), sum(refunded_tax)
      FROM report_refund_facts WHERE order_id = NEW.id GROUP BY month
    ON CONFLICT DO UPDATE SET returns = returns + excluded.returns, refunds = refunds + excluded.refunds,
                              refunded = refunded + excluded.refunded,
                              refunded_tax = refunded_tax + excluded.refunded_tax;
END;
