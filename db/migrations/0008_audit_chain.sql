-- The audit log proves itself: each entry carries the hash of its content and
-- of the entry before it (a chain), so an entry changed, removed, added or
-- moved — even with the triggers dropped — breaks the chain at that entry, and
-- a head kept elsewhere (`comptoir audit head`) proves nothing before it was
-- changed. The hash is db/audit_store.c's audit_hash, registered on our
-- connection as comptoir_audit_hash; the entries already written are chained
-- here, in id order. An entry is never replaced by id (INSERT OR REPLACE
-- deletes without firing the delete trigger). And acting as someone else
-- (--as) records the person behind it: audit entries, quote approvals and
-- events, order history.

CREATE TABLE audit_log_chained (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      INTEGER REFERENCES users(id),
    real_user_id INTEGER REFERENCES users(id),
    user_login   TEXT NOT NULL,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_key   TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

INSERT INTO audit_log_chained(id, at, user_id, real_user_id, user_login, action, object_type, object_key,
                              before_json, after_json, prev_hash, hash)
WITH RECURSIVE chain(id, prev_hash, hash) AS (
    SELECT a.id, '', comptoir_audit_hash('', a.id, a.at, a.user_id, NULL, a.user_login, a.action,
                                         a.object_type, a.object_key, a.before_json, a.after_json)
    FROM audit_log a WHERE a.id = (SELECT min(id) FROM audit_log)
    UNION ALL
    SELECT a.id, c.hash, comptoir_audit_hash(c.hash, a.id, a.at, a.user_id, NULL, a.user_login, a.action,
                                             a.object_type, a.object_key, a.before_json, a.after_json)
    FROM chain c JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > c.id)
)
SELECT a.id, a.at, a.user_id, NULL, a.user_login, a.action, a.object_type, a.object_key, a.before_json,
       a.after_json, c.prev_hash, c.hash
FROM chain c JOIN audit_log a ON a.id = c.id;

DROP TABLE audit_log;
ALTER TABLE audit_log_chained RENAME TO audit_log;
CREATE INDEX audit_log_object ON audit_log(object_type, object_key, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: an entry is never replaced');
END;
-- An entry follows the last one: two writers can never fork the chain.
CREATE TRIGGER audit_log_follows BEFORE INSERT ON audit_log
WHEN NEW.id <= coalesce((SELECT max(id) FROM audit_log), 0)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') BEGIN
    SELECT RAISE(ABORT, 'an audit entry follows the last one');
END;

-- The person behind an --as: stamped beside the acting user.
ALTER TABLE quote_events ADD COLUMN real_user_id INTEGER REFERENCES users(id);
ALTER TABLE order_status_history ADD COLUMN real_user_id INTEGER REFERENCES users(id);
ALTER TABLE quote_approvals ADD COLUMN real_approver_id INTEGER REFERENCES users(id);

-- Nobody approves their own quote, not even through --as; and one counting
-- approval per person behind it too: two approvals are two people.
DROP TRIGGER quote_approvals_not_own;
CREATE TRIGGER quote_approvals_not_own BEFORE INSERT ON quote_approvals
WHEN (SELECT owner_id FROM quotes WHERE id = NEW.quote_id) IN (NEW.approver_id, NEW.real_approver_id) BEGIN
    SELECT RAISE(ABORT, 'nobody approves their own quote');
END;
CREATE UNIQUE INDEX quote_approvals_once_real ON quote_approvals(revision_id, real_approver_id)
    WHERE superseded_at IS NULL AND decision = 'approve' AND real_approver_id IS NOT NULL;
DROP TRIGGER quote_approvals_append_only;
CREATE TRIGGER quote_approvals_append_only BEFORE UPDATE ON quote_approvals
WHEN OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
     OR NEW.decision IS NOT OLD.decision OR NEW.approver_id IS NOT OLD.approver_id
     OR NEW.real_approver_id IS NOT OLD.real_approver_id
     OR NEW.revision_id IS NOT OLD.revision_id OR NEW.comment IS NOT OLD.comment OR NEW.at IS NOT OLD.at BEGIN
    SELECT RAISE(ABORT, 'approvals are never changed, only superseded');
END;
