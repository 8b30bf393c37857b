import type { FeeRule } from './catalog.types.ts';

/** Fee quotes from a procedure version's fee rules (the catalogue's data; payments and the counter use them). */

export type Channel = 'direct' | 'online' | 'postal';

export interface FeeLine {
  label: string;
  /** null: the law leaves the amount to the province or the officer (set when payment is requested). */
  amountVnd: number | null;
  note: string | null;
  verified: boolean;
}

export interface FeeQuote {
  lines: FeeLine[];
  /** Sum of the lines that have an amount. */
  totalVnd: number;
  /** false when a line has no amount: the agency states the rest when it asks for payment. */
  complete: boolean;
}

/**
 * The fee (phí, lệ phí) a dossier owes under a procedure version's fee rules: flat amounts,
 * per-page rates (first pages, next pages, cap per copy) times copies, and rules limited to a
 * channel (an online discount is published as its own rule for channel `online`, and then
 * replaces the general rule with the same label).
 */
export function quoteFee(rules: FeeRule[], input: { channel: Channel; pages?: number; copies?: number }): FeeQuote {
  const pages = input.pages ?? 1;
  const copies = input.copies ?? 1;
  const forChannel = rules.filter((r) => !r.channel || r.channel === input.channel);
  const specific = new Set(forChannel.filter((r) => r.channel).map((r) => r.label));
  const applicable = forChannel.filter((r) => r.channel || !specific.has(r.label));
  const lines = applicable.map((rule): FeeLine => ({
    label: rule.label,
    amountVnd: amountOf(rule, pages, copies),
    note: rule.note,
    verified: rule.verified,
  }));
  return {
    lines,
    totalVnd: lines.reduce((sum, l) => sum + (l.amountVnd ?? 0), 0),
    complete: lines.every((l) => l.amountVnd !== null),
  };
}

function amountOf(rule: FeeRule, pages: number, copies: number): number | null {
  if (rule.type === 'flat') return rule.amountVnd === null ? null : rule.amountVnd * copies;
  if (rule.type === 'per_page' && rule.perPage) {
    const { firstPages, rateFirstVnd, rateNextVnd, capPerCopyVnd } = rule.perPage;
    const perCopy = Math.min(pages, firstPages) * rateFirstVnd + Math.max(0, pages - firstPages) * rateNextVnd;
    return (capPerCopyVnd === null ? perCopy : Math.min(perCopy, capPerCopyVnd)) * copies;
  }
  return null;
}
