import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '#platform/context.ts';
import { communeAgencyCode, communeBodies, provincialAgencyCode, provincialBodies } from './agency-codes.ts';
import { placesRepository as repo } from './places.repository.ts';
import type { Agency } from './places.types.ts';

const seedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

interface UnitsFile {
  provinces: { code: string; name: string; kind: string; communes: { code: string; name: string; kind: string }[] }[];
}

/** Folds a unit name for matching: no diacritics (any tone placement), no kind prefix, lower case. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^(thanh pho|tinh|xa|phuong|dac khu|thi tran)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const provinceAliases: Record<string, string> = { 'tp hcm': 'ho chi minh' };

/** "Xã A, Xã B (phần còn lại sau khi sáp nhập vào xã C, D)" → [{name, note}] (commas inside parentheses kept). */
export function splitOldUnits(text: string): { name: string; note: string | null }[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(.*?)\s*\((.*)\)\s*$/.exec(p);
      return m ? { name: m[1].trim(), note: m[2].trim() } : { name: p, note: null };
    });
}

/** Loads provinces, communes, the merger mapping and agencies once. Returns unmatched merger rows. */
export async function seedPlaces(ctx: AppContext): Promise<{ unmatched: number }> {
  return ctx.db.transaction(async (tx) => {
    if ((await repo.countProvinces(tx)) > 0) return { unmatched: 0 };
    const units = JSON.parse(fs.readFileSync(path.join(seedDir, 'admin-units-2025.json'), 'utf8')) as UnitsFile;
    const nfc = (s: string) => s.normalize('NFC');
    await repo.insertProvinces(
      tx,
      units.provinces.map((p) => ({ code: p.code, name: nfc(p.name), kind: p.kind })),
    );
    const communes = units.provinces.flatMap((p) =>
      [...p.communes]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((c, i) => ({ code: c.code, provinceCode: p.code, name: nfc(c.name), kind: c.kind, ordinal: i + 1 })),
    );
    await repo.insertCommunes(tx, communes);

    const agencies: Agency[] = [];
    for (const p of units.provinces) {
      const root = provincialAgencyCode(p.code, '00');
      for (const body of provincialBodies) {
        agencies.push({
          code: provincialAgencyCode(p.code, body.unit),
          name: body.name(nfc(p.name)),
          kind: body.kind,
          level: 'tinh',
          provinceCode: p.code,
          adminUnitCode: p.code,
          parentCode: body.unit === '00' ? null : root,
        });
      }
    }
    for (const c of communes) {
      for (const body of communeBodies) {
        agencies.push({
          code: communeAgencyCode(c.provinceCode, c.ordinal, body.unit),
          name: body.name(c.name),
          kind: body.kind,
          level: 'xa',
          provinceCode: c.provinceCode,
          adminUnitCode: c.code,
          parentCode: provincialAgencyCode(c.provinceCode, '00'),
        });
      }
    }
    await repo.insertAgencies(tx, agencies);

    // Pre-2025 → today: match the CSV's province and new-commune names to the register.
    const provinceByName = new Map(units.provinces.map((p) => [foldName(p.name), p.code]));
    const communeIndex = new Map<string, string[]>();
    for (const c of communes) {
      const key = `${c.provinceCode}|${foldName(c.name)}`;
      communeIndex.set(key, [...(communeIndex.get(key) ?? []), c.code]);
    }
    const rows = parse(fs.readFileSync(path.join(seedDir, 'commune-mergers-2025.csv'), 'utf8'), {
      from_line: 2,
      relax_column_count: true,
    }) as string[][];
    let unmatched = 0;
    const legacy: { provinceCode: string; oldName: string; note: string | null; newCode: string | null; newName: string }[] = [];
    for (const [provinceText, newName, oldText] of rows) {
      const folded = foldName(provinceText);
      const provinceCode = provinceByName.get(provinceAliases[folded] ?? folded);
      if (!provinceCode || !newName) {
        unmatched++;
        continue;
      }
      const matches = communeIndex.get(`${provinceCode}|${foldName(newName)}`) ?? [];
      const newCode = matches.length === 1 ? matches[0] : null;
      if (!newCode) unmatched++;
      for (const old of splitOldUnits(oldText ?? '')) {
        legacy.push({ provinceCode, oldName: nfc(old.name), note: old.note && nfc(old.note), newCode, newName: nfc(newName) });
      }
    }
    await repo.insertLegacyUnits(tx, legacy);
    return { unmatched };
  });
}
