import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../http/context.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { importProcedures } from './import-procedures.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');
/** The two-tier local government (and the catalogue published for it) starts on 1 July 2025. */
const SEED_EFFECTIVE_FROM = '2025-07-01';

interface Extensions {
  extensions: { match: string; set: Record<string, unknown> }[];
}

/** The national sample with the local additions of `seed/procedures.local.json` applied. */
export function seedProcedures(): { procedures: Record<string, unknown>[] } {
  const sample = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.sample.json'), 'utf8')) as { procedures: Record<string, unknown>[] };
  const local = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.local.json'), 'utf8')) as Extensions;
  const procedures = sample.procedures.map((p) => {
    const ext = local.extensions.find((e) => e.match === (p.code ?? p.name_vi));
    return ext ? { ...p, ...ext.set } : p;
  });
  return { procedures };
}

/** Loads the sample catalogue on first start; later starts leave an existing catalogue alone. */
export async function seedCatalog(ctx: AppContext): Promise<void> {
  if ((await repo.countProcedures(ctx.db)) > 0) return;
  const result = await importProcedures(ctx, seedProcedures(), {
    source: 'seed/procedures.sample.json',
    defaultEffectiveFrom: SEED_EFFECTIVE_FROM,
    by: 'seed',
  });
  for (const problem of result.problems) ctx.logger.warn({ problem }, 'catalog seed problem');
}
