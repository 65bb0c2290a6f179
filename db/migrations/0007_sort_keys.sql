-- Lists order names, cities and categories by a sort key that ignores accents
-- (É with E, ß as ss), which COLLATE NOCASE (ASCII only) does not. The stores
-- write the keys (db_sort_key); existing rows get them from the same function,
-- registered on our connection as comptoir_sort_key. Rows written by other
-- tools (the sqlite3 CLI lacks the function) get lower() from the triggers, so
-- the triggers and indexes use built-ins only.
ALTER TABLE accounts ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN category_key TEXT NOT NULL DEFAULT '';

-- Dropped before the backfill so it does not maintain them row by row. The
-- NOCASE name indexes of accounts and customers stay: the order search finds
-- names by a NOCASE prefix range (db/order_store.c).
DROP INDEX accounts_rep;
DROP INDEX accounts_city;
DROP INDEX customers_city;
DROP INDEX products_name;
DROP INDEX products_category_sort;

UPDATE accounts SET name_key = comptoir_sort_key(name), city_key = comptoir_sort_key(city);
UPDATE customers SET name_key = comptoir_sort_key(name), city_key = comptoir_sort_key(city);
UPDATE products SET name_key = comptoir_sort_key(name), category_key = comptoir_sort_key(category);

CREATE INDEX accounts_name_key ON accounts(name_key, id);
CREATE INDEX accounts_rep ON accounts(rep_id, name_key, id);
CREATE INDEX accounts_city_key ON accounts(city_key, id);
CREATE INDEX customers_name_key ON customers(name_key, id);
CREATE INDEX customers_city_key ON customers(city_key, id);
CREATE INDEX products_name_key ON products(name_key, id);
CREATE INDEX products_category_key ON products(category_key, id);

-- The fallbacks: a row inserted without keys, or renamed without its key
-- changing, gets lower() (ASCII only). The stores set the keys themselves and
-- put them back after an update (a rename can keep the same key: Ete→Été).
CREATE TRIGGER accounts_key_insert AFTER INSERT ON accounts
WHEN (new.name_key = '' AND new.name <> '') OR (new.city_key = '' AND new.city <> '') BEGIN
    UPDATE accounts SET name_key = CASE WHEN name_key = '' THEN lower(name) ELSE name_key END,
        city_key = CASE WHEN city_key = '' THEN lower(city) ELSE city_key END WHERE id = new.id;
END;
CREATE TRIGGER accounts_key_name AFTER UPDATE OF name ON accounts
WHEN new.name_key = old.name_key AND new.name <> old.name BEGIN
    UPDATE accounts SET name_key = lower(name) WHERE id = new.id;
END;
CREATE TRIGGER accounts_key_city AFTER UPDATE OF city ON accounts
WHEN new.city_key = old.city_key AND new.city <> old.city BEGIN
    UPDATE accounts SET city_key = lower(city) WHERE id = new.id;
END;

CREATE TRIGGER customers_key_insert AFTER INSERT ON customers
WHEN (new.name_key = '' AND new.name <> '') OR (new.city_key = '' AND new.city <> '') BEGIN
    UPDATE customers SET name_key = CASE WHEN name_key = '' THEN lower(name) ELSE name_key END,
        city_key = CASE WHEN city_key = '' THEN lower(city) ELSE city_key END WHERE id = new.id;
END;
CREATE TRIGGER customers_key_name AFTER UPDATE OF name ON customers
WHEN new.name_key = old.name_key AND new.name <> old.name BEGIN
    UPDATE customers SET name_key = lower(name) WHERE id = new.id;
END;
CREATE TRIGGER customers_key_city AFTER UPDATE OF city ON customers
WHEN new.city_key = old.city_key AND new.city <> old.city BEGIN
    UPDATE customers SET city_key = lower(city) WHERE id = new.id;
END;

CREATE TRIGGER products_key_insert AFTER INSERT ON products
WHEN (new.name_key = '' AND new.name <> '') OR (new.category_key = '' AND new.category <> '') BEGIN
    UPDATE products SET name_key = CASE WHEN name_key = '' THEN lower(name) ELSE name_key END,
        category_key = CASE WHEN category_key = '' THEN lower(category) ELSE category_key END
        WHERE id = new.id;
END;
CREATE TRIGGER products_key_name AFTER UPDATE OF name ON products
WHEN new.name_key = old.name_key AND new.name <> old.name BEGIN
    UPDATE products SET name_key = lower(name) WHERE id = new.id;
END;
CREATE TRIGGER products_key_category AFTER UPDATE OF category ON products
WHEN new.category_key = old.category_key AND new.category <> old.category BEGIN
    UPDATE products SET category_key = lower(category) WHERE id = new.id;
END;
