import { ApiError } from '../../ui/http.ts';

/** Paths of the file record this form has an input for; a server problem on another path goes to the alert. */
const FORM_PATH =
  /^(name_vi|name_en|level|processing_days|processing_time_unit|fee_vnd|fee_note|effective_from|fee_rule\.\w+|components(\.\d+\.\w+)?|interagency_steps(\.\d+\.\w+)?)$/;
/** `#1 (name): components.2.name: message` — the publish route's problem line. */
const PROBLEM = /^#\d+(?: \(.*\))?: ([a-z_]+(?:\.\w+)*): (.+)$/s;

/** Server problems split into the ones a field shows and the rest. */
export function serverProblems(error: Error | null): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return { fields, other };
  for (const d of error.details as { field: string; message: string }[]) {
    const problem = PROBLEM.exec(d.message);
    const path = problem?.[1].replace(/^(interagency_steps\.\d+\.depends_on)\.\d+$/, '$1'); // one step number → the field
    if (problem && path && FORM_PATH.test(path)) fields[path] = problem[2];
    else if (/ngày hiệu lực/.test(d.message)) fields.effective_from = d.message;
    else other.push(d.message);
  }
  return { fields, other };
}
