-- Returns and refunds: a return (R-000123) of an order's shipped units, a
-- reason per line, a resolution (refund, exchange, replacement); what it
-- refunds is fixed when it is opened, from the order's snapshot only (each
-- line's total as charged, money_share_units per unit; shipping by rule),
-- so what `return new` prints is what is paid. Units are claimed on the
-- order line (returned_qty) by a conditional update; a charge line
-- (shipping, gift wrap) is claimed once per order by a unique index.
-- A refund above a threshold waits for a manager's approval, and nobody —
-- not even through --as (the *_real columns) — decides a refund they
-- requested: the CHECKs below refuse it whatever writes the row.

INSERT INTO counters(name, value) VALUES ('return', 0);

CREATE TABLE returns (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    order_id          INTEGER NOT NULL REFERENCES orders(id),
    status            TEXT NOT NULL DEFAULT 'requested'
                      CHECK (status IN ('requested', 'received', 'awaiting_approval', 'refunded', 'exchanged',
                                        'replaced', 'rejected', 'closed')),
    resolution        TEXT NOT NULL DEFAULT 'refund' CHECK (resolution IN ('refund', 'exchange', 'replacement')),
    requested_at      TEXT NOT NULL,
    requested_day     TEXT NOT NULL,
    requested_by      INTEGER NOT NULL REFERENCES users(id),
    requested_by_real INTEGER NOT NULL REFERENCES users(id),
    late_accepted_by  INTEGER REFERENCES users(id),
    received_at       TEXT,
    received_by       INTEGER REFERENCES users(id),
    refund_total      INTEGER NOT NULL DEFAULT 0 CHECK (refund_total >= 0),
    refund_tax        INTEGER NOT NULL DEFAULT 0 CHECK (refund_tax BETWEEN 0 AND refund_total),
    shipping_refund   INTEGER NOT NULL DEFAULT 0 CHECK (shipping_refund BETWEEN 0 AND refund_total),
    shipping_rule     TEXT NOT NULL DEFAULT 'kept'
                      CHECK (shipping_rule IN ('kept', 'whole_order', 'our_fault', 'was_free', 'none', 'refunded')),
    exchange_order_id INTEGER REFERENCES orders(id),
    note              TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 400),
    rejection         TEXT NOT NULL DEFAULT '' CHECK (length(rejection) <= 400),
    closed_at         TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK (status <> 'rejected' OR length(trim(rejection)) > 0),
    CHECK ((received_at IS NULL) = (received_by IS NULL)),
    CHECK (status IN ('requested', 'rejected') OR received_at IS NOT NULL),
    CHECK ((status IN ('exchanged', 'replaced')) <= (exchange_order_id IS NOT NULL))
) STRICT;
CREATE INDEX returns_order ON returns(order_id, id);
CREATE INDEX returns_status ON returns(status, id);

-- A goods line returned (charge = 0), or a charge line refunded with it
-- (charge = 1: shipping, gift wrap; quantity 1, no reason). released = 1
-- once the return is rejected: the units (or the charge) can be claimed again.
CREATE TABLE return_lines (
    id                  INTEGER PRIMARY KEY,
    return_id           INTEGER NOT NULL REFERENCES returns(id),
    order_line_id       INTEGER NOT NULL REFERENCES order_lines(id),
    charge              INTEGER NOT NULL DEFAULT 0 CHECK (charge IN (0, 1)),
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    reason              TEXT CHECK (reason IS NULL OR reason IN ('damaged', 'wrong_item', 'not_as_described',
                                                                 'changed_mind', 'late_delivery')),
    disposition         TEXT CHECK (disposition IS NULL OR disposition IN ('restock', 'scrap')),
    refund_amount       INTEGER NOT NULL CHECK (refund_amount >= 0),
    refund_tax          INTEGER NOT NULL CHECK (refund_tax BETWEEN 0 AND refund_amount),
    completes           INTEGER NOT NULL CHECK (completes IN (0, 1)),
    exchange_product_id INTEGER REFERENCES products(id),
    released            INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
    UNIQUE (return_id, order_line_id),
    CHECK ((charge = 1) = (reason IS NULL)),
    CHECK (charge = 0 OR (quantity = 1 AND disposition IS NULL AND exchange_product_id IS NULL))
) STRICT;
CREATE INDEX return_lines_line ON return_lines(order_line_id);
CREATE UNIQUE INDEX return_lines_charge_once ON return_lines(order_line_id) WHERE charge = 1 AND released = 0;

-- The refund of a return: requested (by whom, really), decided when it
-- needed approval, paid (the payment out).
CREATE TABLE refunds (
    id                INTEGER PRIMARY KEY,
    return_id         INTEGER NOT NULL REFERENCES returns(id),
    order_id          INTEGER NOT NULL REFERENCES orders(id),
    amount            INTEGER NOT NULL CHECK (amount >= 0),
    tax_amount        INTEGER NOT NULL DEFAULT 0 CHECK (tax_amount BETWEEN 0 AND amount),
    method            TEXT NOT NULL CHECK (method IN ('card', 'cash', 'transfer', 'account', 'credit')),
    reference         TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 64),
    requested_at      TEXT NOT NULL,
    requested_by      INTEGER NOT NULL REFERENCES users(id),
    requested_by_real INTEGER NOT NULL REFERENCES users(id),
    needs_approval    INTEGER NOT NULL CHECK (needs_approval IN (0, 1)),
    decision          TEXT CHECK (decision IS NULL OR decision IN ('approve', 'reject')),
    decided_at        TEXT,
    decided_by        INTEGER REFERENCES users(id),
    decided_by_real   INTEGER REFERENCES users(id),
    comment           TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 400),
    paid_at           TEXT,
    payment_id        INTEGER REFERENCES payments(id),
    CHECK (needs_approval = 1 OR decision IS NULL),
    CHECK (decision IS NULL OR (decided_by IS NOT NULL AND decided_by_real IS NOT NULL AND decided_at IS NOT NULL
           AND decided_by NOT IN (requested_by, requested_by_real)
           AND decided_by_real NOT IN (requested_by, requested_by_real))),
    CHECK (paid_at IS NULL OR needs_approval = 0 OR decision IS 'approve'),
    CHECK (decision IS NOT 'reject' OR length(trim(comment)) > 0),
    CHECK (decision IS NOT 'reject' OR paid_at IS NULL),
    CHECK (payment_id IS NULL OR paid_at IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX refunds_one_open ON refunds(return_id) WHERE decision IS NOT 'reject';
CREATE INDEX refunds_waiting ON refunds(requested_at, id) WHERE needs_approval = 1 AND decision IS NULL;
CREATE INDEX refunds_order ON refunds(order_id);

-- A refund over the threshold cannot be written as one that needs no approval.
CREATE TRIGGER refunds_threshold BEFORE INSERT ON refunds
WHEN NEW.needs_approval = 0 AND NEW.amount >
     coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'refund.approval_threshold'), 0) BEGIN
    SELECT RAISE(ABORT, 'a refund above the approval threshold needs a manager''s approval');
END;
CREATE TRIGGER refunds_approver_role BEFORE UPDATE OF decided_by, decided_by_real ON refunds
WHEN NEW.decided_by IS NOT NULL AND (
     (SELECT role FROM users WHERE id = NEW.decided_by) NOT IN ('manager', 'admin')
  OR (SELECT role FROM users WHERE id = NEW.decided_by_real) NOT IN ('manager', 'admin')) BEGIN
    SELECT RAISE(ABORT, 'only a manager or an admin decides a refund');
END;
-- A decision and a payment are written once; nothing else of a refund changes.
CREATE TRIGGER refunds_decide_once BEFORE UPDATE ON refunds
WHEN (OLD.decision IS NOT NULL AND (NEW.decision IS NOT OLD.decision OR NEW.decided_at IS NOT OLD.decided_at
      OR NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_by_real IS NOT OLD.decided_by_real
      OR NEW.comment IS NOT OLD.comment))
  OR (OLD.paid_at IS NOT NULL AND (NEW.paid_at IS NOT OLD.paid_at OR NEW.payment_id IS NOT OLD.payment_id))
  OR NEW.id IS NOT OLD.id OR NEW.return_id IS NOT OLD.return_id OR NEW.order_id IS NOT OLD.order_id
  OR NEW.amount IS NOT OLD.amount OR NEW.tax_amount IS NOT OLD.tax_amount OR NEW.method IS NOT OLD.method
  OR NEW.reference IS NOT OLD.reference OR NEW.requested_at IS NOT OLD.requested_at
  OR NEW.requested_by IS NOT OLD.requested_by OR NEW.requested_by_real IS NOT OLD.requested_by_real
  OR NEW.needs_approval IS NOT OLD.needs_approval BEGIN
    SELECT RAISE(ABORT, 'a refund is decided and paid once; nothing else of it changes');
END;
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds BEGIN
    SELECT RAISE(ABORT, 'refunds are kept');
END;
CREATE TRIGGER refunds_no_replace BEFORE INSERT ON refunds
WHEN EXISTS (SELECT 1 FROM refunds WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'refunds are kept');
END;
CREATE TRIGGER returns_no_delete BEFORE DELETE ON returns BEGIN
    SELECT RAISE(ABORT, 'returns are kept');
END;
CREATE TRIGGER return_lines_no_delete BEFORE DELETE ON return_lines BEGIN
    SELECT RAISE(ABORT, 'return lines are kept');
END;
-- A line's amounts are fixed when the return is opened; its disposition is
-- set once; it is released once.
CREATE TRIGGER return_lines_fixed BEFORE UPDATE ON return_lines
WHEN NEW.id IS NOT OLD.id OR NEW.return_id IS NOT OLD.return_id OR NEW.order_line_id IS NOT OLD.order_line_id
  OR NEW.charge IS NOT OLD.charge OR NEW.quantity IS NOT OLD.quantity OR NEW.reason IS NOT OLD.reason
  OR NEW.refund_amount IS NOT OLD.refund_amount OR NEW.refund_tax IS NOT OLD.refund_tax
  OR NEW.completes IS NOT OLD.completes OR NEW.exchange_product_id IS NOT OLD.exchange_product_id
  OR (OLD.disposition IS NOT NULL AND NEW.disposition IS NOT OLD.disposition)
  OR (OLD.released = 1 AND NEW.released = 0) BEGIN
    SELECT RAISE(ABORT, 'a return line is fixed when the return is opened');
END;

INSERT INTO settings(key, value) VALUES
    ('returns.window_days', '30'),
    ('returns.refund_shipping_whole', '1'),
    ('returns.refund_shipping_our_fault', '1'),
    ('refund.approval_threshold', '20000');
