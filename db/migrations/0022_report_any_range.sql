-- Reports over any range of months (issue 15, speed): a report of twelve
-- months that does not start in January (the last 12 months, 15 June …
-- 14 June) read a year of 0017's monthly rows, a million rows of products;
-- 0018's year rollups answered whole calendar years only. Here each year,
-- product (or account) and rep has one "year to date" row whose column _MM
-- holds the sum from January through month MM of that year: the months
-- a … b of a year are column b minus column a - 1, so a range of any months
-- reads one row per product and year it touches (two for any twelve
-- months), each year in product order, merged by id in C
-- (db/report_ranked.c). These rows replace 0018's year rollups (dropped at
-- the end: their column _12 is the year).
--
-- Like 0017's and 0018's, each table is kept by triggers in the transaction
-- that writes the rows it sums, reading the rows written (not another
-- summary); each has a view "<table>_expected" that recomputes it from the
-- rows, which `comptoir check` compares with it both ways and
-- report_store_rebuild fills it from. A change to a row it sums is read
-- twice: BEFORE the change what the row gave is taken away (the "_undo"
-- view reads the row as it still is), AFTER it what it gives now is added.
-- The backfill reads 0017's and 0018's months, not the lines: a correlated
-- reading per row would take hours on a million orders.

-- ------------------------------------------------ products, year to date

-- Goods lines of the orders not cancelled, by the year and month they were
-- placed (the store's days, like report_product_month): rep 0 holds
-- everyone's, the others a rep's own orders'.

CREATE TABLE report_product_ytd (
    year INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,     -- 0: everyone's
    product_id INTEGER NOT NULL,
    units_01 INTEGER NOT NULL DEFAULT 0, units_02 INTEGER NOT NULL DEFAULT 0, units_03 INTEGER NOT NULL DEFAULT 0,
    units_04 INTEGER NOT NULL DEFAULT 0, units_05 INTEGER NOT NULL DEFAULT 0, units_06 INTEGER NOT NULL DEFAULT 0,
    units_07 INTEGER NOT NULL DEFAULT 0, units_08 INTEGER NOT NULL DEFAULT 0, units_09 INTEGER NOT NULL DEFAULT 0,
    units_10 INTEGER NOT NULL DEFAULT 0, units_11 INTEGER NOT NULL DEFAULT 0, units_12 INTEGER NOT NULL DEFAULT 0,
    net_01 INTEGER NOT NULL DEFAULT 0, net_02 INTEGER NOT NULL DEFAULT 0, net_03 INTEGER NOT NULL DEFAULT 0,
    net_04 INTEGER NOT NULL DEFAULT 0, net_05 INTEGER NOT NULL DEFAULT 0, net_06 INTEGER NOT NULL DEFAULT 0,
    net_07 INTEGER NOT NULL DEFAULT 0, net_08 INTEGER NOT NULL DEFAULT 0, net_09 INTEGER NOT NULL DEFAULT 0,
    net_10 INTEGER NOT NULL DEFAULT 0, net_11 INTEGER NOT NULL DEFAULT 0, net_12 INTEGER NOT NULL DEFAULT 0,
    cost_01 INTEGER NOT NULL DEFAULT 0, cost_02 INTEGER NOT NULL DEFAULT 0, cost_03 INTEGER NOT NULL DEFAULT 0,
    cost_04 INTEGER NOT NULL DEFAULT 0, cost_05 INTEGER NOT NULL DEFAULT 0, cost_06 INTEGER NOT NULL DEFAULT 0,
    cost_07 INTEGER NOT NULL DEFAULT 0, cost_08 INTEGER NOT NULL DEFAULT 0, cost_09 INTEGER NOT NULL DEFAULT 0,
    cost_10 INTEGER NOT NULL DEFAULT 0, cost_11 INTEGER NOT NULL DEFAULT 0, cost_12 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, rep_id, product_id)
) STRICT, WITHOUT ROWID;

-- A goods line of an order not cancelled, once for everyone's row (rep 0)
-- and once for its rep's (when the order has one), spread over the months.
CREATE VIEW report_product_ytd_facts AS
SELECT line_id, order_id, year, rep_id, product_id, units * (m <= 1) AS units_01, units * (m <= 2) AS units_02,
       units * (m <= 3) AS units_03, units * (m <= 4) AS units_04, units * (m <= 5) AS units_05,
       units * (m <= 6) AS units_06, units * (m <= 7) AS units_07, units * (m <= 8) AS units_08,
       units * (m <= 9) AS units_09, units * (m <= 10) AS units_10, units * (m <= 11) AS units_11,
       units * (m <= 12) AS units_12, net * (m <= 1) AS net_01, net * (m <= 2) AS net_02, net * (m <= 3) AS net_03,
       net * (m <= 4) AS net_04, net * (m <= 5) AS net_05, net * (m <= 6) AS net_06, net * (m <= 7) AS net_07,
       net * (m <= 8) AS net_08, net * (m <= 9) AS net_09, net * (m <= 10) AS net_10, net * (m <= 11) AS net_11,
       net * (m <= 12) AS net_12, cost * (m <= 1) AS cost_01, cost * (m <= 2) AS cost_02, cost * (m <= 3) AS cost_03,
       cost * (m <= 4) AS cost_04, cost * (m <= 5) AS cost_05, cost * (m <= 6) AS cost_06,
       cost * (m <= 7) AS cost_07, cost * (m <= 8) AS cost_08, cost * (m <= 9) AS cost_09,
       cost * (m <= 10) AS cost_10, cost * (m <= 11) AS cost_11, cost * (m <= 12) AS cost_12
  FROM (SELECT line_id, order_id, CAST(substr(month, 1, 4) AS INTEGER) AS year,
               CAST(substr(month, 6, 2) AS INTEGER) AS m, 0 AS rep_id, product_id, units, net, cost
          FROM report_goods_line_facts WHERE product_id IS NOT NULL
        UNION ALL
        SELECT line_id, order_id, CAST(substr(month, 1, 4) AS INTEGER), CAST(substr(month, 6, 2) AS INTEGER),
               rep_id, product_id, units, net, cost
          FROM report_goods_rep_line_facts WHERE product_id IS NOT NULL);

-- The same with the signs turned: what a line takes away before it changes.
CREATE VIEW report_product_ytd_undo AS
SELECT line_id, order_id, year, rep_id, product_id, -units_01 AS units_01, -units_02 AS units_02,
       -units_03 AS units_03, -units_04 AS units_04, -units_05 AS units_05, -units_06 AS units_06,
       -units_07 AS units_07, -units_08 AS units_08, -units_09 AS units_09, -units_10 AS units_10,
       -units_11 AS units_11, -units_12 AS units_12, -net_01 AS net_01, -net_02 AS net_02, -net_03 AS net_03,
       -net_04 AS net_04, -net_05 AS net_05, -net_06 AS net_06, -net_07 AS net_07, -net_08 AS net_08,
       -net_09 AS net_09, -net_10 AS net_10, -net_11 AS net_11, -net_12 AS net_12, -cost_01 AS cost_01,
       -cost_02 AS cost_02, -cost_03 AS cost_03, -cost_04 AS cost_04, -cost_05 AS cost_05, -cost_06 AS cost_06,
       -cost_07 AS cost_07, -cost_08 AS cost_08, -cost_09 AS cost_09, -cost_10 AS cost_10, -cost_11 AS cost_11,
       -cost_12 AS cost_12
  FROM report_product_ytd_facts;

-- The months of 0017 and 0018 recomputed from the lines, run up year to date.
CREATE VIEW report_product_ytd_expected AS
SELECT year, rep_id, product_id, sum(units * (m <= 1)) AS units_01, sum(units * (m <= 2)) AS units_02,
       sum(units * (m <= 3)) AS units_03, sum(units * (m <= 4)) AS units_04, sum(units * (m <= 5)) AS units_05,
       sum(units * (m <= 6)) AS units_06, sum(units * (m <= 7)) AS units_07, sum(units * (m <= 8)) AS units_08,
       sum(units * (m <= 9)) AS units_09, sum(units * (m <= 10)) AS units_10, sum(units * (m <= 11)) AS units_11,
       sum(units * (m <= 12)) AS units_12, sum(net * (m <= 1)) AS net_01, sum(net * (m <= 2)) AS net_02,
       sum(net * (m <= 3)) AS net_03, sum(net * (m <= 4)) AS net_04, sum(net * (m <= 5)) AS net_05,
       sum(net * (m <= 6)) AS net_06, sum(net * (m <= 7)) AS net_07, sum(net * (m <= 8)) AS net_08,
       sum(net * (m <= 9)) AS net_09, sum(net * (m <= 10)) AS net_10, sum(net * (m <= 11)) AS net_11,
       sum(net * (m <= 12)) AS net_12, sum(cost * (m <= 1)) AS cost_01, sum(cost * (m <= 2)) AS cost_02,
       sum(cost * (m <= 3)) AS cost_03, sum(cost * (m <= 4)) AS cost_04, sum(cost * (m <= 5)) AS cost_05,
       sum(cost * (m <= 6)) AS cost_06, sum(cost * (m <= 7)) AS cost_07, sum(cost * (m <= 8)) AS cost_08,
       sum(cost * (m <= 9)) AS cost_09, sum(cost * (m <= 10)) AS cost_10, sum(cost * (m <= 11)) AS cost_11,
       sum(cost * (m <= 12)) AS cost_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m,
               0 AS rep_id, product_id, units, net, cost
          FROM report_product_month_expected
        UNION ALL
        SELECT CAST(substr(month, 1, 4) AS INTEGER), CAST(substr(month, 6, 2) AS INTEGER), rep_id, product_id,
               units, net, cost
          FROM report_product_rep_month_expected)
 GROUP BY year, rep_id, product_id;

-- The same from the tables of 0017 and 0018: what builds it here, and what
-- report_store_rebuild fills it from once those tables are summed again (a
-- line at a time would take hours on a million orders).
CREATE VIEW report_product_ytd_from_months AS
SELECT year, rep_id, product_id, sum(units * (m <= 1)) AS units_01, sum(units * (m <= 2)) AS units_02,
       sum(units * (m <= 3)) AS units_03, sum(units * (m <= 4)) AS units_04, sum(units * (m <= 5)) AS units_05,
       sum(units * (m <= 6)) AS units_06, sum(units * (m <= 7)) AS units_07, sum(units * (m <= 8)) AS units_08,
       sum(units * (m <= 9)) AS units_09, sum(units * (m <= 10)) AS units_10, sum(units * (m <= 11)) AS units_11,
       sum(units * (m <= 12)) AS units_12, sum(net * (m <= 1)) AS net_01, sum(net * (m <= 2)) AS net_02,
       sum(net * (m <= 3)) AS net_03, sum(net * (m <= 4)) AS net_04, sum(net * (m <= 5)) AS net_05,
       sum(net * (m <= 6)) AS net_06, sum(net * (m <= 7)) AS net_07, sum(net * (m <= 8)) AS net_08,
       sum(net * (m <= 9)) AS net_09, sum(net * (m <= 10)) AS net_10, sum(net * (m <= 11)) AS net_11,
       sum(net * (m <= 12)) AS net_12, sum(cost * (m <= 1)) AS cost_01, sum(cost * (m <= 2)) AS cost_02,
       sum(cost * (m <= 3)) AS cost_03, sum(cost * (m <= 4)) AS cost_04, sum(cost * (m <= 5)) AS cost_05,
       sum(cost * (m <= 6)) AS cost_06, sum(cost * (m <= 7)) AS cost_07, sum(cost * (m <= 8)) AS cost_08,
       sum(cost * (m <= 9)) AS cost_09, sum(cost * (m <= 10)) AS cost_10, sum(cost * (m <= 11)) AS cost_11,
       sum(cost * (m <= 12)) AS cost_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m,
               0 AS rep_id, product_id, units, net, cost
          FROM report_product_month
        UNION ALL
        SELECT CAST(substr(month, 1, 4) AS INTEGER), CAST(substr(month, 6, 2) AS INTEGER), rep_id, product_id,
               units, net, cost
          FROM report_product_rep_month)
 GROUP BY year, rep_id, product_id;

INSERT INTO report_product_ytd SELECT * FROM report_product_ytd_from_months;

CREATE TRIGGER report_product_ytd_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

-- A line changed or deleted: its figures leave before (read from the line
-- as it still is), and come back after from the line as it now is.
CREATE TRIGGER report_product_ytd_line_before_update BEFORE UPDATE OF order_id, kind, product_id, quantity,
    unit_cost, net_amount ON order_lines
WHEN OLD.kind = 'goods' BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_undo WHERE line_id = OLD.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

CREATE TRIGGER report_product_ytd_line_update AFTER UPDATE OF order_id, kind, product_id, quantity, unit_cost,
    net_amount ON order_lines
WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

CREATE TRIGGER report_product_ytd_line_delete BEFORE DELETE ON order_lines WHEN OLD.kind = 'goods' BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_undo WHERE line_id = OLD.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

-- An order cancelled (or back), moved to another month or given to another
-- rep: its lines leave before and come back after.
CREATE TRIGGER report_product_ytd_order_before_update BEFORE UPDATE OF status, placed_day, placed_at, rep_id
    ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') OR OLD.rep_id IS NOT NEW.rep_id
     OR substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7)
        IS NOT substr(coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime')), 1, 7)
BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_undo WHERE order_id = OLD.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

CREATE TRIGGER report_product_ytd_order_update AFTER UPDATE OF status, placed_day, placed_at, rep_id ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') OR OLD.rep_id IS NOT NEW.rep_id
     OR substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7)
        IS NOT substr(coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime')), 1, 7)
BEGIN
    INSERT INTO report_product_ytd
    SELECT year, rep_id, product_id, units_01, units_02, units_03, units_04, units_05, units_06, units_07, units_08,
           units_09, units_10, units_11, units_12, net_01, net_02, net_03, net_04, net_05, net_06, net_07, net_08,
           net_09, net_10, net_11, net_12, cost_01, cost_02, cost_03, cost_04, cost_05, cost_06, cost_07, cost_08,
           cost_09, cost_10, cost_11, cost_12
      FROM report_product_ytd_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units_01 = units_01 + excluded.units_01, units_02 = units_02 + excluded.units_02,
                              units_03 = units_03 + excluded.units_03, units_04 = units_04 + excluded.units_04,
                              units_05 = units_05 + excluded.units_05, units_06 = units_06 + excluded.units_06,
                              units_07 = units_07 + excluded.units_07, units_08 = units_08 + excluded.units_08,
                              units_09 = units_09 + excluded.units_09, units_10 = units_10 + excluded.units_10,
                              units_11 = units_11 + excluded.units_11, units_12 = units_12 + excluded.units_12,
                              net_01 = net_01 + excluded.net_01, net_02 = net_02 + excluded.net_02,
                              net_03 = net_03 + excluded.net_03, net_04 = net_04 + excluded.net_04,
                              net_05 = net_05 + excluded.net_05, net_06 = net_06 + excluded.net_06,
                              net_07 = net_07 + excluded.net_07, net_08 = net_08 + excluded.net_08,
                              net_09 = net_09 + excluded.net_09, net_10 = net_10 + excluded.net_10,
                              net_11 = net_11 + excluded.net_11, net_12 = net_12 + excluded.net_12,
                              cost_01 = cost_01 + excluded.cost_01, cost_02 = cost_02 + excluded.cost_02,
                              cost_03 = cost_03 + excluded.cost_03, cost_04 = cost_04 + excluded.cost_04,
                              cost_05 = cost_05 + excluded.cost_05, cost_06 = cost_06 + excluded.cost_06,
                              cost_07 = cost_07 + excluded.cost_07, cost_08 = cost_08 + excluded.cost_08,
                              cost_09 = cost_09 + excluded.cost_09, cost_10 = cost_10 + excluded.cost_10,
                              cost_11 = cost_11 + excluded.cost_11, cost_12 = cost_12 + excluded.cost_12;
END;

-- --------------------------------------------- quotes by account, to date

-- report_quote_month by year, account and rep: the quotes decided, those
-- that needed approval and the decided revisions' discounts, year to date;
-- bp_max_MM is the month's own largest discount (NULL: no row that month),
-- the largest of a range being the largest of its months.

CREATE TABLE report_quote_ytd (
    year INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,
    decided_01 INTEGER NOT NULL DEFAULT 0, decided_02 INTEGER NOT NULL DEFAULT 0,
    decided_03 INTEGER NOT NULL DEFAULT 0, decided_04 INTEGER NOT NULL DEFAULT 0,
    decided_05 INTEGER NOT NULL DEFAULT 0, decided_06 INTEGER NOT NULL DEFAULT 0,
    decided_07 INTEGER NOT NULL DEFAULT 0, decided_08 INTEGER NOT NULL DEFAULT 0,
    decided_09 INTEGER NOT NULL DEFAULT 0, decided_10 INTEGER NOT NULL DEFAULT 0,
    decided_11 INTEGER NOT NULL DEFAULT 0, decided_12 INTEGER NOT NULL DEFAULT 0,
    needed_01 INTEGER NOT NULL DEFAULT 0, needed_02 INTEGER NOT NULL DEFAULT 0, needed_03 INTEGER NOT NULL DEFAULT 0,
    needed_04 INTEGER NOT NULL DEFAULT 0, needed_05 INTEGER NOT NULL DEFAULT 0, needed_06 INTEGER NOT NULL DEFAULT 0,
    needed_07 INTEGER NOT NULL DEFAULT 0, needed_08 INTEGER NOT NULL DEFAULT 0, needed_09 INTEGER NOT NULL DEFAULT 0,
    needed_10 INTEGER NOT NULL DEFAULT 0, needed_11 INTEGER NOT NULL DEFAULT 0, needed_12 INTEGER NOT NULL DEFAULT 0,
    bp_sum_01 INTEGER NOT NULL DEFAULT 0, bp_sum_02 INTEGER NOT NULL DEFAULT 0, bp_sum_03 INTEGER NOT NULL DEFAULT 0,
    bp_sum_04 INTEGER NOT NULL DEFAULT 0, bp_sum_05 INTEGER NOT NULL DEFAULT 0, bp_sum_06 INTEGER NOT NULL DEFAULT 0,
    bp_sum_07 INTEGER NOT NULL DEFAULT 0, bp_sum_08 INTEGER NOT NULL DEFAULT 0, bp_sum_09 INTEGER NOT NULL DEFAULT 0,
    bp_sum_10 INTEGER NOT NULL DEFAULT 0, bp_sum_11 INTEGER NOT NULL DEFAULT 0, bp_sum_12 INTEGER NOT NULL DEFAULT 0,
    bp_max_01 INTEGER, bp_max_02 INTEGER, bp_max_03 INTEGER, bp_max_04 INTEGER, bp_max_05 INTEGER, bp_max_06 INTEGER,
    bp_max_07 INTEGER, bp_max_08 INTEGER, bp_max_09 INTEGER, bp_max_10 INTEGER, bp_max_11 INTEGER, bp_max_12 INTEGER,
    PRIMARY KEY (year, account_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_quote_ytd_facts AS
SELECT id, year, account_id, rep_id, decided * (m <= 1) AS decided_01, decided * (m <= 2) AS decided_02,
       decided * (m <= 3) AS decided_03, decided * (m <= 4) AS decided_04, decided * (m <= 5) AS decided_05,
       decided * (m <= 6) AS decided_06, decided * (m <= 7) AS decided_07, decided * (m <= 8) AS decided_08,
       decided * (m <= 9) AS decided_09, decided * (m <= 10) AS decided_10, decided * (m <= 11) AS decided_11,
       decided * (m <= 12) AS decided_12, needed_approval * (m <= 1) AS needed_01,
       needed_approval * (m <= 2) AS needed_02, needed_approval * (m <= 3) AS needed_03,
       needed_approval * (m <= 4) AS needed_04, needed_approval * (m <= 5) AS needed_05,
       needed_approval * (m <= 6) AS needed_06, needed_approval * (m <= 7) AS needed_07,
       needed_approval * (m <= 8) AS needed_08, needed_approval * (m <= 9) AS needed_09,
       needed_approval * (m <= 10) AS needed_10, needed_approval * (m <= 11) AS needed_11,
       needed_approval * (m <= 12) AS needed_12, discount_bp * (m <= 1) AS bp_sum_01,
       discount_bp * (m <= 2) AS bp_sum_02, discount_bp * (m <= 3) AS bp_sum_03, discount_bp * (m <= 4) AS bp_sum_04,
       discount_bp * (m <= 5) AS bp_sum_05, discount_bp * (m <= 6) AS bp_sum_06, discount_bp * (m <= 7) AS bp_sum_07,
       discount_bp * (m <= 8) AS bp_sum_08, discount_bp * (m <= 9) AS bp_sum_09,
       discount_bp * (m <= 10) AS bp_sum_10, discount_bp * (m <= 11) AS bp_sum_11,
       discount_bp * (m <= 12) AS bp_sum_12, CASE m WHEN 1 THEN discount_bp END AS bp_max_01,
       CASE m WHEN 2 THEN discount_bp END AS bp_max_02, CASE m WHEN 3 THEN discount_bp END AS bp_max_03,
       CASE m WHEN 4 THEN discount_bp END AS bp_max_04, CASE m WHEN 5 THEN discount_bp END AS bp_max_05,
       CASE m WHEN 6 THEN discount_bp END AS bp_max_06, CASE m WHEN 7 THEN discount_bp END AS bp_max_07,
       CASE m WHEN 8 THEN discount_bp END AS bp_max_08, CASE m WHEN 9 THEN discount_bp END AS bp_max_09,
       CASE m WHEN 10 THEN discount_bp END AS bp_max_10, CASE m WHEN 11 THEN discount_bp END AS bp_max_11,
       CASE m WHEN 12 THEN discount_bp END AS bp_max_12
  FROM (SELECT id, CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m,
               account_id, rep_id, decided, needed_approval, discount_bp
          FROM report_quote_event_facts WHERE created OR sent OR decided
         GROUP BY id); -- one row an event: GROUP BY keeps its lookups out of each column

CREATE VIEW report_quote_ytd_expected AS
SELECT year, account_id, rep_id, sum(decided * (m <= 1)) AS decided_01, sum(decided * (m <= 2)) AS decided_02,
       sum(decided * (m <= 3)) AS decided_03, sum(decided * (m <= 4)) AS decided_04,
       sum(decided * (m <= 5)) AS decided_05, sum(decided * (m <= 6)) AS decided_06,
       sum(decided * (m <= 7)) AS decided_07, sum(decided * (m <= 8)) AS decided_08,
       sum(decided * (m <= 9)) AS decided_09, sum(decided * (m <= 10)) AS decided_10,
       sum(decided * (m <= 11)) AS decided_11, sum(decided * (m <= 12)) AS decided_12,
       sum(needed_approval * (m <= 1)) AS needed_01, sum(needed_approval * (m <= 2)) AS needed_02,
       sum(needed_approval * (m <= 3)) AS needed_03, sum(needed_approval * (m <= 4)) AS needed_04,
       sum(needed_approval * (m <= 5)) AS needed_05, sum(needed_approval * (m <= 6)) AS needed_06,
       sum(needed_approval * (m <= 7)) AS needed_07, sum(needed_approval * (m <= 8)) AS needed_08,
       sum(needed_approval * (m <= 9)) AS needed_09, sum(needed_approval * (m <= 10)) AS needed_10,
       sum(needed_approval * (m <= 11)) AS needed_11, sum(needed_approval * (m <= 12)) AS needed_12,
       sum(discount_bp_sum * (m <= 1)) AS bp_sum_01, sum(discount_bp_sum * (m <= 2)) AS bp_sum_02,
       sum(discount_bp_sum * (m <= 3)) AS bp_sum_03, sum(discount_bp_sum * (m <= 4)) AS bp_sum_04,
       sum(discount_bp_sum * (m <= 5)) AS bp_sum_05, sum(discount_bp_sum * (m <= 6)) AS bp_sum_06,
       sum(discount_bp_sum * (m <= 7)) AS bp_sum_07, sum(discount_bp_sum * (m <= 8)) AS bp_sum_08,
       sum(discount_bp_sum * (m <= 9)) AS bp_sum_09, sum(discount_bp_sum * (m <= 10)) AS bp_sum_10,
       sum(discount_bp_sum * (m <= 11)) AS bp_sum_11, sum(discount_bp_sum * (m <= 12)) AS bp_sum_12,
       max(CASE m WHEN 1 THEN discount_bp_max END) AS bp_max_01,
       max(CASE m WHEN 2 THEN discount_bp_max END) AS bp_max_02,
       max(CASE m WHEN 3 THEN discount_bp_max END) AS bp_max_03,
       max(CASE m WHEN 4 THEN discount_bp_max END) AS bp_max_04,
       max(CASE m WHEN 5 THEN discount_bp_max END) AS bp_max_05,
       max(CASE m WHEN 6 THEN discount_bp_max END) AS bp_max_06,
       max(CASE m WHEN 7 THEN discount_bp_max END) AS bp_max_07,
       max(CASE m WHEN 8 THEN discount_bp_max END) AS bp_max_08,
       max(CASE m WHEN 9 THEN discount_bp_max END) AS bp_max_09,
       max(CASE m WHEN 10 THEN discount_bp_max END) AS bp_max_10,
       max(CASE m WHEN 11 THEN discount_bp_max END) AS bp_max_11,
       max(CASE m WHEN 12 THEN discount_bp_max END) AS bp_max_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m, account_id,
               rep_id, decided, needed_approval, discount_bp_sum, discount_bp_max
          FROM report_quote_month_expected)
 GROUP BY year, account_id, rep_id;

CREATE VIEW report_quote_ytd_from_months AS
SELECT year, account_id, rep_id, sum(decided * (m <= 1)) AS decided_01, sum(decided * (m <= 2)) AS decided_02,
       sum(decided * (m <= 3)) AS decided_03, sum(decided * (m <= 4)) AS decided_04,
       sum(decided * (m <= 5)) AS decided_05, sum(decided * (m <= 6)) AS decided_06,
       sum(decided * (m <= 7)) AS decided_07, sum(decided * (m <= 8)) AS decided_08,
       sum(decided * (m <= 9)) AS decided_09, sum(decided * (m <= 10)) AS decided_10,
       sum(decided * (m <= 11)) AS decided_11, sum(decided * (m <= 12)) AS decided_12,
       sum(needed_approval * (m <= 1)) AS needed_01, sum(needed_approval * (m <= 2)) AS needed_02,
       sum(needed_approval * (m <= 3)) AS needed_03, sum(needed_approval * (m <= 4)) AS needed_04,
       sum(needed_approval * (m <= 5)) AS needed_05, sum(needed_approval * (m <= 6)) AS needed_06,
       sum(needed_approval * (m <= 7)) AS needed_07, sum(needed_approval * (m <= 8)) AS needed_08,
       sum(needed_approval * (m <= 9)) AS needed_09, sum(needed_approval * (m <= 10)) AS needed_10,
       sum(needed_approval * (m <= 11)) AS needed_11, sum(needed_approval * (m <= 12)) AS needed_12,
       sum(discount_bp_sum * (m <= 1)) AS bp_sum_01, sum(discount_bp_sum * (m <= 2)) AS bp_sum_02,
       sum(discount_bp_sum * (m <= 3)) AS bp_sum_03, sum(discount_bp_sum * (m <= 4)) AS bp_sum_04,
       sum(discount_bp_sum * (m <= 5)) AS bp_sum_05, sum(discount_bp_sum * (m <= 6)) AS bp_sum_06,
       sum(discount_bp_sum * (m <= 7)) AS bp_sum_07, sum(discount_bp_sum * (m <= 8)) AS bp_sum_08,
       sum(discount_bp_sum * (m <= 9)) AS bp_sum_09, sum(discount_bp_sum * (m <= 10)) AS bp_sum_10,
       sum(discount_bp_sum * (m <= 11)) AS bp_sum_11, sum(discount_bp_sum * (m <= 12)) AS bp_sum_12,
       max(CASE m WHEN 1 THEN discount_bp_max END) AS bp_max_01,
       max(CASE m WHEN 2 THEN discount_bp_max END) AS bp_max_02,
       max(CASE m WHEN 3 THEN discount_bp_max END) AS bp_max_03,
       max(CASE m WHEN 4 THEN discount_bp_max END) AS bp_max_04,
       max(CASE m WHEN 5 THEN discount_bp_max END) AS bp_max_05,
       max(CASE m WHEN 6 THEN discount_bp_max END) AS bp_max_06,
       max(CASE m WHEN 7 THEN discount_bp_max END) AS bp_max_07,
       max(CASE m WHEN 8 THEN discount_bp_max END) AS bp_max_08,
       max(CASE m WHEN 9 THEN discount_bp_max END) AS bp_max_09,
       max(CASE m WHEN 10 THEN discount_bp_max END) AS bp_max_10,
       max(CASE m WHEN 11 THEN discount_bp_max END) AS bp_max_11,
       max(CASE m WHEN 12 THEN discount_bp_max END) AS bp_max_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m, account_id,
               rep_id, decided, needed_approval, discount_bp_sum, discount_bp_max
          FROM report_quote_month)
 GROUP BY year, account_id, rep_id;

INSERT INTO report_quote_ytd SELECT * FROM report_quote_ytd_from_months;

CREATE TRIGGER report_quote_ytd_event_insert AFTER INSERT ON quote_events BEGIN
    INSERT INTO report_quote_ytd
    SELECT year, account_id, rep_id, decided_01, decided_02, decided_03, decided_04, decided_05, decided_06,
           decided_07, decided_08, decided_09, decided_10, decided_11, decided_12, needed_01, needed_02, needed_03,
           needed_04, needed_05, needed_06, needed_07, needed_08, needed_09, needed_10, needed_11, needed_12,
           bp_sum_01, bp_sum_02, bp_sum_03, bp_sum_04, bp_sum_05, bp_sum_06, bp_sum_07, bp_sum_08, bp_sum_09,
           bp_sum_10, bp_sum_11, bp_sum_12, bp_max_01, bp_max_02, bp_max_03, bp_max_04, bp_max_05, bp_max_06,
           bp_max_07, bp_max_08, bp_max_09, bp_max_10, bp_max_11, bp_max_12
      FROM report_quote_ytd_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET decided_01 = decided_01 + excluded.decided_01,
                              decided_02 = decided_02 + excluded.decided_02,
                              decided_03 = decided_03 + excluded.decided_03,
                              decided_04 = decided_04 + excluded.decided_04,
                              decided_05 = decided_05 + excluded.decided_05,
                              decided_06 = decided_06 + excluded.decided_06,
                              decided_07 = decided_07 + excluded.decided_07,
                              decided_08 = decided_08 + excluded.decided_08,
                              decided_09 = decided_09 + excluded.decided_09,
                              decided_10 = decided_10 + excluded.decided_10,
                              decided_11 = decided_11 + excluded.decided_11,
                              decided_12 = decided_12 + excluded.decided_12,
                              needed_01 = needed_01 + excluded.needed_01, needed_02 = needed_02 + excluded.needed_02,
                              needed_03 = needed_03 + excluded.needed_03, needed_04 = needed_04 + excluded.needed_04,
                              needed_05 = needed_05 + excluded.needed_05, needed_06 = needed_06 + excluded.needed_06,
                              needed_07 = needed_07 + excluded.needed_07, needed_08 = needed_08 + excluded.needed_08,
                              needed_09 = needed_09 + excluded.needed_09, needed_10 = needed_10 + excluded.needed_10,
                              needed_11 = needed_11 + excluded.needed_11, needed_12 = needed_12 + excluded.needed_12,
                              bp_sum_01 = bp_sum_01 + excluded.bp_sum_01, bp_sum_02 = bp_sum_02 + excluded.bp_sum_02,
                              bp_sum_03 = bp_sum_03 + excluded.bp_sum_03, bp_sum_04 = bp_sum_04 + excluded.bp_sum_04,
                              bp_sum_05 = bp_sum_05 + excluded.bp_sum_05, bp_sum_06 = bp_sum_06 + excluded.bp_sum_06,
                              bp_sum_07 = bp_sum_07 + excluded.bp_sum_07, bp_sum_08 = bp_sum_08 + excluded.bp_sum_08,
                              bp_sum_09 = bp_sum_09 + excluded.bp_sum_09, bp_sum_10 = bp_sum_10 + excluded.bp_sum_10,
                              bp_sum_11 = bp_sum_11 + excluded.bp_sum_11, bp_sum_12 = bp_sum_12 + excluded.bp_sum_12,
                              bp_max_01 = coalesce(max(bp_max_01, excluded.bp_max_01), bp_max_01, excluded.bp_max_01),
                              bp_max_02 = coalesce(max(bp_max_02, excluded.bp_max_02), bp_max_02, excluded.bp_max_02),
                              bp_max_03 = coalesce(max(bp_max_03, excluded.bp_max_03), bp_max_03, excluded.bp_max_03),
                              bp_max_04 = coalesce(max(bp_max_04, excluded.bp_max_04), bp_max_04, excluded.bp_max_04),
                              bp_max_05 = coalesce(max(bp_max_05, excluded.bp_max_05), bp_max_05, excluded.bp_max_05),
                              bp_max_06 = coalesce(max(bp_max_06, excluded.bp_max_06), bp_max_06, excluded.bp_max_06),
                              bp_max_07 = coalesce(max(bp_max_07, excluded.bp_max_07), bp_max_07, excluded.bp_max_07),
                              bp_max_08 = coalesce(max(bp_max_08, excluded.bp_max_08), bp_max_08, excluded.bp_max_08),
                              bp_max_09 = coalesce(max(bp_max_09, excluded.bp_max_09), bp_max_09, excluded.bp_max_09),
                              bp_max_10 = coalesce(max(bp_max_10, excluded.bp_max_10), bp_max_10, excluded.bp_max_10),
                              bp_max_11 = coalesce(max(bp_max_11, excluded.bp_max_11), bp_max_11, excluded.bp_max_11),
                              bp_max_12 = coalesce(max(bp_max_12, excluded.bp_max_12), bp_max_12, excluded.bp_max_12);
END;

-- ----------------------------------------- deliveries by account, to date

-- report_ontime_month by year, account and rep, year to date.

CREATE TABLE report_ontime_ytd (
    year INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    rep_id INTEGER NOT NULL,
    delivered_01 INTEGER NOT NULL DEFAULT 0, delivered_02 INTEGER NOT NULL DEFAULT 0,
    delivered_03 INTEGER NOT NULL DEFAULT 0, delivered_04 INTEGER NOT NULL DEFAULT 0,
    delivered_05 INTEGER NOT NULL DEFAULT 0, delivered_06 INTEGER NOT NULL DEFAULT 0,
    delivered_07 INTEGER NOT NULL DEFAULT 0, delivered_08 INTEGER NOT NULL DEFAULT 0,
    delivered_09 INTEGER NOT NULL DEFAULT 0, delivered_10 INTEGER NOT NULL DEFAULT 0,
    delivered_11 INTEGER NOT NULL DEFAULT 0, delivered_12 INTEGER NOT NULL DEFAULT 0,
    on_time_01 INTEGER NOT NULL DEFAULT 0, on_time_02 INTEGER NOT NULL DEFAULT 0,
    on_time_03 INTEGER NOT NULL DEFAULT 0, on_time_04 INTEGER NOT NULL DEFAULT 0,
    on_time_05 INTEGER NOT NULL DEFAULT 0, on_time_06 INTEGER NOT NULL DEFAULT 0,
    on_time_07 INTEGER NOT NULL DEFAULT 0, on_time_08 INTEGER NOT NULL DEFAULT 0,
    on_time_09 INTEGER NOT NULL DEFAULT 0, on_time_10 INTEGER NOT NULL DEFAULT 0,
    on_time_11 INTEGER NOT NULL DEFAULT 0, on_time_12 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, account_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_ontime_ytd_facts AS
SELECT id, year, account_id, rep_id, 1 * (m <= 1) AS delivered_01, 1 * (m <= 2) AS delivered_02,
       1 * (m <= 3) AS delivered_03, 1 * (m <= 4) AS delivered_04, 1 * (m <= 5) AS delivered_05,
       1 * (m <= 6) AS delivered_06, 1 * (m <= 7) AS delivered_07, 1 * (m <= 8) AS delivered_08,
       1 * (m <= 9) AS delivered_09, 1 * (m <= 10) AS delivered_10, 1 * (m <= 11) AS delivered_11,
       1 * (m <= 12) AS delivered_12, on_time * (m <= 1) AS on_time_01, on_time * (m <= 2) AS on_time_02,
       on_time * (m <= 3) AS on_time_03, on_time * (m <= 4) AS on_time_04, on_time * (m <= 5) AS on_time_05,
       on_time * (m <= 6) AS on_time_06, on_time * (m <= 7) AS on_time_07, on_time * (m <= 8) AS on_time_08,
       on_time * (m <= 9) AS on_time_09, on_time * (m <= 10) AS on_time_10, on_time * (m <= 11) AS on_time_11,
       on_time * (m <= 12) AS on_time_12
  FROM (SELECT id, CAST(substr(delivered_day, 1, 4) AS INTEGER) AS year,
               CAST(substr(delivered_day, 6, 2) AS INTEGER) AS m, coalesce(account_id, 0) AS account_id,
               coalesce(rep_id, 0) AS rep_id, delivered_day <= first_promised_date AS on_time
          FROM orders WHERE delivered_day IS NOT NULL AND first_promised_date IS NOT NULL);

CREATE VIEW report_ontime_ytd_undo AS
SELECT id, year, account_id, rep_id, -delivered_01 AS delivered_01, -delivered_02 AS delivered_02,
       -delivered_03 AS delivered_03, -delivered_04 AS delivered_04, -delivered_05 AS delivered_05,
       -delivered_06 AS delivered_06, -delivered_07 AS delivered_07, -delivered_08 AS delivered_08,
       -delivered_09 AS delivered_09, -delivered_10 AS delivered_10, -delivered_11 AS delivered_11,
       -delivered_12 AS delivered_12, -on_time_01 AS on_time_01, -on_time_02 AS on_time_02,
       -on_time_03 AS on_time_03, -on_time_04 AS on_time_04, -on_time_05 AS on_time_05, -on_time_06 AS on_time_06,
       -on_time_07 AS on_time_07, -on_time_08 AS on_time_08, -on_time_09 AS on_time_09, -on_time_10 AS on_time_10,
       -on_time_11 AS on_time_11, -on_time_12 AS on_time_12
  FROM report_ontime_ytd_facts;

CREATE VIEW report_ontime_ytd_expected AS
SELECT year, account_id, rep_id, sum(delivered * (m <= 1)) AS delivered_01,
       sum(delivered * (m <= 2)) AS delivered_02, sum(delivered * (m <= 3)) AS delivered_03,
       sum(delivered * (m <= 4)) AS delivered_04, sum(delivered * (m <= 5)) AS delivered_05,
       sum(delivered * (m <= 6)) AS delivered_06, sum(delivered * (m <= 7)) AS delivered_07,
       sum(delivered * (m <= 8)) AS delivered_08, sum(delivered * (m <= 9)) AS delivered_09,
       sum(delivered * (m <= 10)) AS delivered_10, sum(delivered * (m <= 11)) AS delivered_11,
       sum(delivered * (m <= 12)) AS delivered_12, sum(on_time * (m <= 1)) AS on_time_01,
       sum(on_time * (m <= 2)) AS on_time_02, sum(on_time * (m <= 3)) AS on_time_03,
       sum(on_time * (m <= 4)) AS on_time_04, sum(on_time * (m <= 5)) AS on_time_05,
       sum(on_time * (m <= 6)) AS on_time_06, sum(on_time * (m <= 7)) AS on_time_07,
       sum(on_time * (m <= 8)) AS on_time_08, sum(on_time * (m <= 9)) AS on_time_09,
       sum(on_time * (m <= 10)) AS on_time_10, sum(on_time * (m <= 11)) AS on_time_11,
       sum(on_time * (m <= 12)) AS on_time_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m, account_id,
               rep_id, delivered, on_time
          FROM report_ontime_month_expected)
 GROUP BY year, account_id, rep_id;

CREATE VIEW report_ontime_ytd_from_months AS
SELECT year, account_id, rep_id, sum(delivered * (m <= 1)) AS delivered_01,
       sum(delivered * (m <= 2)) AS delivered_02, sum(delivered * (m <= 3)) AS delivered_03,
       sum(delivered * (m <= 4)) AS delivered_04, sum(delivered * (m <= 5)) AS delivered_05,
       sum(delivered * (m <= 6)) AS delivered_06, sum(delivered * (m <= 7)) AS delivered_07,
       sum(delivered * (m <= 8)) AS delivered_08, sum(delivered * (m <= 9)) AS delivered_09,
       sum(delivered * (m <= 10)) AS delivered_10, sum(delivered * (m <= 11)) AS delivered_11,
       sum(delivered * (m <= 12)) AS delivered_12, sum(on_time * (m <= 1)) AS on_time_01,
       sum(on_time * (m <= 2)) AS on_time_02, sum(on_time * (m <= 3)) AS on_time_03,
       sum(on_time * (m <= 4)) AS on_time_04, sum(on_time * (m <= 5)) AS on_time_05,
       sum(on_time * (m <= 6)) AS on_time_06, sum(on_time * (m <= 7)) AS on_time_07,
       sum(on_time * (m <= 8)) AS on_time_08, sum(on_time * (m <= 9)) AS on_time_09,
       sum(on_time * (m <= 10)) AS on_time_10, sum(on_time * (m <= 11)) AS on_time_11,
       sum(on_time * (m <= 12)) AS on_time_12
  FROM (SELECT CAST(substr(month, 1, 4) AS INTEGER) AS year, CAST(substr(month, 6, 2) AS INTEGER) AS m, account_id,
               rep_id, delivered, on_time
          FROM report_ontime_month)
 GROUP BY year, account_id, rep_id;

INSERT INTO report_ontime_ytd SELECT * FROM report_ontime_ytd_from_months;

CREATE TRIGGER report_ontime_ytd_insert AFTER INSERT ON orders
WHEN NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL BEGIN
    INSERT INTO report_ontime_ytd
    SELECT year, account_id, rep_id, delivered_01, delivered_02, delivered_03, delivered_04, delivered_05,
           delivered_06, delivered_07, delivered_08, delivered_09, delivered_10, delivered_11, delivered_12,
           on_time_01, on_time_02, on_time_03, on_time_04, on_time_05, on_time_06, on_time_07, on_time_08,
           on_time_09, on_time_10, on_time_11, on_time_12
      FROM report_ontime_ytd_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET delivered_01 = delivered_01 + excluded.delivered_01,
                              delivered_02 = delivered_02 + excluded.delivered_02,
                              delivered_03 = delivered_03 + excluded.delivered_03,
                              delivered_04 = delivered_04 + excluded.delivered_04,
                              delivered_05 = delivered_05 + excluded.delivered_05,
                              delivered_06 = delivered_06 + excluded.delivered_06,
                              delivered_07 = delivered_07 + excluded.delivered_07,
                              delivered_08 = delivered_08 + excluded.delivered_08,
                              delivered_09 = delivered_09 + excluded.delivered_09,
                              delivered_10 = delivered_10 + excluded.delivered_10,
                              delivered_11 = delivered_11 + excluded.delivered_11,
                              delivered_12 = delivered_12 + excluded.delivered_12,
                              on_time_01 = on_time_01 + excluded.on_time_01,
                              on_time_02 = on_time_02 + excluded.on_time_02,
                              on_time_03 = on_time_03 + excluded.on_time_03,
                              on_time_04 = on_time_04 + excluded.on_time_04,
                              on_time_05 = on_time_05 + excluded.on_time_05,
                              on_time_06 = on_time_06 + excluded.on_time_06,
                              on_time_07 = on_time_07 + excluded.on_time_07,
                              on_time_08 = on_time_08 + excluded.on_time_08,
                              on_time_09 = on_time_09 + excluded.on_time_09,
                              on_time_10 = on_time_10 + excluded.on_time_10,
                              on_time_11 = on_time_11 + excluded.on_time_11,
                              on_time_12 = on_time_12 + excluded.on_time_12;
END;

CREATE TRIGGER report_ontime_ytd_before_update BEFORE UPDATE OF delivered_day, first_promised_date, account_id,
    rep_id ON orders
WHEN OLD.delivered_day IS NOT NEW.delivered_day OR OLD.first_promised_date IS NOT NEW.first_promised_date
     OR OLD.account_id IS NOT NEW.account_id OR OLD.rep_id IS NOT NEW.rep_id
BEGIN
    INSERT INTO report_ontime_ytd
    SELECT year, account_id, rep_id, delivered_01, delivered_02, delivered_03, delivered_04, delivered_05,
           delivered_06, delivered_07, delivered_08, delivered_09, delivered_10, delivered_11, delivered_12,
           on_time_01, on_time_02, on_time_03, on_time_04, on_time_05, on_time_06, on_time_07, on_time_08,
           on_time_09, on_time_10, on_time_11, on_time_12
      FROM report_ontime_ytd_undo WHERE id = OLD.id
    ON CONFLICT DO UPDATE SET delivered_01 = delivered_01 + excluded.delivered_01,
                              delivered_02 = delivered_02 + excluded.delivered_02,
                              delivered_03 = delivered_03 + excluded.delivered_03,
                              delivered_04 = delivered_04 + excluded.delivered_04,
                              delivered_05 = delivered_05 + excluded.delivered_05,
                              delivered_06 = delivered_06 + excluded.delivered_06,
                              delivered_07 = delivered_07 + excluded.delivered_07,
                              delivered_08 = delivered_08 + excluded.delivered_08,
                              delivered_09 = delivered_09 + excluded.delivered_09,
                              delivered_10 = delivered_10 + excluded.delivered_10,
                              delivered_11 = delivered_11 + excluded.delivered_11,
                              delivered_12 = delivered_12 + excluded.delivered_12,
                              on_time_01 = on_time_01 + excluded.on_time_01,
                              on_time_02 = on_time_02 + excluded.on_time_02,
                              on_time_03 = on_time_03 + excluded.on_time_03,
                              on_time_04 = on_time_04 + excluded.on_time_04,
                              on_time_05 = on_time_05 + excluded.on_time_05,
                              on_time_06 = on_time_06 + excluded.on_time_06,
                              on_time_07 = on_time_07 + excluded.on_time_07,
                              on_time_08 = on_time_08 + excluded.on_time_08,
                              on_time_09 = on_time_09 + excluded.on_time_09,
                              on_time_10 = on_time_10 + excluded.on_time_10,
                              on_time_11 = on_time_11 + excluded.on_time_11,
                              on_time_12 = on_time_12 + excluded.on_time_12;
END;

CREATE TRIGGER report_ontime_ytd_update AFTER UPDATE OF delivered_day, first_promised_date, account_id, rep_id
    ON orders
WHEN OLD.delivered_day IS NOT NEW.delivered_day OR OLD.first_promised_date IS NOT NEW.first_promised_date
     OR OLD.account_id IS NOT NEW.account_id OR OLD.rep_id IS NOT NEW.rep_id
BEGIN
    INSERT INTO report_ontime_ytd
    SELECT year, account_id, rep_id, delivered_01, delivered_02, delivered_03, delivered_04, delivered_05,
           delivered_06, delivered_07, delivered_08, delivered_09, delivered_10, delivered_11, delivered_12,
           on_time_01, on_time_02, on_time_03, on_time_04, on_time_05, on_time_06, on_time_07, on_time_08,
           on_time_09, on_time_10, on_time_11, on_time_12
      FROM report_ontime_ytd_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET delivered_01 = delivered_01 + excluded.delivered_01,
                              delivered_02 = delivered_02 + excluded.delivered_02,
                              delivered_03 = delivered_03 + excluded.delivered_03,
                              delivered_04 = delivered_04 + excluded.delivered_04,
                              delivered_05 = delivered_05 + excluded.delivered_05,
                              delivered_06 = delivered_06 + excluded.delivered_06,
                              delivered_07 = delivered_07 + excluded.delivered_07,
                              delivered_08 = delivered_08 + excluded.delivered_08,
                              delivered_09 = delivered_09 + excluded.delivered_09,
                              delivered_10 = delivered_10 + excluded.delivered_10,
                              delivered_11 = delivered_11 + excluded.delivered_11,
                              delivered_12 = delivered_12 + excluded.delivered_12,
                              on_time_01 = on_time_01 + excluded.on_time_01,
                              on_time_02 = on_time_02 + excluded.on_time_02,
                              on_time_03 = on_time_03 + excluded.on_time_03,
                              on_time_04 = on_time_04 + excluded.on_time_04,
                              on_time_05 = on_time_05 + excluded.on_time_05,
                              on_time_06 = on_time_06 + excluded.on_time_06,
                              on_time_07 = on_time_07 + excluded.on_time_07,
                              on_time_08 = on_time_08 + excluded.on_time_08,
                              on_time_09 = on_time_09 + excluded.on_time_09,
                              on_time_10 = on_time_10 + excluded.on_time_10,
                              on_time_11 = on_time_11 + excluded.on_time_11,
                              on_time_12 = on_time_12 + excluded.on_time_12;
END;

-- --------------------------------------------- 0018's year rollups, gone

-- The year to date rows above hold them (column _12): their tables, views
-- and the statements of 0018's triggers that wrote them go; each trigger is
-- made again with its other statements unchanged.
DROP TRIGGER report_quote_rollup_event_insert;
CREATE TRIGGER report_quote_rollup_event_insert AFTER INSERT ON quote_events BEGIN
    INSERT INTO report_quote_rep_month(month, rep_id, created, sent, decided, accepted, rejected, expired, cancelled,
                                       accept_seconds, needed_approval, discount_bp_sum, discount_bp_max)
    SELECT month, rep_id, created, sent, decided, accepted, rejected, expired, cancelled, accept_seconds,
           needed_approval, discount_bp, discount_bp
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

DROP TRIGGER report_ontime_rollup_insert;
CREATE TRIGGER report_ontime_rollup_insert AFTER INSERT ON orders
WHEN NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL BEGIN
    INSERT INTO report_ontime_rep_month(month, rep_id, delivered, on_time)
    VALUES (substr(NEW.delivered_day, 1, 7), coalesce(NEW.rep_id, 0), 1, NEW.delivered_day <= NEW.first_promised_date)
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
END;

DROP TRIGGER report_ontime_rollup_update;
CREATE TRIGGER report_ontime_rollup_update AFTER UPDATE OF delivered_day, first_promised_date, account_id, rep_id
    ON orders
WHEN OLD.delivered_day IS NOT NEW.delivered_day OR OLD.first_promised_date IS NOT NEW.first_promised_date
     OR OLD.account_id IS NOT NEW.account_id OR OLD.rep_id IS NOT NEW.rep_id
BEGIN
    INSERT INTO report_ontime_rep_month(month, rep_id, delivered, on_time)
    SELECT substr(OLD.delivered_day, 1, 7), coalesce(OLD.rep_id, 0), -1, -(OLD.delivered_day <= OLD.first_promised_date)
     WHERE OLD.delivered_day IS NOT NULL AND OLD.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
    INSERT INTO report_ontime_rep_month(month, rep_id, delivered, on_time)
    SELECT substr(NEW.delivered_day, 1, 7), coalesce(NEW.rep_id, 0), 1, NEW.delivered_day <= NEW.first_promised_date
     WHERE NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
END;

DROP TRIGGER report_rep_goods_line_insert;
CREATE TRIGGER report_rep_goods_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

DROP TRIGGER report_rep_goods_line_update;
CREATE TRIGGER report_rep_goods_line_update AFTER UPDATE OF order_id, kind, product_id, category, quantity,
    unit_cost, net_amount ON order_lines
BEGIN
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), o.rep_id, OLD.product_id,
           -OLD.quantity, -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
       AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), o.rep_id, OLD.category,
           -OLD.quantity, -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

DROP TRIGGER report_rep_goods_line_delete;
CREATE TRIGGER report_rep_goods_line_delete AFTER DELETE ON order_lines WHEN OLD.kind = 'goods' BEGIN
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), o.rep_id, OLD.product_id,
           -OLD.quantity, -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), o.rep_id, OLD.category,
           -OLD.quantity, -OLD.net_amount, -OLD.unit_cost * OLD.quantity
      FROM orders o WHERE o.id = OLD.order_id AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

DROP TRIGGER report_rep_goods_order_update;
CREATE TRIGGER report_rep_goods_order_update AFTER UPDATE OF status, placed_day, placed_at, rep_id ON orders
WHEN (OLD.status = 'cancelled') <> (NEW.status = 'cancelled') OR OLD.rep_id IS NOT NEW.rep_id
     OR substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7)
        IS NOT substr(coalesce(NEW.placed_day, date(NEW.placed_at, 'localtime')), 1, 7)
BEGIN
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7), OLD.rep_id, l.product_id,
           -l.quantity, -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
       AND OLD.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 7), OLD.rep_id, l.category,
           -l.quantity, -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND OLD.status <> 'cancelled' AND OLD.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;
DROP VIEW report_product_year_expected;
DROP VIEW report_quote_year_expected;
DROP VIEW report_ontime_year_expected;
DROP TABLE report_product_year;
DROP TABLE report_quote_year;
DROP TABLE report_ontime_year;
