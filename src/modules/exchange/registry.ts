import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import type { Sql } from '#platform/db.ts';
import { findAgency } from '#modules/places/index.ts';
import * as repo from './exchange.repository.ts';

/**
 * The agency → node registry. A sender addresses agencies; which installation (node) hosts an
 * agency follows from what each node announces: the provinces it serves (every agency whose
 * code ends in `H<province>`) and, for a national node, the central bodies it hosts by name
 * (`000.00.00.G22` Văn phòng Chính phủ). Announcements travel on the bus
 * (`<federation>.registry.<node>`) or are fetched from HTTP peers (`GET /api/v1/exchange/node`).
 */
type Ctx = Pick<AppContext, 'config'>;

/** Central bodies a national node hosts (QCVN 102 codes from the VPCP samples, domain.md §4.1). */
export const CENTRAL_AGENCIES = [{ code: '000.00.00.G22', name: 'Văn phòng Chính phủ' }] as const;

export interface Announcement {
  nodeId: string;
  role: 'local' | 'national';
  url: string | null;
  provinces: string[];
  agencies: { code: string; name: string }[];
}

/** Province codes served here: the setting, else all (local node) or none (national node). */
export async function servedProvinces(ctx: Ctx, tx: Sql): Promise<string[]> {
  if (ctx.config.MOTCUA_PROVINCES) return ctx.config.MOTCUA_PROVINCES;
  return ctx.config.MOTCUA_NODE_ROLE === 'national' || ctx.config.MOTCUA_HOSTED_AGENCIES.length > 0 ? [] : repo.listProvinceCodes(tx);
}

export async function selfAnnouncement(ctx: Ctx, tx: Sql): Promise<Announcement> {
  return {
    nodeId: ctx.config.MOTCUA_NODE_ID,
    role: ctx.config.MOTCUA_NODE_ROLE,
    url: publicUrl(ctx.config),
    provinces: await servedProvinces(ctx, tx),
    agencies: [...(ctx.config.MOTCUA_NODE_ROLE === 'national' ? CENTRAL_AGENCIES.map((a) => ({ ...a })) : []), ...(await hostedByName(ctx, tx))],
  };
}

/** The agencies this node hosts by name (MOTCUA_HOSTED_AGENCIES), with their names from the places register. */
async function hostedByName(ctx: Ctx, tx: Sql): Promise<{ code: string; name: string }[]> {
  const out: { code: string; name: string }[] = [];
  for (const code of ctx.config.MOTCUA_HOSTED_AGENCIES) out.push({ code, name: (await findAgency(tx, code))?.name ?? code });
  return out;
}

/** Province of a QCVN 102 code whose level-1 part is `H<pp>` (provincial and commune bodies). */
export const provinceOfCode = (code: string): string | null => /\.H(\d{2})$/.exec(code)?.[1] ?? null;

export interface ResolvedAgency {
  code: string;
  name: string;
  /** The hosting node's id; `self` for this installation. */
  node: string;
}

/** Which node hosts an agency, and its name; null when no known node hosts it. */
export async function resolveAgency(ctx: Ctx, tx: Sql, code: string): Promise<ResolvedAgency | null> {
  const self = ctx.config.MOTCUA_NODE_ID;
  const central = CENTRAL_AGENCIES.find((a) => a.code === code);
  if (central && ctx.config.MOTCUA_NODE_ROLE === 'national') return { code, name: central.name, node: self };
  const province = provinceOfCode(code);
  const local = province ? await findAgency(tx, code) : null;
  // An agency a node hosts by name is that node's, before any province rule.
  if (ctx.config.MOTCUA_HOSTED_AGENCIES.includes(code)) return { code, name: local?.name ?? code, node: self };
  const nodes = (await repo.listNodes(tx)).filter((n) => n.nodeId !== self);
  for (const node of nodes) {
    const hosted = node.agencies.find((a) => a.code === code);
    if (hosted) return { code, name: hosted.name, node: node.nodeId };
  }
  if (local && province && (await servedProvinces(ctx, tx)).includes(province)) return { code, name: local.name, node: self };
  for (const node of nodes) {
    if (local && province && node.provinces.includes(province)) return { code, name: local.name, node: node.nodeId };
  }
  return null;
}

export async function saveAnnouncement(ctx: Pick<AppContext, 'config' | 'clock'>, tx: Sql, a: Announcement): Promise<void> {
  if (a.nodeId === ctx.config.MOTCUA_NODE_ID) return;
  await repo.saveNode(tx, { ...a, announcedAt: ctx.clock.now() });
}
