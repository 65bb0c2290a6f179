-- Home's counts and sales chart read only indexes: a month's sales per day
-- from a range on placed_at with everything the sums look at (no table row
-- per order), a rep's open orders by status with the account, and an
-- account's rep by its id (a rep sees B2C and their own accounts' orders).
CREATE INDEX orders_placed_sales ON orders(placed_at, status, channel, subtotal, account_id);
CREATE INDEX orders_status_account ON orders(status, account_id);
CREATE INDEX accounts_id_rep ON accounts(id, rep_id);
