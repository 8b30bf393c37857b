import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { money } from '../catalog/catalog.format.ts';
import { type FeeQuote, useFeeQuote } from './payments.api.ts';

/** The total as a sentence: free, an amount, or what the agency will still state. */
function feeTotalText(t: (key: string, options?: Record<string, unknown>) => string, quote: FeeQuote, language: string): string {
  if (!quote.complete) return quote.totalVnd > 0 ? t('payments.quote.atLeast', { amount: money(quote.totalVnd, language) }) : t('payments.quote.undetermined');
  return quote.totalVnd === 0 ? t('payments.quote.free') : money(quote.totalVnd, language);
}

/**
 * Phí, lệ phí on the review step of an online submission: each line of the quote for the online
 * channel, then the total ("Miễn phí", an amount, or "chưa xác định — cơ quan sẽ thông báo").
 */
export function FeeQuoteSummary({ procedureCode }: { procedureCode: string }) {
  const { t, i18n } = useTranslation();
  const quote = useFeeQuote(procedureCode, 'online');
  return (
    <section aria-labelledby="phi-le-phi" className="fee-quote">
      <Title order={3} size="h4" id="phi-le-phi" mt="md" mb="xs">
        {t('payments.quote.title')}
      </Title>
      {quote.isPending && <Text size="sm">{t('payments.quote.loading')}</Text>}
      {quote.isError && <Text size="sm">{t('payments.quote.failed')}</Text>}
      {quote.data && (
        <>
          <dl className="review-list" data-testid="fee-quote">
            {quote.data.lines.map((line) => (
              <FeeLineItem key={line.label} label={line.label}>
                {line.amountVnd === null ? t('payments.quote.undetermined') : line.amountVnd === 0 ? t('payments.quote.free') : money(line.amountVnd, i18n.language)}
                {line.amountVnd !== null && !line.verified && (
                  <Text span size="sm" c="gray.8">
                    {' '}
                    ({t('payments.quote.unverified')})
                  </Text>
                )}
              </FeeLineItem>
            ))}
            <FeeLineItem label={t('payments.quote.total')}>
              <strong data-testid="fee-total">{feeTotalText(t, quote.data, i18n.language)}</strong>
            </FeeLineItem>
          </dl>
          {quote.data.complete && quote.data.totalVnd > 0 && (
            <Text size="sm" mt="xs">
              {t('payments.quote.payAfter')}
            </Text>
          )}
        </>
      )}
    </section>
  );
}

function FeeLineItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
