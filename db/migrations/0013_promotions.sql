-- Promotions and coupon codes (issue 11): rules as data. A promotion's
-- state (active, scheduled, ended, disabled) is derived from disabled_at,
-- its dates and today's store-local date; never stored. Its limits (total
-- uses, a budget of discounts granted, uses per customer, single-use codes)
-- are counted inside the placing transaction by conditional updates; each
-- use is a row of promotion_uses, released (never deleted) when the whole
-- order is cancelled. What an order got stays in order_line_adjustments
-- (kind 'promotion', source_id = the promotion): returns and reports read
-- that snapshot, never these rules.
CREATE TABLE promotions (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    kind           TEXT NOT NULL CHECK (kind IN ('percent', 'fixed', 'buy_get', 'free_shipping', 'price')),
    value          INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),  -- bp (percent) or cents (fixed, price)
    target         TEXT NOT NULL DEFAULT 'order' CHECK (target IN ('order', 'category', 'skus')),
    category       TEXT NOT NULL DEFAULT '',
    buy_qty        INTEGER NOT NULL DEFAULT 0 CHECK (buy_qty >= 0),
    get_qty        INTEGER NOT NULL DEFAULT 0 CHECK (get_qty >= 0),
    get_percent_bp INTEGER NOT NULL DEFAULT 10000 CHECK (get_percent_bp BETWEEN 1 AND 10000),
    max_free       INTEGER CHECK (max_free IS NULL OR max_free >= 1),
    dearest        INTEGER NOT NULL DEFAULT 0 CHECK (dearest IN (0, 1)),
    min_subtotal   INTEGER NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),  -- the cart's basis
    min_qty        INTEGER NOT NULL DEFAULT 0 CHECK (min_qty >= 0),
    starts_on      TEXT CHECK (starts_on IS NULL OR starts_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    ends_on        TEXT CHECK (ends_on IS NULL OR ends_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    activation     TEXT NOT NULL CHECK (activation IN ('auto', 'code')),
    channel        TEXT CHECK (channel IS NULL OR channel IN ('b2b', 'b2c')),   -- NULL = any
    tier           TEXT CHECK (tier IS NULL OR length(tier) BETWEEN 1 AND 16),  -- NULL = any
    first_order    INTEGER NOT NULL DEFAULT 0 CHECK (first_order IN (0, 1)),
    max_uses       INTEGER CHECK (max_uses IS NULL OR max_uses >= 1),
    per_customer   INTEGER CHECK (per_customer IS NULL OR per_customer >= 1),
    budget         INTEGER CHECK (budget IS NULL OR budget >= 0),
    uses           INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    granted        INTEGER NOT NULL DEFAULT 0 CHECK (granted >= 0),  -- discounts as the customer saw them
    priority       INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN -999 AND 999),
    exclusive      INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1)),
    stop           INTEGER NOT NULL DEFAULT 0 CHECK (stop IN (0, 1)),
    disabled_at    TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK (max_uses IS NULL OR uses <= max_uses),
    CHECK (budget IS NULL OR granted <= budget),
    CHECK (kind <> 'percent' OR value BETWEEN 1 AND 10000),
    CHECK (kind NOT IN ('fixed') OR value >= 1),
    CHECK (kind <> 'buy_get' OR (buy_qty >= 1 AND get_qty >= 1)),
    CHECK (kind <> 'price' OR target <> 'order'),
    CHECK ((target = 'category') = (category <> '')),
    CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
) STRICT;
CREATE INDEX promotions_live ON promotions(activation, ends_on) WHERE disabled_at IS NULL;

-- The SKUs of a promotion whose target is 'skus'.
CREATE TABLE promotion_skus (
    promotion_id INTEGER NOT NULL REFERENCES promotions(id),
    product_id   INTEGER NOT NULL REFERENCES products(id),
    PRIMARY KEY (promotion_id, product_id)
) STRICT, WITHOUT ROWID;

-- Codes: one shared code (single_use 0, e.g. NOEL25) or batches of
-- single-use codes (single_use 1, batch 1, 2 …), matched in any case.
CREATE TABLE promotion_codes (
    id            INTEGER PRIMARY KEY,
    promotion_id  INTEGER NOT NULL REFERENCES promotions(id),
    code          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 3 AND 32),
    single_use    INTEGER NOT NULL CHECK (single_use IN (0, 1)),
    batch         INTEGER CHECK (batch IS NULL OR batch >= 1),
    created_at    TEXT NOT NULL,
    used_order_id INTEGER REFERENCES orders(id),
    used_at       TEXT,
    CHECK (single_use = 1 OR used_order_id IS NULL),
    CHECK ((single_use = 1) = (batch IS NOT NULL)),
    CHECK ((used_order_id IS NULL) = (used_at IS NULL))
) STRICT;
CREATE INDEX promotion_codes_promotion ON promotion_codes(promotion_id, single_use, id);

-- Uses per customer (or account) of the promotions that limit them.
CREATE TABLE promotion_party_uses (
    promotion_id INTEGER NOT NULL REFERENCES promotions(id),
    party_kind   TEXT NOT NULL CHECK (party_kind IN ('customer', 'account')),
    party_id     INTEGER NOT NULL,
    uses         INTEGER NOT NULL CHECK (uses >= 0),
    PRIMARY KEY (promotion_id, party_kind, party_id)
) STRICT, WITHOUT ROWID;

-- One row per promotion an order used: a retry or a second call counts once.
CREATE TABLE promotion_uses (
    promotion_id INTEGER NOT NULL REFERENCES promotions(id),
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    code_id      INTEGER REFERENCES promotion_codes(id),
    party_kind   TEXT CHECK (party_kind IS NULL OR party_kind IN ('customer', 'account')),
    party_id     INTEGER,
    amount       INTEGER NOT NULL CHECK (amount > 0),  -- Σ this promotion's shares on the order
    order_net    INTEGER NOT NULL,                     -- the order's goods net, for the report
    day          TEXT NOT NULL,                        -- the order's store-local day
    released_at  TEXT,                                 -- set once, when the whole order is cancelled
    PRIMARY KEY (promotion_id, order_id),
    CHECK ((party_kind IS NULL) = (party_id IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX promotion_uses_order ON promotion_uses(order_id);
CREATE INDEX promotion_uses_day ON promotion_uses(day, promotion_id);

-- A single-use code is used once; it comes back only while its order is cancelled.
CREATE TRIGGER promotion_codes_use_once BEFORE UPDATE OF used_order_id ON promotion_codes
WHEN NOT ((OLD.used_order_id IS NULL AND NEW.used_order_id IS NOT NULL)
          OR (OLD.used_order_id IS NOT NULL AND NEW.used_order_id IS NULL
              AND (SELECT status FROM orders WHERE id = OLD.used_order_id) = 'cancelled')) BEGIN
    SELECT RAISE(ABORT, 'a single-use code is used once');
END;
CREATE TRIGGER promotion_codes_fixed BEFORE UPDATE OF promotion_id, code, single_use, batch ON promotion_codes
BEGIN
    SELECT RAISE(ABORT, 'a code never changes');
END;
CREATE TRIGGER promotion_codes_no_delete BEFORE DELETE ON promotion_codes BEGIN
    SELECT RAISE(ABORT, 'codes are never deleted: disable the promotion');
END;
CREATE TRIGGER promotion_uses_release_once BEFORE UPDATE ON promotion_uses
WHEN OLD.released_at IS NOT NULL OR NEW.released_at IS NULL
  OR NEW.promotion_id IS NOT OLD.promotion_id OR NEW.order_id IS NOT OLD.order_id
  OR NEW.code_id IS NOT OLD.code_id OR NEW.party_kind IS NOT OLD.party_kind
  OR NEW.party_id IS NOT OLD.party_id OR NEW.amount IS NOT OLD.amount
  OR NEW.order_net IS NOT OLD.order_net OR NEW.day IS NOT OLD.day BEGIN
    SELECT RAISE(ABORT, 'a promotion use is only released, once');
END;
CREATE TRIGGER promotion_uses_no_delete BEFORE DELETE ON promotion_uses BEGIN
    SELECT RAISE(ABORT, 'promotion uses are append-only');
END;
CREATE TRIGGER promotion_uses_no_replace BEFORE INSERT ON promotion_uses
WHEN EXISTS (SELECT 1 FROM promotion_uses WHERE promotion_id = NEW.promotion_id AND order_id = NEW.order_id)
BEGIN
    SELECT RAISE(ABORT, 'promotion uses are append-only');
END;
