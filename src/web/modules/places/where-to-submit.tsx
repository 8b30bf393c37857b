import { Card, NativeSelect, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { type Agency, useAgencies, useCommunes, useProvinces } from './places.api.ts';

/** A chosen place and receiving agency, for forms that submit to it (the online submission). */
export interface AgencyChoice {
  provinceCode: string;
  communeCode: string;
  agency: Pick<Agency, 'code' | 'name'> | null;
}

/** Nơi nộp hồ sơ: province → commune → the agencies that receive dossiers there. */
export function WhereToSubmit({
  headingId,
  agencyKinds,
  provincial,
  choice,
  onChoose,
  agencyError,
}: {
  headingId: string;
  /** Kinds of agency that receive this procedure's dossiers; every agency when unknown. */
  agencyKinds?: string[];
  /** Provincial procedures are also received by the province's own agencies. */
  provincial?: boolean;
  /** Controlled mode: the agencies become radio buttons and the choice lives with the caller. */
  choice?: AgencyChoice;
  onChoose?: (choice: AgencyChoice) => void;
  agencyError?: string;
}) {
  const { t } = useTranslation();
  const [ownProvince, setOwnProvince] = useState('');
  const [ownCommune, setOwnCommune] = useState('');
  const provinceCode = choice?.provinceCode ?? ownProvince;
  const communeCode = choice?.communeCode ?? ownCommune;
  const setProvinceCode = (code: string) => {
    if (onChoose) return onChoose({ provinceCode: code, communeCode: '', agency: null });
    setOwnProvince(code);
    setOwnCommune('');
  };
  const setCommuneCode = (code: string) => (onChoose ? onChoose({ provinceCode, communeCode: code, agency: null }) : setOwnCommune(code));
  const provinces = useProvinces();
  const communes = useCommunes(provinceCode);
  const communeAgencies = useAgencies(communeCode);
  const provinceAgencies = useAgencies(provincial && communeCode ? provinceCode : '');
  const commune = communes.data?.items.find((c) => c.code === communeCode);
  const agencies = {
    isPending: communeAgencies.isPending || (provincial === true && provinceAgencies.isPending),
    data: communeAgencies.data && {
      items: [...(provincial ? (provinceAgencies.data?.items ?? []) : []), ...communeAgencies.data.items].filter(
        (a) => !agencyKinds?.length || !a.kind || agencyKinds.includes(a.kind),
      ),
    },
  };

  return (
    <Stack gap="sm">
      <Title order={2} id={headingId} size="h3">
        {t('procedure.whereToSubmit')}
      </Title>
      <Text>{t('procedure.whereHint')}</Text>
      {provinces.isError ? (
        <LoadError onRetry={() => provinces.refetch()} />
      ) : (
        <NativeSelect
          label={t('procedure.province')}
          value={provinceCode}
          onChange={(event) => {
            setProvinceCode(event.currentTarget.value);
          }}
          disabled={!provinces.data}
          data={[
            { value: '', label: t('procedure.chooseProvince') },
            ...(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name })),
          ]}
        />
      )}
      {communes.isError ? (
        <LoadError onRetry={() => communes.refetch()} />
      ) : (
        <NativeSelect
          label={t('procedure.commune')}
          value={communeCode}
          onChange={(event) => setCommuneCode(event.currentTarget.value)}
          disabled={!provinceCode || !communes.data}
          data={[
            { value: '', label: t('procedure.chooseCommune') },
            ...(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name })),
          ]}
        />
      )}
      <div aria-live="polite">
        {communeCode && agencies.isPending && <Loading />}
        {commune && agencies.data && (
          <Stack gap="xs" mt="xs">
            <Title order={3} size="h4">
              {t('procedure.agencies')}
            </Title>
            {agencies.data.items.length === 0 ? (
              <Text>{t('procedure.noAgencies', { place: commune.name })}</Text>
            ) : onChoose ? (
              <Radio.Group
                label={t('citizen.submit.chooseAgency')}
                withAsterisk
                value={choice?.agency?.code ?? ''}
                error={agencyError}
                onChange={(code) => {
                  const agency = agencies.data?.items.find((a) => a.code === code);
                  if (agency) onChoose({ provinceCode, communeCode, agency: { code: agency.code, name: agency.name } });
                }}
              >
                <Stack gap="xs" mt="xs">
                  {agencies.data.items.map((a) => (
                    <Radio key={a.code} value={a.code} label={a.name} description={t('procedure.agencyCode', { code: a.code })} />
                  ))}
                </Stack>
              </Radio.Group>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {agencies.data.items.map((a) => (
                  <Card component="li" key={a.code} withBorder padding="sm">
                    <Text fw={600}>{a.name}</Text>
                    <Text size="sm" c="gray.8">
                      {t('procedure.agencyCode', { code: a.code })}
                    </Text>
                  </Card>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
