-- Returns reach `closed` when nothing is left to do: a refund resolution
-- once its refund is paid (in the refunding transaction), an exchange or a
-- replacement once its new order has shipped in full, been delivered,
-- closed or cancelled (in that order's transaction). The index finds the
-- returns a new order settles; returns already settled before this
-- migration are closed here, at the time they were settled.
CREATE INDEX returns_exchange_order ON returns(exchange_order_id) WHERE exchange_order_id IS NOT NULL;

UPDATE returns SET status = 'closed', version = version + 1,
       closed_at = coalesce((SELECT max(f.paid_at) FROM refunds f WHERE f.return_id = returns.id), received_at)
 WHERE status = 'refunded';

UPDATE returns SET status = 'closed', version = version + 1,
       closed_at = coalesce((SELECT max(h.at) FROM order_status_history h WHERE h.order_id = returns.exchange_order_id),
                            (SELECT max(f.paid_at) FROM refunds f WHERE f.return_id = returns.id), received_at)
 WHERE status IN ('exchanged', 'replaced')
   AND (SELECT x.status FROM orders x WHERE x.id = returns.exchange_order_id)
       IN ('shipped', 'delivered', 'closed', 'cancelled');

-- Each closed here gets its line in the order's timeline, as a closing does.
INSERT INTO order_timeline(order_id, at, user_id, kind, ref_id, amount, detail)
SELECT r.order_id, r.closed_at, NULL, 'return closed', r.id, NULL, r.number || ' closed: nothing left to do'
  FROM returns r
 WHERE r.status = 'closed'
   AND NOT EXISTS (SELECT 1 FROM order_timeline t WHERE t.kind = 'return closed' AND t.ref_id = r.id);
