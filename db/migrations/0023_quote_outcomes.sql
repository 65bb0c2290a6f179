-- A quote's outcome is its final one (issue 15, win rate and discounts). A
-- rejection by an approver is not final: the rep changes the quote and
-- submits it again ("it was rejected; change it, then submit it again",
-- src/b2b/quote.c). 0017 counted a quote's first accepted, rejected,
-- expired or cancelled event, so a quote rejected, reworked and won counted
-- as rejected; and its summary froze the discount at that first decision
-- while the rework edited the same revision, so `comptoir check` found the
-- summaries apart from their recomputation.
--
-- The rule here: a decision counts while it stands, that is while no later
-- event of the quote changed its status (the order made of an accepted quote
-- changes nothing). Accepted, expired and cancelled are final (the life
-- cycle has no way out of them but accepted → ordered), so they always
-- stand; a rejection stands until the quote is reworked (→ draft) or
-- cancelled, and the later outcome counts instead, in its own month. A quote
-- thus counts at most once, with the discount of the revision decided.
--
-- The summaries stay additive: the event that moves a quote on takes the
-- decision it supersedes out of its rows (month, rep, account), and the
-- largest discounts of those rows are found again from the rows (a maximum
-- cannot be subtracted); a decided revision whose discount changes moves its
-- figures. Both touch one quote's rows through the indexes. Unlike 0017's
-- and 0018's, two readings take another summary, by key, just corrected in
-- the same trigger: a rep's month's largest discount is the largest of its
-- accounts' rows, and the year to date rows touched are summed again from
-- their months (as report_quote_ytd_from_months sums them). The tables are
-- summed again here from the rows, correcting databases summed under 0017's
-- rule.

-- ------------------------------------------------------------------ facts

-- 0017's view with "decided" meaning "decided and standing".
DROP VIEW report_quote_event_facts;
CREATE VIEW report_quote_event_facts AS
SELECT f.id, f.month, f.rep_id, f.account_id, f.created, f.sent, f.decided,
       f.decided AND f.to_status = 'accepted' AS accepted, f.decided AND f.to_status = 'rejected' AS rejected,
       f.decided AND f.to_status = 'expired' AS expired, f.decided AND f.to_status = 'cancelled' AS cancelled,
       CASE WHEN f.decided AND f.to_status = 'accepted' THEN
           coalesce(CAST(strftime('%s', f.at) AS INTEGER) -
                    (SELECT CAST(strftime('%s', min(s.at)) AS INTEGER) FROM quote_events s
                      WHERE s.quote_id = f.quote_id AND s.to_status = 'sent' AND s.id < f.id), 0)
       ELSE 0 END AS accept_seconds,
       f.decided AND EXISTS (SELECT 1 FROM quote_events p
                              WHERE p.quote_id = f.quote_id AND p.to_status = 'pending' AND p.id < f.id)
           AS needed_approval,
       CASE WHEN f.decided THEN f.discount_bp ELSE 0 END AS discount_bp
  FROM (SELECT e.id, e.quote_id, e.at, e.to_status, substr(date(e.at, 'localtime'), 1, 7) AS month,
               q.owner_id AS rep_id, q.account_id, e.kind = 'create' AS created,
               e.to_status = 'sent' AND NOT EXISTS (SELECT 1 FROM quote_events s WHERE s.quote_id = e.quote_id
                                                      AND s.to_status = 'sent' AND s.id < e.id) AS sent,
               e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled')
                   AND NOT EXISTS (SELECT 1 FROM quote_events d WHERE d.quote_id = e.quote_id AND d.id > e.id
                                      AND d.to_status NOT IN ('', 'ordered'))
                   AS decided,
               coalesce((SELECT r.discount_bp FROM quote_revisions r
                          WHERE r.quote_id = e.quote_id AND r.number = e.revision), 0) AS discount_bp
          FROM quote_events e JOIN quotes q ON q.id = e.quote_id) f;

-- A decision event with what it gives while it stands, and whether it does.
CREATE VIEW report_quote_decision_facts AS
SELECT e.id, e.quote_id, e.revision, substr(date(e.at, 'localtime'), 1, 7) AS month, q.owner_id AS rep_id,
       q.account_id, e.to_status = 'accepted' AS accepted, e.to_status = 'rejected' AS rejected,
       e.to_status = 'expired' AS expired, e.to_status = 'cancelled' AS cancelled,
       CASE WHEN e.to_status = 'accepted' THEN
           coalesce(CAST(strftime('%s', e.at) AS INTEGER) -
                    (SELECT CAST(strftime('%s', min(s.at)) AS INTEGER) FROM quote_events s
                      WHERE s.quote_id = e.quote_id AND s.to_status = 'sent' AND s.id < e.id), 0)
       ELSE 0 END AS accept_seconds,
       EXISTS (SELECT 1 FROM quote_events p WHERE p.quote_id = e.quote_id AND p.to_status = 'pending' AND p.id < e.id)
           AS needed_approval,
       coalesce((SELECT r.discount_bp FROM quote_revisions r WHERE r.quote_id = e.quote_id AND r.number = e.revision),
                0) AS discount_bp,
       NOT EXISTS (SELECT 1 FROM quote_events d WHERE d.quote_id = e.quote_id AND d.id > e.id
                      AND d.to_status NOT IN ('', 'ordered')) AS stands
  FROM quote_events e JOIN quotes q ON q.id = e.quote_id
 WHERE e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled');

-- A quote's decision that stands: at most one (a later decision is itself a
-- change of status), so the triggers below read one row of it, by key.
CREATE VIEW report_quote_standing AS SELECT * FROM report_quote_decision_facts WHERE stands;

-- An event that changes a quote's status (by_event) and the decision it
-- supersedes: the quote's previous change of status, when that was a
-- decision (it stood until then).
CREATE VIEW report_quote_superseded AS
SELECT n.id AS by_event, d.id, d.quote_id, d.revision, d.month, d.rep_id, d.account_id, d.accepted, d.rejected,
       d.expired, d.cancelled, d.accept_seconds, d.needed_approval, d.discount_bp
  FROM quote_events n
  JOIN report_quote_decision_facts d
    ON d.id = (SELECT max(p.id) FROM quote_events p WHERE p.quote_id = n.quote_id AND p.id < n.id
                  AND p.to_status NOT IN ('', 'ordered'))
 WHERE n.to_status NOT IN ('', 'ordered');

-- ------------------------------------------------------------- triggers

-- One trigger for the three tables (0017's and 0022's made one), so that the
-- superseded decision leaves every table before the new event adds to any:
-- the year to date rows are summed again from the months.
DROP TRIGGER report_quote_event_insert;
DROP TRIGGER report_quote_rollup_event_insert;
DROP TRIGGER report_quote_ytd_event_insert;
CREATE TRIGGER report_quote_event_insert AFTER INSERT ON quote_events BEGIN
    -- the decision superseded by this event, if any, leaves
    INSERT INTO report_quote_month(month, rep_id, account_id, decided, accepted, rejected, expired, cancelled,
        accept_seconds, needed_approval, discount_bp_sum)
    SELECT month, rep_id, account_id, -1, -accepted, -rejected, -expired, -cancelled, -accept_seconds,
           -needed_approval, -discount_bp
      FROM report_quote_superseded WHERE by_event = NEW.id
    ON CONFLICT DO UPDATE SET decided = decided + excluded.decided, accepted = accepted + excluded.accepted,
                              rejected = rejected + excluded.rejected, expired = expired + excluded.expired,
                              cancelled = cancelled + excluded.cancelled,
                              accept_seconds = accept_seconds + excluded.accept_seconds,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum;
    UPDATE report_quote_month
       SET discount_bp_max = coalesce((SELECT max(f.discount_bp) FROM report_quote_event_facts f
                                        WHERE f.month = report_quote_month.month
                                          AND f.rep_id = report_quote_month.rep_id
                                          AND f.account_id = report_quote_month.account_id
                                          AND (f.created OR f.sent OR f.decided)), 0)
     WHERE month = (SELECT month FROM report_quote_superseded WHERE by_event = NEW.id)
       AND rep_id = (SELECT rep_id FROM report_quote_superseded WHERE by_event = NEW.id)
       AND account_id = (SELECT account_id FROM report_quote_superseded WHERE by_event = NEW.id);
    DELETE FROM report_quote_month
     WHERE month = (SELECT month FROM report_quote_superseded WHERE by_event = NEW.id)
       AND rep_id = (SELECT rep_id FROM report_quote_superseded WHERE by_event = NEW.id)
       AND account_id = (SELECT account_id FROM report_quote_superseded WHERE by_event = NEW.id)
       AND created = 0 AND sent = 0 AND decided = 0;
    INSERT INTO report_quote_rep_month(month, rep_id, decided, accepted, rejected, expired, cancelled,
        accept_seconds, needed_approval, discount_bp_sum)
    SELECT month, rep_id, -1, -accepted, -rejected, -expired, -cancelled, -accept_seconds, -needed_approval,
           -discount_bp
      FROM report_quote_superseded WHERE by_event = NEW.id
    ON CONFLICT DO UPDATE SET decided = decided + excluded.decided, accepted = accepted + excluded.accepted,
                              rejected = rejected + excluded.rejected, expired = expired + excluded.expired,
                              cancelled = cancelled + excluded.cancelled,
                              accept_seconds = accept_seconds + excluded.accept_seconds,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum;
    UPDATE report_quote_rep_month
       SET discount_bp_max = coalesce((SELECT max(m.discount_bp_max) FROM report_quote_month m
                                        WHERE m.month = report_quote_rep_month.month
                                          AND m.rep_id = report_quote_rep_month.rep_id), 0)
     WHERE month = (SELECT month FROM report_quote_superseded WHERE by_event = NEW.id)
       AND rep_id = (SELECT rep_id FROM report_quote_superseded WHERE by_event = NEW.id);
    DELETE FROM report_quote_rep_month
     WHERE month = (SELECT month FROM report_quote_superseded WHERE by_event = NEW.id)
       AND rep_id = (SELECT rep_id FROM report_quote_superseded WHERE by_event = NEW.id)
       AND created = 0 AND sent = 0 AND decided = 0;
    DELETE FROM report_quote_ytd
     WHERE (year, account_id, rep_id) IN
           (SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS year, account_id, rep_id
              FROM report_quote_superseded WHERE by_event = NEW.id);
    INSERT INTO report_quote_ytd
    SELECT year, account_id, rep_id, sum(decided * (m <= 1)), sum(decided * (m <= 2)), sum(decided * (m <= 3)),
           sum(decided * (m <= 4)), sum(decided * (m <= 5)), sum(decided * (m <= 6)), sum(decided * (m <= 7)),
           sum(decided * (m <= 8)), sum(decided * (m <= 9)), sum(decided * (m <= 10)), sum(decided * (m <= 11)),
           sum(decided * (m <= 12)), sum(needed_approval * (m <= 1)), sum(needed_approval * (m <= 2)),
           sum(needed_approval * (m <= 3)), sum(needed_approval * (m <= 4)), sum(needed_approval * (m <= 5)),
           sum(needed_approval * (m <= 6)), sum(needed_approval * (m <= 7)), sum(needed_approval * (m <= 8)),
           sum(needed_approval * (m <= 9)), sum(needed_approval * (m <= 10)), sum(needed_approval * (m <= 11)),
           sum(needed_approval * (m <= 12)), sum(discount_bp_sum * (m <= 1)), sum(discount_bp_sum * (m <= 2)),
           sum(discount_bp_sum * (m <= 3)), sum(discount_bp_sum * (m <= 4)), sum(discount_bp_sum * (m <= 5)),
           sum(discount_bp_sum * (m <= 6)), sum(discount_bp_sum * (m <= 7)), sum(discount_bp_sum * (m <= 8)),
           sum(discount_bp_sum * (m <= 9)), sum(discount_bp_sum * (m <= 10)), sum(discount_bp_sum * (m <= 11)),
           sum(discount_bp_sum * (m <= 12)), max(CASE m WHEN 1 THEN discount_bp_max END),
           max(CASE m WHEN 2 THEN discount_bp_max END), max(CASE m WHEN 3 THEN discount_bp_max END),
           max(CASE m WHEN 4 THEN discount_bp_max END), max(CASE m WHEN 5 THEN discount_bp_max END),
           max(CASE m WHEN 6 THEN discount_bp_max END), max(CASE m WHEN 7 THEN discount_bp_max END),
           max(CASE m WHEN 8 THEN discount_bp_max END), max(CASE m WHEN 9 THEN discount_bp_max END),
           max(CASE m WHEN 10 THEN discount_bp_max END), max(CASE m WHEN 11 THEN discount_bp_max END),
           max(CASE m WHEN 12 THEN discount_bp_max END)
      FROM (SELECT g.year, CAST(substr(r.month, 6, 2) AS INTEGER) AS m, r.account_id, r.rep_id, r.decided,
                   r.needed_approval, r.discount_bp_sum, r.discount_bp_max
              FROM (SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS year, account_id, rep_id
                       FROM report_quote_superseded WHERE by_event = NEW.id) g
              JOIN report_quote_month r ON r.rep_id = g.rep_id AND r.account_id = g.account_id
               AND r.month IN (g.year || '-01', g.year || '-02', g.year || '-03', g.year || '-04', g.year || '-05',
                               g.year || '-06', g.year || '-07', g.year || '-08', g.year || '-09', g.year || '-10',
                               g.year || '-11', g.year || '-12'))
     GROUP BY year, account_id, rep_id;
    -- this event adds what it gives (0017's and 0022's statements)
    INSERT INTO report_quote_month(month, rep_id, account_id, created, sent, decided, accepted, rejected, expired,
                                   cancelled, accept_seconds, needed_approval, discount_bp_sum, discount_bp_max)
    SELECT month, rep_id, account_id, created, sent, decided, accepted, rejected, expired, cancelled,
           accept_seconds, needed_approval, discount_bp, discount_bp
      FROM report_quote_event_facts WHERE id = NEW.id AND (created OR sent OR decided)
    ON CONFLICT DO UPDATE SET created = created + excluded.created, sent = sent + excluded.sent,
                              decided = decided + excluded.decided, accepted = accepted + excluded.accepted,
                              rejected = rejected + excluded.rejected, expired = expired + excluded.expired,
                              cancelled = cancelled + excluded.cancelled,
                              accept_seconds = accept_seconds + excluded.accept_seconds,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum,
                              discount_bp_max = max(discount_bp_max, excluded.discount_bp_max);
    INSERT INTO report_quote_rep_month(month, rep_id, created, sent, decided, accepted, rejected, expired, cancelled,
                                       accept_seconds, needed_approval, discount_bp_sum, discount_bp_max)
    SELECT month, rep_id, created, sent, decided, accepted, rejected, expired, cancelled, accept_seconds,
           needed_approval, discount_bp, discount_bp
      FROM report_quote_event_facts WHERE id = NEW.id AND (created OR sent OR decided)
    ON CONFLICT DO UPDATE SET created = created + excluded.created, sent = sent + excluded.sent,
                              decided = decided + excluded.decided, accepted = accepted + excluded.accepted,
                              rejected = rejected + excluded.rejected, expired = expired + excluded.expired,
                              cancelled = cancelled + excluded.cancelled,
                              accept_seconds = accept_seconds + excluded.accept_seconds,
                              needed_approval = needed_approval + excluded.needed_approval,
                              discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum,
                              discount_bp_max = max(discount_bp_max, excluded.discount_bp_max);
    INSERT INTO report_quote_ytd
    SELECT year, account_id, rep_id, decided_01, decided_02, decided_03, decided_04, decided_05, decided_06,
           decided_07, decided_08, decided_09, decided_10, decided_11, decided_12, needed_01, needed_02, needed_03,
           needed_04, needed_05, needed_06, needed_07, needed_08, needed_09, needed_10, needed_11, needed_12,
           bp_sum_01, bp_sum_02, bp_sum_03, bp_sum_04, bp_sum_05, bp_sum_06, bp_sum_07, bp_sum_08, bp_sum_09,
           bp_sum_10, bp_sum_11, bp_sum_12, bp_max_01, bp_max_02, bp_max_03, bp_max_04, bp_max_05, bp_max_06,
           bp_max_07, bp_max_08, bp_max_09, bp_max_10, bp_max_11, bp_max_12
      FROM report_quote_ytd_facts WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET decided_01 = decided_01 + excluded.decided_01,
                              decided_02 = decided_02 + excluded.decided_02,
                              decided_03 = decided_03 + excluded.decided_03,
                              decided_04 = decided_04 + excluded.decided_04,
                              decided_05 = decided_05 + excluded.decided_05,
                              decided_06 = decided_06 + excluded.decided_06,
                              decided_07 = decided_07 + excluded.decided_07,
                              decided_08 = decided_08 + excluded.decided_08,
                              decided_09 = decided_09 + excluded.decided_09,
                              decided_10 = decided_10 + excluded.decided_10,
                              decided_11 = decided_11 + excluded.decided_11,
                              decided_12 = decided_12 + excluded.decided_12,
                              needed_01 = needed_01 + excluded.needed_01, needed_02 = needed_02 + excluded.needed_02,
                              needed_03 = needed_03 + excluded.needed_03, needed_04 = needed_04 + excluded.needed_04,
                              needed_05 = needed_05 + excluded.needed_05, needed_06 = needed_06 + excluded.needed_06,
                              needed_07 = needed_07 + excluded.needed_07, needed_08 = needed_08 + excluded.needed_08,
                              needed_09 = needed_09 + excluded.needed_09, needed_10 = needed_10 + excluded.needed_10,
                              needed_11 = needed_11 + excluded.needed_11, needed_12 = needed_12 + excluded.needed_12,
                              bp_sum_01 = bp_sum_01 + excluded.bp_sum_01, bp_sum_02 = bp_sum_02 + excluded.bp_sum_02,
                              bp_sum_03 = bp_sum_03 + excluded.bp_sum_03, bp_sum_04 = bp_sum_04 + excluded.bp_sum_04,
                              bp_sum_05 = bp_sum_05 + excluded.bp_sum_05, bp_sum_06 = bp_sum_06 + excluded.bp_sum_06,
                              bp_sum_07 = bp_sum_07 + excluded.bp_sum_07, bp_sum_08 = bp_sum_08 + excluded.bp_sum_08,
                              bp_sum_09 = bp_sum_09 + excluded.bp_sum_09, bp_sum_10 = bp_sum_10 + excluded.bp_sum_10,
                              bp_sum_11 = bp_sum_11 + excluded.bp_sum_11, bp_sum_12 = bp_sum_12 + excluded.bp_sum_12,
                              bp_max_01 = coalesce(max(bp_max_01, excluded.bp_max_01), bp_max_01, excluded.bp_max_01),
                              bp_max_02 = coalesce(max(bp_max_02, excluded.bp_max_02), bp_max_02, excluded.bp_max_02),
                              bp_max_03 = coalesce(max(bp_max_03, excluded.bp_max_03), bp_max_03, excluded.bp_max_03),
                              bp_max_04 = coalesce(max(bp_max_04, excluded.bp_max_04), bp_max_04, excluded.bp_max_04),
                              bp_max_05 = coalesce(max(bp_max_05, excluded.bp_max_05), bp_max_05, excluded.bp_max_05),
                              bp_max_06 = coalesce(max(bp_max_06, excluded.bp_max_06), bp_max_06, excluded.bp_max_06),
                              bp_max_07 = coalesce(max(bp_max_07, excluded.bp_max_07), bp_max_07, excluded.bp_max_07),
                              bp_max_08 = coalesce(max(bp_max_08, excluded.bp_max_08), bp_max_08, excluded.bp_max_08),
                              bp_max_09 = coalesce(max(bp_max_09, excluded.bp_max_09), bp_max_09, excluded.bp_max_09),
                              bp_max_10 = coalesce(max(bp_max_10, excluded.bp_max_10), bp_max_10, excluded.bp_max_10),
                              bp_max_11 = coalesce(max(bp_max_11, excluded.bp_max_11), bp_max_11, excluded.bp_max_11),
                              bp_max_12 = coalesce(max(bp_max_12, excluded.bp_max_12), bp_max_12, excluded.bp_max_12);
END;

-- A decided revision whose discount changes while its decision stands (a
-- rejected quote's contact changed: the core prices an open revision again
-- at every step) moves that decision's figures, the largest found again.
-- The drafts priced as lines change skip it at the WHEN.
CREATE TRIGGER report_quote_revision_discount AFTER UPDATE OF discount_bp ON quote_revisions
WHEN OLD.discount_bp IS NOT NEW.discount_bp
     AND EXISTS (SELECT 1 FROM report_quote_standing WHERE quote_id = NEW.quote_id AND revision = NEW.number)
BEGIN
    INSERT INTO report_quote_month(month, rep_id, account_id, discount_bp_sum)
    SELECT month, rep_id, account_id, NEW.discount_bp - OLD.discount_bp
      FROM report_quote_standing WHERE quote_id = NEW.quote_id AND revision = NEW.number
    ON CONFLICT DO UPDATE SET discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum;
    UPDATE report_quote_month
       SET discount_bp_max = coalesce((SELECT max(f.discount_bp) FROM report_quote_event_facts f
                                        WHERE f.month = report_quote_month.month
                                          AND f.rep_id = report_quote_month.rep_id
                                          AND f.account_id = report_quote_month.account_id
                                          AND (f.created OR f.sent OR f.decided)), 0)
     WHERE month = (SELECT month FROM report_quote_standing
                     WHERE quote_id = NEW.quote_id AND revision = NEW.number)
       AND rep_id = (SELECT rep_id FROM report_quote_standing
                      WHERE quote_id = NEW.quote_id AND revision = NEW.number)
       AND account_id = (SELECT account_id FROM report_quote_standing
                          WHERE quote_id = NEW.quote_id AND revision = NEW.number);
    INSERT INTO report_quote_rep_month(month, rep_id, discount_bp_sum)
    SELECT month, rep_id, NEW.discount_bp - OLD.discount_bp
      FROM report_quote_standing WHERE quote_id = NEW.quote_id AND revision = NEW.number
    ON CONFLICT DO UPDATE SET discount_bp_sum = discount_bp_sum + excluded.discount_bp_sum;
    UPDATE report_quote_rep_month
       SET discount_bp_max = coalesce((SELECT max(m.discount_bp_max) FROM report_quote_month m
                                        WHERE m.month = report_quote_rep_month.month
                                          AND m.rep_id = report_quote_rep_month.rep_id), 0)
     WHERE month = (SELECT month FROM report_quote_standing
                     WHERE quote_id = NEW.quote_id AND revision = NEW.number)
       AND rep_id = (SELECT rep_id FROM report_quote_standing
                      WHERE quote_id = NEW.quote_id AND revision = NEW.number);
    DELETE FROM report_quote_ytd
     WHERE (year, account_id, rep_id) IN
           (SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS year, account_id, rep_id
              FROM report_quote_standing WHERE quote_id = NEW.quote_id AND revision = NEW.number);
    INSERT INTO report_quote_ytd
    SELECT year, account_id, rep_id, sum(decided * (m <= 1)), sum(decided * (m <= 2)), sum(decided * (m <= 3)),
           sum(decided * (m <= 4)), sum(decided * (m <= 5)), sum(decided * (m <= 6)), sum(decided * (m <= 7)),
           sum(decided * (m <= 8)), sum(decided * (m <= 9)), sum(decided * (m <= 10)), sum(decided * (m <= 11)),
           sum(decided * (m <= 12)), sum(needed_approval * (m <= 1)), sum(needed_approval * (m <= 2)),
           sum(needed_approval * (m <= 3)), sum(needed_approval * (m <= 4)), sum(needed_approval * (m <= 5)),
           sum(needed_approval * (m <= 6)), sum(needed_approval * (m <= 7)), sum(needed_approval * (m <= 8)),
           sum(needed_approval * (m <= 9)), sum(needed_approval * (m <= 10)), sum(needed_approval * (m <= 11)),
           sum(needed_approval * (m <= 12)), sum(discount_bp_sum * (m <= 1)), sum(discount_bp_sum * (m <= 2)),
           sum(discount_bp_sum * (m <= 3)), sum(discount_bp_sum * (m <= 4)), sum(discount_bp_sum * (m <= 5)),
           sum(discount_bp_sum * (m <= 6)), sum(discount_bp_sum * (m <= 7)), sum(discount_bp_sum * (m <= 8)),
           sum(discount_bp_sum * (m <= 9)), sum(discount_bp_sum * (m <= 10)), sum(discount_bp_sum * (m <= 11)),
           sum(discount_bp_sum * (m <= 12)), max(CASE m WHEN 1 THEN discount_bp_max END),
           max(CASE m WHEN 2 THEN discount_bp_max END), max(CASE m WHEN 3 THEN discount_bp_max END),
           max(CASE m WHEN 4 THEN discount_bp_max END), max(CASE m WHEN 5 THEN discount_bp_max END),
           max(CASE m WHEN 6 THEN discount_bp_max END), max(CASE m WHEN 7 THEN discount_bp_max END),
           max(CASE m WHEN 8 THEN discount_bp_max END), max(CASE m WHEN 9 THEN discount_bp_max END),
           max(CASE m WHEN 10 THEN discount_bp_max END), max(CASE m WHEN 11 THEN discount_bp_max END),
           max(CASE m WHEN 12 THEN discount_bp_max END)
      FROM (SELECT g.year, CAST(substr(r.month, 6, 2) AS INTEGER) AS m, r.account_id, r.rep_id, r.decided,
                   r.needed_approval, r.discount_bp_sum, r.discount_bp_max
              FROM (SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS year, account_id, rep_id
                       FROM report_quote_standing WHERE quote_id = NEW.quote_id AND revision = NEW.number) g
              JOIN report_quote_month r ON r.rep_id = g.rep_id AND r.account_id = g.account_id
               AND r.month IN (g.year || '-01', g.year || '-02', g.year || '-03', g.year || '-04', g.year || '-05',
                               g.year || '-06', g.year || '-07', g.year || '-08', g.year || '-09', g.year || '-10',
                               g.year || '-11', g.year || '-12'))
     GROUP BY year, account_id, rep_id;
END;

-- ------------------------------------------------------- summed again

DELETE FROM report_quote_month;
INSERT INTO report_quote_month SELECT * FROM report_quote_month_expected;
DELETE FROM report_quote_rep_month;
INSERT INTO report_quote_rep_month
SELECT month, rep_id, sum(created), sum(sent), sum(decided), sum(accepted), sum(rejected), sum(expired),
       sum(cancelled), sum(accept_seconds), sum(needed_approval), sum(discount_bp_sum), max(discount_bp_max)
  FROM report_quote_month GROUP BY month, rep_id;
DELETE FROM report_quote_ytd;
INSERT INTO report_quote_ytd SELECT * FROM report_quote_ytd_from_months;
