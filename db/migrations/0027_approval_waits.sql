-- How long a quote waited for an approval is written with the approval, as
-- it was then: since the quote last went to approval before the decision.
-- 0017 worked it out again from the times, which are to the second: a quote
-- rejected, reworked and submitted again within the same second (a script
-- does) read as if the rejection had answered the second submission, and
-- `comptoir check` found report_approval_month apart from its recomputation.
-- Approvals written before this (and rows written around the program) keep
-- being read from the times, as they were summed. The column is as fixed as
-- the rest of an approval: quote_approvals_append_only lets an update set
-- superseded_at alone.
ALTER TABLE quote_approvals ADD COLUMN waited_seconds INTEGER CHECK (waited_seconds >= 0);

DROP VIEW report_approval_month_expected;
DROP VIEW report_approval_facts;
CREATE VIEW report_approval_facts AS
SELECT a.id, substr(date(a.at, 'localtime'), 1, 7) AS month, a.approver_id, q.owner_id AS rep_id,
       a.decision = 'approve' AS approved, a.decision = 'reject' AS rejected,
       coalesce(a.waited_seconds,
                max(0, coalesce(CAST(strftime('%s', a.at) AS INTEGER) -
                                (SELECT CAST(strftime('%s', max(p.at)) AS INTEGER) FROM quote_events p
                                  WHERE p.quote_id = a.quote_id AND p.to_status = 'pending' AND p.at <= a.at), 0)))
           AS wait_seconds
  FROM quote_approvals a JOIN quotes q ON q.id = a.quote_id;

CREATE VIEW report_approval_month_expected AS
SELECT month, approver_id, rep_id, sum(approved) AS approved, sum(rejected) AS rejected,
       sum(wait_seconds) AS wait_seconds, max(wait_seconds) AS wait_max
  FROM report_approval_facts GROUP BY month, approver_id, rep_id;
