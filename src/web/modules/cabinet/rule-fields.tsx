import { Checkbox, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Rule } from './cabinet.api.ts';

/** A body's voting rule as typed in a form: deemed agreement, the chair's tie-break, its legal basis. */
export type RuleDraft = Pick<Rule, 'deemedAgreement' | 'tieBreak' | 'legalBasis'>;

/** The three fields of a voting rule, shared by the new body form and a body's rule change; ids are `${idPrefix}-deemed|tie|basis`. */
export function RuleFields({ idPrefix, value, onChange }: { idPrefix: string; value: RuleDraft; onChange: (next: RuleDraft) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox
        id={`${idPrefix}-deemed`}
        label={t('cabinet.admin.ruleDeemedLabel')}
        checked={value.deemedAgreement}
        onChange={(e) => onChange({ ...value, deemedAgreement: e.currentTarget.checked })}
      />
      <Select
        id={`${idPrefix}-tie`}
        label={t('cabinet.admin.tieLabel')}
        value={value.tieBreak}
        onChange={(v) => onChange({ ...value, tieBreak: (v as Rule['tieBreak'] | null) ?? 'chair' })}
        data={[
          { value: 'chair', label: t('cabinet.admin.tieChair') },
          { value: 'none', label: t('cabinet.admin.tieNone') },
        ]}
        allowDeselect={false}
      />
      <TextInput id={`${idPrefix}-basis`} label={t('cabinet.admin.ruleBasisLabel')} value={value.legalBasis} onChange={(e) => onChange({ ...value, legalBasis: e.currentTarget.value })} required />
    </>
  );
}
