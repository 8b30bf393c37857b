import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Fee } from './catalog.api.ts';
import { money } from './catalog.format.ts';

/** Phí, lệ phí: one line per fee rule, as an amount, "Miễn phí" or set by the province, with its published note. */
export function FeeList({ fees }: { fees: Fee[] }) {
  const { t, i18n } = useTranslation();
  if (fees.length === 0) return <Text>{t('procedure.noFees')}</Text>;
  return (
    <List spacing="xs">
      {fees.map((fee, index) => {
        const label = fee.label;
        let amount: string | null;
        if (fee.type === 'set_by_province' && fee.amountVnd == null) amount = t('procedure.setByProvince');
        else if (fee.type === 'per_page') amount = null; // the note says the rates
        else if (fee.amountVnd == null) amount = fee.note ? null : t('procedure.feeNotPublished');
        else if (fee.amountVnd === 0) amount = t('procedure.free');
        else amount = money(fee.amountVnd, i18n.language);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: fee rules have no stable id and never reorder
          <List.Item key={index}>
            {label ? `${label}${amount ? ': ' : ''}` : ''}
            {amount ? <strong>{amount}</strong> : null}
            {/* One note shared by several rules (direct and online) is said once, under the last. */}
            {fee.note && fee.note !== fees[index + 1]?.note ? <Text size="sm" c="gray.8">{String(fee.note)}</Text> : null}
          </List.Item>
        );
      })}
    </List>
  );
}
