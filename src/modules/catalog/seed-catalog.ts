import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '#platform/context.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { importProcedures } from './import-procedures.ts';
import { fromNationalRecord, isNationalRecord, type NationalRecord, parseJsonLines } from './national-catalogue.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');
/** The two-tier local government (and the catalogue published for it) starts on 1 July 2025. */
const SEED_EFFECTIVE_FROM = '2025-07-01';
const NATIONAL_CATALOGUE_FILE = path.join(seedDir, 'procedures-catalogue', 'procedures.jsonl');

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
 * `seed/procedures.local.json` applied. Where the curated code is the published one, the curated
 * entry is that national record's procedure (the local file corrects a code that named another
 * one: 3.000346 is "Cấp giấy phép lái xe", the curated "Đổi giấy phép lái xe" is 3.000347), and
 * what the curated entry does not state is taken from the record: the sector, target group,
 * announcing decision, portal page and, when it has none, the published deadline.
 */
export function seedProcedures(): { procedures: Record<string, unknown>[] } {
  const sample = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.sample.json'), 'utf8')) as { procedures: Record<string, unknown>[] };
  const local = JSON.parse(fs.readFileSync(path.join(seedDir, 'procedures.local.json'), 'utf8')) as Extensions;
  const byCode = new Map(nationalRecords().map((r) => [r.code, r]));
  const procedures = sample.procedures.map((p) => {
    const ext = local.extensions.find((e) => e.match === (p.code ?? p.name_vi));
    const entry = ext ? { ...p, ...ext.set } : { ...p };
    const record = typeof entry.code === 'string' ? byCode.get(entry.code) : undefined;
    if (record) {
      const sheet = fromNationalRecord(record);
      for (const key of SHEET_KEYS) if (entry[key] === undefined) entry[key] = sheet[key];
      // A published deadline beats a recalled hint.
      if (entry.processing_days == null && sheet.processing_days != null) {
        entry.processing_days = sheet.processing_days;
        entry.processing_time_unit = sheet.processing_time_unit;
      }
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
  const second =
    ctx.config.MOTCUA_SEED_CATALOGUE === 'full'
      ? await importProcedures(ctx, nationalProcedures(curated.procedures), { ...options, source: 'seed/procedures-catalogue/procedures.jsonl' })
      : { problems: [] };
  for (const problem of [...first.problems, ...second.problems]) ctx.logger.warn({ problem }, 'catalog seed problem');
}
