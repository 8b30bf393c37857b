import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCommunes, useProvinces } from './places.api.ts';

/** The three choices and their setters; a new province clears the commune and agency, a new commune the agency. */
export interface AgencyChoice {
  province: string;
  commune: string;
  agency: string;
  setProvince(code: string): void;
  setCommune(code: string): void;
  setAgency(code: string): void;
}

/**
 * An agency chosen the way a citizen finds it: the province, then a commune (or the province's own
 * level), then the agency there. `agencyLabel` names what the agency is chosen for.
 */
export function AgencyCascade({ choice, agencyLabel, required = false, error }: { choice: AgencyChoice; agencyLabel: string; required?: boolean; error?: string }) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const communes = useCommunes(choice.province);
  const agencies = useAgencies(choice.commune || choice.province);
  return (
    <>
      <NativeSelect
        label={t('evaluation.feedback.province')}
        value={choice.province}
        onChange={(e) => {
          choice.setProvince(e.currentTarget.value);
          choice.setCommune('');
          choice.setAgency('');
        }}
        data={[{ value: '', label: t('evaluation.feedback.choose') }, ...(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))]}
      />
      <NativeSelect
        label={t('evaluation.feedback.commune')}
        value={choice.commune}
        disabled={!choice.province}
        onChange={(e) => {
          choice.setCommune(e.currentTarget.value);
          choice.setAgency('');
        }}
        data={[{ value: '', label: t('evaluation.feedback.provinceLevel') }, ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))]}
      />
      <NativeSelect
        label={agencyLabel}
        required={required}
        value={choice.agency}
        disabled={!choice.province}
        error={error}
        onChange={(e) => choice.setAgency(e.currentTarget.value)}
        data={[{ value: '', label: t('evaluation.feedback.choose') }, ...(agencies.data?.items ?? []).map((a) => ({ value: a.code, label: a.name }))]}
      />
    </>
  );
}
