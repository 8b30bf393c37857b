import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { todayInVietnam } from '../../modules/dossiers/applicant-rules.ts';
import { officerAgencies, useOfficer } from '../modules/workspace/use-officer.ts';
import { dateTime } from '../modules/workspace/workspace.format.ts';
import { workspacePage, WorkspaceNav } from '../modules/workspace/workspace-gate.tsx';
import '../modules/workspace/workspace.css';
import { apiFetch, withQuery } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';
import type { RegisterBook } from '#modules/dossiers/dossiers.contract.ts';
import { DayInput } from '../ui/day-input.tsx';

const BOOK_ROLES = ['desk_officer', 'leader'];
const monthStart = (date: string) => `${date.slice(0, 8)}01`;

/**
 * /can-bo/so-theo-doi — Sổ theo dõi hồ sơ (Mẫu 06): the receiving agency's register book for any
 * period, on screen and as PDF or Excel. For the agency's desk officers and leaders. The period
 * and agency live in the address (?agency=&from=&to=), so a link opens the same book.
 */
const WorkspaceRegisterBookPage = workspacePage('workspace.registerBook.title', RegisterBookView);
export default WorkspaceRegisterBookPage;

function RegisterBookView() {
  const { t, i18n } = useTranslation();
  const { user, grants } = useOfficer();
  const [params, setParams] = useSearchParams();
  const agencies = officerAgencies(user, grants, BOOK_ROLES);
  const agency = params.get('agency') ?? agencies[0]?.code ?? '';
  const to = params.get('to') ?? todayInVietnam();
  const from = params.get('from') ?? monthStart(to);
  const [draft, setDraft] = useState({ from, to });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const book = useQuery({
    queryKey: ['workspace', 'register-book', agency, from, to],
    queryFn: ({ signal }) => apiFetch<RegisterBook>(withQuery(`/api/v1/agencies/${encodeURIComponent(agency)}/ledger`, { from, to, format: 'json' }), { signal }),
    enabled: !!agency && valid,
  });
  const download = (format: 'pdf' | 'xlsx') => withQuery(`/api/v1/agencies/${encodeURIComponent(agency)}/ledger`, { from, to, format });
  const show = (e: FormEvent) => {
    e.preventDefault();
    setParams({ agency, from: draft.from, to: draft.to });
  };

  return (
    <Stack gap="md">
      <WorkspaceNav />
      <Title order={1}>{t('workspace.registerBook.title')}</Title>
      {agencies.length === 0 ? (
        <Text>{t('workspace.registerBook.notAllowed')}</Text>
      ) : (
        <>
          <form onSubmit={show} aria-label={t('workspace.registerBook.period')}>
            <Group align="flex-end" gap="sm" wrap="wrap">
              {agencies.length > 1 && (
                <NativeSelect
                  label={t('workspace.registerBook.agency')}
                  value={agency}
                  onChange={(e) => setParams({ agency: e.currentTarget.value, from, to })}
                  data={agencies.map((a) => ({ value: a.code, label: a.name }))}
                />
              )}
              <DayInput label={t('workspace.registerBook.from')} required value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
              <DayInput label={t('workspace.registerBook.to')} required value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
              <Button type="submit">{t('workspace.registerBook.show')}</Button>
            </Group>
          </form>
          {!valid && (
            <Text c="red.9" role="alert">
              {t('workspace.registerBook.badPeriod')}
            </Text>
          )}
          {valid && agency && (
            <Group gap="md" data-testid="register-book-downloads">
              <Anchor href={download('pdf')} download data-testid="register-book-pdf">
                {t('workspace.registerBook.downloadPdf')}
              </Anchor>
              <Anchor href={download('xlsx')} download data-testid="register-book-xlsx">
                {t('workspace.registerBook.downloadXlsx')}
              </Anchor>
            </Group>
          )}
          {book.isPending && valid ? (
            <Loading />
          ) : book.isError ? (
            <LoadError message={book.error.message} onRetry={() => book.refetch()} />
          ) : (
            book.data && (
              <Paper component="section" aria-labelledby="so-theo-doi" withBorder p={{ base: 'xs', sm: 'md' }} radius="md">
                <Title order={2} size="h3" id="so-theo-doi" mb="xs">
                  {t('workspace.registerBook.heading', { agency: book.data.agencyName, count: book.data.rows.length })}
                </Title>
                {book.data.rows.length === 0 ? (
                  <Text>{t('workspace.registerBook.empty')}</Text>
                ) : (
                  <Table.ScrollContainer minWidth={900}>
                    <Table striped withTableBorder data-testid="register-book-table">
                      <ColumnHeaders columns={[t('workspace.registerBook.col.seq'), t('workspace.registerBook.col.code'), t('workspace.registerBook.col.procedure'), t('workspace.registerBook.col.applicant'), t('workspace.registerBook.col.received'), t('workspace.registerBook.col.due'), t('workspace.registerBook.col.returned'), t('workspace.registerBook.col.note')]} />
                      <Table.Tbody>
                        {book.data.rows.map((r) => (
                          <Table.Tr key={r.dossierId}>
                            <Table.Td>{r.seq}</Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              <Anchor component={Link} to={`/can-bo/ho-so/${encodeURIComponent(r.dossierId)}`}>
                                {r.code}
                              </Anchor>
                            </Table.Td>
                            <Table.Td>{r.procedureName}</Table.Td>
                            <Table.Td>
                              {r.applicantName}
                              <Text size="xs">{r.applicantContact}</Text>
                            </Table.Td>
                            <Table.Td>{dateTime(r.receivedAt, i18n.language)}</Table.Td>
                            <Table.Td>{dateTime(r.dueAt, i18n.language)}</Table.Td>
                            <Table.Td>{dateTime(r.returnedAt, i18n.language)}</Table.Td>
                            <Table.Td>{r.note}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Paper>
            )
          )}
        </>
      )}
    </Stack>
  );
}
