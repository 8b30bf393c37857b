import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Timeliness } from './workspace.api.ts';
import { TIMELINESS_COLOR } from './workspace.format.ts';

/** Never cut: "Trong hạn", "Chưa có hạn" in full even in a narrow table column (1024 px). */
const WHOLE = { root: { overflow: 'visible', height: 'auto', minHeight: 22, flexShrink: 0 }, label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' } } as const;

/** Trong hạn / Quá hạn / Trước hạn / Đúng hạn as words on a coloured badge (never colour alone). */
export function TimelinessBadge({ value }: { value: Timeliness | null }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <Badge color="gray.7" variant="outline" tt="none" styles={WHOLE} className="ws-badge">
        {t('workspace.timeliness.none')}
      </Badge>
    );
  }
  return (
    <Badge color={TIMELINESS_COLOR[value]} variant="filled" tt="none" data-timeliness={value} styles={WHOLE} className="ws-badge">
      {t(`workspace.timeliness.${value}`)}
    </Badge>
  );
}
