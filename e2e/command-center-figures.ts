import type { Page } from 'playwright-core';
import type { Db } from '../src/platform/db.ts';

/**
 * Issue 16's "Done when": the command center's figures recomputed **from the dossier logs**,
 * independently of the indicators' read model (no `indicator_*` table, no code of the
 * indicators module): each dossier's competent agency, channel, reception, due instant and end are
 * read from its `dossier_actions` (the log the dossier row is the reduction of), its rating from
 * `dossier_ratings`; one statement gives every province's counts. Shared by the browser test
 * (`command-center-recompute.test.ts`, a few thousand dossiers on PGlite) and the 1 M run
 * (`bench/command-center.bench.ts`, PostgreSQL).
 */
export interface ProvinceCounts {
  province: string;
  receivedToday: number;
  /** received by the end of today and not ended then */
  open: number;
  openOverdue: number;
  /** received by the end of the period and not ended then (a reception dated after today counts here, not in `open`) */
  openAtEnd: number;
  received: number;
  receivedOnline: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  rated: number;
  dissatisfied: number;
  /** received in the period, of a procedure offered fully online (toàn trình) — and of those, online */
  onlineEligible: number;
  onlineEligibleOnline: number;
  /** received in the period, of a fee-bearing procedure (a fee in its version, or a payment order) — and of those, paid */
  feeBearing: number;
  paidOnline: number;
  /** resolved in the period with a signed result not revoked */
  eResult: number;
}

/** Local (UTC+7) calendar day of an instant, written without the server's time-zone data. */
const day = (column: string) => `((${column} AT TIME ZONE 'UTC') + interval '7 hours')::date`;

const LOG_SQL = `
WITH log AS (
  SELECT a.dossier_id,
         (array_agg(a.data->>'competentAgency' ORDER BY a.seq) FILTER (WHERE a.action = 'submit'))[1] AS agency,
         (array_agg(a.data->>'channel' ORDER BY a.seq) FILTER (WHERE a.action = 'submit'))[1] AS channel,
         min(a.at) FILTER (WHERE a.action = 'receive') AS received_at,
         -- the legal due instant: before the first apology and new appointment, else the last one set
         coalesce((array_agg((a.data->>'previousDueAt')::timestamptz ORDER BY a.seq) FILTER (WHERE a.action = 'extend'))[1],
                  (array_agg((a.data->>'dueAt')::timestamptz ORDER BY a.seq DESC) FILTER (WHERE a.data ? 'dueAt' AND a.data ? 'dueDate'))[1]) AS due_at,
         (array_agg(CASE WHEN a.action = 'receive' THEN 'approve' ELSE a.action END ORDER BY a.seq DESC)
            FILTER (WHERE a.action IN ('approve', 'stop', 'withdraw') OR (a.action = 'receive' AND a.data ? 'resultId')))[1] AS end_action,
         max(a.at) FILTER (WHERE a.action IN ('approve', 'stop', 'withdraw') OR (a.action = 'receive' AND a.data ? 'resultId')) AS ended_at
    FROM dossier_actions a
   GROUP BY a.dossier_id
), d AS (
  SELECT g.province_code AS province, l.channel, l.received_at, l.due_at, l.end_action, l.ended_at,
         ${day('l.received_at')} AS received_day, ${day('l.ended_at')} AS ended_day,
         CASE WHEN l.end_action <> 'approve' THEN NULL
              WHEN l.due_at IS NULL THEN 'on_time'
              WHEN l.ended_at > l.due_at THEN 'late'
              WHEN ${day('l.ended_at')} < ${day('l.due_at')} THEN 'early' ELSE 'on_time' END AS outcome,
         r.rated_at, EXISTS (SELECT 1 FROM jsonb_each_text(r.scores) s WHERE s.value = 'khong_hai_long') AS dissatisfied,
         coalesce(p.online_level LIKE 'toan_trinh%', false) AS full_online,
         (EXISTS (SELECT 1 FROM payments pay WHERE pay.dossier_id = l.dossier_id)
          OR EXISTS (SELECT 1 FROM procedure_versions v CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.content->'fees', '[]'::jsonb)) fee
                      WHERE v.id::text = ds.procedure_version_id
                        AND (coalesce((fee->>'amountVnd')::numeric, 0) > 0 OR fee->>'type' IN ('per_page', 'set_by_province')))) AS fee_bearing,
         EXISTS (SELECT 1 FROM payments pay WHERE pay.dossier_id = l.dossier_id AND pay.status = 'paid') AS paid,
         EXISTS (SELECT 1 FROM results res WHERE res.dossier_id = l.dossier_id AND res.revoked_at IS NULL) AS e_result
    FROM log l
    JOIN agencies g ON g.code = l.agency
    -- the procedure the dossier was submitted under (fixed at submission; the catalogue's, not the read model's)
    JOIN dossiers ds ON ds.id = l.dossier_id
    LEFT JOIN procedures p ON p.code = ds.procedure_code
    LEFT JOIN dossier_ratings r ON r.dossier_id = l.dossier_id
   WHERE l.received_at IS NOT NULL
)
SELECT province,
       count(*) FILTER (WHERE received_day = $1::date)::int AS "receivedToday",
       count(*) FILTER (WHERE received_day <= $1::date AND (ended_at IS NULL OR ended_day > $1::date))::int AS open,
       count(*) FILTER (WHERE received_day <= $1::date AND ended_at IS NULL AND due_at < $4)::int AS "openOverdue",
       count(*) FILTER (WHERE received_day <= $3::date AND (ended_at IS NULL OR ended_day > $3::date))::int AS "openAtEnd",
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date)::int AS received,
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date AND channel = 'online')::int AS "receivedOnline",
       count(*) FILTER (WHERE ended_day BETWEEN $2::date AND $3::date AND outcome = 'early')::int AS "resolvedEarly",
       count(*) FILTER (WHERE ended_day BETWEEN $2::date AND $3::date AND outcome = 'on_time')::int AS "resolvedOnTime",
       count(*) FILTER (WHERE ended_day BETWEEN $2::date AND $3::date AND outcome = 'late')::int AS "resolvedLate",
       count(*) FILTER (WHERE ${day('rated_at')} BETWEEN $2::date AND $3::date)::int AS rated,
       count(*) FILTER (WHERE ${day('rated_at')} BETWEEN $2::date AND $3::date AND dissatisfied)::int AS dissatisfied,
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date AND full_online)::int AS "onlineEligible",
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date AND full_online AND channel = 'online')::int AS "onlineEligibleOnline",
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date AND fee_bearing)::int AS "feeBearing",
       count(*) FILTER (WHERE received_day BETWEEN $2::date AND $3::date AND fee_bearing AND paid)::int AS "paidOnline",
       count(*) FILTER (WHERE ended_day BETWEEN $2::date AND $3::date AND outcome IS NOT NULL AND e_result)::int AS "eResult"
  FROM d GROUP BY province ORDER BY province`;

/**
 * Every province's counts from the logs, for `today`, the period [from, to] (its end not before
 * today, as the current month the page opens on: pending at its end = open now) and `now`.
 */
export async function countsFromLogs(db: Db, input: { today: string; from: string; to: string; now: Date }): Promise<ProvinceCounts[]> {
  if (input.to < input.today) throw new Error('countsFromLogs: a period ending before today is not recomputed here');
  return db.query<ProvinceCounts>(LOG_SQL, [input.today, input.from, input.to, input.now]);
}

export interface FeedbackCounts {
  province: string | null;
  /** feedback (PAKN) whose answer date falls in the period */
  due: number;
  /** of those, answered by their answer date (local day) */
  onTime: number;
}

/** Feedback due in the period at each province's agencies, from the `feedback` table itself. */
export async function feedbackFromTable(db: Db, input: { from: string; to: string }): Promise<FeedbackCounts[]> {
  return db.query<FeedbackCounts>(
    `SELECT g.province_code AS province, count(*)::int AS due,
            count(*) FILTER (WHERE fb.answered_at IS NOT NULL AND ${day('fb.answered_at')} <= fb.answer_due_date)::int AS "onTime"
       FROM feedback fb JOIN agencies g ON g.code = fb.agency_code
      WHERE fb.answer_due_date BETWEEN $1::date AND $2::date
      GROUP BY g.province_code`,
    [input.from, input.to],
  );
}

/** One measured sub-indicator of the 766 index, as recounted here. */
export interface Recounted {
  numerator: number;
  denominator: number;
  points: number;
}

/**
 * The Decision 766 index of a unit recounted from the provinces' counts, with the weights and
 * targets written out here from domain.md §8 (not the module's rule book): the sub-indicators this
 * system measures — 2.1 on time (20), 3.x full-online share (12), 3.6 paid online (6), 4.1
 * e-results (6), 5.2 feedback on time (6), 5.4 satisfaction with dossier handling (6, target 90 %).
 * points = R × max, or with a target max when R ≥ target, else R × max / target; R rounded to 4 decimals, points to
 * 2; a zero denominator leaves the sub-indicator out (missing, not zero). The total is the sum.
 */
export function index766Of(rows: ProvinceCounts[], feedback: FeedbackCounts[], province: string | 'VN') {
  const mine = <T extends { province: string | null }>(list: T[]) => list.filter((r) => province === 'VN' || r.province === province);
  const s = (k: keyof Omit<ProvinceCounts, 'province'>) => mine(rows).reduce((a, r) => a + r[k], 0);
  const resolved = s('resolvedEarly') + s('resolvedOnTime') + s('resolvedLate');
  const pending = s('openAtEnd');
  const pendingOverdue = s('openOverdue');
  const fb = mine(feedback).reduce((a, r) => ({ due: a.due + r.due, onTime: a.onTime + r.onTime }), { due: 0, onTime: 0 });
  const sides: Record<string, [numerator: number, denominator: number, max: number, target: number | null]> = {
    '2.1': [s('resolvedEarly') + s('resolvedOnTime') + (pending - pendingOverdue), resolved + pending, 20, null],
    '3.x': [s('onlineEligibleOnline'), s('onlineEligible'), 12, null],
    '3.6': [s('paidOnline'), s('feeBearing'), 6, null],
    '4.1': [s('eResult'), resolved, 6, null],
    '5.2': [fb.onTime, fb.due, 6, null],
    // handled − late − overdue − "không hài lòng" ratings, over handled
    '5.4': [resolved + pending - s('resolvedLate') - pendingOverdue - s('dissatisfied'), resolved + pending, 6, 0.9],
  };
  const indicators: Record<string, Recounted | null> = {};
  let hundredths = 0;
  for (const [id, [numerator, denominator, max, target]] of Object.entries(sides)) {
    if (denominator === 0) {
      indicators[id] = null;
      continue;
    }
    const r = Math.round((numerator / denominator) * 10_000) / 10_000;
    const points = Math.round((target === null ? r * max : r >= target ? max : (r * max) / target) * 100) / 100;
    indicators[id] = { numerator, denominator, points };
    hundredths += Math.round(points * 100);
  }
  const measured = Object.values(indicators).some((i) => i !== null);
  return { indicators, total: measured ? hundredths / 100 : null };
}

/** The 766 tile as the page prints it (vi-VN number, "—" when nothing is measured). */
export const printedIndex = (total: number | null) => (total === null ? '—' : new Intl.NumberFormat('vi-VN').format(total));

/** The 766 index tile's text on the command center page. */
export async function readIndexTile(page: Page, timeout = 120_000): Promise<string> {
  const tile = page.getByTestId('tile-766');
  await tile.waitFor({ timeout });
  return ((await tile.textContent()) ?? '').trim();
}

/** The measured sub-indicators of a `GET /api/v1/indicators/766` answer, in the recount's shape. */
export function measuredOf(answer: { total: number | null; groups: { indicators: { id: string; numerator: number | null; denominator: number | null; points: number | null; missing: boolean }[] }[] }) {
  const indicators: Record<string, Recounted | null> = {};
  /** sub-indicators scored that the recount does not know: none, or the totals cannot agree */
  const others: string[] = [];
  for (const i of answer.groups.flatMap((g) => g.indicators)) {
    if (!['2.1', '3.x', '3.6', '4.1', '5.2', '5.4'].includes(i.id)) {
      if (i.points !== null) others.push(i.id);
      continue;
    }
    indicators[i.id] = i.missing ? null : { numerator: i.numerator!, denominator: i.denominator!, points: i.points! };
  }
  return { indicators, total: answer.total, others };
}

export interface Tiles {
  receivedToday: number;
  inProgress: number;
  overdue: number;
  onTimeRate: number | null;
  onlineShare: number | null;
  satisfaction: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** The tiles of a unit (one province, or all of them for the nation) from the provinces' counts. */
/** The tiles of an answer that may carry more (the command center's API): what is compared with the logs. */
export const pickTiles = (t: Tiles): Tiles => ({
  receivedToday: t.receivedToday,
  inProgress: t.inProgress,
  overdue: t.overdue,
  onTimeRate: t.onTimeRate,
  onlineShare: t.onlineShare,
  satisfaction: t.satisfaction,
});

export function tilesOf(rows: ProvinceCounts[], province: string | 'VN'): Tiles {
  const s = (k: keyof Omit<ProvinceCounts, 'province'>) =>
    rows.filter((r) => province === 'VN' || r.province === province).reduce((a, r) => a + r[k], 0);
  // pending at the end of the period (not before today): overdue are those open now past their due instant
  const pendingInTime = s('openAtEnd') - s('openOverdue');
  const resolved = s('resolvedEarly') + s('resolvedOnTime') + s('resolvedLate');
  return {
    receivedToday: s('receivedToday'),
    inProgress: s('open'),
    overdue: s('openOverdue'),
    // 766 indicator 2.1: resolved early or on time and pending within time, over resolved and pending
    onTimeRate: ratio(s('resolvedEarly') + s('resolvedOnTime') + pendingInTime, resolved + s('openAtEnd')),
    onlineShare: ratio(s('receivedOnline'), s('received')),
    satisfaction: ratio(s('rated') - s('dissatisfied'), s('rated')),
  };
}

/** The tiles as the page prints them (vi-VN numbers and percentages, "—" when missing). */
export function printed(t: Tiles): Record<keyof Tiles, string> {
  const num = (v: number) => new Intl.NumberFormat('vi-VN').format(v);
  const pct = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(v));
  return {
    receivedToday: num(t.receivedToday),
    inProgress: num(t.inProgress),
    overdue: num(t.overdue),
    onTimeRate: pct(t.onTimeRate),
    onlineShare: pct(t.onlineShare),
    satisfaction: pct(t.satisfaction),
  };
}

const TILE_IDS: Record<keyof Tiles, string> = {
  receivedToday: 'tile-received-today',
  inProgress: 'tile-in-progress',
  overdue: 'tile-overdue',
  onTimeRate: 'tile-on-time',
  onlineShare: 'tile-online',
  satisfaction: 'tile-satisfaction',
};

/** The tile texts on the command center page (waits until they are shown). */
export async function readTiles(page: Page, timeout = 120_000): Promise<Record<keyof Tiles, string>> {
  await page.getByTestId('tile-on-time').waitFor({ timeout });
  const out = {} as Record<keyof Tiles, string>;
  for (const [k, id] of Object.entries(TILE_IDS)) out[k as keyof Tiles] = ((await page.getByTestId(id).textContent()) ?? '').trim();
  return out;
}

/** The national tile map with the indicator "received in the period": province name → printed figure. */
export async function readReceivedMap(page: Page, timeout = 120_000): Promise<Map<string, string>> {
  await page.getByLabel('Chỉ tiêu').selectOption('received');
  const tiles = page.getByRole('list', { name: /Bản đồ ô các tỉnh/ }).getByRole('button');
  // the map has been redrawn with the received counts when every label ends in a count (and rank)
  const deadline = Date.now() + timeout;
  for (;;) {
    const labels = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    if (labels.length === 34 && labels.every((l) => /: [\d.]+(, |$)/.test(l))) {
      return new Map(labels.map((l) => {
        const m = /^(.*): ([\d.]+)/.exec(l)!;
        return [m[1], m[2]];
      }));
    }
    if (Date.now() > deadline) throw new Error(`the map of received dossiers did not appear: ${labels.slice(0, 3).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
