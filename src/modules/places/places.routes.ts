import { errors, publicErrors } from '#platform/contract.ts';
import type { RoutesPlugin } from '#platform/context.ts';
import { PlacesErrors } from './places.errors.ts';
import {
  Agency,
  AgenciesQuery,
  AgencyList,
  AgencyParams,
  CommuneList,
  CommunesParams,
  LegacyList,
  LegacyQuery,
  ProvinceList,
} from './places.contract.ts';
import { placesRepository as repo } from './places.repository.ts';
import type { Agency as AgencyRow } from './places.types.ts';

const tags = ['places'];
/** An agency row as the API answers it (without its parent; with the place names when the read joined them). */
const agencyOut = (a: Omit<AgencyRow, 'parentCode'> & { provinceName?: string; communeName?: string | null }): Agency => ({
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
  app.get('/api/v1/places/provinces', { schema: { tags, description: '34 tỉnh, thành phố (2025)', response: { 200: ProvinceList, ...errors() } } }, async () => ({
    items: await repo.listProvinces(db),
  }));

  app.get(
    '/api/v1/places/provinces/:code/communes',
    { schema: { tags, description: 'Xã, phường, đặc khu của một tỉnh', params: CommunesParams, response: { 200: CommuneList, ...publicErrors } } },
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
        querystring: LegacyQuery,
        response: { 200: LegacyList, ...errors() },
      },
    },
    async (req) => {
      const rows = await repo.searchLegacy(db, req.query.q.normalize('NFC'), 50);
      return {
        items: rows.map((r) => ({
          oldName: r.oldName,
          note: r.note,
          province: { code: r.provinceCode, name: r.provinceName },
          commune: r.communeCode && r.communeName && r.communeKind ? { code: r.communeCode, name: r.communeName, kind: r.communeKind } : null,
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
        querystring: AgenciesQuery,
        response: { 200: AgencyList, ...errors() },
      },
    },
    async (req) => ({ items: (await repo.listAgencies(db, req.query)).map(agencyOut) }),
  );

  app.get(
    '/api/v1/agencies/:code',
    { schema: { tags, description: 'Một cơ quan / one agency', params: AgencyParams, response: { 200: Agency, ...publicErrors } } },
    async (req) => {
      const agency = await repo.findAgency(db, req.params.code);
      if (!agency) throw PlacesErrors.AGENCY_NOT_FOUND();
      return agencyOut(agency);
    },
  );
};
