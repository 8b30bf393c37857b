-- Public tracking (api.md §5) is the busiest public read. Its query joins five tables and
-- aggregates the log; planning it costs more than running it. A PL/pgSQL function keeps its
-- plan for the life of the connection (PGlite's single session, each pool connection), which
-- makes the read about four times faster. Only public fields are returned: no identity
-- number, phone, address, file or officer name.
CREATE FUNCTION dossier_tracking(p_code text) RETURNS SETOF json
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT row_to_json(t) FROM (
    SELECT d.code, d.status, pv.content->>'name' AS "procedureName", d.applicant->>'fullName' AS "applicantName",
           coalesce(ag.name, d.current_agency) AS "agencyName",
           d.received_at AS "receivedAt", d.due_at AS "dueAt", d.finished_at AS "finishedAt",
           coalesce((SELECT json_agg(json_build_object('action', a.action, 'at', a.at) ORDER BY a.seq)
                     FROM dossier_actions a WHERE a.dossier_id = d.id), '[]') AS actions,
           coalesce((SELECT json_agg(json_build_object(
                              'fromAgency', coalesce(fa.name, s.from_agency), 'toAgency', coalesce(ta.name, s.to_agency),
                              'sentAt', s.sent_at, 'finishedAt', s.finished_at, 'subDueAt', s.sub_due_at, 'outcome', s.outcome)
                            ORDER BY s.seq)
                     FROM dossier_steps s
                     LEFT JOIN agencies fa ON fa.code = s.from_agency
                     LEFT JOIN agencies ta ON ta.code = s.to_agency
                     WHERE s.dossier_id = d.id), '[]') AS steps
    FROM dossiers d
    JOIN procedure_versions pv ON pv.id = d.procedure_version_id::uuid
    LEFT JOIN agencies ag ON ag.code = d.current_agency
    WHERE d.code = p_code
  ) t;
END
$$;
