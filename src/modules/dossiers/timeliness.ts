import { localDate } from '#platform/clock.ts';

/** trong_han / qua_han while in progress; truoc_han / dung_han / qua_han once finished (domain.md §3.9). */
export type Timeliness = 'trong_han' | 'qua_han' | 'truoc_han' | 'dung_han';

export const timelinessLabels = {
  trong_han: { vi: 'Trong hạn', en: 'Within time' },
  qua_han: { vi: 'Quá hạn', en: 'Overdue' },
  truoc_han: { vi: 'Trước hạn', en: 'Before the due day' },
  dung_han: { vi: 'Đúng hạn', en: 'On the due day' },
} as const satisfies Record<Timeliness, { vi: string; en: string }>;

/**
 * A dossier (or one hand-over step) against its due instant. Finished before the local due
 * day → truoc_han; on the due day, not after the due instant → dung_han; later → qua_han.
 * In progress: trong_han until the due instant, qua_han after. No due yet → null.
 */
export function timeliness(input: { dueAt: Date | null; finishedAt: Date | null; now: Date }): Timeliness | null {
  const { dueAt, finishedAt, now } = input;
  if (!dueAt) return null;
  if (!finishedAt) return now.getTime() <= dueAt.getTime() ? 'trong_han' : 'qua_han';
  if (finishedAt.getTime() > dueAt.getTime()) return 'qua_han';
  return localDate(finishedAt) < localDate(dueAt) ? 'truoc_han' : 'dung_han';
}
