-- B2B selling: price lists and their items, the account's list, contract prices,
-- volume tiers, floors; quotes with immutable revisions and their lines; approval
-- rules and approvals (nobody approves their own quote: the schema refuses it
-- too); the quote timeline; and the link between an order and its quote.

CREATE TABLE price_lists (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name        TEXT NOT NULL DEFAULT '',
    tier        TEXT UNIQUE CHECK (tier IS NULL OR length(tier) BETWEEN 1 AND 32),
    discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE price_list_items (
    price_list_id INTEGER NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
    product_id    INTEGER NOT NULL REFERENCES products(id),
    price         INTEGER NOT NULL CHECK (price >= 0),
    PRIMARY KEY (price_list_id, product_id)
) STRICT, WITHOUT ROWID;

-- An account's own list; without one, the list whose tier is the account's tier.
CREATE TABLE account_price_lists (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    price_list_id INTEGER NOT NULL REFERENCES price_lists(id)
) STRICT;

CREATE TABLE contract_prices (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id),
    price      INTEGER NOT NULL CHECK (price >= 0),
    valid_from TEXT NOT NULL DEFAULT '',
    valid_to   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (account_id, product_id, valid_from),
    CHECK (valid_to = '' OR valid_to >= valid_from)
) STRICT;

-- A quantity break for a product, for every product of a list, or for a product in a list.
CREATE TABLE volume_tiers (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER REFERENCES products(id),
    price_list_id INTEGER REFERENCES price_lists(id) ON DELETE CASCADE,
    min_qty       INTEGER NOT NULL CHECK (min_qty >= 2),
    price         INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
    discount_bp   INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    CHECK (product_id IS NOT NULL OR price_list_id IS NOT NULL),
    CHECK ((price > 0) + (discount_bp > 0) = 1)
) STRICT;
CREATE INDEX volume_tiers_product ON volume_tiers(product_id, min_qty);
CREATE INDEX volume_tiers_list ON volume_tiers(price_list_id, min_qty) WHERE product_id IS NULL;
CREATE UNIQUE INDEX volume_tiers_key ON volume_tiers(coalesce(product_id, 0), coalesce(price_list_id, 0), min_qty);

CREATE TABLE price_floors (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER UNIQUE REFERENCES products(id),
    category      TEXT UNIQUE,
    min_price     INTEGER NOT NULL DEFAULT 0 CHECK (min_price >= 0),
    min_margin_bp INTEGER CHECK (min_margin_bp IS NULL OR min_margin_bp BETWEEN -10000 AND 10000),
    CHECK ((product_id IS NULL) <> (category IS NULL))
) STRICT;

-- ------------------------------------------------------------------ quotes

CREATE TABLE quotes (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    contact_id         INTEGER REFERENCES contacts(id),
    owner_id           INTEGER NOT NULL REFERENCES users(id),
    status             TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'pending', 'approved', 'sent', 'accepted', 'ordered',
                                         'rejected', 'expired', 'cancelled')),
    valid_until        TEXT NOT NULL,
    payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    requested_date     TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    revision           INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    order_id           INTEGER UNIQUE REFERENCES orders(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         INTEGER REFERENCES users(id),
    version            INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'ordered') = (order_id IS NOT NULL))
) STRICT;
CREATE INDEX quotes_status ON quotes(status, number);
CREATE INDEX quotes_owner ON quotes(owner_id, status, number);
CREATE INDEX quotes_account ON quotes(account_id, number);
CREATE INDEX quotes_valid ON quotes(valid_until) WHERE status IN ('draft', 'pending', 'approved', 'sent');
CREATE INDEX quotes_updated ON quotes(updated_at, id);

-- A negotiation round. Its totals follow its lines while it is a draft; once
-- frozen (sent), nothing of it or its lines changes again.
CREATE TABLE quote_revisions (
    id                 INTEGER PRIMARY KEY,
    quote_id           INTEGER NOT NULL REFERENCES quotes(id),
    number             INTEGER NOT NULL CHECK (number >= 1),
    proposed_by        TEXT NOT NULL DEFAULT 'ours' CHECK (proposed_by IN ('ours', 'customer')),
    comment            TEXT NOT NULL DEFAULT '',
    order_discount     INTEGER NOT NULL DEFAULT 0 CHECK (order_discount >= 0),
    order_discount_bp  INTEGER NOT NULL DEFAULT 0 CHECK (order_discount_bp BETWEEN 0 AND 10000),
    payment_terms_days INTEGER,
    valid_until        TEXT,
    subtotal           INTEGER NOT NULL DEFAULT 0,
    tax_total          INTEGER NOT NULL DEFAULT 0,
    total              INTEGER NOT NULL DEFAULT 0,
    cost_total         INTEGER NOT NULL DEFAULT 0,
    margin_bp          INTEGER NOT NULL DEFAULT 0,
    discount_bp        INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    created_by         INTEGER REFERENCES users(id),
    frozen_at          TEXT,
    UNIQUE (quote_id, number),
    CHECK (order_discount = 0 OR order_discount_bp = 0),
    CHECK (total = subtotal + tax_total)
) STRICT;

CREATE TRIGGER quote_revisions_frozen_update BEFORE UPDATE ON quote_revisions
WHEN OLD.frozen_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'this revision was sent and is frozen; nothing of it changes');
END;
CREATE TRIGGER quote_revisions_no_delete BEFORE DELETE ON quote_revisions BEGIN
    SELECT RAISE(ABORT, 'revisions are never deleted');
END;

CREATE TABLE quote_lines (
    id           INTEGER PRIMARY KEY,
    revision_id  INTEGER NOT NULL REFERENCES quote_revisions(id),
    line_no      INTEGER NOT NULL CHECK (line_no >= 1),
    position     INTEGER NOT NULL,
    product_id   INTEGER REFERENCES products(id),
    sku          TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    list_price   INTEGER NOT NULL CHECK (list_price >= 0),
    base_price   INTEGER NOT NULL CHECK (base_price >= 0),
    unit_price   INTEGER NOT NULL CHECK (unit_price >= 0),
    discount_bp  INTEGER NOT NULL DEFAULT 0,
    manual       TEXT NOT NULL DEFAULT 'none' CHECK (manual IN ('none', 'discount', 'price')),
    manual_value INTEGER NOT NULL DEFAULT 0,
    price_source TEXT NOT NULL DEFAULT 'list',
    unit_cost    INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
    tax_class    TEXT NOT NULL DEFAULT 'standard',
    tax_rate_bp  INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    note         TEXT NOT NULL DEFAULT '',
    UNIQUE (revision_id, line_no)
) STRICT;
CREATE INDEX quote_lines_revision ON quote_lines(revision_id, position);

CREATE TRIGGER quote_lines_frozen_insert BEFORE INSERT ON quote_lines
WHEN (SELECT frozen_at FROM quote_revisions WHERE id = NEW.revision_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'this revision was sent and is frozen; its lines do not change');
END;
CREATE TRIGGER quote_lines_frozen_update BEFORE UPDATE ON quote_lines
WHEN (SELECT frozen_at FROM quote_revisions WHERE id = OLD.revision_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'this revision was sent and is frozen; its lines do not change');
END;
CREATE TRIGGER quote_lines_frozen_delete BEFORE DELETE ON quote_lines
WHEN (SELECT frozen_at FROM quote_revisions WHERE id = OLD.revision_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'this revision was sent and is frozen; its lines do not change');
END;

CREATE TABLE quote_events (
    id          INTEGER PRIMARY KEY,
    quote_id    INTEGER NOT NULL REFERENCES quotes(id),
    revision    INTEGER NOT NULL,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    kind        TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX quote_events_quote ON quote_events(quote_id, id);

-- --------------------------------------------------------------- approvals

CREATE TABLE approval_rules (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    condition        TEXT NOT NULL
                     CHECK (condition IN ('line_discount', 'total_discount', 'margin', 'total', 'payment_terms')),
    threshold        INTEGER NOT NULL CHECK (threshold >= 0),
    approver_role    TEXT NOT NULL CHECK (approver_role IN ('manager', 'admin')),
    approvals_needed INTEGER NOT NULL DEFAULT 1 CHECK (approvals_needed BETWEEN 1 AND 5),
    level            INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 9),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A decision on one revision. A price change after it supersedes it (it no
-- longer counts); otherwise it never changes and is never deleted.
CREATE TABLE quote_approvals (
    id            INTEGER PRIMARY KEY,
    quote_id      INTEGER NOT NULL REFERENCES quotes(id),
    revision_id   INTEGER NOT NULL REFERENCES quote_revisions(id),
    approver_id   INTEGER NOT NULL REFERENCES users(id),
    decision      TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    comment       TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL,
    superseded_at TEXT,
    CHECK (decision = 'approve' OR length(trim(comment)) > 0)
) STRICT;
CREATE INDEX quote_approvals_revision ON quote_approvals(revision_id, id);
CREATE INDEX quote_approvals_quote ON quote_approvals(quote_id, id);
-- one counting approval per person and revision: two approvals are two people
CREATE UNIQUE INDEX quote_approvals_once ON quote_approvals(revision_id, approver_id)
    WHERE superseded_at IS NULL AND decision = 'approve';

CREATE TRIGGER quote_approvals_not_own BEFORE INSERT ON quote_approvals
WHEN NEW.approver_id = (SELECT owner_id FROM quotes WHERE id = NEW.quote_id) BEGIN
    SELECT RAISE(ABORT, 'nobody approves their own quote');
END;
CREATE TRIGGER quote_approvals_same_quote BEFORE INSERT ON quote_approvals
WHEN NEW.quote_id IS NOT (SELECT quote_id FROM quote_revisions WHERE id = NEW.revision_id) BEGIN
    SELECT RAISE(ABORT, 'an approval belongs to a revision of its own quote');
END;
CREATE TRIGGER quote_approvals_append_only BEFORE UPDATE ON quote_approvals
WHEN OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
     OR NEW.decision IS NOT OLD.decision OR NEW.approver_id IS NOT OLD.approver_id
     OR NEW.revision_id IS NOT OLD.revision_id OR NEW.comment IS NOT OLD.comment OR NEW.at IS NOT OLD.at BEGIN
    SELECT RAISE(ABORT, 'approvals are never changed, only superseded');
END;
CREATE TRIGGER quote_approvals_no_delete BEFORE DELETE ON quote_approvals BEGIN
    SELECT RAISE(ABORT, 'approvals are never deleted');
END;

-- ---------------------------------------------------------------- orders

ALTER TABLE orders ADD COLUMN quote_id INTEGER REFERENCES quotes(id);
CREATE UNIQUE INDEX orders_quote ON orders(quote_id) WHERE quote_id IS NOT NULL;
