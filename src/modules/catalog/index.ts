// SCAFFOLD: replaced by the catalog module (issue 3). Contract other modules rely on:
import type { RoutesPlugin, AppContext } from '../../http/context.ts';
import type { Sql } from '#platform/db.ts';
import type { Deadline } from '#modules/calendar/index.ts';
import type { AgencyKind } from '#modules/places/index.ts';

export interface ProcedureComponent {
  code: string; // e.g. 'TP1'
  name: string;
  original: number;
  copy: number;
  required: boolean;
}

export interface ProcedureVersion {
  id: string;
  procedureCode: string;
  version: number;
  name: string;
  nameEn: string | null;
  level: 'bo' | 'tinh' | 'xa';
  onlineLevel: string | null;
  deadline: Deadline & { verified: boolean };
  cutoffTime: string; // 'HH:MM', default '15:00'
  components: ProcedureComponent[];
  fees: unknown[];
  legalBasis: string[];
  competentAgencyKind: AgencyKind;
  receivingAgencyKinds: AgencyKind[];
  /** JSON Schema of the procedure's own form fields, or null when it needs none. */
  formSchema: Record<string, unknown> | null;
  /** Rules a dossier is judged by (law as data). */
  rules: {
    supplementWindowWorkingDays: number; // 3 by NĐ 61 Art. 19.4
    lateSupplement: 'refuse' | 'flag';
    excludePaymentWait: boolean;
    boundaryFree: boolean; // may be received at any desk of the province
  };
  interagencySteps: { seq: number; agencyKind: AgencyKind; task: string; deadlineDays: number | null; dependsOn: number[] }[];
  effectiveFrom: string;
  effectiveTo: string | null;
}

export const catalogRoutes: RoutesPlugin = () => {};
export async function seedCatalog(_ctx: AppContext): Promise<void> {}
export async function importProceduresFile(
  _ctx: AppContext,
  _file: string,
): Promise<{ imported: number; versionsCreated: number; unchanged: number; problems: string[] }> {
  throw new Error('catalog module not built yet');
}
/** The version in force at `at`; throws PROCEDURE_NOT_FOUND (404). */
export async function getProcedureVersionInForce(_tx: Sql, _code: string, _at: Date): Promise<ProcedureVersion> {
  throw new Error('catalog module not built yet');
}
/** A version by id (dossiers keep the id they were received under). */
export async function getProcedureVersion(_tx: Sql, _versionId: string): Promise<ProcedureVersion> {
  throw new Error('catalog module not built yet');
}
