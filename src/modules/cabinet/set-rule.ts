import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import { localDate } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { CabinetErrors } from './cabinet.errors.ts';
import * as repo from './cabinet.repository.ts';
import { auditBody, bodyForManager } from './manage-body.ts';

export interface SetRuleInput {
  deemedAgreement: boolean;
  tieBreak: 'chair' | 'none';
  legalBasis: string;
}

/**
 * The body's decision rule as data, from a date: today or later (a rule already applied is never
 * rewritten; forms and votes freeze the rule of their day anyway). Restating the same rule for
 * the same date is a retry; a future date may be restated with other values.
 */
export async function setRule(ctx: Pick<AppContext, 'clock'>, tx: Sql, actor: Actor, code: string, validFrom: string, input: SetRuleInput): Promise<{ changed: boolean }> {
  const body = await bodyForManager(tx, actor, code, { lock: true });
  const now = ctx.clock.now();
  const today = localDate(now);
  const legalBasis = input.legalBasis.trim().normalize('NFC');
  const existing = (await repo.listRules(tx, body.code)).find((r) => r.validFrom === validFrom);
  if (existing && existing.deemedAgreement === input.deemedAgreement && existing.tieBreak === input.tieBreak && existing.legalBasis === legalBasis) return { changed: false };
  if (validFrom < today) throw CabinetErrors.RULE_DATE_PAST({}, { today });
  await repo.upsertRule(tx, body.code, { validFrom, deemedAgreement: input.deemedAgreement, tieBreak: input.tieBreak, legalBasis });
  await auditBody(tx, actor, body.code, 'cabinet.body.rule', { validFrom, deemedAgreement: input.deemedAgreement, tieBreak: input.tieBreak, legalBasis, replaced: existing ?? null }, now);
  return { changed: true };
}
