/**
 * The colour scale of the command center's map, chosen by what the indicator measures:
 * - a **count** (received, overdue) has no good or bad end by itself — a large province receives
 *   more — so it gets a **sequential** scale, light blue (few) → dark blue (many);
 * - a **rate or score** (on-time rate, online share, the 766 index) gets the red → green scale,
 *   green at the good end (`higherIsBetter`; flipped for a rate where high is bad).
 * Five classes over the values' range; a missing value has its own hatched class. The tile also
 * prints its value, so colour is never the only carrier.
 */
export type MapScale = { kind: 'sequential' } | { kind: 'diverging'; higherIsBetter: boolean };

export const MAP_SCALES = {
  onTimeRate: { kind: 'diverging', higherIsBetter: true },
  onlineShare: { kind: 'diverging', higherIsBetter: true },
  index766: { kind: 'diverging', higherIsBetter: true },
  received: { kind: 'sequential' },
  overdue: { kind: 'sequential' },
} as const satisfies Record<string, MapScale>;

export type MapIndicatorName = keyof typeof MAP_SCALES;

export const NO_DATA_CLASS = 'cc-tile-none';

/** Class of step 0 (lowest value) … 4 (highest value) on a scale. */
export function stepClass(scale: MapScale, step: number): string {
  if (scale.kind === 'sequential') return `cc-tile-seq-${step}`;
  // red (0) … green (4): the good end is green
  return `cc-tile-${scale.higherIsBetter ? step : 4 - step}`;
}

/** The class of each value: five equal classes over the range of the values shown. */
export function tileClasses(values: number[], scale: MapScale): (v: number | null) => string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return (v) => {
    if (v === null || values.length === 0) return NO_DATA_CLASS;
    const step = max === min ? 0 : Math.max(0, Math.min(4, Math.floor(((v - min) / (max - min)) * 5)));
    return stepClass(scale, step);
  };
}

/** The legend's two ends: the class of the lowest and of the highest value, and their words. */
export function legendOf(scale: MapScale): { low: string; high: string; lowKey: string; highKey: string } {
  const words = scale.kind === 'sequential' ? { lowKey: 'commandCenter.legendFew', highKey: 'commandCenter.legendMany' } : { lowKey: 'commandCenter.legendLow', highKey: 'commandCenter.legendHigh' };
  return { low: stepClass(scale, 0), high: stepClass(scale, 4), ...words };
}
