import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legendOf, MAP_SCALES, stepClass, tileClasses } from '../src/web/modules/command-center/map-scale.ts';

/**
 * The command center map's colours (issue 16): a count (received, overdue) is drawn on a
 * sequential light → dark blue scale — a province with few dossiers is not "bad", so not red —
 * and only rates and scores use red → green, green at the good end.
 */
const received = [12, 40, 250, 1_000];

describe('map colour scale', () => {
  it('draws counts light (few) to dark (many) on the sequential scale, never red or green', () => {
    const cls = tileClasses(received, MAP_SCALES.received);
    expect(received.map(cls)).toEqual(['cc-tile-seq-0', 'cc-tile-seq-0', 'cc-tile-seq-1', 'cc-tile-seq-4']);
    const overdue = tileClasses([0, 3, 9], MAP_SCALES.overdue);
    expect([0, 3, 9].map(overdue)).toEqual(['cc-tile-seq-0', 'cc-tile-seq-1', 'cc-tile-seq-4']);
    for (const v of received) expect(cls(v)).toMatch(/^cc-tile-seq-[0-4]$/);
  });

  it('draws rates where high is good red (low) to green (high), and flips a rate where high is bad', () => {
    const rates = [0.5, 0.7, 0.95];
    expect(rates.map(tileClasses(rates, MAP_SCALES.onTimeRate))).toEqual(['cc-tile-0', 'cc-tile-2', 'cc-tile-4']);
    expect(rates.map(tileClasses(rates, MAP_SCALES.index766))).toEqual(['cc-tile-0', 'cc-tile-2', 'cc-tile-4']);
    expect(rates.map(tileClasses(rates, { kind: 'diverging', higherIsBetter: false }))).toEqual(['cc-tile-4', 'cc-tile-2', 'cc-tile-0']);
  });

  it('marks a missing value apart and puts equal values in the first class', () => {
    expect(tileClasses(received, MAP_SCALES.received)(null)).toBe('cc-tile-none');
    expect(tileClasses([], MAP_SCALES.onlineShare)(null)).toBe('cc-tile-none');
    expect([7, 7].map(tileClasses([7, 7], MAP_SCALES.received))).toEqual(['cc-tile-seq-0', 'cc-tile-seq-0']);
  });

  it('names the legend ends by the scale: few / many for counts, low / high in red → green for rates', () => {
    expect(legendOf(MAP_SCALES.received)).toEqual({ low: 'cc-tile-seq-0', high: 'cc-tile-seq-4', lowKey: 'commandCenter.legendFew', highKey: 'commandCenter.legendMany' });
    expect(legendOf(MAP_SCALES.onTimeRate)).toEqual({ low: 'cc-tile-0', high: 'cc-tile-4', lowKey: 'commandCenter.legendLow', highKey: 'commandCenter.legendHigh' });
    const vi = JSON.parse(fs.readFileSync('src/web/i18n/vi.json', 'utf8'));
    expect([vi.commandCenter.legendFew, vi.commandCenter.legendMany]).toEqual(['ít', 'nhiều']);
  });

  it('styles every class: the sequential one blue and darker step by step, every text readable (contrast ≥ 4.5)', () => {
    const css = fs.readFileSync('src/web/modules/command-center/command-center.css', 'utf8');
    const colours = (cls: string) => {
      const m = new RegExp(`\\.${cls} \\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{3,6}); \\}`).exec(css);
      expect(m, cls).not.toBeNull();
      return { bg: m![1], fg: m![2] };
    };
    const lum = (hex: string) => {
      const h = hex.length === 4 ? hex.replace(/[0-9a-f]/g, (c) => c + c) : hex;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const seq = [0, 1, 2, 3, 4].map((s) => colours(stepClass(MAP_SCALES.received, s)));
    for (let i = 1; i < seq.length; i++) expect(lum(seq[i].bg)).toBeLessThan(lum(seq[i - 1].bg));
    for (const { bg } of seq) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
      expect(b, `${bg} is blue`).toBeGreaterThan(r);
      expect(b).toBeGreaterThanOrEqual(g);
    }
    for (const s of [0, 1, 2, 3, 4]) {
      for (const { bg, fg } of [seq[s], colours(stepClass(MAP_SCALES.onTimeRate, s))]) expect(contrast(bg, fg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
