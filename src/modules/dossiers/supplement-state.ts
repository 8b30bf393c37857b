import type { ProcedureVersion } from '#modules/catalog/index.ts';
import { type ActionRecord, type ActionRecordOf, lastOf } from './action-data.ts';

/** A component of the frozen version, by code and by the name the applicant reads. */
export interface NamedComponent {
  code: string;
  name: string;
}

/** Names the components of the version (a code it does not know is shown as it is). */
export function namedComponents(procedure: Pick<ProcedureVersion, 'components'>, codes: Iterable<string>): NamedComponent[] {
  const names = new Map(procedure.components.map((c) => [c.code, c.name]));
  return [...new Set(codes)].map((code) => ({ code, name: names.get(code) ?? code }));
}

/** “Tờ khai …”, “Giấy chứng sinh …”: how an error names components, in Vietnamese. */
export const componentNames = (procedure: Pick<ProcedureVersion, 'components'>, codes: Iterable<string>): string =>
  namedComponents(procedure, codes)
    .map((c) => `“${c.name}”`)
    .join(', ');

/** Required components of the version that no attachment covers yet. */
export function missingRequired(procedure: Pick<ProcedureVersion, 'components'>, present: Iterable<string>): string[] {
  const have = new Set(present);
  return procedure.components.filter((c) => c.required && !have.has(c.code)).map((c) => c.code);
}

/** The last Mẫu 02 of the log (request_supplement), if any. */
export function lastSupplementRequest(log: ActionRecord[]): ActionRecordOf<'request_supplement'> | null {
  return lastOf(log, 'request_supplement') ?? null;
}

/**
 * What the Mẫu 02 asked for and what the applicant has not brought yet (NĐ 61 Art. 15: the
 * guidance is given once, fully; a partial answer keeps the dossier waiting for the rest).
 * A paper counts once it was attached after the request (`actionSeq` > the request's seq); at
 * intake every required component still absent from the dossier is missing too.
 */
export function supplementProgress(
  procedure: Pick<ProcedureVersion, 'components'>,
  request: ActionRecordOf<'request_supplement'>,
  documents: { componentCode: string; actionSeq: number }[],
  /** Components ticked as received on paper at the counter (they count as present). */
  paper: string[] = [],
): { requested: string[]; missing: string[] } {
  const requested = request.data.components;
  const since = new Set(documents.filter((d) => d.actionSeq > request.seq).map((d) => d.componentCode));
  const missing = new Set(requested.filter((c) => !since.has(c)));
  if (request.data.phase === 'intake') {
    for (const c of missingRequired(procedure, [...documents.map((d) => d.componentCode), ...paper])) missing.add(c);
  }
  // in the order of the version's list, as Mẫu 02 prints it
  return { requested, missing: procedure.components.map((c) => c.code).filter((c) => missing.has(c)) };
}
