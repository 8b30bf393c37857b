import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Timeliness } from './workspace.api.ts';
import { TIMELINESS_COLOR } from './workspace.format.ts';
import { WHOLE_BADGE } from '../../ui/whole-labels.ts';


/** Trong hạn / Quá hạn / Trước hạn / Đúng hạn as words on a coloured badge (never colour alone), never cut. */
export function TimelinessBadge({ value }: { value: Timeliness | null }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <Badge color="gray.7" variant="outline" tt="none" styles={WHOLE_BADGE} className="ws-badge">
        {t('workspace.timeliness.none')}
      </Badge>
    );
  }
  return (
    <Badge color={TIMELINESS_COLOR[value]} variant="filled" tt="none" data-timeliness={value} styles={WHOLE_BADGE} className="ws-badge">
      {t(`workspace.timeliness.${value}`)}
    </Badge>
  );
}
