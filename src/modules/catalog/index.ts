import { defineModule } from '#platform/module.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { seedCatalog } from './seed-catalog.ts';

export { COMPETENCE_RULES, type Competence, competenceOf, CONTROL_MODES, type ControlMode, controlModeOf } from './catalog.types.ts';
export type { FeeRule, InteragencyStep, Level, ProcedureComponent, ProcedureRules, ProcedureSummary, ProcedureVersion } from './catalog.types.ts';
export { importProcedures, importProceduresFile } from './import-procedures.ts';
export { assertOnlineSubmission, deadlineOf, getProcedureVersion, getProcedureVersionInForce, onlineSubmissionOf } from './procedures-in-force.ts';
export { seedProcedures } from './seed-catalog.ts';
export { type Channel, type FeeLine, type FeeQuote, quoteFee } from './fees.ts';

export const module = defineModule({ name: 'catalog', routes: catalogRoutes, seed: seedCatalog });
