import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '#platform/actor.ts';
import { audit } from '#platform/audit.ts';
import type { Sql } from '#platform/db.ts';
import { InspectionErrors } from './inspection.errors.ts';
import * as repo from './inspection.repository.ts';
import { may } from './policy.ts';
import { drawSample } from './risk.ts';

/** A plan the actor may see (404 otherwise: another authority's plans do not exist for them). */
export async function planFor(tx: Sql, actor: Actor, id: string): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(tx, id);
  if (!plan || !may.see(actor, plan.agencyCode)) throw InspectionErrors.PLAN_NOT_FOUND();
  return plan;
}

/**
 * Rút mẫu hậu kiểm: the head of inspection draws the plan's sample over the declarations of its
 * authority, sector and period — every high-risk one plus the random minimum, seeded (risk.ts
 * `drawSample`). A seed drawn before gives back the recorded draw (same seed, same sample; a retry
 * adds nothing); without a seed a fresh one is made and returned.
 */
export async function drawPlanSample(tx: Sql, input: { actor: Actor; planId: string; seed?: string; now: Date }): Promise<{ draw: repo.DrawRow; created: boolean }> {
  const plan = await planFor(tx, input.actor, input.planId);
  if (!may.lead(input.actor, plan.agencyCode)) throw InspectionErrors.LEADER_ONLY();
  const seed = input.seed?.normalize('NFC') ?? randomBytes(6).toString('hex');
  const existing = await repo.findDraw(tx, plan.id, seed);
  if (existing) return { draw: existing, created: false };
  const population = await repo.population(tx, plan.agencyCode, plan.sector, plan.periodFrom, plan.periodTo);
  const { items, minimum } = drawSample(population, { minRandomPercent: plan.minRandomPercent, highRiskThreshold: plan.highRiskThreshold, seed });
  const draw = await repo.insertDraw(tx, { id: randomUUID(), planId: plan.id, seed, population: population.length, minimum, items, drawnAt: input.now, drawnBy: input.actor.id });
  await audit(tx, input, 'inspection.draw', {
    chain: `inspection-plan:${plan.id}`,
    subject: ['inspection_plan', plan.id],
    data: { seed, population: population.length, minimum, drawn: items.map((i) => i.dossierId) },
  });
  return { draw, created: true };
}
