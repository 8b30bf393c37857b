import { Alert, Anchor, Button, Group, List, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayText, dayTimeText } from '../ui/day-input.tsx';
import { Link, useParams } from 'react-router';
import { documentLink, documentPath, type ExchangeDocument, type Recipient, type StatusCode, useExchangeDocument, useRecall, useRevise, useSetStatus } from '../modules/exchange/exchange.api.ts';
import { StatusBadge } from '../modules/exchange/status-label.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { ApiError, errorText } from '../ui/http.ts';
import { ActionError, Loading, LoadError } from '../ui/query-state.tsx';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { Fact, Facts } from '../ui/facts.tsx';


/** Một văn bản (`/van-thu/van-ban/:documentId`): facts, attachments, the status trail, the clerk's actions. */
const ExchangeDocumentPage = signedInPage('exchange.documentTitle', DocumentView);
export default ExchangeDocumentPage;

function DocumentView() {
  const { t } = useTranslation();
  const { documentId } = useParams();
  const doc = useExchangeDocument(documentId);
  const me = useMe();
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <LoadError message={doc.error instanceof ApiError && doc.error.status === 404 ? t('exchange.notFound') : undefined} onRetry={() => doc.refetch()} />;
  const d = doc.data;
  const mine = new Set((me.data?.agencies ?? []).map((a) => a.code));
  const sender = d.outgoing && mine.has(d.from.agency);
  const myRow = (d.recipients ?? []).find((r) => r.hostedHere && mine.has(r.agency));
  return (
    <Stack gap="md">
      <Anchor component={Link} to={sender ? '/van-thu?so=di' : '/van-thu'}>
        {t('exchange.back')}
      </Anchor>
      <Title order={1}>
        {d.documentType} {d.number}
      </Title>
      <Text size="lg">{d.subject}</Text>
      {d.state !== 'active' && <Alert color="yellow">{t(`exchange.state.${d.state}`)}</Alert>}
      <Facts>
        <Fact term={t('exchange.from')}>
          {d.from.name} ({d.from.agency})
        </Fact>
        <Fact term={t('exchange.date')}>{dayText(d.promulgationDate)}</Fact>
        <Fact term={t('exchange.signer')}>
          {d.signer.position} {d.signer.fullName}
        </Fact>
        <Fact term={t('exchange.priority')}>{t(`exchange.priorities.${d.priority}`)}</Fact>
        <dt>{t('exchange.documentId')}</dt>
        <dd className="dossier-code">{d.documentId}</dd>
        {d.businessType !== 0 && (
          <Fact term={t('exchange.business')}>
            {t(`exchange.businessTypes.${d.businessType}`)}
            {d.businessReason ? ` — ${d.businessReason}` : ''}
          </Fact>
        )}
        {(d.replaces ?? []).length > 0 && (
          <Fact term={t('exchange.replacesLabel')}>
            {(d.replaces ?? []).map((id) => (
              <Anchor key={id} component={Link} to={documentLink(id)} className="dossier-code" mr="sm">
                {id}
              </Anchor>
            ))}
          </Fact>
        )}
        {d.supersededBy && (
          <Fact term={t('exchange.supersededByLabel')}>
            <Anchor component={Link} to={documentLink(d.supersededBy)} className="dossier-code">
              {d.supersededBy}
            </Anchor>
          </Fact>
        )}
      </Facts>
      {d.content && <Text style={{ whiteSpace: 'pre-wrap' }}>{d.content}</Text>}
      <section aria-labelledby="att-h">
        <Title order={2} id="att-h" size="h3">
          {t('exchange.attachments')}
        </Title>
        {d.attachments.length === 0 ? (
          <Text>{t('exchange.noAttachments')}</Text>
        ) : (
          <List>
            {d.attachments.map((a) => (
              <List.Item key={a.contentId}>
                <Anchor href={`${documentPath(d.documentId)}/attachments/${a.contentId}`} target="_blank" rel="noopener">
                  {a.name}
                </Anchor>{' '}
                ({Math.ceil(a.size / 1024)} KB)
              </List.Item>
            ))}
          </List>
        )}
        {d.attachments[0]?.contentType === 'application/pdf' && <PdfView path={`${documentPath(d.documentId)}/attachments/${d.attachments[0].contentId}`} name={d.attachments[0].name} />}
        <Text size="sm">
          <Anchor href={`${documentPath(d.documentId)}/edxml`}>{t('exchange.downloadEdxml')}</Anchor>
        </Text>
      </section>
      <Trail d={d} />
      {myRow && <RecipientActions d={d} row={myRow} />}
      {sender && <SenderActions d={d} />}
    </Stack>
  );
}

/**
 * The first PDF attachment viewed in the page, on demand: the browser's PDF viewer is another
 * process in an iframe, heavy to start, and while it starts it can take a click meant for the
 * clerk's buttons below it (Chromium routes input by the iframe's last known place; the browser
 * journey lost the "Tiếp nhận, vào sổ" click that way). Opened, it stays until closed.
 */
function PdfView({ path, name }: { path: string; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" mt="xs" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('exchange.hidePdf', { name }) : t('exchange.showPdf', { name })}
      </Button>
      {open && <iframe title={t('exchange.pdfView', { name })} src={path} className="pdf-view" />}
    </>
  );
}

function Trail({ d }: { d: ExchangeDocument }) {
  const { t } = useTranslation();
  const nameOf = (code: string) => (d.recipients ?? []).find((r) => r.agency === code)?.name ?? code;
  return (
    <section aria-labelledby="trail-h">
      <Title order={2} id="trail-h" size="h3">
        {t('exchange.trail')}
      </Title>
      <Table withTableBorder data-testid="status-trail">
        <ColumnHeaders columns={[t('exchange.recipient'), t('exchange.statusCol'), t('exchange.when'), t('exchange.note')]} />
        <Table.Tbody>
          {(d.statuses ?? []).map((s) => (
            <Table.Tr key={`${s.agency}-${s.statusCode}`} data-agency={s.agency}>
              <Table.Td>{nameOf(s.agency)}</Table.Td>
              <Table.Td>
                <StatusBadge code={s.statusCode} />
              </Table.Td>
              <Table.Td>{dayTimeText(s.at)}</Table.Td>
              <Table.Td>{[s.description, s.staff].filter(Boolean).join(' — ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function RecipientActions({ d, row }: { d: ExchangeDocument; row: Recipient }) {
  const { t } = useTranslation();
  const set = useSetStatus(d.documentId);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = (statusCode: StatusCode, extra: { description?: string; assignee?: string } = {}) =>
    set.mutate({ agency: row.agency, statusCode, ...extra }, { onSuccess: () => setError(null), onError: (e) => setError(errorText(e)) });
  const s = row.statusCode;
  // One action at a time: while one is in flight (until the page has the new status) none can be clicked.
  const busy = set.isPending;
  const pending = (code: string) => busy && set.variables?.statusCode === code;
  /** The button that gives the document status `code` (the one in flight spins, the others wait). */
  const moveTo = (code: StatusCode, label: string, props: { variant?: string; color?: string; disabled?: boolean } = {}, extra: { description?: string; assignee?: string } = {}) => (
    <Button variant={props.variant} color={props.color} loading={pending(code)} disabled={busy || props.disabled} onClick={() => act(code, extra)}>
      {t(label)}
    </Button>
  );
  return (
    <section aria-labelledby="act-h">
      <Title order={2} id="act-h" size="h3">
        {t('exchange.actions')}
      </Title>
      <Text mb="xs">
        {t('exchange.current')} <StatusBadge code={s} />
        {row.arrivalNumber ? ` — ${t('exchange.arrivalNumber')}: ${row.arrivalNumber}` : ''}
        {row.assignee ? ` — ${t('exchange.assignee')}: ${row.assignee}` : ''}
      </Text>
      <Stack gap="xs" maw={640}>
        {row.recallState === 'requested' ? (
          <>
            <Alert color="yellow">{t('exchange.recallRequested')}</Alert>
            <Textarea label={t('exchange.reason')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize />
            <Group>
              {moveTo('15', 'exchange.agreeRecall')}
              {moveTo('16', 'exchange.refuseRecall', { variant: 'default' }, { description: note })}
            </Group>
          </>
        ) : row.recallState === 'agreed' ? (
          <Text>{t('exchange.recalled')}</Text>
        ) : (
          <>
            {s === '01' && (
              <>
                <Textarea label={t('exchange.refuseReason')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize />
                <Group>
                  {moveTo('03', 'exchange.accept')}
                  {moveTo('02', 'exchange.refuse', { color: 'red', variant: 'outline' }, { description: note })}
                </Group>
              </>
            )}
            {s === '03' && (
              <Group align="end">
                <TextInput label={t('exchange.assignTo')} value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} />
                {moveTo('04', 'exchange.assign', { disabled: !assignee.trim() }, { assignee })}
              </Group>
            )}
            {(s === '03' || s === '04') && <Group>{moveTo('05', 'exchange.inProgress', { variant: 'default' })}</Group>}
            {(s === '04' || s === '05') && <Group>{moveTo('06', 'exchange.done', { variant: 'default' })}</Group>}
          </>
        )}
        <ActionError error={error} color="red" />
      </Stack>
    </section>
  );
}

function SenderActions({ d }: { d: ExchangeDocument }) {
  const { t } = useTranslation();
  const recall = useRecall(d.documentId);
  const revise = useRevise(d.documentId);
  const [reason, setReason] = useState('');
  const [subject, setSubject] = useState(d.subject);
  const [content, setContent] = useState(d.content ?? '');
  const [updateReason, setUpdateReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onError = (e: unknown) => setError(errorText(e));
  const ok = (message: string) => () => {
    setError(null);
    setDone(message);
  };
  const busy = recall.isPending || revise.isPending;
  if (d.state !== 'active' && d.state !== 'updated') return null;
  const changed = subject.trim() !== d.subject || content.trim() !== (d.content ?? '');
  return (
    <section aria-labelledby="sender-h">
      <Title order={2} id="sender-h" size="h3">
        {t('exchange.senderActions')}
      </Title>
      <Stack gap="lg" maw={760}>
        <Stack gap="xs" component="fieldset" className="plain-fieldset">
          <legend>{t('exchange.recallRevoke')}</legend>
          <Text size="sm">{t('exchange.recallRevokeHint')}</Text>
          <Textarea label={t('exchange.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize />
          <Group>
            <Button variant="default" disabled={!reason.trim() || busy} loading={recall.isPending} onClick={() => recall.mutate(reason, { onError, onSuccess: ok(t('exchange.recallSent')) })}>
              {t('exchange.recall')}
            </Button>
            <Button
              color="red"
              variant="outline"
              disabled={!reason.trim() || busy}
              loading={revise.isPending && revise.variables?.type === 'revoke'}
              onClick={() => revise.mutate({ type: 'revoke', reason: reason.trim() }, { onError, onSuccess: ok(t('exchange.revoked')) })}
            >
              {t('exchange.revoke')}
            </Button>
          </Group>
        </Stack>
        <Stack
          gap="xs"
          component="form"
          aria-labelledby="update-h"
          onSubmit={(e) => {
            e.preventDefault();
            revise.mutate(
              { type: 'update', reason: updateReason.trim(), subject: subject.trim(), content: content.trim() || undefined },
              { onError, onSuccess: ok(t('exchange.updateSent')) },
            );
          }}
        >
          <Title order={3} id="update-h" size="h4">
            {t('exchange.update')}
          </Title>
          <Text size="sm">{t('exchange.updateHint')}</Text>
          <Textarea label={t('exchange.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} autosize required />
          <Textarea label={t('exchange.content')} value={content} onChange={(e) => setContent(e.currentTarget.value)} autosize minRows={2} />
          <TextInput label={t('exchange.updateReason')} value={updateReason} onChange={(e) => setUpdateReason(e.currentTarget.value)} required />
          <Group>
            <Button type="submit" disabled={!changed || !updateReason.trim() || !subject.trim() || busy} loading={revise.isPending && revise.variables?.type === 'update'}>
              {t('exchange.sendUpdate')}
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('exchange.replace')}
          </Title>
          <Text size="sm">{t('exchange.replaceHint')}</Text>
          <Anchor component={Link} to={`/van-thu?so=gui&thay=${encodeURIComponent(d.documentId)}`}>
            {t('exchange.composeReplacement')}
          </Anchor>
        </Stack>
        <div aria-live="polite">
          {done && !error && <Alert color="teal">{done}</Alert>}
        </div>
        <ActionError error={error} color="red" />
      </Stack>
    </section>
  );
}
