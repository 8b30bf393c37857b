import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DocumentRef } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { DocumentsField } from '../modules/cabinet/documents-field.tsx';
import { SecretariatPage, SubmitWithError } from '../modules/cabinet/secretariat-page.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { DayInput } from '../ui/day-input.tsx';
import { apiFetch, } from '../ui/http.ts';
import { Section } from '../ui/section.tsx';

/**
 * `/hop/phien-hop/moi`: the secretariat schedules a meeting — title, day and hour (Vietnam time),
 * place, the agenda items with their presenters and documents; the invitations go to every voting
 * member. Then the room opens.
 */
const CabinetNewMeetingPage = signedInPage('cabinet.newMeeting.title', NewMeeting);
export default CabinetNewMeetingPage;

interface ItemDraft {
  key: number;
  title: string;
  presenter: string;
  documents: DocumentRef[];
}

/** The meeting's start as the API takes it: the day and hour typed, in Vietnam time (UTC+7). */
export const startsAtOf = (local: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(local) ? `${local}:00+07:00` : '');

function NewMeeting() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [location, setLocation] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([{ key: 0, title: '', presenter: '', documents: [] }]);
  const schedule = useMutation({
    mutationFn: (input: Record<string, unknown>) => apiFetch<{ id: string }>('/api/v1/cabinet/meetings', { method: 'POST', body: input }),
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: ['cabinet'] });
      navigate(`/hop/phien-hop/${encodeURIComponent(m.id)}`);
    },
  });
  const change = (key: number, patch: Partial<ItemDraft>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  return (
    <SecretariatPage title={t('cabinet.newMeeting.title')} forbidden={t('cabinet.newMeeting.forbidden')} testId="new-meeting-forbidden">
      {(body) => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            schedule.mutate({
              body: body.code,
              title: title.trim(),
              startsAt: startsAtOf(startsAt),
              location: location.trim(),
              agenda: items.map((i) => ({ title: i.title.trim(), ...(i.presenter.trim() ? { presenter: i.presenter.trim() } : {}), documents: i.documents.map((d) => d.id) })),
            });
          }}
        >
          <Stack gap="md">
            <Section id="thong-tin" title={t('cabinet.newMeeting.section')}>
              <Stack gap="sm">
                <Text size="sm">{t('cabinet.newMeeting.intro')}</Text>
                {body.select}
                <TextInput id="meeting-title" label={t('cabinet.newMeeting.name')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={500} required />
                <DayInput id="meeting-starts" time label={t('cabinet.newMeeting.startsAt')} description={t('cabinet.newMeeting.startsAtHint')} value={startsAt} onChange={setStartsAt} required />
                <TextInput id="meeting-location" label={t('cabinet.newMeeting.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} maxLength={300} required />
              </Stack>
            </Section>
            <Section id="chuong-trinh" title={t('cabinet.agenda')}>
              <Stack gap="md">
                {items.map((item, n) => (
                  <fieldset key={item.key} className="cabinet-agenda-draft" data-testid="agenda-draft">
                    <legend>
                      <Text fw={700}>{t('cabinet.newMeeting.item', { n: n + 1 })}</Text>
                    </legend>
                    <Stack gap="sm">
                      <TextInput label={t('cabinet.newMeeting.itemTitle')} value={item.title} onChange={(e) => change(item.key, { title: e.currentTarget.value })} maxLength={500} required />
                      <TextInput label={t('cabinet.newMeeting.presenter')} value={item.presenter} onChange={(e) => change(item.key, { presenter: e.currentTarget.value })} maxLength={200} />
                      <DocumentsField
                        documents={item.documents}
                        onChange={(update) => setItems((list) => list.map((i) => (i.key === item.key ? { ...i, documents: update(i.documents) } : i)))}
                        label={t('cabinet.newMeeting.addDocument', { n: n + 1 })}
                      />
                      {items.length > 1 && (
                        <Group>
                          <Button variant="default" color="red.9" onClick={() => setItems((list) => list.filter((i) => i.key !== item.key))}>
                            {t('cabinet.newMeeting.removeItem', { n: n + 1 })}
                          </Button>
                        </Group>
                      )}
                    </Stack>
                  </fieldset>
                ))}
                <Group>
                  <Button variant="default" size="md" onClick={() => setItems((list) => [...list, { key: Math.max(...list.map((i) => i.key)) + 1, title: '', presenter: '', documents: [] }])} disabled={items.length >= 50}>
                    {t('cabinet.newMeeting.addItem')}
                  </Button>
                </Group>
              </Stack>
            </Section>
            <SubmitWithError label={t('cabinet.newMeeting.submit')} pending={schedule.isPending} error={schedule.error} testId="schedule-meeting" />
          </Stack>
        </form>
      )}
    </SecretariatPage>
  );
}
