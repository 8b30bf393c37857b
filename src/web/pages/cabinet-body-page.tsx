import { Alert, Anchor, Badge, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type BodyMember, type CabinetBody, type MemberRole, SUBSTITUTE_ROLES, type SubstituteRole, useBody, useBodyChange } from '../modules/cabinet/cabinet.api.ts';
import '../modules/cabinet/cabinet.css';
import { type RuleDraft, RuleFields } from '../modules/cabinet/rule-fields.tsx';
import { signedIn } from '../modules/dossiers/require-citizen.tsx';
import { errorText } from '../ui/http.ts';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { Section } from '../ui/section.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { DayInput, dayText } from '../ui/day-input.tsx';

/** `/hop/tap-the/:code`: a body's members, roles, substitutes and decision rule; managed by the secretariat. */
const CabinetBodyPage = signedIn(BodyView);
export default CabinetBodyPage;

const ROLES: MemberRole[] = ['chair', 'vice_chair', 'member', 'secretariat'];

function BodyView() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const body = useBody(code);
  usePageTitle(body.data ? t('cabinet.admin.title', { body: body.data.name }) : t('cabinet.admin.members'));
  if (body.isPending) return <Loading />;
  if (body.isError) return <LoadError message={errorText(body.error)} onRetry={() => body.refetch()} />;
  const b = body.data;
  return (
    <Stack gap="md" className="cabinet-page">
      <Anchor component={Link} to="/hop">
        ← {t('cabinet.back')}
      </Anchor>
      <Title order={1}>{t('cabinet.admin.title', { body: b.name })}</Title>
      {b.canManage && <Text>{t('cabinet.admin.freezeNote')}</Text>}
      <div className="cabinet-columns">
        <Stack gap="md">
          <Section id="thanh-vien" title={t('cabinet.admin.members')}>
            <Members body={b} />
          </Section>
          {b.canManage && (
            <Section id="them-thanh-vien" title={t('cabinet.admin.add')}>
              <MemberForm body={b} />
            </Section>
          )}
        </Stack>
        <Stack gap="md">
          <Section id="quy-tac" title={t('cabinet.admin.rule')}>
            <RuleView body={b} />
          </Section>
          <Section id="du-hop-thay" title={t('cabinet.admin.substitutes')}>
            <SubstitutesView body={b} />
          </Section>
        </Stack>
      </div>
    </Stack>
  );
}

function Members({ body }: { body: CabinetBody }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const change = useBodyChange(body.code);
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {body.members.map((m) => (
        <li key={m.username} className="cabinet-card" data-testid="body-member">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <div>
              <Text fw={700}>
                {m.fullName} <Text span c="gray.8" size="sm">({m.username})</Text>
              </Text>
              <Text size="sm">{m.title}</Text>
              {m.substitute && <Text size="sm">{t('cabinet.admin.substituteIs', { name: m.substitute })}</Text>}
            </div>
            <Badge color={m.role === 'secretariat' ? 'gray.9' : 'blue.9'}>
              {t(`cabinet.admin.role.${m.role}`)}
            </Badge>
          </Group>
          {body.canManage && editing !== m.username && removing !== m.username && (
            <Group gap="xs" mt="xs">
              <Button variant="default" onClick={() => setEditing(m.username)} aria-label={t('cabinet.admin.editWho', { name: m.fullName })}>
                {t('cabinet.admin.edit')}
              </Button>
              <Button variant="default" color="red.9" onClick={() => setRemoving(m.username)} aria-label={t('cabinet.admin.removeWho', { name: m.fullName })}>
                {t('cabinet.admin.remove')}
              </Button>
            </Group>
          )}
          {editing === m.username && <MemberForm body={body} member={m} onDone={() => setEditing(null)} />}
          {removing === m.username && (
            <Stack gap="xs" mt="xs">
              <Text fw={600}>{t('cabinet.admin.removeConfirm', { name: m.fullName })}</Text>
              {change.isError && (
                <Alert color="red.9" role="alert">
                  {errorText(change.error)}
                </Alert>
              )}
              <Group gap="xs">
                <Button color="red.9" loading={change.isPending} onClick={() => change.mutate({ method: 'DELETE', path: `/members/${encodeURIComponent(m.username)}` }, { onSuccess: () => setRemoving(null) })}>
                  {t('cabinet.admin.removeYes')}
                </Button>
                <Button
                  variant="default"
                  onClick={() => {
                    change.reset();
                    setRemoving(null);
                  }}
                >
                  {t('cabinet.admin.cancel')}
                </Button>
              </Group>
            </Stack>
          )}
        </li>
      ))}
    </Stack>
  );
}

function MemberForm({ body, member, onDone }: { body: CabinetBody; member?: BodyMember; onDone?: () => void }) {
  const { t } = useTranslation();
  const change = useBodyChange(body.code);
  const [username, setUsername] = useState(member?.username ?? '');
  const [role, setRole] = useState<MemberRole>(member?.role ?? 'member');
  const [title, setTitle] = useState(member?.title ?? '');
  const [substitute, setSubstitute] = useState(member?.substitute ?? '');
  const prefix = member ? `sua-${member.username}` : 'them';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const who = username.trim();
        if (!who || !title.trim()) return;
        change.mutate(
          { method: 'PUT', path: `/members/${encodeURIComponent(who)}`, body: { role, title: title.trim(), substitute: substitute.trim() || null } },
          {
            onSuccess: () => {
              if (member) onDone?.();
              else {
                setUsername('');
                setTitle('');
                setSubstitute('');
              }
            },
          },
        );
      }}
    >
      <Stack gap="xs" mt={member ? 'xs' : 0}>
        {!member && <TextInput id={`${prefix}-username`} label={t('cabinet.admin.username')} description={t('cabinet.admin.usernameHint')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoComplete="off" />}
        <Select id={`${prefix}-role`} label={t('cabinet.admin.roleLabel')} value={role} onChange={(v) => setRole((v as MemberRole) ?? 'member')} data={ROLES.map((r) => ({ value: r, label: t(`cabinet.admin.role.${r}`) }))} allowDeselect={false} />
        <TextInput id={`${prefix}-title`} label={t('cabinet.admin.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
        <TextInput id={`${prefix}-substitute`} label={t('cabinet.admin.substitute')} description={t('cabinet.admin.substituteHint')} value={substitute} onChange={(e) => setSubstitute(e.currentTarget.value)} autoComplete="off" />
        {change.isError && (
          <Alert color="red.9" role="alert">
            {errorText(change.error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={change.isPending}>
            {member ? t('cabinet.admin.save') : t('cabinet.admin.addButton')}
          </Button>
          {member && (
            <Button variant="default" onClick={onDone}>
              {t('cabinet.admin.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function RuleView({ body }: { body: CabinetBody }) {
  const { t } = useTranslation();
  const change = useBodyChange(body.code);
  const [validFrom, setValidFrom] = useState('');
  const [rule, setRule] = useState<RuleDraft>({ deemedAgreement: body.rule.deemedAgreement, tieBreak: body.rule.tieBreak, legalBasis: '' });
  const describe = (r: CabinetBody['rule']) =>
    [t('cabinet.admin.ruleMajority'), r.deemedAgreement ? t('cabinet.admin.ruleDeemedOn') : t('cabinet.admin.ruleDeemedOff'), r.tieBreak === 'chair' ? t('cabinet.admin.tieChair') : t('cabinet.admin.tieNone')].join(' ');
  return (
    <Stack gap="sm">
      <Text data-testid="rule-now">
        <strong>{t('cabinet.admin.ruleNow')}</strong> {describe(body.rule)}
      </Text>
      <Text size="sm">{t('cabinet.admin.ruleBasis', { basis: body.rule.legalBasis, date: dayText(body.rule.validFrom) })}</Text>
      {body.rules.length > 0 && (
        <Stack gap={4} component="ul" aria-label={t('cabinet.admin.ruleHistory')} style={{ paddingLeft: 20, margin: 0 }}>
          {body.rules.map((r) => (
            <li key={r.validFrom}>
              <Text size="sm">
                {t('cabinet.admin.ruleFrom', { date: dayText(r.validFrom) })}: {describe(r)} ({r.legalBasis})
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {body.canManage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!validFrom || !rule.legalBasis.trim()) return;
            change.mutate({ method: 'PUT', path: `/rules/${validFrom}`, body: { ...rule, legalBasis: rule.legalBasis.trim() } });
          }}
        >
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('cabinet.admin.newRule')}
            </Title>
            <DayInput id="rule-from" label={t('cabinet.admin.ruleValidFrom')} value={validFrom} onChange={setValidFrom} required />
            <RuleFields idPrefix="rule" value={rule} onChange={setRule} />
            {change.isError && (
              <Alert color="red.9" role="alert">
                {errorText(change.error)}
              </Alert>
            )}
            {change.isSuccess && <Text role="status">{t('cabinet.admin.ruleSaved')}</Text>}
            <Button type="submit" loading={change.isPending}>
              {t('cabinet.admin.saveRule')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** Who a member may send to a meeting instead (data of the body: roles in the province), read by all, set by the secretariat. */
function SubstitutesView({ body }: { body: CabinetBody }) {
  const { t } = useTranslation();
  const change = useBodyChange(body.code);
  const [roles, setRoles] = useState<string[]>(body.substituteRoles);
  const names = (list: string[]) => list.map((r) => t(`admin.roles.${r}`)).join(', ');
  return (
    <Stack gap="sm">
      <Text data-testid="substitutes-now">{body.substituteRoles.length > 0 ? t('cabinet.admin.substitutesNow', { roles: names(body.substituteRoles) }) : t('cabinet.admin.substitutesNone')}</Text>
      {body.canManage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ method: 'PUT', path: '/substitute-roles', body: { roles: roles as SubstituteRole[] } });
          }}
        >
          <Stack gap="xs">
            <Checkbox.Group label={t('cabinet.admin.substitutesLabel')} description={t('cabinet.admin.substitutesHint')} value={roles} onChange={setRoles}>
              <Stack gap={0} mt={4}>
                {SUBSTITUTE_ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={t(`admin.roles.${r}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            {change.isError && (
              <Alert color="red.9" role="alert">
                {errorText(change.error)}
              </Alert>
            )}
            {change.isSuccess && <Text role="status">{t('cabinet.admin.substitutesSaved')}</Text>}
            <Button type="submit" loading={change.isPending} data-testid="save-substitutes">
              {t('cabinet.admin.saveSubstitutes')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
