import { describe, expect, it } from 'vitest';
import type { FeeRule } from '#modules/catalog/index.ts';
import { quoteFee } from './fees.ts';

const rule = (r: Partial<FeeRule>): FeeRule => ({ label: 'Lệ phí', type: 'flat', amountVnd: 0, note: null, verified: true, ...r });

describe('quoteFee', () => {
  it('charges per page with a lower rate after the first pages and a cap per copy (chứng thực bản sao)', () => {
    const copy = rule({ type: 'per_page', amountVnd: null, perPage: { firstPages: 2, rateFirstVnd: 2000, rateNextVnd: 1000, capPerCopyVnd: 200_000 } });
    expect(quoteFee([copy], { channel: 'direct', pages: 1 }).totalVnd).toBe(2000);
    expect(quoteFee([copy], { channel: 'direct', pages: 5 }).totalVnd).toBe(2 * 2000 + 3 * 1000);
    expect(quoteFee([copy], { channel: 'direct', pages: 5, copies: 3 }).totalVnd).toBe(3 * 7000);
    expect(quoteFee([copy], { channel: 'direct', pages: 1000 }).totalVnd).toBe(200_000);
  });

  it('uses the rule of the channel instead of the general rule of the same name (online discount)', () => {
    const rules = [rule({ amountVnd: 100_000 }), rule({ amountVnd: 50_000, channel: 'online' }), rule({ label: 'Phí bưu chính', amountVnd: 20_000, channel: 'postal' })];
    expect(quoteFee(rules, { channel: 'online' })).toMatchObject({ totalVnd: 50_000, complete: true });
    expect(quoteFee(rules, { channel: 'direct' }).totalVnd).toBe(100_000);
    expect(quoteFee(rules, { channel: 'postal' }).totalVnd).toBe(120_000);
  });

  it('says the quote is incomplete when the province sets the amount, and counts free procedures as zero', () => {
    const quote = quoteFee([rule({ amountVnd: 8000 }), rule({ label: 'Phí do HĐND tỉnh quy định', type: 'set_by_province', amountVnd: null })], { channel: 'direct' });
    expect(quote).toMatchObject({ totalVnd: 8000, complete: false });
    expect(quote.lines[1].amountVnd).toBeNull();
    expect(quoteFee([rule({ amountVnd: 0 })], { channel: 'online' })).toMatchObject({ totalVnd: 0, complete: true });
    expect(quoteFee([], { channel: 'online' })).toMatchObject({ totalVnd: 0, complete: true, lines: [] });
  });
});
