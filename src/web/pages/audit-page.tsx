import { Alert, Anchor, Badge, Button, Code, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry, ChainCheck } from '#modules/auditing/auditing.contract.ts';
import { type TrailFilters, trailUrl, useChainCheck, useTrail } from '../modules/auditing/auditing.api.ts';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { dateTime } from '../modules/workspace/workspace.format.ts';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { DayInput, dayText } from '../ui/day-input.tsx';
import { ActionError, Loading, LoadError } from '../ui/query-state.tsx';
import '../modules/auditing/auditing.css';

/** The first words of the actions an auditor filters by (src/modules/auditing/action-labels.ts). */
const GROUPS = ['dossier', 'result', 'payment', 'user', 'agency', 'calendar', 'catalog', 'appointment', 'feedback', 'indicators', 'inspection', 'exchange', 'reporting', 'cabinet', 'audit'] as const;
const FILTERS = ['dossierCode', 'applicantId', 'username', 'action', 'from', 'to'] as const;

/**
 * `/kiem-toan` — Nhật ký kiểm toán: what was done and read, by whom and when, for an auditor of an
 * agency (its dossiers and staff) or of the whole installation, and administrators. Filters live
 * in the address (a link opens the same view); the rows come newest first, 50 at a time; the same
 * rows download as CSV; a dossier's chain is checked against the latest signed checkpoint.
 */
const AuditPage = signedInPage('audit.title', Trail);
export default AuditPage;

function Trail() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as unknown as TrailFilters;
  const [draft, setDraft] = useState<TrailFilters>(filters);
  const allowed = !!me.data?.roles.some((r) => r === 'auditor' || r === 'admin');
  const badPeriod = !!draft.from && !!draft.to && draft.from > draft.to;
  const trail = useTrail(filters, allowed);
  if (!allowed) return <Alert color="gray">{t('audit.notForYou')}</Alert>;

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (badPeriod) return;
    setParams(Object.fromEntries(FILTERS.flatMap((k) => (draft[k].trim() ? [[k, draft[k].trim()]] : []))));
  };
  const clear = () => {
    setDraft({ dossierCode: '', applicantId: '', username: '', action: '', from: '', to: '' });
    setParams({});
  };
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  const scope = trail.data?.pages[0]?.scope;
  const dossierId = filters.dossierCode && items.find((e) => e.subject.type === 'dossier')?.subject.id;

  return (
    <Stack gap="md">
      <Title order={1}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      {scope !== undefined && <Text size="sm">{scope === null ? t('audit.scopeAll') : t('audit.scopeAgencies', { agencies: scope.map((a) => (a.province ? t('audit.scopeProvince', { province: a.province }) : a.name)).join('; ') })}</Text>}
      <form onSubmit={search} aria-label={t('audit.filters')} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('audit.dossierCode')} value={draft.dossierCode} maxLength={60} onChange={(e) => setDraft({ ...draft, dossierCode: e.currentTarget.value })} w={220} />
          <TextInput label={t('audit.applicantId')} description={t('audit.applicantIdHint')} value={draft.applicantId} maxLength={20} autoComplete="off" onChange={(e) => setDraft({ ...draft, applicantId: e.currentTarget.value })} w={240} />
          <TextInput label={t('audit.username')} value={draft.username} maxLength={100} autoComplete="off" onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })} w={200} />
          <NativeSelect
            label={t('audit.action')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
            data={[{ value: '', label: t('audit.allActions') }, ...GROUPS.map((g) => ({ value: `${g}.`, label: t(`audit.groups.${g}`) }))]}
          />
          <DayInput label={t('audit.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
          <DayInput label={t('audit.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} error={badPeriod ? t('audit.badPeriod') : undefined} />
          <Button type="submit">{t('audit.search')}</Button>
          <Button variant="default" onClick={clear}>
            {t('audit.clear')}
          </Button>
        </Group>
      </form>
      {trail.isPending ? (
        <Loading />
      ) : trail.isError ? (
        <LoadError message={trail.error.message} onRetry={() => trail.refetch()} />
      ) : (
        <section aria-labelledby="audit-rows">
          <Group justify="space-between" align="baseline" mb="xs">
            <Title order={2} size="h3" id="audit-rows">
              {t('audit.rows', { count: items.length, more: trail.hasNextPage ? '+' : '' })}
            </Title>
            {items.length > 0 && (
              // the file's header and actions in the page's language (the server's default is Vietnamese)
              <Anchor href={trailUrl(filters, { lang: i18n.language === 'en' ? 'en' : 'vi' }, '/api/v1/audit/entries.csv')} download data-testid="audit-csv">
                {t('audit.downloadCsv')}
              </Anchor>
            )}
          </Group>
          {dossierId && <ChainCheckPanel chain={`dossier:${dossierId}`} code={filters.dossierCode.toUpperCase()} />}
          {items.length === 0 ? (
            <Text>{t('audit.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table striped withTableBorder data-testid="audit-table">
                <ColumnHeaders columns={[t('audit.col.at'), t('audit.col.action'), t('audit.col.actor'), t('audit.col.subject'), t('audit.col.details')]} />
                <Table.Tbody>
                  {items.map((e) => (
                    <Row key={e.id} entry={e} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {trail.hasNextPage && (
            <Button variant="default" mt="sm" loading={trail.isFetchingNextPage} onClick={() => trail.fetchNextPage()}>
              {t('audit.more')}
            </Button>
          )}
        </section>
      )}
    </Stack>
  );
}

function Row({ entry: e }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const label = i18n.language === 'en' ? e.labelEn : e.label;
  const details = Object.entries(e.data);
  // a dossier status in words ("Được tiếp nhận (RECEIVED)"), anything else as recorded
  // instants in Vietnam's time and days as dd/mm/yyyy, as everywhere else on the screen
  const shown = (key: string, v: unknown) => {
    if (typeof v !== 'string') return JSON.stringify(v);
    if ((key === 'from' || key === 'to') && i18n.exists(`citizen.status.${v}`)) return `${t(`citizen.status.${v}`)} (${v})`;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return dateTime(v, i18n.language);
    return dayText(v) || v;
  };
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(e.at, i18n.language)}</Table.Td>
      <Table.Td>
        {label ?? e.action}
        <Text size="xs" c="dimmed">
          {e.action}
        </Text>
        {!e.sealed && (
          <Badge color="orange.9" variant="outline" size="sm">
            {t('audit.unsealed')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {e.actor ? (e.actor.fullName ?? e.actor.id) : t('audit.system')}
        {e.actor?.username && <Text size="xs">{e.actor.username}</Text>}
      </Table.Td>
      <Table.Td>{e.subject.dossierCode ?? `${e.subject.type}: ${e.subject.id}`}</Table.Td>
      <Table.Td>
        {details.length > 0 && (
          <details>
            <summary>{t('audit.fields', { count: details.length })}</summary>
            <dl className="audit-data">
              {details.map(([k, v]) => (
                <div key={k}>
                  <dt>{t(`audit.keys.${k}`, { defaultValue: k })}</dt>
                  <dd>
                    <Code>{shown(k, v)}</Code>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ChainCheckPanel({ chain, code }: { chain: string; code: string }) {
  const { t, i18n } = useTranslation();
  const check = useChainCheck();
  const result: ChainCheck | undefined = check.data?.chain === chain ? check.data : undefined;
  return (
    <Stack gap="xs" mb="sm">
      <Group>
        <Button variant="default" h="auto" py={8} styles={{ label: { whiteSpace: 'normal' } }} loading={check.isPending} onClick={() => check.mutate(chain)}>
          {t('audit.check', { code })}
        </Button>
      </Group>
      {check.isError && <ActionError error={check.error} />}
      {result && (
        <Alert color={result.intact ? 'teal.9' : 'red.9'} variant={result.intact ? 'outline' : 'light'} role="status" title={result.intact ? t('audit.intact') : t('audit.broken')} data-testid="audit-check">
          <Text size="sm">
            {result.checkpoint
              ? t('audit.checkedAgainst', { rows: result.rows, seq: result.checkpoint.seq, at: dateTime(result.checkpoint.at, i18n.language), since: result.rowsSinceCheckpoint })
              : t('audit.noCheckpoint', { rows: result.rows })}
          </Text>
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p) => (
                <li key={`${p.seq}-${p.problem}`}>{t(`audit.problems.${p.problem}`, { seq: p.seq })}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </Stack>
  );
}
