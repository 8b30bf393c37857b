import { z } from 'zod';
import type { RoutesPlugin } from '../../http/context.ts';
import { PlacesErrors } from './places.errors.ts';
import { placesRepository as repo } from './places.repository.ts';

const tags = ['places'];
const provinceCode = z.string().regex(/^\d{2}$/, 'mã tỉnh gồm 2 chữ số / 2-digit province code');
const agencyKind = z.enum(['people_committee', 'public_service_center', 'police', 'justice', 'social_insurance', 'finance']);
const agencyOut = (a: {
  code: string;
  name: string;
  kind: string;
  level: string;
  provinceCode: string;
  adminUnitCode: string;
  provinceName?: string;
  communeName?: string | null;
}) => ({
  code: a.code,
  name: a.name,
  kind: a.kind,
  level: a.level,
  provinceCode: a.provinceCode,
  adminUnitCode: a.adminUnitCode,
  ...(a.provinceName === undefined ? {} : { provinceName: a.provinceName, communeName: a.communeName ?? null }),
});

/** Public registers: provinces, communes, pre-2025 names, agencies (api.md §4). */
export const placesRoutes: RoutesPlugin = (app, { db }) => {
  app.get('/api/v1/places/provinces', { schema: { tags, description: '34 tỉnh, thành phố (2025)' } }, async () => ({
    items: await repo.listProvinces(db),
  }));

  app.get(
    '/api/v1/places/provinces/:code/communes',
    { schema: { tags, description: 'Xã, phường, đặc khu của một tỉnh', params: z.object({ code: provinceCode }) } },
    async (req) => {
      if (!(await repo.findProvince(db, req.params.code))) throw PlacesErrors.PROVINCE_NOT_FOUND();
      return { items: await repo.listCommunes(db, req.params.code) };
    },
  );

  app.get(
    '/api/v1/places/legacy',
    {
      schema: {
        tags,
        description: 'Tra cứu đơn vị hành chính trước sáp nhập 2025 / pre-2025 unit names mapped to today',
        querystring: z.object({ q: z.string().trim().min(1).max(100) }),
      },
    },
    async (req) => {
      const rows = await repo.searchLegacy(db, req.query.q.normalize('NFC'), 50);
      return {
        items: rows.map((r) => ({
          oldName: r.oldName,
          note: r.note,
          province: { code: r.provinceCode, name: r.provinceName },
          commune: r.communeCode ? { code: r.communeCode, name: r.communeName, kind: r.communeKind } : null,
          newCommuneName: r.newCommuneName,
        })),
      };
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags,
        description: 'Cơ quan, đơn vị (tối đa 500; q: tên, mã, xã hoặc tỉnh, có hoặc không dấu) / agencies, searchable',
        querystring: z.object({
          provinceCode: provinceCode.optional(),
          adminUnitCode: z.string().regex(/^\d{2}(\d{3})?$/).optional(),
          kind: agencyKind.optional(),
          level: z.enum(['tinh', 'xa']).optional(),
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => ({ items: (await repo.listAgencies(db, req.query)).map(agencyOut) }),
  );

  app.get(
    '/api/v1/agencies/:code',
    { schema: { tags, params: z.object({ code: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/) }) } },
    async (req) => {
      const agency = await repo.findAgency(db, req.params.code);
      if (!agency) throw PlacesErrors.AGENCY_NOT_FOUND();
      return agencyOut(agency);
    },
  );
};
