import { NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DocumentRef } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { DocumentsField } from '../modules/cabinet/documents-field.tsx';
import { SecretariatPage, SubmitWithError } from '../modules/cabinet/secretariat-page.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { apiFetch, } from '../ui/http.ts';
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
  const navigate = useNavigate();
  const client = useQueryClient();
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
  return (
    <SecretariatPage title={t('cabinet.newForm.title')} forbidden={t('cabinet.newForm.forbidden')} testId="new-form-forbidden">
      {(body) => (
        <Section id="du-thao-phieu" title={t('cabinet.newForm.section')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ body: body.code, subject: subject.trim(), question: question.trim(), deadlineWorkingDays: Number(days), documents: documents.map((d) => d.id) });
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{t('cabinet.newForm.intro')}</Text>
              {body.select}
              <TextInput id="form-subject" label={t('cabinet.draft.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={500} required />
              <Textarea id="form-question" label={t('cabinet.question')} description={t('cabinet.newForm.questionHint')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} maxLength={2000} required autosize minRows={2} />
              <NumberInput id="form-days" label={t('cabinet.draft.days')} description={t('cabinet.draft.daysHint')} value={days} onChange={setDays} min={1} max={30} allowDecimal={false} required />
              <DocumentsField documents={documents} onChange={setDocuments} />
              <SubmitWithError label={t('cabinet.newForm.submit')} pending={create.isPending} error={create.error} testId="create-form" />
            </Stack>
          </form>
        </Section>
      )}
    </SecretariatPage>
  );
}
