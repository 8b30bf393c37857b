import type { AppContext } from '#platform/context.ts';
import { ensureDemoAccount } from '#modules/identity/index.ts';
import { agenciesChanged } from '#modules/places/index.ts';
import * as repo from './exchange.repository.ts';
import { CENTRAL_AGENCIES } from './registry.ts';

/**
 * A national node (MOTCUA_NODE_ROLE=national) hosts the central bodies: they become agencies of
 * its database (grants and certificates need them), and in demo mode Văn phòng Chính phủ gets
 * its clerk `vanthu.vpcp`. Idempotent; runs at every start, on seeded and copied databases alike.
 */
export async function seedExchange(ctx: Pick<AppContext, 'config' | 'db'>): Promise<void> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national') return;
  await ctx.db.transaction(async (tx) => {
    // Central bodies sit in Hà Nội; `level` 'tw' (trung ương) keeps them out of provincial lists.
    let added = false;
    for (const a of CENTRAL_AGENCIES) if (await repo.insertCentralAgency(tx, { ...a, provinceCode: '01' })) added = true;
    if (added) await agenciesChanged(tx);
    if (ctx.config.MOTCUA_DEMO) {
      await ensureDemoAccount(tx, { username: 'vanthu.vpcp', fullName: 'Phan Thị Hồng', role: 'clerk', agencyCode: '000.00.00.G22', provinceCode: null });
    }
  });
}
