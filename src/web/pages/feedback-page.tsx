import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import { Alert, Anchor, Button, Checkbox, Pagination, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { shortDate } from '../modules/dossiers/dossier-format.ts';
import { useMyFeedback, usePublishedFeedback, useSendFeedback } from '../modules/evaluation/evaluation.api.ts';
import { FeedbackItem } from '../modules/evaluation/feedback-item.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { AgencyCascade } from '../modules/places/agency-cascade.tsx';
import { ApiError } from '../ui/http.ts';
import { usePageTitle } from '../ui/use-page-title.ts';
import { useTabState } from '../ui/use-tab-state.ts';
import { Section } from '../ui/section.tsx';

/** Mantine's green alert title is 3.8:1 on its background: titles take the text colour (WCAG AA). */
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** Phản ánh, kiến nghị: send one (signed in), follow mine, read the answered ones. */
export default function FeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluation.feedback.title'));
  const me = useMe();
  return (
    <Stack gap="md">
      <Title order={1}>{t('evaluation.feedback.title')}</Title>
      <Text>
        {t('evaluation.feedback.intro')}{' '}
        <Anchor component={Link} to="/muc-do-hai-long">
          {t('evaluation.feedback.satisfaction')}
        </Anchor>
      </Text>
      {me.data ? (
        <>
          <FeedbackForm userId={me.data.id} />
          <MyFeedback />
        </>
      ) : (
        <Alert color="blue">
          {/* blue 9 on the alert's tint: 4.9:1 (the primary blue 8 reads 4.1:1 there) */}
          <Anchor component={Link} to={`/dang-nhap?next=${encodeURIComponent('/phan-anh-kien-nghi')}`} c="blue.9">
            {t('evaluation.feedback.signIn')}
          </Anchor>
        </Alert>
      )}
      <PublishedFeedback />
    </Stack>
  );
}

function FeedbackForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  // What is typed survives a reload or a tab the phone closed in the background (kept for this tab
  // until sent), with its Idempotency-Key: a feedback whose answer was lost is not filed twice.
  const kept = (name: string) => `motcua.feedback.${userId}.${name}`;
  const [province, setProvince] = useTabState(kept('province'), '');
  const [commune, setCommune] = useTabState(kept('commune'), '');
  const [agency, setAgency] = useTabState(kept('agency'), '');
  const [subject, setSubject] = useTabState(kept('subject'), '');
  const [content, setContent] = useTabState(kept('content'), '');
  const [dossierCode, setDossierCode] = useTabState(kept('dossierCode'), '');
  const [publish, setPublish] = useTabState(kept('publish'), false);
  const [key, setKey] = useTabState(kept('key'), () => crypto.randomUUID());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const send = useSendFeedback();
  const sent = send.data;

  const validate = () => {
    const e: Record<string, string> = {};
    if (!agency) e.agency = t('evaluation.feedback.errors.agency');
    if (subject.trim().length < 5) e.subject = t('evaluation.feedback.errors.subject');
    if (content.trim().length < 10) e.content = t('evaluation.feedback.errors.content');
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  if (sent) {
    return (
      <Alert color="green" role="status" title={t('evaluation.feedback.sentTitle')} styles={readableTitle}>
        <Text>{t('evaluation.feedback.sent', { reference: sent.reference, date: shortDate(sent.answerDueDate) })}</Text>
        <Button
          mt="sm"
          variant="default"
          onClick={() => send.reset()}
        >
          {t('evaluation.feedback.another')}
        </Button>
      </Alert>
    );
  }
  return (
    <Section id="gui-phan-anh" title={t('evaluation.feedback.send')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!validate()) return;
          send.mutate(
            { agencyCode: agency, subject, content, dossierCode, publish, key },
            {
              onSuccess: () => {
                setKey(crypto.randomUUID());
                setSubject('');
                setContent('');
                setDossierCode('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <AgencyCascade
            choice={{ province, commune, agency, setProvince, setCommune, setAgency }}
            agencyLabel={t('evaluation.feedback.agency')}
            required
            error={errors.agency}
          />
          <TextInput label={t('evaluation.feedback.subject')} required value={subject} maxLength={200} error={errors.subject} onChange={(e) => setSubject(e.currentTarget.value)} />
          <Textarea label={t('evaluation.feedback.content')} required value={content} maxLength={5000} autosize minRows={4} error={errors.content} onChange={(e) => setContent(e.currentTarget.value)} />
          <TextInput label={t('evaluation.feedback.dossierCode')} value={dossierCode} maxLength={60} onChange={(e) => setDossierCode(e.currentTarget.value)} />
          <Checkbox label={t('evaluation.feedback.publish')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          <div aria-live="assertive">{send.error && <Alert color="red">{send.error instanceof ApiError ? send.error.message : t('evaluation.error')}</Alert>}</div>
          <Button type="submit" loading={send.isPending} w="fit-content">
            {t('evaluation.feedback.submit')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function MyFeedback() {
  const { t } = useTranslation();
  const mine = useMyFeedback(true);
  if (!mine.data || mine.data.items.length === 0) return null;
  return (
    <section aria-labelledby="phan-anh-cua-toi">
      <Title order={2} id="phan-anh-cua-toi" size="h3" mb="sm">
        {t('evaluation.feedback.mine')}
      </Title>
      <Stack gap="sm">
        {mine.data.items.map((f) => (
          <FeedbackItem key={f.reference} f={f} />
        ))}
      </Stack>
    </section>
  );
}

function PublishedFeedback() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = usePublishedFeedback(page);
  return (
    <section aria-labelledby="da-tra-loi">
      <Title order={2} id="da-tra-loi" size="h3" mb="sm">
        {t('evaluation.feedback.published')}
      </Title>
      {list.data && list.data.items.length === 0 && <Text>{t('evaluation.feedback.none')}</Text>}
      <Stack gap="sm">
        {list.data?.items.map((f) => (
          <FeedbackItem key={f.reference} f={f} />
        ))}
      </Stack>
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination mt="sm" total={Math.ceil(list.data.total / list.data.pageSize)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': t('evaluation.feedback.page', { page: c }) })} />
      )}
    </section>
  );
}
