import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/InlineInput.css';
import { Alert, Button, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/http.ts';
import { CRITERIA, type Criterion, LEVELS, type Level, useRate, useRating } from './evaluation.api.ts';
import { Section } from '../../ui/section.tsx';

/** Đánh giá: the applicant rates a finished dossier once, one radio group per criterion. */
export function RatingForm({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const current = useRating(dossierId);
  const rate = useRate(dossierId);
  const [scores, setScores] = useState<Partial<Record<Criterion, Level>>>({});
  const [comment, setComment] = useState('');
  const [key] = useState(() => crypto.randomUUID());
  const [missing, setMissing] = useState(false);
  if (!current.data) return null;
  const done = current.data.rating;
  return (
    <Section id="danh-gia" title={t('evaluation.rating.title')}>
      {done ? (
        <Text role="status">{t('evaluation.rating.thanks')}</Text>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (Object.keys(scores).length === 0) return setMissing(true);
            setMissing(false);
            rate.mutate({ scores, comment, key });
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('evaluation.rating.hint')}</Text>
            {CRITERIA.map((c) => (
              <Radio.Group key={c} label={t(`evaluation.criteria.${c}`)} value={scores[c] ?? ''} onChange={(v) => setScores((s) => ({ ...s, [c]: v as Level }))}>
                <Stack gap={6} mt={6}>
                  {LEVELS.map((l) => (
                    <Radio key={l} value={l} label={t(`evaluation.levels.${l}`)} />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
            <Textarea label={t('evaluation.rating.comment')} value={comment} maxLength={2000} autosize minRows={2} onChange={(e) => setComment(e.currentTarget.value)} />
            <div aria-live="assertive">
              {missing && <Alert color="red">{t('evaluation.rating.missing')}</Alert>}
              {rate.error && <Alert color="red">{rate.error instanceof ApiError ? rate.error.message : t('evaluation.error')}</Alert>}
            </div>
            <Button type="submit" loading={rate.isPending} w="fit-content">
              {t('evaluation.rating.send')}
            </Button>
          </Stack>
        </form>
      )}
    </Section>
  );
}
