-- Reports over any days (issue 15): a range's whole months come from the
-- summary tables, the days of the months it covers only in part from the
-- rows. These indexes find those rows by their day: quote decisions and
-- approvals by their time (UTC, read as local days), orders by the local day
-- they were placed (deliveries have orders_delivered already).
CREATE INDEX quote_events_at ON quote_events(at);
CREATE INDEX quote_approvals_at ON quote_approvals(at);
CREATE INDEX orders_placed_day ON orders(placed_day);

-- ------------------------------------------------- goods sold by day

-- A month read in part holds too many lines to sum on the fly (a month of
-- the large demo: 85,000 orders, 230,000 goods lines, 180 ms before any
-- grouping): goods lines of the orders not cancelled, by the local day they
-- were placed, product and category, like report_product_month and
-- report_category_month by month; kept by triggers in the transaction that
-- writes the lines, each with its view "<table>_expected" that `comptoir
-- check` compares with it both ways.
CREATE TABLE report_product_day (
    day        TEXT NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    net        INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, product_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_day (
    day      TEXT NOT NULL,
    category TEXT NOT NULL,
    units    INTEGER NOT NULL DEFAULT 0,
    net      INTEGER NOT NULL DEFAULT 0,
    cost     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, category)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_goods_line_day_facts AS
SELECT l.id AS line_id, l.order_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')) AS day, l.product_id,
       l.category, l.quantity AS units, l.net_amount AS net, l.unit_cost * l.quantity AS cost
  FROM order_lines l JOIN orders o ON o.id = l.order_id
 WHERE l.kind = 'goods' AND o.status <> 'cancelled';

CREATE VIEW report_product_day_expected AS
SELECT day, product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_line_day_facts WHERE product_id IS NOT NULL GROUP BY day, product_id;

CREATE VIEW report_category_day_expected AS
SELECT day, category, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_line_day_facts GROUP BY day, category;

INSERT INTO report_product_day SELECT * FROM report_product_day_expected;
INSERT INTO report_category_day SELECT * FROM report_category_day_expected;

CREATE TRIGGER report_goods_day_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT day, product_id, units, net, cost FROM report_goods_line_day_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT day, category, units, net, cost FROM report_goods_line_day_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_goods_day_line_update AFTER UPDATE OF order_id, kind, product_id, category, quantity,
    unit_cost, net_amount ON order_lines
BEGIN
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.category, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT day, product_id, units, net, cost FROM report_goods_line_day_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT day, category, units, net, cost FROM report_goods_line_day_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_goods_day_line_delete AFTER DELETE ON order_lines WHEN OLD.kind = 'goods' BEGIN
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.category, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

-- An order cancelled (or back) or moved to another day: its lines leave the
-- old day and come to the new one.
CREATE TRIGGER report_goods_day_order_update AFTER UPDATE OF status, placed_day, placed_at ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled')
     OR coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime'))
        IS NOT coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime'))
BEGIN
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), l.product_id, -l.quantity, -l.net_amount,
           -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), l.category, -l.quantity, -l.net_amount,
           -l.unit_cost * l.quantity
      FROM order_lines l WHERE l.order_id = OLD.id AND l.kind = 'goods' AND OLD.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_day(day, product_id, units, net, cost)
    SELECT day, product_id, units, net, cost FROM report_goods_line_day_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_day(day, category, units, net, cost)
    SELECT day, category, units, net, cost FROM report_goods_line_day_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;
