-- Order search (what a caller tells support): the contacts of accounts by name,
-- e-mail and phone, and every phone of a customer, account or contact by its
-- digits alone, so "06 12 34 56 78" finds "+33 6 12 34 56 78".

CREATE VIRTUAL TABLE contacts_fts USING fts5(
    name, email, phone, content='contacts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts(rowid, name, email, phone) VALUES (new.id, new.name, new.email, new.phone);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts(contacts_fts, rowid, name, email, phone)
        VALUES ('delete', old.id, old.name, old.email, old.phone);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, email, phone ON contacts BEGIN
    INSERT INTO contacts_fts(contacts_fts, rowid, name, email, phone)
        VALUES ('delete', old.id, old.name, old.email, old.phone);
    INSERT INTO contacts_fts(rowid, name, email, phone) VALUES (new.id, new.name, new.email, new.phone);
END;
INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild');

-- One entry per phone; rowid = owner id * 4 + kind (1 customer, 2 account,
-- 3 contact). The digits drop the separators people type; the search drops
-- them the same way. Contentless (the digits are not stored twice), so a
-- change must 'delete' exactly what was indexed: the triggers recompute it
-- from the old phone, under the same condition as the insert.
CREATE VIRTUAL TABLE phones_fts USING fts5(digits, tokenize='trigram', content='', columnsize=0);

CREATE TRIGGER phones_customer_insert AFTER INSERT ON customers WHEN new.phone <> '' BEGIN
    INSERT INTO phones_fts(rowid, digits) VALUES (new.id * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_customer_delete AFTER DELETE ON customers WHEN old.phone <> '' BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) VALUES ('delete', old.id * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_customer_update AFTER UPDATE OF phone ON customers BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) SELECT 'delete', old.id * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE old.phone <> '';
    INSERT INTO phones_fts(rowid, digits) SELECT new.id * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE new.phone <> '';
END;

CREATE TRIGGER phones_account_insert AFTER INSERT ON accounts WHEN new.phone <> '' BEGIN
    INSERT INTO phones_fts(rowid, digits) VALUES (new.id * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_account_delete AFTER DELETE ON accounts WHEN old.phone <> '' BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) VALUES ('delete', old.id * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_account_update AFTER UPDATE OF phone ON accounts BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) SELECT 'delete', old.id * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE old.phone <> '';
    INSERT INTO phones_fts(rowid, digits) SELECT new.id * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE new.phone <> '';
END;

CREATE TRIGGER phones_contact_insert AFTER INSERT ON contacts WHEN new.phone <> '' BEGIN
    INSERT INTO phones_fts(rowid, digits) VALUES (new.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_contact_delete AFTER DELETE ON contacts WHEN old.phone <> '' BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) VALUES ('delete', old.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), ''));
END;
CREATE TRIGGER phones_contact_update AFTER UPDATE OF phone ON contacts BEGIN
    INSERT INTO phones_fts(phones_fts, rowid, digits) SELECT 'delete', old.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(
            old.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE old.phone <> '';
    INSERT INTO phones_fts(rowid, digits) SELECT new.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(
            new.phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
        WHERE new.phone <> '';
END;

INSERT INTO phones_fts(rowid, digits)
    SELECT id * 4 + 1, replace(replace(replace(replace(replace(replace(replace(replace(
            phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
    FROM customers WHERE phone <> ''
    UNION ALL
    SELECT id * 4 + 2, replace(replace(replace(replace(replace(replace(replace(replace(
            phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
    FROM accounts WHERE phone <> ''
    UNION ALL
    SELECT id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(replace(
            phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), '+', ''), '/', ''), char(160), '')
    FROM contacts WHERE phone <> '';

-- Deleting a contact checks orders.contact_id (a foreign key): without an
-- index that check reads every order. The plain list sorted by total pages on
-- orders_total.
CREATE INDEX orders_contact ON orders(contact_id, placed_at);
CREATE INDEX orders_total ON orders(total, id);
