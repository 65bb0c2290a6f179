-- Reports over any days (issue 15): a range's whole months come from the
-- summary tables, the days of the months it covers only in part from the
-- rows. These indexes find those rows by their day: quote decisions and
-- approvals by their time (UTC, read as local days), orders by the local day
-- they were placed (deliveries have orders_delivered already).
CREATE INDEX quote_events_at ON quote_events(at);
CREATE INDEX quote_approvals_at ON quote_approvals(at);
CREATE INDEX orders_placed_day ON orders(placed_day);
