export { COMPETENCE_RULES, type Competence, competenceOf } from './catalog.types.ts';
export type { FeeRule, InteragencyStep, Level, ProcedureComponent, ProcedureRules, ProcedureSummary, ProcedureVersion } from './catalog.types.ts';
export { catalogRoutes } from './catalog.routes.ts';
export { importProcedures, importProceduresFile } from './import-procedures.ts';
export { assertOnlineSubmission, deadlineOf, getProcedureVersion, getProcedureVersionInForce, onlineSubmissionOf } from './procedures-in-force.ts';
export { seedCatalog, seedProcedures } from './seed-catalog.ts';
export { type Channel, type FeeLine, type FeeQuote, quoteFee } from './fees.ts';
