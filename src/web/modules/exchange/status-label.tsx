import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WHOLE_BADGE } from '../../ui/whole-labels.ts';

const COLORS: Record<string, string> = { '01': 'blue', '02': 'red', '03': 'teal', '04': 'grape', '05': 'orange', '06': 'green', '13': 'yellow', '15': 'gray', '16': 'gray' };

/** A status code (domain.md §9.3) in words, with the code for those who know it; never cut ("01 · Đã đến" in a table). */
export function StatusBadge({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return <Badge variant="outline" color="gray" styles={WHOLE_BADGE}>{t('exchange.status.sending')}</Badge>;
  const color = COLORS[code] ?? 'gray';
  // The light variant's own text shade misses 4.5:1 on some colours (even teal's shade 9 read
  // 4.32:1 on its light background): the text is near-black, the colour stays in the background.
  return (
    <Badge variant="light" color={color} c="dark.9" data-status={code} styles={WHOLE_BADGE}>
      {code} · {t(`exchange.status.${code}`)}
    </Badge>
  );
}
