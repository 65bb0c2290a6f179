-- Placing an order costs little besides its commit (issue 10's `make bench`).
--
-- A customer's points due to expire are what the available balance holds
-- beyond the credits still valid (debits take the oldest credits first):
-- the balance is the customer's cached one, the credits still valid are
-- read through this index (a range of the customer's live credits), so the
-- pricing of a cart and the expiry settled when it is placed no longer sum
-- the customer's whole ledger.
CREATE INDEX loyalty_ledger_valid ON loyalty_ledger(customer_id, expires_on, points, bucket)
    WHERE bucket = 'available' AND points > 0;

-- An order follows its promises, as 0012 made it, but a promise that moves
-- nothing (the one placing adds: the order was written with it) leaves the
-- row alone: no rewrite of the order, its indexes and its update triggers.
DROP TRIGGER order_promises_follow;
CREATE TRIGGER order_promises_follow AFTER INSERT ON order_promises BEGIN
    UPDATE orders SET promised_date = NEW.promised_date,
                      first_promised_date = coalesce(first_promised_date, NEW.promised_date)
     WHERE id = NEW.order_id
       AND (promised_date IS NOT NEW.promised_date OR first_promised_date IS NULL);
END;
