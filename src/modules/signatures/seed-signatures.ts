import type { AppContext } from '#platform/context.ts';
import { devCaEnabled } from '../../config.ts';
import { findAgencyFor } from '#modules/places/index.ts';
import { ensureDevRoot, getAgencySigner } from './certificate-authority.ts';

/** Demo agencies that issue results from the start (api.md §3): Phường Hoàn Kiếm and Ba Đình. */
const DEMO_ISSUERS = ['00070', '00004'] as const;

/**
 * With the development CA on: its root, and with demo data the signing certificates of the
 * demo agencies. Idempotent; other agencies get theirs on first signing.
 */
export async function seedSignatures(ctx: AppContext, options: { demo: boolean }): Promise<void> {
  if (!devCaEnabled(ctx.config)) return;
  await ctx.db.transaction(async (tx) => {
    await ensureDevRoot(ctx, tx);
    if (!options.demo) return;
    for (const unit of DEMO_ISSUERS) {
      const agency = await findAgencyFor(tx, unit, 'people_committee');
      if (agency) await getAgencySigner(ctx, tx, { code: agency.code, name: agency.name });
    }
  });
}
