-- Product search and list sorting: a trigram full-text index over SKU, name and
-- category (like accounts_fts), and the NOCASE indexes that the keyset-paged
-- lists sort and prefix-filter on, so that no list or search scans a table.

CREATE VIRTUAL TABLE products_fts USING fts5(
    sku, name, category, content='products', content_rowid='id', tokenize='trigram');
INSERT INTO products_fts(rowid, sku, name, category) SELECT id, sku, name, category FROM products;
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, sku, name, category) VALUES (new.id, new.sku, new.name, new.category);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, sku, name, category)
        VALUES ('delete', old.id, old.sku, old.name, old.category);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF sku, name, category ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, sku, name, category)
        VALUES ('delete', old.id, old.sku, old.name, old.category);
    INSERT INTO products_fts(rowid, sku, name, category) VALUES (new.id, new.sku, new.name, new.category);
END;

-- Sort keys of the lists (key, id): one index each, case-insensitive for text.
CREATE INDEX accounts_code_nocase ON accounts(code COLLATE NOCASE, id);
CREATE INDEX accounts_city ON accounts(city COLLATE NOCASE, id);
CREATE INDEX accounts_balance ON accounts(open_balance, id);
CREATE INDEX customers_city ON customers(city COLLATE NOCASE, id);
CREATE INDEX products_sku_nocase ON products(sku COLLATE NOCASE, id);
CREATE INDEX products_category_sort ON products(category COLLATE NOCASE, id);
CREATE INDEX products_price ON products(list_price, id);
