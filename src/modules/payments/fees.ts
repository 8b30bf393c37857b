import { type Channel, type FeeQuote, type FeeRule, quoteFee } from '#modules/catalog/index.ts';

export { type Channel, type FeeLine, type FeeQuote, quoteFee } from '#modules/catalog/index.ts';

/**
 * The fee a citizen can pay online when submitting: only when every rule that applies to the
 * channel is a flat amount (nothing depends on pages counted at the desk or on a province's
 * decision) and the total is positive. Otherwise null: the agency asks for payment later.
 */
export function fixedFee(rules: FeeRule[], channel: Channel): FeeQuote | null {
  const quote = quoteFee(rules, { channel });
  const applicable = rules.filter((r) => !r.channel || r.channel === channel);
  if (!quote.complete || quote.totalVnd <= 0 || applicable.some((r) => r.type !== 'flat')) return null;
  return quote;
}
