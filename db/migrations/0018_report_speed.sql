-- Reports under 200 ms on a year of the large demo (issue 15, speed): the
-- summary tables of 0017 keep one row per month and account (quotes,
-- deliveries) or month and product, too many rows to sum over twelve months.
-- These tables sum them further, each kept by triggers in the transaction
-- that writes the rows it sums, each with a view
-- "<table>_expected" that recomputes it from the rows and that `comptoir
-- check` compares with it both ways (db/report_store.c).
--
-- Like 0017's, the triggers read the rows written (not another summary), so
-- a summary row changed by hand shows in `check` as that table's only.

-- ---------------------------------------------- quotes by month and rep

-- report_quote_month without the account: win rate by month and by rep,
-- discounts by rep.
CREATE TABLE report_quote_rep_month (
    month           TEXT NOT NULL,
    rep_id          INTEGER NOT NULL,
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
    PRIMARY KEY (month, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_quote_rep_month_expected AS
SELECT month, rep_id, sum(created) AS created, sum(sent) AS sent, sum(decided) AS decided,
       sum(accepted) AS accepted, sum(rejected) AS rejected, sum(expired) AS expired, sum(cancelled) AS cancelled,
       sum(accept_seconds) AS accept_seconds, sum(needed_approval) AS needed_approval,
       sum(discount_bp_sum) AS discount_bp_sum, max(discount_bp_max) AS discount_bp_max
  FROM report_quote_month_expected GROUP BY month, rep_id;

INSERT INTO report_quote_rep_month
SELECT month, rep_id, sum(created), sum(sent), sum(decided), sum(accepted), sum(rejected), sum(expired),
       sum(cancelled), sum(accept_seconds), sum(needed_approval), sum(discount_bp_sum), max(discount_bp_max)
  FROM report_quote_month GROUP BY month, rep_id;

-- The quotes by year and account (the rows of a whole year at once: the
-- discounts by account over a year or more).
CREATE TABLE report_quote_year (
    year            TEXT NOT NULL,
    account_id      INTEGER NOT NULL,
    rep_id          INTEGER NOT NULL,
    decided         INTEGER NOT NULL DEFAULT 0,
    needed_approval INTEGER NOT NULL DEFAULT 0,
    discount_bp_sum INTEGER NOT NULL DEFAULT 0,
    discount_bp_max INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, account_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_quote_year_expected AS
SELECT substr(month, 1, 4) AS year, account_id, rep_id, sum(decided) AS decided,
       sum(needed_approval) AS needed_approval, sum(discount_bp_sum) AS discount_bp_sum,
       max(discount_bp_max) AS discount_bp_max
  FROM report_quote_month_expected GROUP BY 1, 2, 3;

INSERT INTO report_quote_year
SELECT substr(month, 1, 4), account_id, rep_id, sum(decided), sum(needed_approval), sum(discount_bp_sum),
       max(discount_bp_max)
  FROM report_quote_month GROUP BY 1, 2, 3;

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
    INSERT INTO report_quote_year(year, account_id, rep_id, decided, needed_approval, discount_bp_sum,
                                  discount_bp_max)
    SELECT substr(month, 1, 4), account_id, rep_id, decided, needed_approval, discount_bp, discount_bp
      FROM report_quote_event_facts WHERE id = NEW.id AND (created OR sent OR decided)
    ON CONFLICT DO UPDATE SET decided = decided + excluded.decided,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum,
                              discount_bp_max = max(discount_bp_max, excluded.discount_bp_max);
END;

-- --------------------------------------------- deliveries by month and rep

CREATE TABLE report_ontime_rep_month (
    month     TEXT NOT NULL,
    rep_id    INTEGER NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0,
    on_time   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_ontime_rep_month_expected AS
SELECT month, rep_id, sum(delivered) AS delivered, sum(on_time) AS on_time
  FROM report_ontime_month_expected GROUP BY month, rep_id;

INSERT INTO report_ontime_rep_month
SELECT month, rep_id, sum(delivered), sum(on_time) FROM report_ontime_month GROUP BY month, rep_id;

-- By year and account: the accounts over a year or more.
CREATE TABLE report_ontime_year (
    year       TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    rep_id     INTEGER NOT NULL,
    delivered  INTEGER NOT NULL DEFAULT 0,
    on_time    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, account_id, rep_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_ontime_year_expected AS
SELECT substr(month, 1, 4) AS year, account_id, rep_id, sum(delivered) AS delivered, sum(on_time) AS on_time
  FROM report_ontime_month_expected GROUP BY 1, 2, 3;

INSERT INTO report_ontime_year
SELECT substr(month, 1, 4), account_id, rep_id, sum(delivered), sum(on_time) FROM report_ontime_month
 GROUP BY 1, 2, 3;

CREATE TRIGGER report_ontime_rollup_insert AFTER INSERT ON orders
WHEN NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL BEGIN
    INSERT INTO report_ontime_rep_month(month, rep_id, delivered, on_time)
    VALUES (substr(NEW.delivered_day, 1, 7), coalesce(NEW.rep_id, 0), 1, NEW.delivered_day <= NEW.first_promised_date)
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
    INSERT INTO report_ontime_year(year, account_id, rep_id, delivered, on_time)
    VALUES (substr(NEW.delivered_day, 1, 4), coalesce(NEW.account_id, 0), coalesce(NEW.rep_id, 0), 1,
            NEW.delivered_day <= NEW.first_promised_date)
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
END;

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
    INSERT INTO report_ontime_year(year, account_id, rep_id, delivered, on_time)
    SELECT substr(OLD.delivered_day, 1, 4), coalesce(OLD.account_id, 0), coalesce(OLD.rep_id, 0), -1,
           -(OLD.delivered_day <= OLD.first_promised_date)
     WHERE OLD.delivered_day IS NOT NULL AND OLD.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
    INSERT INTO report_ontime_year(year, account_id, rep_id, delivered, on_time)
    SELECT substr(NEW.delivered_day, 1, 4), coalesce(NEW.account_id, 0), coalesce(NEW.rep_id, 0), 1,
           NEW.delivered_day <= NEW.first_promised_date
     WHERE NEW.delivered_day IS NOT NULL AND NEW.first_promised_date IS NOT NULL
    ON CONFLICT DO UPDATE SET delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time;
END;

-- ------------------------------------------------------------- open quotes

-- The pipeline: open quotes (draft, pending, approved, sent) with their
-- current revision, by the local day they were created, owner and status;
-- the amount is the current revision's subtotal. A quote counts once its
-- current revision exists (the pipeline joins them).
CREATE TABLE report_open_quote_day (
    day    TEXT NOT NULL,
    rep_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    quotes INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, rep_id, status)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_open_quote_day_expected AS
SELECT date(q.created_at, 'localtime') AS day, q.owner_id AS rep_id, q.status, count(*) AS quotes,
       sum(r.subtotal) AS amount
  FROM quotes q JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision
 WHERE q.status IN ('draft', 'pending', 'approved', 'sent')
 GROUP BY 1, 2, 3;

INSERT INTO report_open_quote_day SELECT * FROM report_open_quote_day_expected;

CREATE TRIGGER report_open_quote_insert AFTER INSERT ON quotes
WHEN NEW.status IN ('draft', 'pending', 'approved', 'sent') BEGIN
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(NEW.created_at, 'localtime'), NEW.owner_id, NEW.status, 1, r.subtotal
      FROM quote_revisions r WHERE r.quote_id = NEW.id AND r.number = NEW.revision
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_open_quote_update AFTER UPDATE OF status, owner_id, revision, created_at ON quotes
WHEN (OLD.status IN ('draft', 'pending', 'approved', 'sent') OR NEW.status IN ('draft', 'pending', 'approved', 'sent'))
     AND (OLD.status IS NOT NEW.status OR OLD.owner_id IS NOT NEW.owner_id OR OLD.revision IS NOT NEW.revision
          OR OLD.created_at IS NOT NEW.created_at)
BEGIN
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(OLD.created_at, 'localtime'), OLD.owner_id, OLD.status, -1, -r.subtotal
      FROM quote_revisions r
     WHERE r.quote_id = OLD.id AND r.number = OLD.revision AND OLD.status IN ('draft', 'pending', 'approved', 'sent')
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(NEW.created_at, 'localtime'), NEW.owner_id, NEW.status, 1, r.subtotal
      FROM quote_revisions r
     WHERE r.quote_id = NEW.id AND r.number = NEW.revision AND NEW.status IN ('draft', 'pending', 'approved', 'sent')
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_open_quote_delete AFTER DELETE ON quotes
WHEN OLD.status IN ('draft', 'pending', 'approved', 'sent') BEGIN
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(OLD.created_at, 'localtime'), OLD.owner_id, OLD.status, -1, -r.subtotal
      FROM quote_revisions r WHERE r.quote_id = OLD.id AND r.number = OLD.revision
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_open_quote_revision_insert AFTER INSERT ON quote_revisions BEGIN
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(q.created_at, 'localtime'), q.owner_id, q.status, 1, NEW.subtotal
      FROM quotes q
     WHERE q.id = NEW.quote_id AND q.revision = NEW.number AND q.status IN ('draft', 'pending', 'approved', 'sent')
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_open_quote_revision_update AFTER UPDATE OF quote_id, number, subtotal ON quote_revisions
WHEN OLD.quote_id IS NOT NEW.quote_id OR OLD.number IS NOT NEW.number OR OLD.subtotal IS NOT NEW.subtotal
BEGIN
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(q.created_at, 'localtime'), q.owner_id, q.status, -1, -OLD.subtotal
      FROM quotes q
     WHERE q.id = OLD.quote_id AND q.revision = OLD.number AND q.status IN ('draft', 'pending', 'approved', 'sent')
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
    INSERT INTO report_open_quote_day(day, rep_id, status, quotes, amount)
    SELECT date(q.created_at, 'localtime'), q.owner_id, q.status, 1, NEW.subtotal
      FROM quotes q
     WHERE q.id = NEW.quote_id AND q.revision = NEW.number AND q.status IN ('draft', 'pending', 'approved', 'sent')
    ON CONFLICT DO UPDATE SET quotes = quotes + excluded.quotes, amount = amount + excluded.amount;
END;

-- ------------------------------------------------- products by rep and year

-- Goods lines of the orders not cancelled that have a rep, by the month they
-- were placed and the rep: a rep's own products and categories.
CREATE TABLE report_product_rep_month (
    month      TEXT NOT NULL,
    rep_id     INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    net        INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id, product_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_rep_month (
    month    TEXT NOT NULL,
    rep_id   INTEGER NOT NULL,
    category TEXT NOT NULL,
    units    INTEGER NOT NULL DEFAULT 0,
    net      INTEGER NOT NULL DEFAULT 0,
    cost     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, rep_id, category)
) STRICT, WITHOUT ROWID;

-- By year: rep_id 0 holds everyone's (report_product_month's), the others a
-- rep's (report_product_rep_month's).
CREATE TABLE report_product_year (
    year       TEXT NOT NULL,
    rep_id     INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0,
    net        INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, rep_id, product_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW report_goods_rep_line_facts AS
SELECT l.id AS line_id, l.order_id, substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7) AS month,
       o.rep_id, l.product_id, l.category, l.quantity AS units, l.net_amount AS net, l.unit_cost * l.quantity AS cost
  FROM order_lines l JOIN orders o ON o.id = l.order_id
 WHERE l.kind = 'goods' AND o.status <> 'cancelled' AND o.rep_id IS NOT NULL;

CREATE VIEW report_product_rep_month_expected AS
SELECT month, rep_id, product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_rep_line_facts WHERE product_id IS NOT NULL GROUP BY month, rep_id, product_id;

CREATE VIEW report_category_rep_month_expected AS
SELECT month, rep_id, category, sum(units) AS units, sum(net) AS net, sum(cost) AS cost
  FROM report_goods_rep_line_facts GROUP BY month, rep_id, category;

CREATE VIEW report_product_year_expected AS
SELECT substr(month, 1, 4) AS year, 0 AS rep_id, product_id, sum(units) AS units, sum(net) AS net,
       sum(cost) AS cost
  FROM report_product_month_expected GROUP BY 1, 3
UNION ALL
SELECT substr(month, 1, 4), rep_id, product_id, sum(units), sum(net), sum(cost)
  FROM report_product_rep_month_expected GROUP BY 1, 2, 3;

INSERT INTO report_product_rep_month SELECT * FROM report_product_rep_month_expected;
INSERT INTO report_category_rep_month SELECT * FROM report_category_rep_month_expected;
INSERT INTO report_product_year
SELECT substr(month, 1, 4), 0, product_id, sum(units), sum(net), sum(cost) FROM report_product_month GROUP BY 1, 3;
INSERT INTO report_product_year
SELECT substr(month, 1, 4), rep_id, product_id, sum(units), sum(net), sum(cost) FROM report_product_rep_month
 GROUP BY 1, 2, 3;

CREATE TRIGGER report_rep_goods_line_insert AFTER INSERT ON order_lines WHEN NEW.kind = 'goods' BEGIN
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), 0, product_id, units, net, cost FROM report_goods_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

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
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 4), 0, OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 4), o.rep_id, OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.kind = 'goods' AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
       AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE line_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), 0, product_id, units, net, cost FROM report_goods_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE line_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

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
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 4), 0, OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 4), o.rep_id, OLD.product_id, -OLD.quantity, -OLD.net_amount,
           -OLD.unit_cost * OLD.quantity
      FROM orders o
     WHERE o.id = OLD.order_id AND OLD.product_id IS NOT NULL AND o.status <> 'cancelled'
       AND o.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

-- An order cancelled (or back), moved to another month or given to another
-- rep moves its lines (everyone's year too: 0 when only the rep changed).
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
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 4), 0, l.product_id, -l.quantity, -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(coalesce(OLD.placed_day, date(OLD.placed_at, 'localtime')), 1, 4), OLD.rep_id, l.product_id, -l.quantity, -l.net_amount, -l.unit_cost * l.quantity
      FROM order_lines l
     WHERE l.order_id = OLD.id AND l.kind = 'goods' AND l.product_id IS NOT NULL AND OLD.status <> 'cancelled'
       AND OLD.rep_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_rep_month(month, rep_id, product_id, units, net, cost)
    SELECT month, rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_category_rep_month(month, rep_id, category, units, net, cost)
    SELECT month, rep_id, category, units, net, cost FROM report_goods_rep_line_facts WHERE order_id = NEW.id
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), 0, product_id, units, net, cost FROM report_goods_line_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
    INSERT INTO report_product_year(year, rep_id, product_id, units, net, cost)
    SELECT substr(month, 1, 4), rep_id, product_id, units, net, cost FROM report_goods_rep_line_facts
     WHERE order_id = NEW.id AND product_id IS NOT NULL
    ON CONFLICT DO UPDATE SET units = units + excluded.units, net = net + excluded.net, cost = cost + excluded.cost;
END;

-- The slow movers: the active products in stock without reading their rows.
CREATE INDEX products_slow ON products(active, stock_on_hand DESC, sku) WHERE active = 1 AND stock_on_hand > 0;
