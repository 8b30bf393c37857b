import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText } from '../ui/day-input.tsx';
import { Link, useSearchParams } from 'react-router';
import { documentLink, type ExchangeDocument, useAgencySearch, useExchangeDocument, useNextNumber, useRegister, useSend } from '../modules/exchange/exchange.api.ts';
import { StatusBadge } from '../modules/exchange/status-label.tsx';
import { RequireSignIn } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { ApiError } from '../ui/http.ts';
import { FilePicker } from '../ui/file-picker.tsx';
import { ActionError, Loaded, Loading } from '../ui/query-state.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/** The interconnection status (a tab of its own, fetched when opened). */
const AxisStatus = lazy(() => import('../modules/exchange/axis-status.tsx'));

/**
 * Văn thư (`/van-thu`): incoming and outgoing registers, sending a signed document, and the
 * interconnection status (`?so=ket-noi`). An administrator who is not a clerk of an agency sees that status alone.
 */
export default function ExchangePage() {
  const { t } = useTranslation();
  const me = useMe();
  // an administrator who is no clerk sees the interconnection status alone, and the title says so
  const statusOnly = !!me.data && !me.data.roles.includes('clerk') && me.data.roles.includes('admin');
  usePageTitle(t(statusOnly ? 'exchange.axis.title' : 'exchange.title'));
  return (
    <RequireSignIn>
      <Exchange />
    </RequireSignIn>
  );
}

function Exchange() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get('so') ?? 'den';
  const agency = me.data?.agencies[0];
  if (!me.data) return <Loading />;
  if (!me.data.roles.includes('clerk') || !agency) {
    // the status is read by any clerk (also one of every agency, whose grant names none) or administrator
    if (!me.data.roles.some((r) => r === 'admin' || r === 'clerk')) return <Alert color="yellow">{t('exchange.clerkOnly')}</Alert>;
    return (
      <Stack gap="md">
        <Title order={1}>{t('exchange.axis.title')}</Title>
        <Suspense fallback={<Loading />}>
          <AxisStatus />
        </Suspense>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={1}>{t('exchange.title')}</Title>
      <Text>{t('exchange.intro', { agency: agency.name, code: agency.code })}</Text>
      <Tabs value={tab} onChange={(v) => setParams(v === 'den' ? {} : { so: v ?? 'den' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="den">{t('exchange.incoming')}</Tabs.Tab>
          <Tabs.Tab value="di">{t('exchange.outgoing')}</Tabs.Tab>
          <Tabs.Tab value="gui">{t('exchange.compose')}</Tabs.Tab>
          <Tabs.Tab value="ket-noi">{t('exchange.connection')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="den" pt="md">
          <Register kind="incoming" agency={agency.code} />
        </Tabs.Panel>
        <Tabs.Panel value="di" pt="md">
          <Register kind="outgoing" agency={agency.code} />
        </Tabs.Panel>
        <Tabs.Panel value="gui" pt="md">
          <Compose agency={agency.code} replacing={params.get('thay') ?? undefined} onSent={() => setParams({ so: 'di' })} />
        </Tabs.Panel>
        <Tabs.Panel value="ket-noi" pt="md">
          <Suspense fallback={<Loading />}>
            <AxisStatus />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Register({ kind, agency }: { kind: 'incoming' | 'outgoing'; agency: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useRegister(kind, agency, q);
  const exportHref = `/api/v1/exchange/registers/${kind}.xlsx?agency=${encodeURIComponent(agency)}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  return (
    <Stack gap="sm">
      <Group align="end">
        <TextInput
          label={t('exchange.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          style={{ flex: 1 }}
        />
        <Anchor href={exportHref} download data-testid={`export-${kind}`}>
          {t('exchange.export')}
        </Anchor>
      </Group>
      <Loaded query={list} empty={{ when: (data) => data.length === 0, text: t(kind === 'incoming' ? 'exchange.emptyIncoming' : 'exchange.emptyOutgoing') }}>
        {(data) =>
          kind === 'incoming' ? (
            <Table striped withTableBorder data-testid="incoming-register">
              <Table.Caption>{t('exchange.incomingCaption', { count: data.length })}</Table.Caption>
              <ColumnHeaders columns={[t('exchange.arrivalNumber'), t('exchange.from'), t('exchange.number'), t('exchange.subject'), t('exchange.statusCol')]} />
              <Table.Tbody>
                {data.map((d) => (
                  <Table.Tr key={d.documentId}>
                    <Table.Td>{d.recipient?.arrivalNumber ?? '—'}</Table.Td>
                    <Table.Td>{d.from.name}</Table.Td>
                    <DocumentCells d={d} />
                    <Table.Td>
                      <StatusBadge code={d.recipient?.statusCode ?? null} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Table striped withTableBorder data-testid="outgoing-register">
              <Table.Caption>{t('exchange.outgoingCaption', { count: data.length })}</Table.Caption>
              <ColumnHeaders columns={[t('exchange.number'), t('exchange.subject'), t('exchange.recipients')]} />
              <Table.Tbody>
                {data.map((d) => (
                  <Table.Tr key={d.documentId}>
                    <DocumentCells d={d} />
                    <Table.Td>
                      <Stack gap={4}>
                        {(d.recipients ?? []).map((r) => (
                          <Group key={r.agency} gap={6} wrap="nowrap">
                            <StatusBadge code={r.statusCode} />
                            <Text size="sm">{r.name}</Text>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
    </Stack>
  );
}

const TYPES = ['Công văn', 'Quyết định', 'Tờ trình', 'Báo cáo', 'Thông báo', 'Kế hoạch', 'Giấy mời'];

/** Soạn văn bản; with `replacing` (a DocumentId sent from here) it is a replacement (BussinessDocType 3) for the same recipients. */
function Compose({ agency, replacing, onSent }: { agency: string; replacing?: string; onSent: () => void }) {
  const { t } = useTranslation();
  const next = useNextNumber(agency);
  const send = useSend();
  const [search, setSearch] = useState('');
  const found = useAgencySearch(search);
  const [to, setTo] = useState<{ code: string; name: string }[]>([]);
  const old = useExchangeDocument(replacing, false);
  const oldDoc = old.data?.outgoing && old.data.state !== 'revoked' && old.data.state !== 'replaced' ? old.data : undefined;
  // A replacement goes to the replaced document's recipients (the clerk may add or remove some).
  const [prefilled, setPrefilled] = useState<string | null>(null);
  if (oldDoc && prefilled !== oldDoc.documentId) {
    setPrefilled(oldDoc.documentId);
    setTo(oldDoc.to.map((a) => ({ code: a.agency, name: a.name })));
  }
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const f = new FormData(e.currentTarget);
        if (to.length === 0) return setError(t('exchange.noRecipients'));
        const body = {
          from: agency,
          to: to.map((a) => a.code),
          codeNumber: String(f.get('codeNumber') ?? '').trim() || undefined,
          codeNotation: String(f.get('codeNotation') ?? '').trim(),
          documentType: String(f.get('documentType')),
          subject: String(f.get('subject') ?? '').trim(),
          content: String(f.get('content') ?? '').trim() || undefined,
          priority: Number(f.get('priority') ?? 0),
          signer: { fullName: String(f.get('signerName') ?? '').trim(), position: String(f.get('signerPosition') ?? '').trim() },
          ...(oldDoc ? { replaces: [oldDoc.documentId], reason: String(f.get('reason') ?? '').trim() } : {}),
        };
        send.mutate(
          { body, file, idempotencyKey: key },
          { onSuccess: onSent, onError: (err) => setError(err instanceof ApiError ? err.message : t('exchange.sendFailed')) },
        );
      }}
    >
      <Stack gap="sm" maw={760}>
        {oldDoc && (
          <Alert color="blue" data-testid="replacing">
            {t('exchange.replacing', { number: oldDoc.number, subject: oldDoc.subject })}
          </Alert>
        )}
        {replacing && old.data && !oldDoc && <Alert color="yellow">{t('exchange.cannotReplace')}</Alert>}
        <Group grow align="start">
          <TextInput name="codeNumber" label={t('exchange.codeNumberHint', { next: next.data?.next ?? '' })} inputMode="numeric" pattern="[0-9]*" />
          <TextInput name="codeNotation" label={t('exchange.codeNotation')} required defaultValue="UBND-VP" />
          <NativeSelect name="documentType" label={t('exchange.documentType')} data={TYPES} />
        </Group>
        <Textarea name="subject" label={t('exchange.subject')} required autosize minRows={2} />
        {oldDoc && <TextInput name="reason" label={t('exchange.replaceReason')} required />}
        <Textarea name="content" label={t('exchange.content')} autosize minRows={3} />
        <Group grow align="start">
          <TextInput name="signerName" label={t('exchange.signerName')} required />
          <TextInput name="signerPosition" label={t('exchange.signerPosition')} required />
          <NativeSelect
            name="priority"
            label={t('exchange.priority')}
            data={[0, 1, 2, 3, 4].map((p) => ({ value: String(p), label: t(`exchange.priorities.${p}`) }))}
          />
        </Group>
        <fieldset className="plain-fieldset">
          <legend>{t('exchange.recipients')}</legend>
          <TextInput label={t('exchange.findRecipient')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
          {found.data && (
            <Stack gap={2} mt={4} data-testid="recipient-results">
              {found.data.items.map((a) => (
                <Checkbox
                  key={a.code}
                  label={`${a.name} (${a.code})`}
                  checked={to.some((x) => x.code === a.code)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setTo((cur) => (on ? [...cur, { code: a.code, name: a.name }] : cur.filter((x) => x.code !== a.code)));
                  }}
                />
              ))}
            </Stack>
          )}
          <Text size="sm" mt={6} aria-live="polite" data-testid="chosen-recipients">
            {to.length === 0 ? t('exchange.noRecipientsYet') : t('exchange.chosen', { names: to.map((a) => a.name).join('; ') })}
          </Text>
        </fieldset>
        <FilePicker label={t('exchange.attachment')} accept="application/pdf" chosen={file} onChange={setFile} onClear={() => setFile(null)} />
        <ActionError error={error} color="red" />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t('exchange.signAndSend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A register line's number (with its date) and subject (a link to the document, with its state when not active). */
function DocumentCells({ d }: { d: Pick<ExchangeDocument, 'documentId' | 'number' | 'promulgationDate' | 'subject' | 'state'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>
        {d.number}
        <br />
        <Text span size="sm">
          {dayText(d.promulgationDate)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={documentLink(d.documentId)}>
          {d.subject}
        </Anchor>
        {d.state !== 'active' && <Text size="sm">{t(`exchange.state.${d.state}`)}</Text>}
      </Table.Td>
    </>
  );
}
