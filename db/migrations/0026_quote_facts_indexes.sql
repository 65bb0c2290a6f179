-- Reports over any days (issue 15): the quote decisions of a range's partial
-- months are read through report_quote_event_facts (0023), whose readings of
-- each decision look at the quote's other events (was it superseded, sent
-- before, did it wait for an approval) and its revision's discount. These
-- indexes answer those readings without reading the rows: a manager's
-- discounts over twelve months from mid-month to mid-month read some 9,600
-- decisions of the large demo's partial months, 155 ms before, 125 ms after.
CREATE INDEX quote_events_quote_status ON quote_events(quote_id, id, to_status);
CREATE INDEX quote_revisions_discount ON quote_revisions(quote_id, number, discount_bp);
