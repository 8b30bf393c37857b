-- Catalogue browsing (issue 12): the sector (lĩnh vực), the agency wording (cơ quan thực hiện)
-- and the ministry that announced the procedure, of its newest version, kept on the searchable
-- row so the public catalogue can be browsed by sector and by agency without reading versions.
ALTER TABLE procedures
  ADD COLUMN sector       text,
  ADD COLUMN agency       text,
  ADD COLUMN issuing_body text;

UPDATE procedures p
SET sector = v.content->'sheet'->>'sector',
    agency = v.content->>'agencyType',
    issuing_body = v.content->'sheet'->>'issuingBody'
FROM procedure_versions v
WHERE v.procedure_code = p.code AND v.version = p.latest_version;

CREATE INDEX procedures_sector ON procedures (sector);
CREATE INDEX procedures_agency ON procedures (issuing_body, agency);
