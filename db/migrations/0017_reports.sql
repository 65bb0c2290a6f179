-- Reports for managers (issue 15): summary tables kept by triggers in the
-- transaction that writes the rows they sum, whatever path wrote them
-- (console, command line, import, demo), backfilled here. Each table has a
-- view "<table>_expected" that recomputes it from the rows: the backfill
-- reads it, and `comptoir check` compares the two both ways.
--
-- Business days are the rows' own local days (orders.placed_day,
-- payments.day, orders.delivered_day); quote events and approvals carry only
-- a UTC time, read as local with date(at, 'localtime') like 0011's fallback.
-- A month is 'YYYY-MM'. A missing rep is 0, a consumer's account is 0.

-- ------------------------------------------------------------ sales by day

-- Revenue excl. tax = net - cancelled_net - refunded_net: an order cancelled
-- before anything was paid leaves its lines (cancelled_net, on the day it
-- was placed); money paid back leaves on the day it is paid (refunded_*).
CREATE TABLE report_sales_day (
    day              TEXT NOT NULL,
    channel          TEXT NOT NULL,
    rep_id           INTEGER NOT NULL,
    orders           INTEGER NOT NULL DEFAULT 0,
    cancelled_orders INTEGER NOT NULL DEFAULT 0,
    goods_net        INTEGER NOT NULL DEFAULT 0,
    charges_net      INTEGER NOT NULL DEFAULT 0,
    discount         INTEGER NOT NULL DEFAULT 0,
    net              INTEGER NOT NULL DEFAULT 0,
    tax              INTEGER NOT NULL DEFAULT 0,
    cost             INTEGER NOT NULL DEFAULT 0,
    cancelled_net    INTEGER NOT NULL DEFAULT 0,
    refunded_net     INTEGER NOT NULL DEFAULT 0,
    refunded_tax     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_sales_line_facts AS
SELECT l.id AS line_id, l.order_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')) AS day,
       o.channel, coalesce(o.rep_id, 0) AS rep_id,
       CASE l.kind WHEN 'goods' THEN l.net_amount ELSE 0 END AS goods_net,
       CASE l.kind WHEN 'goods' THEN 0 ELSE l.net_amount END AS charges_net,
       l.discount_amount AS discount, l.net_amount AS net, l.tax_amount AS tax,
       CASE l.kind WHEN 'goods' THEN l.unit_cost * l.quantity ELSE 0 END AS cost,
       CASE WHEN o.status = 'cancelled' AND o.paid_total = 0 THEN l.net_amount ELSE 0 END AS cancelled_net
  FROM order_lines l JOIN orders o ON o.id = l.order_id;

CREATE VIEW report_sales_day_expected AS
SELECT day, channel, rep_id, sum(orders) AS orders, sum(cancelled_orders) AS cancelled_orders,
       sum(goods_net) AS goods_net, sum(charges_net) AS charges_net, sum(discount) AS discount,
       sum(net) AS net, sum(tax) AS tax, sum(cost) AS cost, sum(cancelled_net) AS cancelled_net,
       sum(refunded_net) AS refunded_net, sum(refunded_tax) AS refunded_tax
  FROM (SELECT coalesce(placed_day, date(placed_at, 'localtime')) AS day, channel, coalesce(rep_id, 0) AS rep_id,
               source <> 'exchange' AS orders, status = 'cancelled' AS cancelled_orders, 0 AS goods_net,
               0 AS charges_net, 0 AS discount, 0 AS net, 0 AS tax, 0 AS cost, 0 AS cancelled_net,
               0 AS refunded_net, 0 AS refunded_tax
          FROM orders
        UNION ALL
        SELECT day, channel, rep_id, 0, 0, goods_net, charges_net, discount, net, tax, cost, cancelled_net, 0, 0
          FROM report_sales_line_facts
        UNION ALL
        SELECT p.day, o.channel, coalesce(o.rep_id, 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, p.amount - p.tax_amount,
               p.tax_amount
          FROM payments p JOIN orders o ON o.id = p.order_id
         WHERE p.direction = 'out')
 GROUP BY day, channel, rep_id;

INSERT INTO report_sales_day SELECT * FROM report_sales_day_expected;

CREATE TRIGGER report_sales_order_insert AFTER INSERT ON orders BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, orders, cancelled_orders)
    VALUES (coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime')), NEW.channel, coalesce(NEW.rep_id, 0),
            NEW.source <> 'exchange', NEW.status = 'cancelled')
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders,
                              cancelled_orders = cancelled_orders + excluded.cancelled_orders;
END;

CREATE TRIGGER report_sales_line_insert AFTER INSERT ON order_lines BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost,
                                 cancelled_net)
    SELECT day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost, cancelled_net
      FROM report_sales_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
END;

-- A line written again (a cost or an amount corrected) moves its figures.
CREATE TRIGGER report_sales_line_update AFTER UPDATE OF order_id, kind, quantity, unit_cost, discount_amount,
    net_amount, tax_amount ON order_lines
BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost,
                                 cancelled_net)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), o.channel, coalesce(o.rep_id, 0),
           -CASE OLD.kind WHEN 'goods' THEN OLD.net_amount ELSE 0 END,
           -CASE OLD.kind WHEN 'goods' THEN 0 ELSE OLD.net_amount END, -OLD.discount_amount, -OLD.net_amount,
           -OLD.tax_amount, -CASE OLD.kind WHEN 'goods' THEN OLD.unit_cost * OLD.quantity ELSE 0 END,
           -CASE WHEN o.status = 'cancelled' AND o.paid_total = 0 THEN OLD.net_amount ELSE 0 END
      FROM orders o WHERE o.id = OLD.order_id
    ON CONFLICT DO UPDATE SET goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
    INSERT INTO report_sales_day(day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost,
                                 cancelled_net)
    SELECT day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost, cancelled_net
      FROM report_sales_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
END;

-- A line deleted (by hand: the core never deletes one) takes its figures along.
CREATE TRIGGER report_sales_line_delete AFTER DELETE ON order_lines BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, goods_net, charges_net, discount, net, tax, cost,
                                 cancelled_net)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), o.channel, coalesce(o.rep_id, 0),
           -CASE OLD.kind WHEN 'goods' THEN OLD.net_amount ELSE 0 END,
           -CASE OLD.kind WHEN 'goods' THEN 0 ELSE OLD.net_amount END, -OLD.discount_amount, -OLD.net_amount,
           -OLD.tax_amount, -CASE OLD.kind WHEN 'goods' THEN OLD.unit_cost * OLD.quantity ELSE 0 END,
           -CASE WHEN o.status = 'cancelled' AND o.paid_total = 0 THEN OLD.net_amount ELSE 0 END
      FROM orders o WHERE o.id = OLD.order_id
    ON CONFLICT DO UPDATE SET goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
END;

-- An order whose day, channel, rep, source or cancellation changes moves its
-- figures: the old ones out (from OLD), the new ones in (from the view).
CREATE TRIGGER report_sales_order_update AFTER UPDATE OF placed_day, placed_at, channel, rep_id, source, status,
    paid_total ON orders
WHEN coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')) IS NOT NEW.placed_day
     OR OLD.channel IS NOT NEW.channel OR OLD.rep_id IS NOT NEW.rep_id OR OLD.source IS NOT NEW.source
     OR (OLD.status = 'cancelled') <> (NEW.status = 'cancelled')
     OR (OLD.status = 'cancelled' AND OLD.paid_total = 0) <> (NEW.status = 'cancelled' AND NEW.paid_total = 0)
BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, orders, cancelled_orders, goods_net, charges_net, discount,
                                 net, tax, cost, cancelled_net)
    SELECT coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), OLD.channel, coalesce(OLD.rep_id, 0),
           -(OLD.source <> 'exchange'), -(OLD.status = 'cancelled'),
           -coalesce(sum(CASE l.kind WHEN 'goods' THEN l.net_amount ELSE 0 END), 0),
           -coalesce(sum(CASE l.kind WHEN 'goods' THEN 0 ELSE l.net_amount END), 0),
           -coalesce(sum(l.discount_amount), 0), -coalesce(sum(l.net_amount), 0), -coalesce(sum(l.tax_amount), 0),
           -coalesce(sum(CASE l.kind WHEN 'goods' THEN l.unit_cost * l.quantity ELSE 0 END), 0),
           -CASE WHEN OLD.status = 'cancelled' AND OLD.paid_total = 0 THEN coalesce(sum(l.net_amount), 0)
                 ELSE 0 END
      FROM order_lines l WHERE l.order_id = OLD.id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders,
                              cancelled_orders = cancelled_orders + excluded.cancelled_orders,
                              goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
    INSERT INTO report_sales_day(day, channel, rep_id, orders, cancelled_orders, goods_net, charges_net, discount,
                                 net, tax, cost, cancelled_net)
    SELECT coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime')), NEW.channel, coalesce(NEW.rep_id, 0),
           NEW.source <> 'exchange', NEW.status = 'cancelled', coalesce(sum(goods_net), 0),
           coalesce(sum(charges_net), 0), coalesce(sum(discount), 0), coalesce(sum(net), 0), coalesce(sum(tax), 0),
           coalesce(sum(cost), 0), coalesce(sum(cancelled_net), 0)
      FROM report_sales_line_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET orders = orders + excluded.orders,
                              cancelled_orders = cancelled_orders + excluded.cancelled_orders,
                              goods_net = goods_net + excluded.goods_net,
                              charges_net = charges_net + excluded.charges_net,
                              discount = discount + excluded.discount, net = net + excluded.net,
                              tax = tax + excluded.tax, cost = cost + excluded.cost,
                              cancelled_net = cancelled_net + excluded.cancelled_net;
END;

CREATE TRIGGER report_sales_refund AFTER INSERT ON payments WHEN NEW.direction = 'out' BEGIN
    INSERT INTO report_sales_day(day, channel, rep_id, refunded_net, refunded_tax)
    SELECT NEW.day, o.channel, coalesce(o.rep_id, 0), NEW.amount - NEW.tax_amount, NEW.tax_amount
      FROM orders o WHERE o.id = NEW.order_id
    ON CONFLICT DO UPDATE SET refunded_net = refunded_net + excluded.refunded_net,
                              refunded_tax = refunded_tax + excluded.refunded_tax;
END;

-- ------------------------------------------------- products and categories

-- Goods lines of the orders not cancelled, by the month they were placed.
CREATE TABLE report_product_month (
    month      TEXT NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    net        INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, product_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_month (
    month    TEXT NOT NULL,
    category TEXT NOT NULL,
    units    INTEGER NOT NULL DEFAULT 0,
    net      INTEGER NOT NULL DEFAULT 0,
    cost     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, category)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_goods_line_facts AS
SELECT l.id AS line_id, l.order_id, substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7) AS month,
       l.product_id, l.category, l.quantity AS units, l.net_amount AS net, l.unit_cost * l.quantity AS cost
  FROM order_lines l JOIN orders o ON o.id = l.order_id
 WHERE l.kind = 'goods' AND o.status <> 'cancelled';

CREATE VIEW report_product_month_expected AS
SELECT month, product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_line_facts WHERE product_id IS NOT NULL GROUP BY month, product_id;

CREATE VIEW report_category_month_expected AS
SELECT month, category, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_line_facts GROUP BY month, category;

INSERT INTO report_product_month SELECT * FROM report_product_month_expected;
INSERT INTO report_category_month SELECT * FROM report_category_month_expected;

CREATE TRIGGER report_goods_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT month, product_id, units, net, cost FROM report_goods_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT month, category, units, net, cost FROM report_goods_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_goods_line_update AFTER UPDATE OF order_id, kind, product_id, category, quantity, unit_cost,
    net_amount ON order_lines
BEGIN
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), OLD.product_id, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), OLD.category, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT month, product_id, units, net, cost FROM report_goods_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT month, category, units, net, cost FROM report_goods_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_goods_line_delete AFTER DELETE ON order_lines BEGIN
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), OLD.product_id, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), OLD.category, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_goods_order_update AFTER UPDATE OF status, placed_day, placed_at ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled')
     OR substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7) IS NOT substr(NEW.placed_day, 1, 7)
BEGIN
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7), l.product_id, -l.quantity,
           -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7), l.category, -l.quantity,
           -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l WHERE l.order_id = OLD.id AND l.kind = 'goods' AND OLD.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_month(month, product_id, units, net, cost)
    SELECT month, product_id, units, net, cost FROM report_goods_line_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_month(month, category, units, net, cost)
    SELECT month, category, units, net, cost FROM report_goods_line_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

-- ---------------------------------------------------------------- on time

-- Orders delivered with a promise, by the month delivered: on time when
-- delivered on or before the first promised date.
CREATE TABLE report_ontime_month (
    month      TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    rep_id     INTEGER NOT NULL,
    delivered  INTEGER NOT NULL DEFAULT 0,
    on_time    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, account_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_ontime_month_expected AS
SELECT substr(delivered_day, 1, 7) AS month, coalesce(account_id, 0) AS account_id, coalesce(rep_id, 0) AS rep_id,
       count(*) AS delivered, sum(delivered_day <= first_promised_date) AS on_time
  FROM orders WHERE delivered_day IS NOT NULL AND first_promised_date IS NOT NULL
 GROUP BY 1, 2, 3;

INSERT INTO report_ontime_month SELECT * FROM report_ontime_month_expected;

CREATE TRIGGER report_ontime_insert AFTER INSERT ON orders
WHEN NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL BEGIN
    INSERT INTO report_ontime_month(month, account_id, rep_id, delivered, on_time)
    VALUES (substr(NEW.delivered_day, 1, 7), coalesce(NEW.account_id, 0), coalesce(NEW.rep_id, 0), 1,
            NEW.delivered_day <= NEW.first_promised_date)
    ON CONFLICT DO UPDATE SET delivered = delivered + 1, on_time = on_time + excluded.on_time;
END;

CREATE TRIGGER report_ontime_update AFTER UPDATE OF delivered_day, first_promised_date, account_id, rep_id ON orders
WHEN OLD.delivered_day IS NOT NEW.delivered_day OR OLD.first_promised_date IS NOT NEW.first_promised_date
     OR OLD.account_id IS NOT NEW.account_id OR OLD.rep_id IS NOT NEW.rep_id
BEGIN
    INSERT INTO report_ontime_month(month, account_id, rep_id, delivered, on_time)
    SELECT substr(OLD.delivered_day, 1, 7), coalesce(OLD.account_id, 0), coalesce(OLD.rep_id, 0), -1,
           -(OLD.delivered_day <= OLD.first_promised_date)
     WHERE OLD.delivered_day IS NOT NULL AND OLD.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
    INSERT INTO report_ontime_month(month, account_id, rep_id, delivered, on_time)
    SELECT substr(NEW.delivered_day, 1, 7), coalesce(NEW.account_id, 0), coalesce(NEW.rep_id, 0), 1,
           NEW.delivered_day <= NEW.first_promised_date
     WHERE NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
END;

-- ----------------------------------------------------------------- quotes

-- By the month of each event, the quote's owner and account: quotes created,
-- sent for the first time, and decided (their first accepted, rejected,
-- expired or cancelled): with the decided revision's discount, whether the
-- quote ever waited for approval, and for an acceptance the seconds since
-- its first send.
CREATE TABLE report_quote_month (
    month           TEXT NOT NULL,
    rep_id          INTEGER NOT NULL,
    account_id      INTEGER NOT NULL,
    created         INTEGER NOT NULL DEFAULT 0,
    sent            INTEGER NOT NULL DEFAULT 0,
    decided         INTEGER NOT NULL DEFAULT 0,
    accepted        INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    expired         INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    accept_seconds  INTEGER NOT NULL DEFAULT 0,
    needed_approval INTEGER NOT NULL DEFAULT 0,
    discount_bp_sum INTEGER NOT NULL DEFAULT 0,
    discount_bp_max INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id, account_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_quote_event_facts AS
SELECT f.id, f.month, f.rep_id, f.account_id, f.created, f.sent, f.decided,
       f.decided AND f.to_status = 'accepted' AS accepted, f.decided AND f.to_status = 'rejected' AS rejected,
       f.decided AND f.to_status = 'expired' AS expired, f.decided AND f.to_status = 'cancelled' AS cancelled,
       CASE WHEN f.decided AND f.to_status = 'accepted' THEN
           coalesce(CAST(strftime('%s', f.at) AS INTEGER) -
                    (SELECT CAST(strftime('%s', min(s.at)) AS INTEGER) FROM quote_events s
                      WHERE s.quote_id = f.quote_id AND s.to_status = 'sent' AND s.id < f.id), 0)
       ELSE 0 END AS accept_seconds,
       f.decided AND EXISTS (SELECT 1 FROM quote_events p
                              WHERE p.quote_id = f.quote_id AND p.to_status = 'pending' AND p.id < f.id)
           AS needed_approval,
       CASE WHEN f.decided THEN f.discount_bp ELSE 0 END AS discount_bp
  FROM (SELECT e.id, e.quote_id, e.at, e.to_status, substr(date(e.at, 'localtime'), 1, 7) AS month,
               q.owner_id AS rep_id, q.account_id, e.kind = 'create' AS created,
               e.to_status = 'sent' AND NOT EXISTS (SELECT 1 FROM quote_events s WHERE s.quote_id = e.quote_id
                                                      AND s.to_status = 'sent' AND s.id < e.id) AS sent,
               e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled')
                   AND NOT EXISTS (SELECT 1 FROM quote_events d WHERE d.quote_id = e.quote_id AND d.id < e.id
                                      AND d.to_status IN ('accepted', 'rejected', 'expired', 'cancelled'))
                   AS decided,
               coalesce((SELECT r.discount_bp FROM quote_revisions r
                          WHERE r.quote_id = e.quote_id AND r.number = e.revision), 0) AS discount_bp
          FROM quote_events e JOIN quotes q ON q.id = e.quote_id) f;

CREATE VIEW report_quote_month_expected AS
SELECT month, rep_id, account_id, sum(created) AS created, sum(sent) AS sent, sum(decided) AS decided,
       sum(accepted) AS accepted, sum(rejected) AS rejected, sum(expired) AS expired, sum(cancelled) AS cancelled,
       sum(accept_seconds) AS accept_seconds, sum(needed_approval) AS needed_approval,
       sum(discount_bp) AS discount_bp_sum, max(discount_bp) AS discount_bp_max
  FROM report_quote_event_facts WHERE created OR sent OR decided
 GROUP BY month, rep_id, account_id;

INSERT INTO report_quote_month SELECT * FROM report_quote_month_expected;

CREATE TRIGGER report_quote_event_insert AFTER INSERT ON quote_events BEGIN
    INSERT INTO report_quote_month(month, rep_id, account_id, created, sent, decided, accepted, rejected, expired,
                                   cancelled, accept_seconds, needed_approval, discount_bp_sum, discount_bp_max)
    SELECT month, rep_id, account_id, created, sent, decided, accepted, rejected, expired, cancelled,
           accept_seconds, needed_approval, discount_bp, discount_bp
      FROM report_quote_event_facts WHERE id = NEW.id AND (created OR sent OR decided)
    ON CONFLICT DO UPDATE SET created = created + excluded.created, sent = sent + excluded.sent,
                              decided = decided + excluded.decided, accepted = accepted + excluded.accepted,
                              rejected = rejected + excluded.rejected, expired = expired + excluded.expired,
                              cancelled = cancelled + excluded.cancelled,
                              accept_seconds = accept_seconds + excluded.accept_seconds,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum,
                              discount_bp_max = max(discount_bp_max, excluded.discount_bp_max);
END;

-- Approval decisions by month, approver and the quote's owner, with how long
-- the quote had waited since it last went to approval.
CREATE TABLE report_approval_month (
    month        TEXT NOT NULL,
    approver_id  INTEGER NOT NULL,
    rep_id       INTEGER NOT NULL,
    approved     INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    wait_seconds INTEGER NOT NULL DEFAULT 0,
    wait_max     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, approver_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_approval_facts AS
SELECT a.id, substr(date(a.at, 'localtime'), 1, 7) AS month, a.approver_id, q.owner_id AS rep_id,
       a.decision = 'approve' AS approved, a.decision = 'reject' AS rejected,
       max(0, coalesce(CAST(strftime('%s', a.at) AS INTEGER) -
                       (SELECT CAST(strftime('%s', max(p.at)) AS INTEGER) FROM quote_events p
                         WHERE p.quote_id = a.quote_id AND p.to_status = 'pending' AND p.at <= a.at), 0))
           AS wait_seconds
  FROM quote_approvals a JOIN quotes q ON q.id = a.quote_id;

CREATE VIEW report_approval_month_expected AS
SELECT month, approver_id, rep_id, sum(approved) AS approved, sum(rejected) AS rejected,
       sum(wait_seconds) AS wait_seconds, max(wait_seconds) AS wait_max
  FROM report_approval_facts GROUP BY month, approver_id, rep_id;

INSERT INTO report_approval_month SELECT * FROM report_approval_month_expected;

CREATE TRIGGER report_approval_insert AFTER INSERT ON quote_approvals BEGIN
    INSERT INTO report_approval_month(month, approver_id, rep_id, approved, rejected, wait_seconds, wait_max)
    SELECT month, approver_id, rep_id, approved, rejected, wait_seconds, wait_seconds
      FROM report_approval_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET approved = approved + excluded.approved, rejected = rejected + excluded.rejected,
                              wait_seconds = wait_seconds + excluded.wait_seconds,
                              wait_max = max(wait_max, excluded.wait_max);
END;
