-- Search that finds the same way everywhere, and search indexes that do not
-- slow imports down. One full-text index per kind, over the same fields as
-- before and the city of customers and accounts, with the tokenizer "comptoir" (db/search.c, registered on every
-- connection of comptoir): each field folded (case, accents, punctuation;
-- phones as their digits, with and without the country code) and framed as
-- " text$$", then cut into trigrams, so that one- and two-character words
-- are found as trigram prefixes. detail=none and columnsize=0: an index
-- holds only which rows have a trigram (the stores check each candidate row
-- with comptoir_hit), which builds in less than half the time of detail=full.
-- The separate phone index goes (phones are in each kind's index), and so do
-- the NOCASE name and phone indexes the old order search used.
--
-- No triggers on the searched tables any more: the stores write the index
-- entries and the sort keys themselves (db/search_index.c says why: with
-- SQLite 3.40 a statement that runs a trigger makes FTS5 write a segment per
-- row). Another program that changes a searched field leaves the index out
-- of step, and `comptoir check` says so.

DROP TRIGGER customers_fts_insert;
DROP TRIGGER customers_fts_delete;
DROP TRIGGER customers_fts_update;
DROP TRIGGER accounts_fts_insert;
DROP TRIGGER accounts_fts_delete;
DROP TRIGGER accounts_fts_update;
DROP TRIGGER products_fts_insert;
DROP TRIGGER products_fts_delete;
DROP TRIGGER products_fts_update;
DROP TRIGGER contacts_fts_insert;
DROP TRIGGER contacts_fts_delete;
DROP TRIGGER contacts_fts_update;
DROP TRIGGER phones_customer_insert;
DROP TRIGGER phones_customer_delete;
DROP TRIGGER phones_customer_update;
DROP TRIGGER phones_account_insert;
DROP TRIGGER phones_account_delete;
DROP TRIGGER phones_account_update;
DROP TRIGGER phones_contact_insert;
DROP TRIGGER phones_contact_delete;
DROP TRIGGER phones_contact_update;
DROP TABLE customers_fts;
DROP TABLE accounts_fts;
DROP TABLE products_fts;
DROP TABLE contacts_fts;
DROP TABLE phones_fts;
DROP TRIGGER accounts_key_insert;
DROP TRIGGER accounts_key_name;
DROP TRIGGER accounts_key_city;
DROP TRIGGER customers_key_insert;
DROP TRIGGER customers_key_name;
DROP TRIGGER customers_key_city;
DROP TRIGGER products_key_insert;
DROP TRIGGER products_key_name;
DROP TRIGGER products_key_category;
DROP INDEX customers_name;
DROP INDEX customers_phone;
DROP INDEX accounts_name;

CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, phone, city, content='customers', content_rowid='id',
    tokenize='comptoir', detail='none', columnsize=0);

CREATE VIRTUAL TABLE accounts_fts USING fts5(code, name, email, phone, city, content='accounts',
    content_rowid='id', tokenize='comptoir', detail='none', columnsize=0);

CREATE VIRTUAL TABLE contacts_fts USING fts5(name, email, phone, content='contacts', content_rowid='id',
    tokenize='comptoir', detail='none', columnsize=0);

CREATE VIRTUAL TABLE products_fts USING fts5(sku, name, category, content='products', content_rowid='id',
    tokenize='comptoir', detail='none', columnsize=0);

-- A filter that finds thousands of customers sorts their ids by name (or
-- city): these indexes hold the key beside the id, read in id order, a
-- fraction of the cost of reading each row.
CREATE INDEX customers_id_name_key ON customers(id, name_key);
CREATE INDEX customers_id_city_key ON customers(id, city_key);

-- A bulk import gathers 16 MB of index entries in memory before writing a
-- segment (1 MB by default): fewer, larger segments, fewer merges.
INSERT INTO customers_fts(customers_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO accounts_fts(accounts_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO contacts_fts(contacts_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO products_fts(products_fts, rank) VALUES ('hashsize', 16777216);

INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild');
INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild');
INSERT INTO products_fts(products_fts) VALUES ('rebuild');
