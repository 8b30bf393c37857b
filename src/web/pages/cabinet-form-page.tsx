import { Alert, Anchor, Badge, Button, Checkbox, Group, NumberInput, Radio, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Choice, formatTime, type OpinionForm, type Tally, useAnswer, useBody, useEditDraft, useForm, useFormAction } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { ConclusionLinks, IssueConclusion } from '../modules/cabinet/conclusion-form.tsx';
import { DocumentLinks, } from '../modules/cabinet/document-links.tsx';
import { signedIn } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { errorText, } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { forgetTabState, useTabState } from '../ui/use-tab-state.ts';
import { ColumnHeaders } from '../ui/data-table.tsx';
import { DocumentsField } from '../modules/cabinet/documents-field.tsx';

/** `/hop/phieu/:id`: an opinion form — question, documents, the signed answer; tally and answers for the secretariat and chair. */
const CabinetFormPage = signedIn(FormView);
export default CabinetFormPage;

function FormView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const form = useForm(id);
  usePageTitle(form.data?.subject ?? t('cabinet.forms'));
  if (form.isPending) return <Loading />;
  if (form.isError) return <LoadError message={errorText(form.error)} onRetry={() => form.refetch()} />;
  const f = form.data;
  const staff = f.answers !== undefined;
  return (
    <Stack gap="md" className="cabinet-page">
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{f.subject}</Title>
      <Group gap="xs">
        <Badge variant="light">{t(`cabinet.status.${f.status}`)}</Badge>
        {f.outcome && (
          <Badge color={f.outcome === 'adopted' ? 'teal.9' : 'red.9'} data-testid="form-outcome">
            {t(`cabinet.outcome.${f.outcome}`)}
          </Badge>
        )}
        <Text>{f.body.name}</Text>
        <Text fw={700}>{t('cabinet.deadline', { time: formatTime(f.deadlineAt) })}</Text>
      </Group>
      <div className="cabinet-columns">
        <Stack gap="md">
          <Section id="noi-dung" title={t('cabinet.question')}>
            <Text className="cabinet-question">{f.question}</Text>
            <Text size="sm" mt="xs">
              {f.rule.deemedAgreement ? t('cabinet.ruleDeemed') : t('cabinet.ruleNoDeemed')}
            </Text>
          </Section>
          {(f.canAnswer || f.myAnswer) && <AnswerSection form={f} />}
          {f.canEdit && <EditDraft form={f} />}
          {f.allowedActions.length > 0 && <FormActions form={f} />}
          {staff && <Answers form={f} />}
        </Stack>
        <Stack gap="md">
          <Section id="tai-lieu" title={t('cabinet.documents')}>
            <DocumentLinks documents={f.documents} base={`/api/v1/cabinet/opinion-forms/${f.id}`} back={`/hop/phieu/${f.id}`} />
          </Section>
          <Section id="tong-hop" title={t('cabinet.tally')}>
            <TallyView tally={f.tally} closed={f.status === 'closed'} />
          </Section>
          {(f.conclusions.length > 0 || (f.status === 'closed' && f.myRole === 'secretariat')) && <Conclusions form={f} />}
        </Stack>
      </div>
    </Stack>
  );
}

function AnswerSection({ form }: { form: OpinionForm }) {
  const { t } = useTranslation();
  const answer = useAnswer(form.id);
  const me = useMe();
  // The opinion being written survives a reload or a tablet that closed the tab in the background
  // (kept for this tab, per user, form and signed version: an answer changed on another device starts
  // afresh from it); once signed and sent, the server's answer is what counts.
  const kept = (name: string) => `motcua.cabinet.answer.${me.data?.id ?? ''}.${form.id}.${form.myAnswer?.version ?? 0}.${name}`;
  const [choice, setChoice] = useTabState<Choice | ''>(kept('choice'), form.myAnswer?.choice ?? '');
  const [comment, setComment] = useTabState(kept('comment'), form.myAnswer?.comment ?? '');
  const forget = () => forgetTabState(kept(''));
  const missingComment = choice === 'other' && !comment.trim();
  return (
    <Section id="y-kien" title={t('cabinet.yourAnswer')}>
      {form.myAnswer && (
        <Alert color="green" variant="light" mb="sm" role="status" data-testid="my-answer">
          {t('cabinet.answerSaved', { choice: t(`cabinet.choice.${form.myAnswer.choice}`), time: formatTime(form.myAnswer.at), version: form.myAnswer.version })}
          {form.canAnswer ? ` ${t('cabinet.answerEditable')}` : ''}
        </Alert>
      )}
      {form.canAnswer ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice && !missingComment) answer.mutate({ choice, ...(comment.trim() ? { comment: comment.trim() } : {}) }, { onSuccess: forget });
          }}
        >
          <Radio.Group value={choice} onChange={(v) => setChoice(v as Choice)} label={t('cabinet.question')} labelProps={{ className: 'visually-hidden' }}>
            <div className="cabinet-choices">
              {form.options.map((o) => (
                <Radio.Card key={o} value={o} className="cabinet-choice" p="md" radius="md" withBorder data-testid={`choice-${o}`}>
                  <Group wrap="nowrap">
                    <Radio.Indicator />
                    <Text fw={600}>{t(`cabinet.choice.${o}`)}</Text>
                  </Group>
                </Radio.Card>
              ))}
            </div>
          </Radio.Group>
          <Textarea
            mt="sm"
            label={`${t('cabinet.comment')} (${t('cabinet.commentHint')})`}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            // the answer's limit (AnswerBody): longer, every choice was refused with "Dữ liệu không hợp lệ" and no way out
            maxLength={4000}
            required={choice === 'other'}
            error={missingComment && answer.isError ? t('cabinet.commentHint') : undefined}
          />
          {answer.isError && (
            <Alert color="red.9" mt="sm" role="alert">
              {errorText(answer.error)}
            </Alert>
          )}
          <Button type="submit" mt="md" size="lg" disabled={!choice || missingComment} loading={answer.isPending}>
            {form.myAnswer ? t('cabinet.changeAnswer') : t('cabinet.submitAnswer')}
          </Button>
        </form>
      ) : (
        <Text data-testid="answer-closed">
          {form.status === 'closed' && form.closedAt && form.closedAt < form.deadlineAt ? t('cabinet.answerClosedEarly', { time: formatTime(form.closedAt) }) : t('cabinet.answerClosed')}
        </Text>
      )}
    </Section>
  );
}

/** The secretariat edits the draft until the chair approves it (PATCH; only what changed is written). */
function EditDraft({ form }: { form: OpinionForm }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const edit = useEditDraft(form.id);
  const body = useBody(form.body.code);
  const [subject, setSubject] = useState(form.subject);
  const [question, setQuestion] = useState(form.question);
  const [days, setDays] = useState<number | string>(form.deadlineWorkingDays);
  const [documents, setDocuments] = useState(form.documents);
  const [everyone, setEveryone] = useState(form.recipientsDefault);
  const [recipients, setRecipients] = useState<string[]>(form.recipientsDefault ? [] : (form.recipients?.map((r) => r.username) ?? []));
  const voting = body.data?.members.filter((m) => m.role !== 'secretariat') ?? [];
  if (!open)
    return (
      <Group>
        <Button variant="default" size="md" onClick={() => setOpen(true)} data-testid="edit-draft">
          {t('cabinet.draft.edit')}
        </Button>
        {edit.isSuccess && <Text role="status">{t('cabinet.draft.saved')}</Text>}
      </Group>
    );
  return (
    <Section id="sua-du-thao" title={t('cabinet.draft.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          edit.mutate(
            { subject: subject.trim(), question: question.trim(), deadlineWorkingDays: Number(days), documents: documents.map((d) => d.id), recipients: everyone ? [] : recipients },
            { onSuccess: () => setOpen(false) },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput id="draft-subject" label={t('cabinet.draft.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required />
          <Textarea id="draft-question" label={t('cabinet.question')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} required autosize minRows={2} />
          <NumberInput id="draft-days" label={t('cabinet.draft.days')} description={t('cabinet.draft.daysHint')} value={days} onChange={setDays} min={1} max={30} allowDecimal={false} required />
          <DocumentsField documents={documents} onChange={setDocuments} />
          <Checkbox id="draft-everyone" label={t('cabinet.draft.everyone')} checked={everyone} onChange={(e) => setEveryone(e.currentTarget.checked)} />
          {!everyone && (
            <Checkbox.Group label={t('cabinet.draft.recipients')} value={recipients} onChange={setRecipients}>
              <Stack gap={0} mt={4}>
                {voting.map((m) => (
                  <Checkbox key={m.username} value={m.username} label={`${m.fullName} — ${m.title}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {edit.isError && (
            <Alert color="red.9" role="alert">
              {errorText(edit.error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={edit.isPending}>
              {t('cabinet.draft.save')}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('cabinet.admin.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function FormActions({ form }: { form: OpinionForm }) {
  const { t } = useTranslation();
  const act = useFormAction(form.id);
  return (
    <Group>
      {form.allowedActions.map((a) => (
        <Button key={a} size="md" onClick={() => act.mutate(a)} loading={act.isPending && act.variables === a} data-testid={`action-${a}`}>
          {t(`cabinet.actions.${a}`)}
        </Button>
      ))}
      {act.isError && (
        <Alert color="red.9" role="alert">
          {errorText(act.error)}
        </Alert>
      )}
    </Group>
  );
}

export function TallyView({ tally, closed, ballot }: { tally: Tally; closed: boolean; ballot?: boolean }) {
  const { t } = useTranslation();
  const stats: [string, number][] = ballot
    ? [
        [t('cabinet.ballot.agree'), tally.agree],
        [t('cabinet.ballot.disagree'), tally.disagree],
        [t('cabinet.ballot.abstain'), tally.abstain],
        [t(closed ? 'cabinet.noBallotClosed' : 'cabinet.noAnswer'), tally.noAnswer],
      ]
    : [
        [t('cabinet.choice.agree'), tally.agree],
        [t('cabinet.choice.disagree'), tally.disagree],
        [t('cabinet.choice.other'), tally.other],
        [t('cabinet.deemedAgree'), tally.deemedAgree],
        [t(closed ? 'cabinet.noAnswerClosed' : 'cabinet.noAnswer'), tally.noAnswer],
      ];
  const answered = tally.members - tally.noAnswer - tally.deemedAgree;
  return (
    <Stack gap="xs">
      {!closed && <Text size="sm">{t('cabinet.tallyLive', { answered, members: tally.members })}</Text>}
      <div className="cabinet-stats" data-testid="tally">
        {stats.map(([label, n]) => (
          <div key={label} className="cabinet-stat">
            <strong>{n}</strong>
            <span>{label}</span>
          </div>
        ))}
        <div className="cabinet-stat">
          <strong>{tally.members}</strong>
          <span>{t('cabinet.members')}</span>
        </div>
      </div>
    </Stack>
  );
}

function Answers({ form }: { form: OpinionForm }) {
  const { t } = useTranslation();
  const waiting = form.recipients?.filter((r) => !r.answered).map((r) => r.fullName) ?? [];
  return (
    <Section id="cac-y-kien" title={t('cabinet.answers')}>
      {(form.answers?.length ?? 0) > 0 && (
      <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder data-testid="answers">
        <ColumnHeaders columns={[t('cabinet.member'), t('cabinet.opinion'), t('cabinet.time'), t('cabinet.signature')]} />
        <Table.Tbody>
          {form.answers?.map((a) => (
            <Table.Tr key={a.member}>
              <Table.Td>
                <Text fw={600}>{a.fullName}</Text>
                <Text size="sm">{a.title}</Text>
              </Table.Td>
              <Table.Td>
                {t(`cabinet.choice.${a.choice}`)}
                {a.comment ? `: ${a.comment}` : ''}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(a.at)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={a.signatureValid ? 'teal.9' : 'red.9'} tt="none" size="lg" className="cabinet-badge-full">{a.signatureValid ? `✓ ${t('cabinet.signatureValid')}` : `✗ ${t('cabinet.signatureInvalid')}`}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      )}
      {waiting.length > 0 && form.status !== 'closed' && (
        <Text mt="sm" size="sm">
          {t('cabinet.waitingFor', { names: waiting.join(', ') })}
        </Text>
      )}
    </Section>
  );
}

function Conclusions({ form }: { form: OpinionForm }) {
  const { t } = useTranslation();
  return (
    <Section id="ket-luan" title={t(form.conclusions.length === 0 ? 'cabinet.issueTitle' : 'cabinet.conclusions')}>
      <Stack gap="xs">
        <ConclusionLinks conclusions={form.conclusions} back={`/hop/phieu/${form.id}`} />
        {form.conclusions.length === 0 && form.myRole === 'secretariat' && <IssueConclusion source={{ type: 'opinion_form', id: form.id }} bodyCode={form.body.code} />}
      </Stack>
    </Section>
  );
}
