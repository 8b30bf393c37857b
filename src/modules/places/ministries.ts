import type { AppContext } from '#platform/context.ts';
import { placesRepository as repo } from './places.repository.ts';
import type { Agency, AgencyKind } from './places.types.ts';

/** Kinds of the central tree outside the provinces' `AgencyKind` (stored as data, like `central` for Văn phòng Chính phủ). */
export type CentralKind = 'ministry' | 'ministry_unit';

/**
 * Ministries (bộ) and their units (cục, vụ) in the organisation tree, hosted like Văn phòng Chính phủ
 * (000.00.00.G22) by a national node: level `tw`, seated in Hà Nội, each unit's `parent_code` its
 * ministry. Codes in the shape of QCVN 102 (`000.00.YY.GXX`: GXX the ministry, YY its unit, as
 * `000.00.YY.HPP` for a province's departments). **Not verified** against the official list of
 * agency identifiers (after the 2025 reorganisation it is not available to us): sample seed data,
 * editable like every agency row (docs/modules/places.md, docs/modules/reporting.md).
 */
export const MINISTRIES: { code: string; name: string; units: { code: string; name: string }[] }[] = [
  {
    code: '000.00.00.G15',
    name: 'Bộ Tư pháp',
    units: [
      { code: '000.00.01.G15', name: 'Cục Bổ trợ tư pháp' },
      { code: '000.00.02.G15', name: 'Vụ Pháp luật dân sự – kinh tế' },
    ],
  },
];

/** At every start of a national node (MOTCUA_NODE_ROLE=national): the ministries and their units. Idempotent; never rewrites a row. */
export async function seedMinistries(ctx: Pick<AppContext, 'config' | 'db'>): Promise<void> {
  if (ctx.config.MOTCUA_NODE_ROLE !== 'national') return;
  await ctx.db.transaction(async (tx) => {
    const row = (code: string, name: string, kind: CentralKind, parentCode: string | null) => ({ code, name, kind: kind as AgencyKind, level: 'tw' as Agency['level'], provinceCode: '01', adminUnitCode: code, parentCode });
    for (const m of MINISTRIES) {
      await repo.insertAgencyIfMissing(tx, row(m.code, m.name, 'ministry', null));
      for (const u of m.units) await repo.insertAgencyIfMissing(tx, row(u.code, `${u.name} – ${m.name}`, 'ministry_unit', m.code));
    }
  });
}
