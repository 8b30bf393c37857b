import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Locale } from '#platform/errors.ts';
import { AppError } from '#platform/errors.ts';
import { actOnDossier } from './act-on-dossier.ts';
import { actionHandlers } from './handlers.ts';
import type { BulkAssignResult } from './dossiers.contract.ts';

/**
 * Phân công hàng loạt: a leader assigns one specialist to several dossiers at once. Each dossier
 * is its own `assign` action in its own transaction (same checks, log entry, audit and lock as
 * one by one), so one refused dossier (another agency's, already finished, locked by someone)
 * leaves the others assigned; the answer says, per dossier, what happened.
 */
export async function bulkAssign(ctx: AppContext, input: { actor: Actor; ids: string[]; assignee: string; locale: Locale }): Promise<BulkAssignResult> {
  const results: BulkAssignResult['results'] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      await ctx.db.transaction((tx) => actOnDossier(tx, ctx, actionHandlers, { actor: input.actor, dossierId: id, body: { action: 'assign', assignee: input.assignee } }));
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError) || error.spec.status >= 500) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message_(input.locale) });
    }
  }
  return { assigned: results.filter((r) => r.ok).length, results };
}
