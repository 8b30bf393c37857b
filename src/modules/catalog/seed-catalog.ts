import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../http/context.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { importProcedures } from './import-procedures.ts';
import { fromNationalRecord, isNationalRecord, type NationalRecord, parseJsonLines } from './national-catalogue.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');
/** The two-tier local government (and the catalogue published for it) starts on 1 July 2025. */
const SEED_EFFECTIVE_FROM = '2025-07-01';
export const NATIONAL_CATALOGUE_FILE = path.join(seedDir, 'procedures-catalogue', 'procedures.jsonl');

interface Extensions {
  extensions: { match: string; set: Record<string, unknown> }[];
}

/** What the national sheet says about a procedure besides its facts; a curated entry keeps what it states itself. */
const SHEET_KEYS = ['sector', 'target', 'issuing_body', 'decision', 'portal_url'] as const;

let national: NationalRecord[] | undefined;
/** The national catalogue records (read once per process: 15 MB). */
export function nationalRecords(): NationalRecord[] {
  national ??= parseJsonLines(fs.readFileSync(NATIONAL_CATALOGUE_FILE, 'utf8')).records.filter(isNationalRecord);
  return national;
}

/**
 * The hand-curated procedures: the national sample with the local additions of
 * `seed/procedures.local.json` applied, and the sector, target group, announcing decision and
 * portal page of the national catalogue where the curated code is the published one.
 */
export function seedProcedures(): { procedures: Record<string, unknown>[] } {
  const sample = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.sample.json'), 'utf8')) as { procedures: Record<string, unknown>[] };
  const local = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.local.json'), 'utf8')) as Extensions;
  const byCode = new Map(nationalRecords().map((r) => [r.code, r]));
  const procedures = sample.procedures.map((p) => {
    const ext = local.extensions.find((e) => e.match === (p.code ?? p.name_vi));
    const entry = ext ? { ...p, ...ext.set } : { ...p };
    const record = typeof p.code === 'string' ? byCode.get(p.code) : undefined;
    if (record) {
      const sheet = fromNationalRecord(record);
      for (const key of SHEET_KEYS) if (entry[key] === undefined) entry[key] = sheet[key];
    }
    return entry;
  });
  return { procedures };
}

/** The national catalogue as file entries, without the codes the curated procedures are filed under (those win). */
export function nationalProcedures(curated: Record<string, unknown>[] = seedProcedures().procedures): { procedures: Record<string, unknown>[] } {
  const taken = new Set(curated.flatMap((p) => [p.code, (p.code_candidates as string[] | undefined)?.[0], p.local_code]).filter(Boolean));
  return { procedures: nationalRecords().filter((r) => !taken.has(r.code)).map(fromNationalRecord) };
}

/**
 * Loads the catalogue on first start: the curated procedures, then the 2,849 records of the
 * national catalogue (`seed/procedures-catalogue/`) for every other code. Later starts leave an
 * existing catalogue alone.
 */
export async function seedCatalog(ctx: AppContext): Promise<void> {
  if ((await repo.countProcedures(ctx.db)) > 0) return;
  const curated = seedProcedures();
  const options = { defaultEffectiveFrom: SEED_EFFECTIVE_FROM, by: 'seed' };
  const first = await importProcedures(ctx, curated, { ...options, source: 'seed/procedures.sample.json' });
  const second = await importProcedures(ctx, nationalProcedures(curated.procedures), { ...options, source: 'seed/procedures-catalogue/procedures.jsonl' });
  for (const problem of [...first.problems, ...second.problems]) ctx.logger.warn({ problem }, 'catalog seed problem');
}
