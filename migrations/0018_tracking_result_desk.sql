-- Public tracking: once the result is decided, the agency shown is where the applicant collects it
-- (the receiving desk: 'Nơi trả kết quả'), no longer the agency that decided. As 0009 otherwise.
CREATE OR REPLACE FUNCTION dossier_tracking(p_code text) RETURNS SETOF json
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
    LEFT JOIN agencies ag ON ag.code = CASE WHEN d.status IN ('RESULT_READY', 'RESULT_RETURNED') THEN d.receiving_agency ELSE d.current_agency END
    WHERE d.code = p_code
  ) t;
END
$$;
