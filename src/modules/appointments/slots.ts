/** "HH:MM" of minutes after midnight. */
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface Slot {
  start: string;
  end: string;
}

/**
 * The slots of a day: each office-hours range (morning, afternoon) cut into `slotMinutes`; a
 * remainder shorter than a slot is not offered.
 */
export function slotsOf(ranges: [number, number][], slotMinutes: number): Slot[] {
  const out: Slot[] = [];
  for (const [from, to] of ranges) {
    for (let m = from; m + slotMinutes <= to; m += slotMinutes) out.push({ start: toHhmm(m), end: toHhmm(m + slotMinutes) });
  }
  return out;
}

/** Defaults until the administrator sets an agency's own (30 minutes, 2 people per slot). */
export const DEFAULT_SETTINGS = { slotMinutes: 30, capacity: 2 } as const;
