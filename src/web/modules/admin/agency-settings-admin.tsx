import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Radio.css';
import { Radio, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency } from '../places/agency-select.tsx';
import { dateTime } from '../workspace/workspace.format.ts';
import { type ResultIssuance, useAgencySettings, useSetAgencySettings } from './admin.api.ts';
import { AgencySettingsForm, useAgencyPick } from './agency-settings-form.tsx';

const ISSUANCE: ResultIssuance[] = ['on_approval', 'by_clerk'];
const LABEL: Record<ResultIssuance, string> = { on_approval: 'admin.agencySettings.onApproval', by_clerk: 'admin.agencySettings.byClerk' };
const HINT: Record<ResultIssuance, string> = { on_approval: 'admin.agencySettings.onApprovalHint', by_clerk: 'admin.agencySettings.byClerkHint' };

/**
 * Cấu hình cơ quan: whether the leader's approval issues the result, or the clerk (văn thư) numbers
 * and issues it from the “Chờ phát hành” queue. Read and saved through
 * `GET/PUT /api/v1/admin/agencies/{code}/settings` (audited on the server).
 */
export function AgencySettingsAdmin() {
  const { t, i18n } = useTranslation();
  const [choice, setChoice] = useState<ResultIssuance | ''>('');
  const [pickError, setPickError] = useState<string>();
  const picked = useAgencyPick(() => setPickError(undefined));
  const { code, setSaved } = picked;
  const settings = useAgencySettings(code);
  const agency = useAgency(code || null);
  const save = useSetAgencySettings();

  useEffect(() => {
    setChoice(settings.data?.resultIssuance ?? '');
  }, [settings.data?.resultIssuance]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    if (!code || !choice) {
      setPickError(t('admin.agencySettings.pickAgency'));
      return;
    }
    save.mutate(
      { code, resultIssuance: choice },
      { onSuccess: (s) => setSaved(t('admin.agencySettings.saved', { agency: agency.data?.name ?? s.agencyCode, value: t(LABEL[s.resultIssuance]) })) },
    );
  };

  return (
    <AgencySettingsForm texts="agencySettings" titleId="agency-settings-title" agency={picked} pickError={pickError} read={settings} save={save} onSubmit={submit}>
      {settings.data && (
        <>
          <Text data-testid="agency-setting-current">
            {t('admin.agencySettings.current', { value: t(LABEL[settings.data.resultIssuance]) })}.{' '}
            {settings.data.updatedAt ? t('admin.agencySettings.updatedAt', { at: dateTime(settings.data.updatedAt, i18n.language) }) : t('admin.agencySettings.neverSet')}
          </Text>
          <Radio.Group
            label={t('admin.agencySettings.issuance')}
            value={choice}
            onChange={(v) => {
              setChoice(v as ResultIssuance);
              setSaved('');
            }}
          >
            <Stack gap="sm" mt="xs">
              {ISSUANCE.map((v) => (
                <Radio key={v} value={v} label={t(LABEL[v])} description={t(HINT[v])} />
              ))}
            </Stack>
          </Radio.Group>
        </>
      )}
    </AgencySettingsForm>
  );
}
