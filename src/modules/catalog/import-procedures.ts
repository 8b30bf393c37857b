import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '#platform/canonical-json.ts';
import type { AppContext } from '#platform/context.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate } from '#platform/clock.ts';
import { CatalogErrors } from './catalog.errors.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import type { ProcedureContent } from './catalog.types.ts';
import { fromNationalRecord, isNationalRecord, parseJsonLines } from './national-catalogue.ts';
import { codeOf, parseProcedure, procedureFileSchema, toProcedureContent } from './procedure-file.ts';

export interface ImportResult {
  imported: number;
  versionsCreated: number;
  unchanged: number;
  problems: string[];
  /** Codes left as they were because their newest version came from a source the import must not replace. */
  kept: number;
  /** The versions this import added. */
  created: { code: string; version: number; effectiveFrom: string }[];
}

const hashOf = (content: ProcedureContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

/**
 * Loads a catalogue in the `procedures.sample.json` shape. A procedure whose content changed
 * gets a new version effective from its `effective_from` (default: `defaultEffectiveFrom`, else today);
 * the previous version ends that day. Unchanged procedures add nothing, so importing twice is harmless.
 * Entries with problems are skipped and reported; the others are loaded in one transaction.
 */
export async function importProcedures(
  ctx: AppContext,
  data: unknown,
  options: { source: string; defaultEffectiveFrom?: string; by?: string; keep?: (previousSource: string) => boolean },
): Promise<ImportResult> {
  const file = procedureFileSchema.safeParse(data);
  if (!file.success) throw CatalogErrors.CATALOG_FILE_INVALID(undefined, { reason: file.error.issues[0]?.message ?? 'procedures' });
  const now = ctx.clock.now();
  const problems: string[] = [];
  const byCode = new Map<string, { content: ProcedureContent; effectiveFrom: string }>();
  for (const [index, entry] of file.data.procedures.entries()) {
    const parsed = parseProcedure(entry, index);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    const code = codeOf(parsed.raw) as string;
    if (byCode.has(code)) {
      problems.push(`#${index + 1}: mã ${code} trùng với một mục trước; bỏ qua`);
      continue;
    }
    byCode.set(code, {
      content: toProcedureContent(parsed.raw),
      effectiveFrom: parsed.raw.effective_from ?? options.defaultEffectiveFrom ?? localDate(now),
    });
  }

  return ctx.db.transaction(async (tx) => {
    const latest = await repo.latestVersions(tx, [...byCode.keys()]);
    const rows = [];
    let refused = 0;
    let kept = 0;
    for (const [code, { content, effectiveFrom }] of byCode) {
      const hash = hashOf(content);
      const previous = latest.get(code);
      if (previous?.hash === hash) continue;
      if (previous && options.keep?.(previous.source)) {
        kept++;
        continue;
      }
      if (previous && effectiveFrom <= previous.effectiveFrom) {
        problems.push(`${code}: ngày hiệu lực ${effectiveFrom} phải sau ngày hiệu lực của phiên bản ${previous.version} (${previous.effectiveFrom}); bỏ qua`);
        refused++;
        continue;
      }
      rows.push({ id: randomUUID(), code, version: (previous?.version ?? 0) + 1, effectiveFrom, content, hash, source: options.source });
    }
    for (let i = 0; i < rows.length; i += 500) await repo.insertVersions(tx, rows.slice(i, i + 500), now);
    if (rows.length > 0) {
      await appendAudit(tx, {
        chain: 'catalog',
        at: now,
        actorId: options.by ?? null,
        action: 'catalog.import',
        subjectType: 'catalog',
        subjectId: options.source,
        data: { versionsCreated: rows.length, codes: rows.slice(0, 50).map((r) => r.code) },
      });
    }
    return { imported: byCode.size, versionsCreated: rows.length, unchanged: byCode.size - rows.length - refused - kept, kept, problems, created: rows.map((r) => ({ code: r.code, version: r.version, effectiveFrom: r.effectiveFrom })) };
  });
}

/**
 * `motcua import procedures FILE`: a procedure file (`{procedures: [...]}`), or the national
 * catalogue as JSON Lines (`*.jsonl`, one record a line). National records never replace a
 * procedure whose newest version came from a richer source (the curated seed, an administrator).
 */
export async function importProceduresFile(ctx: AppContext, file: string): Promise<ImportResult> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw CatalogErrors.CATALOG_FILE_INVALID(undefined, { reason: (error as Error).message });
  }
  const source = path.basename(file);
  if (file.endsWith('.jsonl')) {
    const lines = parseJsonLines(text);
    const national = lines.records.filter(isNationalRecord);
    if (national.length === 0) throw CatalogErrors.CATALOG_FILE_INVALID(undefined, { reason: 'không có bản ghi danh mục quốc gia nào / no national catalogue record' });
    const others = lines.records.length - national.length;
    const result = await importProcedures(ctx, { procedures: national.map(fromNationalRecord) }, { source, by: 'cli', keep: (previous) => !previous.endsWith('.jsonl') });
    const problems = [...lines.problems, ...(others > 0 ? [`${others} dòng không phải bản ghi danh mục quốc gia; bỏ qua`] : []), ...result.problems];
    return { ...result, problems };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw CatalogErrors.CATALOG_FILE_INVALID(undefined, { reason: (error as Error).message });
  }
  return importProcedures(ctx, data, { source, by: 'cli' });
}
