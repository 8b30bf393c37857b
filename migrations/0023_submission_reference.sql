-- Mã tra cứu (submission reference): given at submission, before the desk gives the dossier its
-- code (mã số hồ sơ, at reception). Public tracking accepts either; the reference keeps working
-- after the code exists. Random (not guessable), unique.
ALTER TABLE dossiers ADD COLUMN reference text;
CREATE UNIQUE INDEX dossiers_reference_key ON dossiers (reference) WHERE reference IS NOT NULL;

-- As 0018, matching the code or the reference; `code` is the dossier code once given, the
-- reference before ("Mới đăng ký").
CREATE OR REPLACE FUNCTION dossier_tracking(p_code text) RETURNS SETOF json
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT row_to_json(t) FROM (
    SELECT coalesce(d.code, d.reference) AS code, d.reference, d.status, pv.content->>'name' AS "procedureName",
           d.applicant->>'fullName' AS "applicantName",
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
    WHERE d.code = p_code OR d.reference = p_code
    LIMIT 1
  ) t;
END
$$;
