import { Alert, Anchor, Button, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CabinetBody, useManagedBodies } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { type RuleDraft, RuleFields } from '../modules/cabinet/rule-fields.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { errorText, apiFetch } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';

/** `/hop/tao-tap-the`: a new collective body (administrators and a body's secretariat); members are added on its page after. */
const CabinetNewBodyPage = signedInPage('cabinet.newBody.title', NewBody);
export default CabinetNewBodyPage;

/** A code from the name: lowercase ASCII words joined by hyphens ("Ban Chỉ đạo" → "ban-chi-dao"). */
export const codeOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

function NewBody() {
  const { t } = useTranslation();
  const managed = useManagedBodies();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [codeEdited, setCodeEdited] = useState(false);
  const [agency, setAgency] = useState<string | null>(null);
  const [secretariat, setSecretariat] = useState('');
  const [rule, setRule] = useState<RuleDraft>({ deemedAgreement: true, tieBreak: 'chair', legalBasis: '' });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<CabinetBody>('/api/v1/cabinet/bodies', { method: 'POST', body }),
    onSuccess: (b) => {
      void client.invalidateQueries({ queryKey: ['cabinet'] });
      navigate(`/hop/tap-the/${encodeURIComponent(b.code)}`);
    },
  });
  if (managed.isPending) return <Loading />;
  if (managed.isError) return <LoadError message={errorText(managed.error)} onRetry={() => managed.refetch()} />;
  const m = managed.data;
  const agencyCode = agency ?? m.agencies[0]?.code ?? '';
  return (
    <Stack gap="md" className="cabinet-page" maw={720}>
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{t('cabinet.newBody.title')}</Title>
      {!m.canCreate ? (
        <Alert color="gray.9" data-testid="new-body-forbidden">
          {t('cabinet.newBody.forbidden')}
        </Alert>
      ) : (
        <Section id="tap-the-moi" title={t('cabinet.newBody.section')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({
                code,
                name: name.trim(),
                agencyCode,
                ...(secretariat.trim() ? { secretariat: secretariat.trim() } : {}),
                rule: { ...rule, legalBasis: rule.legalBasis.trim() },
              });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{t('cabinet.newBody.intro')}</Text>
              <TextInput
                id="body-name"
                label={t('cabinet.newBody.name')}
                placeholder="Ban Chỉ đạo chuyển đổi số Thành phố"
                value={name}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setName(v);
                  if (!codeEdited) setCode(codeOf(v));
                }}
                required
              />
              <TextInput
                id="body-code"
                label={t('cabinet.newBody.code')}
                description={t('cabinet.newBody.codeHint')}
                value={code}
                onChange={(e) => {
                  setCode(e.currentTarget.value);
                  setCodeEdited(true);
                }}
                required
              />
              {m.agencies.length > 0 ? (
                <Select
                  id="body-agency"
                  label={t('cabinet.newBody.agency')}
                  value={agencyCode}
                  onChange={(v) => setAgency(v)}
                  data={m.agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
                  allowDeselect={false}
                />
              ) : (
                <TextInput id="body-agency" label={t('cabinet.newBody.agencyCode')} value={agency ?? ''} onChange={(e) => setAgency(e.currentTarget.value)} required />
              )}
              <TextInput id="body-secretariat" label={t('cabinet.newBody.secretariat')} description={t('cabinet.newBody.secretariatHint')} value={secretariat} onChange={(e) => setSecretariat(e.currentTarget.value)} />
              <RuleFields idPrefix="body" value={rule} onChange={setRule} />
              {create.isError && (
                <Alert color="red.9" role="alert">
                  {errorText(create.error)}
                </Alert>
              )}
              <Button type="submit" loading={create.isPending} data-testid="create-body">
                {t('cabinet.newBody.submit')}
              </Button>
            </Stack>
          </form>
        </Section>
      )}
    </Stack>
  );
}
