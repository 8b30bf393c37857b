import type { RoutesPlugin } from '#platform/context.ts';
import { defineModule } from '#platform/module.ts';
import { registerHybridGate } from '#modules/dossiers/index.ts';
import { lowRiskGate, recordDeclarationOnReceive } from './declarations.ts';
import { inspectionRoutes } from './inspection.routes.ts';
import { seedInspection } from './seed-inspection.ts';

/**
 * Hậu kiểm (post-inspection, domain.md §7): declarations received under `post` / `hybrid` control
 * frozen and versioned with a risk score explained factor by factor, sampling plans drawn
 * reproducibly, inspection cases (assign, visit, conclude, revoke the result) and the command
 * center's post-control figures. docs/modules/inspection.md.
 *
 * Contract for other modules:
 * - `module`: the HTTP API under /api/v1/inspection (inspection.contract.ts) and the seed.
 * - its projection records declarations in the reception's transaction (`projections`).
 * - its `register` hook answers the dossiers module's hybrid gate (bootstrap runs it once).
 * - `scoreRisk`, `drawSample`: the pure rules (risk.ts).
 */
export { drawSample, scoreRisk, type RiskRules } from './risk.ts';
export { InspectionErrors } from './inspection.errors.ts';
export { DEMO_PLAN_ID, FOOD_PROCEDURE, FESTIVAL_PROCEDURE, HANOI_FOOD_SAFETY } from './seed-inspection.ts';

/** Registers the hybrid gate with the dossiers module (idempotent). */
const register = () => registerHybridGate(lowRiskGate);

/** The routes also register the gate, for an app built from the routes alone (tests). */
const routes: RoutesPlugin = async (app, ctx) => {
  register();
  await inspectionRoutes(app, ctx);
};

export const module = defineModule({
  name: 'inspection',
  routes,
  register,
  projections: { 'dossier.status_changed': recordDeclarationOnReceive },
  seed: seedInspection,
});
