-- A rep's reports over any days (issue 15): the days of the months a range
-- covers only in part were read from the lines of the rep's orders (a rep of
-- the large demo: 20,000 orders a month, 250–400 ms for a year's products).
-- These tables hold them by rep and local day, like 0024's by day, a rep's
-- range one range of the primary key: goods lines of the orders not
-- cancelled that have a rep. Kept by triggers in the transaction that writes
-- the lines or the order, each with its view "<table>_expected" that
-- `comptoir check` compares with it both ways.
CREATE TABLE report_product_rep_day (
    rep_id     INTEGER NOT NULL,
    day        TEXT NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    net        INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (rep_id, day, product_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_rep_day (
    rep_id   INTEGER NOT NULL,
    day      TEXT NOT NULL,
    category TEXT NOT NULL,
    units    INTEGER NOT NULL DEFAULT 0,
    net      INTEGER NOT NULL DEFAULT 0,
    cost     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (rep_id, day, category)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_goods_rep_line_day_facts AS
SELECT l.id AS line_id, l.order_id, o.rep_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')) AS day,
       l.product_id, l.category, l.quantity AS units, l.net_amount AS net, l.unit_cost * l.quantity AS cost
  FROM order_lines l JOIN orders o ON o.id = l.order_id
 WHERE l.kind = 'goods' AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL;

CREATE VIEW report_product_rep_day_expected AS
SELECT rep_id, day, product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_rep_line_day_facts WHERE product_id IS NOT NULL GROUP BY rep_id, day, product_id;

CREATE VIEW report_category_rep_day_expected AS
SELECT rep_id, day, category, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_rep_line_day_facts GROUP BY rep_id, day, category;

INSERT INTO report_product_rep_day SELECT * FROM report_product_rep_day_expected ORDER BY 1, 2, 3;
INSERT INTO report_category_rep_day SELECT * FROM report_category_rep_day_expected ORDER BY 1, 2, 3;

CREATE TRIGGER report_rep_goods_day_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT rep_id, day, product_id, units, net, cost FROM report_goods_rep_line_day_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT rep_id, day, category, units, net, cost FROM report_goods_rep_line_day_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_rep_goods_day_line_update AFTER UPDATE OF order_id, kind, product_id, category, quantity,
    unit_cost, net_amount ON order_lines
BEGIN
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT o.rep_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.product_id, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
       AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT o.rep_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.category, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT rep_id, day, product_id, units, net, cost FROM report_goods_rep_line_day_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT rep_id, day, category, units, net, cost FROM report_goods_rep_line_day_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

CREATE TRIGGER report_rep_goods_day_line_delete AFTER DELETE ON order_lines WHEN OLD.kind = 'goods' BEGIN
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT o.rep_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.product_id, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT o.rep_id, coalesce(o.placed_day, date(o.placed_at, 'localtime')), OLD.category, -OLD.quantity,
           -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

-- An order cancelled (or back), moved to another day or given to another rep
-- (or to none, or from none): its lines leave the old rep's day and come to
-- the new one's, as report_rep_goods_order_update (0018, 0022) moves them
-- between months.
CREATE TRIGGER report_rep_goods_day_order_update AFTER UPDATE OF status, placed_day, placed_at, rep_id ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') OR OLD.rep_id IS NOT NEW.rep_id
     OR coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime'))
        IS NOT coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime'))
BEGIN
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT OLD.rep_id, coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), l.product_id, -l.quantity,
           -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
       AND OLD.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT OLD.rep_id, coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), l.category, -l.quantity,
           -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND OLD.status <> 'cancelled' AND OLD.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_day(rep_id, day, product_id, units, net, cost)
    SELECT rep_id, day, product_id, units, net, cost FROM report_goods_rep_line_day_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_day(rep_id, day, category, units, net, cost)
    SELECT rep_id, day, category, units, net, cost FROM report_goods_rep_line_day_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;
