-- The foundation: settings, users, tax classes, accounts and contacts, customers,
-- products, orders with their lines and status history, the append-only audit log.
-- Money columns are integers in minor units; rates are basis points.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO settings(key, value) VALUES
    ('currency', 'EUR'),
    ('company_name', 'Comptoir SAS'),
    ('quote_validity_days', '30');

-- Document numbers (O-000123, Q-001042) come from here, one UPDATE … RETURNING each.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO counters(name, value) VALUES ('order', 0), ('quote', 1000);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
    full_name     TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('rep', 'support', 'manager', 'admin')),
    password_hash TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE tax_classes (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
) STRICT;

INSERT INTO tax_classes(code, name, rate_bp) VALUES
    ('standard', 'Standard rate', 2000),
    ('reduced', 'Reduced rate', 550),
    ('zero', 'Zero rate', 0);

CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name               TEXT NOT NULL CHECK (length(name) >= 1),
    vat_number         TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    billing_address    TEXT NOT NULL DEFAULT '',
    shipping_address   TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    country            TEXT NOT NULL DEFAULT '',
    payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    credit_limit       INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    open_balance       INTEGER NOT NULL DEFAULT 0,
    rep_id             INTEGER REFERENCES users(id),
    tier               TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE, id);
CREATE INDEX accounts_rep ON accounts(rep_id, name COLLATE NOCASE, id);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    role       TEXT NOT NULL DEFAULT 'buyer' CHECK (role IN ('buyer', 'approver', 'billing', 'other')),
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_account ON contacts(account_id, name);

CREATE TABLE customers (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(name) >= 1),
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) >= 3),
    phone          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    loyalty_points INTEGER NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
    loyalty_tier   TEXT NOT NULL DEFAULT 'bronze',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX customers_name ON customers(name COLLATE NOCASE, id);
CREATE INDEX customers_phone ON customers(phone);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 64),
    name           TEXT NOT NULL CHECK (length(name) >= 1),
    category       TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT 'each',
    list_price     INTEGER NOT NULL CHECK (list_price >= 0),
    tax_class      TEXT NOT NULL DEFAULT 'standard' REFERENCES tax_classes(code),
    unit_cost      INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
    stock_on_hand  INTEGER NOT NULL DEFAULT 0 CHECK (stock_on_hand >= 0),
    stock_reserved INTEGER NOT NULL DEFAULT 0 CHECK (stock_reserved >= 0),
    min_order_qty  INTEGER NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
    pack_size      INTEGER NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX products_name ON products(name COLLATE NOCASE, id);
CREATE INDEX products_category ON products(category, name);

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    channel         TEXT NOT NULL CHECK (channel IN ('b2b', 'b2c')),
    account_id      INTEGER REFERENCES accounts(id),
    contact_id      INTEGER REFERENCES contacts(id),
    customer_id     INTEGER REFERENCES customers(id),
    status          TEXT NOT NULL DEFAULT 'placed'
                    CHECK (status IN ('placed', 'allocated', 'shipped', 'delivered', 'closed', 'cancelled')),
    placed_at       TEXT NOT NULL,
    shipping_method TEXT NOT NULL DEFAULT 'standard',
    requested_date  TEXT,
    promised_date   TEXT,
    ship_name       TEXT NOT NULL DEFAULT '',
    ship_address    TEXT NOT NULL DEFAULT '',
    subtotal        INTEGER NOT NULL DEFAULT 0 CHECK (subtotal >= 0),
    tax_total       INTEGER NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
    total           INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users(id),
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (account_id IS NULL OR customer_id IS NULL),
    CHECK (channel = 'b2c' OR account_id IS NOT NULL),
    CHECK (total = subtotal + tax_total)
) STRICT;
CREATE INDEX orders_account ON orders(account_id, placed_at);
CREATE INDEX orders_customer ON orders(customer_id, placed_at);
CREATE INDEX orders_placed ON orders(placed_at, id);
CREATE INDEX orders_status ON orders(status, placed_at);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    product_id  INTEGER REFERENCES products(id),
    sku         TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    net_amount  INTEGER NOT NULL CHECK (net_amount >= 0),
    tax_amount  INTEGER NOT NULL CHECK (tax_amount >= 0),
    UNIQUE (order_id, line_no)
) STRICT;
CREATE INDEX order_lines_sku ON order_lines(sku, order_id);
CREATE INDEX order_lines_product ON order_lines(product_id);

CREATE TABLE order_status_history (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX order_status_history_order ON order_status_history(order_id, at);

-- Orders are found by what a caller says: these full-text indexes hold the
-- searchable text of customers and accounts; trigram allows partial e-mails.
CREATE VIRTUAL TABLE customers_fts USING fts5(
    name, email, phone, content='customers', content_rowid='id', tokenize='trigram');
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts(rowid, name, email, phone) VALUES (new.id, new.name, new.email, new.phone);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name, email, phone)
        VALUES ('delete', old.id, old.name, old.email, old.phone);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, email, phone ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name, email, phone)
        VALUES ('delete', old.id, old.name, old.email, old.phone);
    INSERT INTO customers_fts(rowid, name, email, phone) VALUES (new.id, new.name, new.email, new.phone);
END;

CREATE VIRTUAL TABLE accounts_fts USING fts5(
    code, name, email, phone, content='accounts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER accounts_fts_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO accounts_fts(rowid, code, name, email, phone) VALUES (new.id, new.code, new.name, new.email, new.phone);
END;
CREATE TRIGGER accounts_fts_delete AFTER DELETE ON accounts BEGIN
    INSERT INTO accounts_fts(accounts_fts, rowid, code, name, email, phone)
        VALUES ('delete', old.id, old.code, old.name, old.email, old.phone);
END;
CREATE TRIGGER accounts_fts_update AFTER UPDATE OF code, name, email, phone ON accounts BEGIN
    INSERT INTO accounts_fts(accounts_fts, rowid, code, name, email, phone)
        VALUES ('delete', old.id, old.code, old.name, old.email, old.phone);
    INSERT INTO accounts_fts(rowid, code, name, email, phone) VALUES (new.id, new.code, new.name, new.email, new.phone);
END;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    user_login  TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_key  TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
) STRICT;
CREATE INDEX audit_log_object ON audit_log(object_type, object_key, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
