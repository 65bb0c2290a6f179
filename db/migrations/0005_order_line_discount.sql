-- A line's share of an order-level discount (orders from quotes): the line
-- charges net = quantity × unit price − discount_amount, and the totals check
-- can tell a discount from a tampered amount. Lines of orders already made
-- from quotes get the share they were charged.
ALTER TABLE order_lines ADD COLUMN discount_amount INTEGER NOT NULL DEFAULT 0 CHECK (discount_amount >= 0);
UPDATE order_lines SET discount_amount = quantity * unit_price - net_amount
 WHERE net_amount < quantity * unit_price
   AND order_id IN (SELECT order_id FROM quotes WHERE order_id IS NOT NULL);
