import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Popover.css';
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type BallotChoice, formatTime, type Room, useLiveRoom, useMeetingCall, useRoom, useRoomAction } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { ConclusionLinks, IssueConclusion } from '../modules/cabinet/conclusion-form.tsx';
import { DocumentLinks } from '../modules/cabinet/document-links.tsx';
import { signedIn } from '../modules/dossiers/require-citizen.tsx';
import { errorText } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { TallyView } from './cabinet-form-page.tsx';

/** `/hop/phien-hop/:id`: the meeting room — agenda, attendance, speakers, signed votes; live over SSE. */
const CabinetMeetingPage = signedIn(MeetingRoom);
export default CabinetMeetingPage;

function MeetingRoom() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const room = useRoom(id);
  useLiveRoom(id);
  usePageTitle(room.data?.title ?? t('cabinet.meetings'));
  if (room.isPending) return <Loading />;
  if (room.isError) return <LoadError message={errorText(room.error)} onRetry={() => room.refetch()} />;
  const r = room.data;
  return (
    <Stack gap="md" className="cabinet-page">
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{r.title}</Title>
      <Group gap="xs">
        <Badge color={r.status === 'in_progress' ? 'red.9' : 'blue.9'} data-testid="meeting-status">
          {t(`cabinet.status.${r.status}`)}
        </Badge>
        {r.votes.some((v) => v.status === 'open') && (
          <Badge color="violet.9" data-testid="voting-now">
            {t('cabinet.voteOpen')}
          </Badge>
        )}
        {/* An ended meeting says when it really sat; one to come or sitting, when it was called and that the page follows it live. */}
        {r.status === 'ended' && r.startedAt && r.endedAt ? (
          <Text data-testid="meeting-held">
            {t('cabinet.meetingHeld', {
              from: formatTime(r.startedAt),
              to: r.endedAt.slice(0, 10) === r.startedAt.slice(0, 10) ? r.endedAt.slice(11, 16) : formatTime(r.endedAt),
              location: r.location,
            })}
          </Text>
        ) : (
          <>
            <Text>{t('cabinet.meetingWhen', { time: formatTime(r.startsAt), location: r.location })}</Text>
            <Text size="sm">{t('cabinet.live')}</Text>
          </>
        )}
      </Group>
      {r.me.controls && <Controls room={r} />}
      <div className="cabinet-columns">
        <Stack gap="md">
          <Votes room={r} />
          <Agenda room={r} />
          {r.me.secretariat ? (
            <Minutes room={r} />
          ) : (
            r.minutesDocument && (
              <Section id="bien-ban" title={t('cabinet.minutes')}>
                <Anchor href={`/api/v1/cabinet/meetings/${r.id}/minutes/document`} target="_blank" rel="noopener" data-testid="minutes-pdf">
                  {t('cabinet.minutesOpen')}
                </Anchor>
              </Section>
            )
          )}
        </Stack>
        <Stack gap="md">
          {r.me.invitation && <Attendance room={r} />}
          {r.me.substituteFor.length > 0 && <Alert color="blue.9">{t('cabinet.substituteFor', { names: r.me.substituteFor.map((p) => p.fullName).join(', ') })}</Alert>}
          <Speakers room={r} />
          <Participants room={r} />
          {(r.conclusions.length > 0 || (r.me.secretariat && r.status === 'ended')) && (
            <Section id="ket-luan" title={t(r.conclusions.length === 0 ? 'cabinet.issueTitle' : 'cabinet.conclusions')}>
              <Stack gap="xs">
                <ConclusionLinks conclusions={r.conclusions} back={`/hop/phien-hop/${r.id}`} />
                {r.conclusions.length === 0 && <IssueConclusion source={{ type: 'meeting', id: r.id }} bodyCode={r.body.code} />}
              </Stack>
            </Section>
          )}
        </Stack>
      </div>
    </Stack>
  );
}

function Controls({ room }: { room: Room }) {
  const { t } = useTranslation();
  const act = useRoomAction<{ action: 'start' | 'end' | 'set_item'; itemId?: string }>(room.id, '/actions');
  const [confirming, setConfirming] = useState(false);
  // the button pressed gives way to the question: the focus goes to its safe answer, then back
  const cancel = useRef<HTMLButtonElement>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (asked.current) endButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const voteOpen = room.votes.some((v) => v.status === 'open');
  if (room.status === 'ended') return null;
  return (
    <Group>
      {room.status === 'scheduled' && (
        <Button size="md" onClick={() => act.mutate({ action: 'start' })} loading={act.isPending} data-testid="meeting-start">
          {t('cabinet.start')}
        </Button>
      )}
      {room.status === 'in_progress' && !confirming && (
        <Button ref={endButton} size="md" variant="outline" color="red.9" onClick={() => setConfirming(true)} data-testid="meeting-end">
          {t('cabinet.end')}
        </Button>
      )}
      {/* Closing cannot be undone (the speakers' list closes, no vote opens again): one stray tap on a tablet must not end the meeting. */}
      {room.status === 'in_progress' && confirming && (
        <Alert color="red.9" role="alertdialog" aria-labelledby="ket-thuc-hop" data-testid="meeting-end-confirm">
          <Stack gap="xs">
            <Text id="ket-thuc-hop" fw={700}>
              {voteOpen ? t('cabinet.endVoteOpen') : t('cabinet.endConfirm')}
            </Text>
            <Group>
              {!voteOpen && (
                <Button color="red.9" onClick={() => act.mutate({ action: 'end' }, { onSettled: () => setConfirming(false) })} loading={act.isPending}>
                  {t('cabinet.endConfirmButton')}
                </Button>
              )}
              <Button ref={cancel} variant="default" onClick={() => setConfirming(false)} disabled={act.isPending}>
                {t('cabinet.admin.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {act.isError && <Alert color="red.9" role="alert">{errorText(act.error)}</Alert>}
    </Group>
  );
}

function Agenda({ room }: { room: Room }) {
  const { t } = useTranslation();
  const act = useRoomAction<{ action: 'set_item'; itemId: string }>(room.id, '/actions');
  const [question, setQuestion] = useState('');
  const openVote = useMeetingCall<{ itemId: string; question: string }>(room.id, (b) => `/api/v1/cabinet/meetings/${room.id}/items/${b.itemId}/votes`);
  const voteOpen = room.votes.some((v) => v.status === 'open');
  return (
    <Section id="chuong-trinh" title={t('cabinet.agenda')}>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {room.agenda.map((a) => {
          const current = a.id === room.currentItemId;
          return (
            <li key={a.id} className="cabinet-card cabinet-item" data-current={current} aria-current={current ? 'step' : undefined}>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text fw={700}>
                    {a.position}. {a.title}
                  </Text>
                  {a.presenter && <Text size="sm">{t('cabinet.presenter', { name: a.presenter })}</Text>}
                </div>
                {current && <Badge color="blue.9">{t('cabinet.current')}</Badge>}
              </Group>
              <Stack mt="xs" gap="xs">
                <DocumentLinks documents={a.documents} base={`/api/v1/cabinet/meetings/${room.id}`} back={`/hop/phien-hop/${room.id}`} />
                {room.me.controls && room.status === 'in_progress' && !current && (
                  <Button variant="default" onClick={() => act.mutate({ action: 'set_item', itemId: a.id })}>
                    {t('cabinet.makeCurrent')}
                  </Button>
                )}
                {room.me.controls && room.status === 'in_progress' && current && !voteOpen && (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (question.trim()) openVote.mutate({ itemId: a.id, question: question.trim() }, { onSuccess: () => setQuestion('') });
                    }}
                  >
                    <Group align="flex-end">
                      <TextInput style={{ flex: 1 }} label={t('cabinet.voteQuestion')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} required />
                      <Button type="submit" loading={openVote.isPending} data-testid="open-vote">
                        {t('cabinet.openVote')}
                      </Button>
                    </Group>
                  </form>
                )}
              </Stack>
            </li>
          );
        })}
      </Stack>
      {(act.isError || openVote.isError) && (
        <Alert color="red.9" role="alert" mt="sm">
          {errorText(act.error ?? openVote.error)}
        </Alert>
      )}
    </Section>
  );
}

function Votes({ room }: { room: Room }) {
  const { t } = useTranslation();
  const cast = useMeetingCall<{ voteId: string; choice: BallotChoice }>(room.id, (b) => `/api/v1/cabinet/votes/${b.voteId}/ballots`);
  const close = useMeetingCall<{ voteId: string; action: 'close' }>(room.id, (b) => `/api/v1/cabinet/votes/${b.voteId}/actions`);
  if (room.votes.length === 0) return null;
  return (
    <Section id="bieu-quyet" title={t('cabinet.votes')}>
      <Stack gap="md">
        {[...room.votes].reverse().map((v) => (
          <div key={v.id} className="cabinet-card" data-testid={`vote-${v.status}`}>
            <Group justify="space-between">
              <Text fw={700}>{v.question}</Text>
              {v.outcome ? <Badge color={v.outcome === 'adopted' ? 'teal.9' : 'red.9'} data-testid="vote-outcome">{t(`cabinet.outcome.${v.outcome}`)}</Badge> : <Badge color="blue.9" data-testid="vote-open">{t('cabinet.voteOpen')}</Badge>}
            </Group>
            <TallyView tally={v.tally} closed={v.status === 'closed'} ballot />
            {v.myBallot && (
              <Text mt="xs" role="status" data-testid="my-ballot">
                {t('cabinet.yourBallot', { choice: t(`cabinet.ballot.${v.myBallot.choice}`) })}
              </Text>
            )}
            {v.status === 'open' && room.me.canVote && !v.myBallot && (
              <fieldset style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
                <legend className="visually-hidden">{t('cabinet.castBallot')}</legend>
                <div className="cabinet-choices">
                  {(['agree', 'disagree', 'abstain'] as const).map((c) => (
                    <Button key={c} className="cabinet-choice" size="lg" color={c === 'agree' ? 'teal.9' : c === 'disagree' ? 'red.9' : 'gray.9'} variant={c === 'abstain' ? 'outline' : 'filled'} loading={cast.isPending && cast.variables?.choice === c} disabled={cast.isPending} onClick={() => cast.mutate({ voteId: v.id, choice: c })} data-testid={`ballot-${c}`}>
                      {t(`cabinet.ballot.${c}`)}
                    </Button>
                  ))}
                </div>
              </fieldset>
            )}
            {v.status === 'open' && room.me.controls && (
              <Button mt="sm" variant="outline" onClick={() => close.mutate({ voteId: v.id, action: 'close' })} loading={close.isPending} data-testid="close-vote">
                {t('cabinet.closeVote')}
              </Button>
            )}
          </div>
        ))}
        {(cast.isError || close.isError) && (
          <Alert color="red.9" role="alert">
            {errorText(cast.error ?? close.error)}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}

function Speakers({ room }: { room: Room }) {
  const { t } = useTranslation();
  const request = useMeetingCall<{ action: 'request' | 'withdraw' }>(room.id, () => `/api/v1/cabinet/meetings/${room.id}/speakers`);
  const speakerAct = useMeetingCall<{ speakerId: string; action: 'give_floor' | 'finish' }>(room.id, (b) => `/api/v1/cabinet/meetings/${room.id}/speakers/${b.speakerId}/actions`);
  return (
    <Section id="phat-bieu" title={t('cabinet.speakers')}>
      <Stack gap="sm">
        {room.status === 'ended' ? (
          <Text className="empty-state" data-testid="speakers-closed">
            {t('cabinet.speakersClosed')}
          </Text>
        ) : (
          room.speakers.length === 0 && <Text className="empty-state">{t('cabinet.noSpeakers')}</Text>
        )}
        <Stack gap="xs" component="ol" style={{ paddingLeft: 20, margin: 0 }} data-testid="speakers">
          {room.speakers.map((s) => (
            <li key={s.id}>
              <Group justify="space-between">
                <Text fw={s.state === 'speaking' ? 700 : 400}>
                  {s.speaker.fullName} — {s.state === 'speaking' ? t('cabinet.speaking') : t('cabinet.waiting')}
                </Text>
                {room.me.controls && (
                  <Button size="sm" variant={s.state === 'speaking' ? 'outline' : 'filled'} onClick={() => speakerAct.mutate({ speakerId: s.id, action: s.state === 'speaking' ? 'finish' : 'give_floor' })} data-testid="give-floor">
                    {s.state === 'speaking' ? t('cabinet.finish') : t('cabinet.giveFloor')}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
        {room.me.canSpeak && (
          // one button for where I stand: ask for the floor, withdraw while waiting, end my turn while speaking
          <Group>
            {room.me.turn === null ? (
              <Button onClick={() => request.mutate({ action: 'request' })} loading={request.isPending} data-testid="request-speak">
                {t('cabinet.requestSpeak')}
              </Button>
            ) : (
              <Button variant="default" onClick={() => request.mutate({ action: 'withdraw' })} loading={request.isPending}>
                {room.me.turn === 'speaking' ? t('cabinet.finishMine') : t('cabinet.withdraw')}
              </Button>
            )}
          </Group>
        )}
        {(request.isError || speakerAct.isError) && (
          <Alert color="red.9" role="alert">
            {errorText(request.error ?? speakerAct.error)}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}

type AttendanceBody = { attendance: 'attend' | 'absent' | 'substitute'; substitute?: string; withoutSubstitute?: boolean };

function Attendance({ room }: { room: Room }) {
  const { t } = useTranslation();
  const respond = useRoomAction<AttendanceBody>(room.id, '/attendance');
  const inv = room.me.invitation!;
  if (room.status === 'ended') return null;
  return (
    <Section id="tham-du" title={t('cabinet.attendance')}>
      <Text mb="xs" data-testid="my-attendance">
        {inv.presence ? t(`cabinet.presence.${inv.presence}`) : t(`cabinet.attendanceState.${inv.attendance}`)}
        {inv.substitute ? `: ${inv.substitute.fullName}` : ''}
      </Text>
      {inv.tookPart ? (
        <Text size="sm" data-testid="attendance-proven">
          {t('cabinet.attendanceProven')}
        </Text>
      ) : (
        <AttendanceChoices inv={inv} respond={respond} />
      )}
      {respond.isError && (
        <Alert color="red.9" role="alert" mt="sm">
          {errorText(respond.error)}
        </Alert>
      )}
    </Section>
  );
}

/** Attend, decline (the standing substitute goes, or nobody), or name a substitute. */
function AttendanceChoices({ inv, respond }: { inv: NonNullable<Room['me']['invitation']>; respond: ReturnType<typeof useRoomAction<AttendanceBody>> }) {
  const { t } = useTranslation();
  const standing = inv.standingSubstitute;
  const [substitute, setSubstitute] = useState<string | null>(inv.substitute?.username ?? standing?.username ?? null);
  // while an answer is being saved, the button pressed spins and none can be pressed again (as the ballot buttons)
  const saving = (body: AttendanceBody) =>
    respond.isPending && respond.variables?.attendance === body.attendance && !!respond.variables.withoutSubstitute === !!body.withoutSubstitute;
  const busy = respond.isPending;
  return (
    <>
      {standing && (
        <Text size="sm" mb="xs" data-testid="standing-substitute">
          {t('cabinet.standingProposal', { name: standing.fullName })}
        </Text>
      )}
      <Group>
        <Button variant={inv.attendance === 'attend' ? 'filled' : 'default'} loading={saving({ attendance: 'attend' })} disabled={busy} onClick={() => respond.mutate({ attendance: 'attend' })} data-testid="attendance-attend">
          {t('cabinet.attend')}
        </Button>
        <Button
          variant={inv.attendance === 'absent' || (standing && inv.substitute?.username === standing.username) ? 'filled' : 'default'}
          loading={saving({ attendance: 'absent' })}
          disabled={busy}
          onClick={() => respond.mutate({ attendance: 'absent' })}
          data-testid="attendance-absent"
        >
          {standing ? t('cabinet.absentWithStanding') : t('cabinet.absent')}
        </Button>
        {standing && (
          <Button variant={inv.attendance === 'absent' ? 'filled' : 'default'} loading={saving({ attendance: 'absent', withoutSubstitute: true })} disabled={busy} onClick={() => respond.mutate({ attendance: 'absent', withoutSubstitute: true })} data-testid="attendance-absent-alone">
            {t('cabinet.absentAlone')}
          </Button>
        )}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (substitute) respond.mutate({ attendance: 'substitute', substitute });
        }}
      >
        {/* one above the other: side by side in the room's narrow column (1024 px landscape) the list shrank to 160 px and its hint ran over four lines */}
        <Stack gap="xs" mt="sm" align="flex-start">
          {/* picked by name and title from those the API offers: members do not know user names */}
          <Select
            w="100%"
            label={t('cabinet.substituteUser')}
            description={t('cabinet.substituteHint')}
            data={inv.substituteCandidates.map((p) => ({ value: p.username, label: p.title ? `${p.fullName} — ${p.title}` : p.fullName }))}
            value={substitute}
            onChange={setSubstitute}
            searchable
            nothingFoundMessage={t('cabinet.substituteNone')}
            data-testid="substitute-pick"
          />
          <Button type="submit" variant="default" disabled={!substitute || busy} loading={saving({ attendance: 'substitute' })} data-testid="attendance-substitute">
            {t('cabinet.sendSubstitute')}
          </Button>
        </Stack>
      </form>
    </>
  );
}

/**
 * Each invitee's attendance: as declared, or — for one who never answered — as the record proves
 * (voted, spoke: present; nothing by the close: absent). Once the meeting has ended the words are
 * those of the minutes.
 */
function Participants({ room }: { room: Room }) {
  const { t } = useTranslation();
  const attendanceLabel = (p: Room['participants'][number]) => {
    if (p.presence) return t(`cabinet.presence.${p.presence}`);
    if (p.substitute) return t('cabinet.attendsFor', { name: p.substitute.fullName });
    if (room.status !== 'ended') return t(`cabinet.attendanceState.${p.attendance}`);
    return `${t(`cabinet.attendanceEnded.${p.attendance}`)}${p.attendance === 'absent' && p.note ? ` (${p.note})` : ''}`;
  };
  return (
    <Section id="thanh-phan" title={t('cabinet.participants')}>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {room.participants.map((p) => (
          <li key={p.username} data-testid="participant">
            <Text size="sm">
              <strong>{p.fullName}</strong> — {attendanceLabel(p)}
              {p.substituteStanding ? ` (${t('cabinet.standing')})` : ''}
            </Text>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

function Minutes({ room }: { room: Room }) {
  const { t } = useTranslation();
  const [text, setText] = useState(room.minutes ?? '');
  const save = useRoomAction<{ text: string }>(room.id, '/minutes', 'PUT');
  const sign = useRoomAction<Record<string, never>>(room.id, '/minutes/document');
  const signed = room.minutesDocument;
  return (
    <Section id="bien-ban" title={t('cabinet.minutes')}>
      {signed ? (
        <Text style={{ whiteSpace: 'pre-wrap' }}>{room.minutes}</Text>
      ) : (
        <Textarea label={t('cabinet.minutes')} labelProps={{ className: 'visually-hidden' }} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} />
      )}
      {signed ? (
        <Group mt="sm" gap="xs">
          <Badge color="teal.9" tt="none" size="lg" className="cabinet-badge-full">
            ✓ {t('cabinet.minutesSigned', { time: formatTime(signed.signedAt) })}
          </Badge>
          <Anchor href={`/api/v1/cabinet/meetings/${room.id}/minutes/document`} target="_blank" rel="noopener" data-testid="minutes-pdf">
            {t('cabinet.minutesOpen')}
          </Anchor>
        </Group>
      ) : (
        <Group mt="sm" gap="xs">
          <Button variant="default" onClick={() => save.mutate({ text })} loading={save.isPending}>
            {t('cabinet.saveMinutes')}
          </Button>
          {room.status === 'ended' && (
            <Button onClick={() => save.mutate({ text }, { onSuccess: () => sign.mutate({}) })} loading={sign.isPending} disabled={!text.trim()}>
              {t('cabinet.minutesSign')}
            </Button>
          )}
          {/* "Lưu biên bản" said nothing once done: the secretariat could not tell the text was kept */}
          <Text size="sm" role="status" data-testid="minutes-saved">
            {save.isSuccess && save.variables?.text === text ? t('cabinet.minutesSaved') : ''}
          </Text>
        </Group>
      )}
      {(save.isError || sign.isError) && (
        <Alert color="red.9" role="alert" mt="sm">
          {errorText(save.error ?? sign.error)}
        </Alert>
      )}
    </Section>
  );
}
