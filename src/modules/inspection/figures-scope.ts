import type { Role } from '#platform/actor.ts';

/**
 * Whose post-control figures (số liệu hậu kiểm, `GET /api/v1/inspection/figures`) a set of grants
 * reads: national oversight any province (or the nation, `null`); a provincial leader, an
 * inspector or a head of inspection their own province (the first, when none is asked).
 * `undefined`: none — a commune leader, for one, gets 403 FIGURES_NOT_ALLOWED.
 *
 * One rule over plain grants, read by the server's guard (`policy.ts` → the route) and by the
 * command center in the browser (the user's grants from /me), which asks only where it may and
 * otherwise shows no post-control card.
 */
export const FIGURES_ROLES = ['provincial_leader', 'inspector', 'inspection_leader'] as const satisfies readonly Role[];

export function figuresScopeOf(grants: readonly { role: string; provinceCode: string | null }[], asked: string | undefined): string | null | undefined {
  if (grants.some((g) => g.role === 'national_oversight')) return asked ?? null;
  const mine = [...new Set(grants.flatMap((g) => ((FIGURES_ROLES as readonly string[]).includes(g.role) && g.provinceCode ? [g.provinceCode] : [])))];
  if (asked === undefined) return mine[0];
  return mine.includes(asked) ? asked : undefined;
}
