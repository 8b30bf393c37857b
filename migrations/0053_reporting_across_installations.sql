-- Reports across installations (issue 17 item 6): a report of a unit whose receiving unit another
-- installation hosts travels there as a signed envelope over the interconnection axis, and the
-- return or acceptance comes back. See docs/modules/reporting.md, "Across installations".

-- At the unit's installation: the installation the submitted report was sent to (its receiving
-- unit is hosted there; only that installation returns or accepts it).
ALTER TABLE reporting_reports ADD COLUMN sent_to_node text;
-- At the receiving unit's installation: the installation the report came from (the copy is
-- read, returned and accepted here; filled and signed only there).
ALTER TABLE reporting_reports ADD COLUMN from_node text;
