import { Alert, Anchor, Button, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type DocumentRef, useCabinetMe } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { DocumentsField } from '../modules/cabinet/documents-field.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { apiFetch, errorText } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';

/**
 * `/hop/phieu/moi`: the secretariat drafts an opinion form — subject, question, the answer time in
 * working days, documents; sent to every voting member unless narrowed on the draft afterwards.
 * The draft then waits for the chair's approval on its own page.
 */
const CabinetNewFormPage = signedInPage('cabinet.newForm.title', NewForm);
export default CabinetNewFormPage;

function NewForm() {
  const { t } = useTranslation();
  const me = useCabinetMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [body, setBody] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [question, setQuestion] = useState('');
  const [days, setDays] = useState<number | string>(3);
  const [documents, setDocuments] = useState<DocumentRef[]>([]);
  const create = useMutation({
    mutationFn: (input: Record<string, unknown>) => apiFetch<{ id: string }>('/api/v1/cabinet/opinion-forms', { method: 'POST', body: input }),
    onSuccess: (f) => {
      void client.invalidateQueries({ queryKey: ['cabinet'] });
      navigate(`/hop/phieu/${encodeURIComponent(f.id)}`);
    },
  });
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError message={errorText(me.error)} onRetry={() => me.refetch()} />;
  const bodies = me.data.bodies.filter((b) => b.role === 'secretariat');
  const bodyCode = body ?? bodies[0]?.code ?? '';
  return (
    <Stack gap="md" className="cabinet-page" maw={760}>
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{t('cabinet.newForm.title')}</Title>
      {bodies.length === 0 ? (
        <Alert color="gray.9" data-testid="new-form-forbidden">
          {t('cabinet.newForm.forbidden')}
        </Alert>
      ) : (
        <Section id="du-thao-phieu" title={t('cabinet.newForm.section')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ body: bodyCode, subject: subject.trim(), question: question.trim(), deadlineWorkingDays: Number(days), documents: documents.map((d) => d.id) });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{t('cabinet.newForm.intro')}</Text>
              {bodies.length > 1 && (
                <Select id="form-body" label={t('cabinet.newMeeting.body')} value={bodyCode} onChange={setBody} data={bodies.map((b) => ({ value: b.code, label: b.name }))} allowDeselect={false} />
              )}
              <TextInput id="form-subject" label={t('cabinet.draft.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={500} required />
              <Textarea id="form-question" label={t('cabinet.question')} description={t('cabinet.newForm.questionHint')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} maxLength={2000} required autosize minRows={2} />
              <NumberInput id="form-days" label={t('cabinet.draft.days')} description={t('cabinet.draft.daysHint')} value={days} onChange={setDays} min={1} max={30} allowDecimal={false} required />
              <DocumentsField documents={documents} onChange={setDocuments} />
              {create.isError && (
                <Alert color="red.9" role="alert">
                  {errorText(create.error)}
                </Alert>
              )}
              <Group>
                <Button type="submit" size="md" loading={create.isPending} data-testid="create-form">
                  {t('cabinet.newForm.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Section>
      )}
    </Stack>
  );
}
