import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import { Badge, Button, Group, List, Modal, NativeSelect, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencySelect, useAgency } from '../places/agency-select.tsx';
import { useProvinces } from '../places/places.api.ts';
import { AdminError, errorDetails, fieldProblem } from './admin-errors.tsx';
import { PasswordResetDialog } from './password-reset-dialog.tsx';
import { UserImport } from './user-import.tsx';
import { type AdminGrant, type AdminUser, type GrantInput, useCreateUser, useSetActive, useSetGrants, useUpdateUser, useUsers } from './admin.api.ts';
import { ColumnHeaders } from '../../ui/data-table.tsx';
import { ROLES_WITHOUT_AGENCY } from '#modules/identity/grant-rules.ts';
import { ScrollRegion } from '../../ui/scroll-region.tsx';

const ROLES = ['desk_officer', 'specialist', 'leader', 'clerk', 'provincial_leader', 'national_oversight', 'inspector', 'inspection_leader', 'auditor', 'admin'] as const;
/** Roles that may hold everywhere (no agency): the system administrator's. */
const WITHOUT_AGENCY = new Set<string>(ROLES_WITHOUT_AGENCY);
const EMPTY_FORM = { username: '', fullName: '', password: '', email: '', phone: '', role: 'desk_officer' as GrantInput['role'], agencyCode: '' };


/** A province list followed by the searchable agency list of that province (or of the whole country). */
export function ProvinceAgencyPicker(props: { label: string; value: string; onChange: (code: string) => void; error?: string; required?: boolean }) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const [province, setProvince] = useState('');
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <NativeSelect
        label={t('admin.users.province')}
        value={province}
        onChange={(e) => {
          setProvince(e.currentTarget.value);
          props.onChange('');
        }}
        data={[{ value: '', label: t('admin.users.allProvinces') }, ...(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))]}
        w={240}
      />
      <div style={{ flex: '1 1 360px', minWidth: 280 }}>
        <AgencySelect label={props.label} value={props.value} onChange={props.onChange} provinceCode={province || null} error={props.error} required={props.required} />
      </div>
    </Group>
  );
}

/** One grant in words: the role and where it applies. */
function GrantText({ grant }: { grant: AdminGrant }) {
  const { t } = useTranslation();
  const where = grant.agencyCode ? `${grant.agencyName ?? grant.agencyCode} (${grant.agencyCode})` : t('admin.users.everywhere');
  return (
    <>
      <Text span fw={600}>
        {t(`admin.roles.${grant.role}`, { defaultValue: grant.role })}
      </Text>{' '}
      — {where}
    </>
  );
}

/** Vai trò của một người dùng: remove a grant, or add a role at an agency picked from the register. */
function GrantsDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const setGrants = useSetGrants();
  const [grants, setLocal] = useState(user.grants);
  const [role, setRole] = useState<(typeof ROLES)[number]>('desk_officer');
  const [agency, setAgency] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState('');
  const picked = useAgency(agency || null);
  const save = (next: AdminGrant[], message: string) =>
    setGrants.mutate(
      { id: user.id, grants: next },
      {
        onSuccess: (answer) => {
          setLocal(answer.grants.map((g) => ({ ...g, agencyName: next.find((n) => n.agencyCode === g.agencyCode)?.agencyName ?? null })));
          setDone(message);
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('admin.users.grantsOf', { name: user.fullName })} size="xl" centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('admin.users.currentGrants')}
        </Title>
        <List spacing="xs" listStyleType="none" ml={0} pl={0}>
          {grants.map((g) => (
            <List.Item key={`${g.role}@${g.agencyCode}`}>
              <Group gap="sm" wrap="nowrap" justify="space-between">
                <Text size="sm">
                  <GrantText grant={g} />
                </Text>
                <Button
                  size="compact-sm"
                  variant="default"
                  disabled={grants.length === 1 || setGrants.isPending}
                  aria-label={t('admin.users.removeGrantOf', { role: t(`admin.roles.${g.role}`, { defaultValue: g.role }), agency: g.agencyName ?? g.agencyCode ?? t('admin.users.everywhere') })}
                  onClick={() => save(grants.filter((x) => x !== g), t('admin.users.grantRemoved'))}
                >
                  {t('admin.users.removeGrant')}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
        {grants.length === 1 && (
          <Text size="sm" c="gray.8">
            {t('admin.users.lastGrantHint')}
          </Text>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!agency && !WITHOUT_AGENCY.has(role)) return setProblem(t('admin.users.agencyRequired'));
            setProblem(undefined);
            const code = agency || null;
            if (grants.some((g) => g.role === role && g.agencyCode === code)) return setProblem(t('admin.users.grantExists'));
            save([...grants, { role, agencyCode: code, provinceCode: null, agencyName: picked.data?.name ?? null }], t('admin.users.grantAdded'));
            setAgency('');
          }}
          noValidate
        >
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('admin.users.addGrant')}
            </Title>
            <NativeSelect label={t('admin.users.role')} value={role} onChange={(e) => setRole(e.currentTarget.value as (typeof ROLES)[number])} data={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} w={260} />
            <ProvinceAgencyPicker
              label={t('admin.users.agency')}
              value={agency}
              onChange={(code) => {
                setAgency(code);
                setProblem(undefined);
              }}
              error={problem} required={!WITHOUT_AGENCY.has(role)} />
            <Group justify="space-between">
              <Button type="submit" loading={setGrants.isPending}>
                {t('admin.users.addGrantButton')}
              </Button>
              <Button variant="default" type="button" onClick={onClose}>
                {t('workspace.form.close')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Text role="status" size="sm">
          {done}
        </Text>
        <AdminError error={setGrants.error} />
      </Stack>
    </Modal>
  );
}

/** Sửa thông tin tài khoản: full name, e-mail, phone (an emptied e-mail or phone is cleared); each problem under its field. */
function DetailsDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [form, setForm] = useState({ fullName: user.fullName, email: user.email ?? '', phone: user.phone ?? '' });
  const field = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [name]: value }));
  };
  const problem = (name: keyof typeof form) => fieldProblem(update.error, name);
  return (
    <Modal opened onClose={onClose} title={t('admin.users.detailsOf', { username: user.username })} centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { id: user.id, fullName: form.fullName, email: form.email.trim() || null, phone: form.phone.trim() || null },
            { onSuccess: (answer) => (answer.changed ? onClose() : undefined) },
          );
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput label={t('admin.users.fullName')} required value={form.fullName} onChange={field('fullName')} error={problem('fullName')} data-autofocus />
          <TextInput label={t('admin.users.email')} description={t('admin.users.emailHint')} type="email" value={form.email} onChange={field('email')} error={problem('email')} />
          <TextInput label={t('admin.users.phone')} type="tel" value={form.phone} onChange={field('phone')} error={problem('phone')} />
          <Text role="status" size="sm">
            {update.data && !update.data.changed ? t('admin.users.unchanged') : ''}
          </Text>
          {errorDetails(update.error).length === 0 && <AdminError error={update.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" type="button" onClick={onClose}>
              {t('workspace.form.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('admin.users.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Khóa / mở khóa with a confirmation saying what happens. */
function ActiveDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const setActive = useSetActive();
  const deactivate = user.active;
  const label = t(deactivate ? 'admin.users.deactivateButton' : 'admin.users.reactivateButton');
  return (
    <Modal opened onClose={onClose} title={t(deactivate ? 'admin.users.deactivateOf' : 'admin.users.reactivateOf', { username: user.username })} centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
      <Stack gap="sm">
        <Text>{t(deactivate ? 'admin.users.deactivateConfirm' : 'admin.users.reactivateConfirm', { name: user.fullName, username: user.username })}</Text>
        <AdminError error={setActive.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('workspace.form.cancel')}
          </Button>
          <Button color={deactivate ? 'red.9' : undefined} loading={setActive.isPending} onClick={() => setActive.mutate({ id: user.id, active: !deactivate }, { onSuccess: onClose })}>
            {label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Người dùng và vai trò: find accounts (by name, by agency), their grants, create, change roles, (un)lock, reset a password. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [agencyFilter, setAgencyFilter] = useState('');
  // Asked once typing pauses, not at every key (a name of 15 letters was 15 requests).
  const [searched] = useDebouncedValue(q.trim(), 300);
  const users = useUsers(searched, agencyFilter);
  const create = useCreateUser();
  // The button that opened a dialog takes the keyboard back when it closes (the dialog is
  // unmounted, so the Modal's own return of the focus never runs: it fell to the page's body).
  const [dialog, setDialog] = useState<{ kind: 'details' | 'grants' | 'active' | 'password'; user: AdminUser; from: HTMLElement } | null>(null);
  const closeDialog = () => {
    const from = dialog?.from;
    setDialog(null);
    if (from) requestAnimationFrame(() => from.focus());
  };
  const [form, setForm] = useState(EMPTY_FORM);
  const [agencyProblem, setAgencyProblem] = useState<string | undefined>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  // Read the value now: the event's currentTarget is gone when React runs the updater.
  const field = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [name]: value }));
  };
  const items = users.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('admin.users.title')}
      </Title>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput type="search" label={t('admin.users.search')} value={q} maxLength={100} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
        <div style={{ flex: '1 1 560px' }}>
          <ProvinceAgencyPicker label={t('admin.users.filterAgency')} value={agencyFilter} onChange={setAgencyFilter} />
        </div>
      </Group>
      <Text size="sm" role="status">
        {users.data ? t('admin.users.count', { count: items.length }) : ''}
      </Text>
<ScrollRegion minWidth={560} label={t('admin.users.title')}>
      <Table striped withTableBorder>
        <ColumnHeaders columns={[t('admin.users.username'), t('admin.users.fullName'), t('admin.users.grants'), t('admin.users.state'), t('admin.calendar.actions')]} />
        <Table.Tbody>
          {items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td>
                {u.grants.length === 0 ? (
                  <Text size="sm">{t('admin.users.noGrants')}</Text>
                ) : (
                  <List size="sm" spacing={2}>
                    {u.grants.map((g) => (
                      <List.Item key={`${g.role}@${g.agencyCode}`}>
                        <GrantText grant={g} />
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={u.active ? 'blue.9' : 'gray.8'} tt="none" style={{ minWidth: 'max-content' }}>
                  {u.active ? t('admin.users.active') : t('admin.users.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Button size="compact-sm" variant="default" aria-label={t('admin.users.editOf', { username: u.username })} onClick={(e) => setDialog({ kind: 'details', user: u, from: e.currentTarget })}>
                    {t('admin.users.edit')}
                  </Button>
                  <Button size="compact-sm" variant="default" aria-label={t('admin.users.editGrantsOf', { username: u.username })} onClick={(e) => setDialog({ kind: 'grants', user: u, from: e.currentTarget })}>
                    {t('admin.users.editGrants')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t(u.active ? 'admin.users.deactivateOf' : 'admin.users.reactivateOf', { username: u.username })}
                    onClick={(e) => setDialog({ kind: 'active', user: u, from: e.currentTarget })}
                  >
                    {t(u.active ? 'admin.users.deactivate' : 'admin.users.reactivate')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t('admin.users.resetPasswordOf', { username: u.username })}
                    onClick={(e) => setDialog({ kind: 'password', user: u, from: e.currentTarget })}
                  >
                    {t('admin.users.resetPassword')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
</ScrollRegion>
      {dialog?.kind === 'details' && <DetailsDialog user={dialog.user} onClose={closeDialog} />}
      {dialog?.kind === 'grants' && <GrantsDialog user={dialog.user} onClose={closeDialog} />}
      {dialog?.kind === 'active' && <ActiveDialog user={dialog.user} onClose={closeDialog} />}
      {dialog?.kind === 'password' && <PasswordResetDialog user={dialog.user} onClose={closeDialog} />}
      <Title order={3} size="h4">
        {t('admin.users.create')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // The server takes a role without an agency (a role everywhere): only the administrator's may be.
          if (!form.agencyCode && !WITHOUT_AGENCY.has(form.role)) return setAgencyProblem(t('admin.users.agencyRequired'));
          setAgencyProblem(undefined);
          create.mutate(
            { username: form.username, fullName: form.fullName, password: form.password, email: form.email, phone: form.phone, grant: { role: form.role, agencyCode: form.agencyCode || null }, key },
            {
              onSuccess: () => {
                setKey(crypto.randomUUID());
                setForm(EMPTY_FORM);
              },
            },
          );
        }}
        // The server names each problem in Vietnamese under the form; the browser's own bubble
        // ("Please select an item in the list.") would speak the browser's language instead.
        noValidate
      >
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label={t('admin.users.username')} required value={form.username} onChange={field('username')} />
            <TextInput label={t('admin.users.fullName')} required value={form.fullName} onChange={field('fullName')} />
            {/* a width of its own: in the row, it shrank to a few dots (its hint cut) at 1280–1366 px */}
            <PasswordInput label={t('admin.users.password')} description={t('admin.users.passwordHint')} required value={form.password} onChange={field('password')} w={240} />
            <TextInput label={t('admin.users.email')} type="email" value={form.email} onChange={field('email')} error={fieldProblem(create.error, 'email')} />
            <TextInput label={t('admin.users.phone')} type="tel" value={form.phone} onChange={field('phone')} error={fieldProblem(create.error, 'phone')} />
            <NativeSelect label={t('admin.users.role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as GrantInput['role'] })} data={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
          </Group>
          <ProvinceAgencyPicker
            label={t('admin.users.agencyOfRole')}
            value={form.agencyCode}
            onChange={(agencyCode) => {
              setForm((f) => ({ ...f, agencyCode }));
              setAgencyProblem(undefined);
            }}
            error={agencyProblem}
            required={!WITHOUT_AGENCY.has(form.role)}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('admin.users.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>
      {create.isSuccess && <Text role="status">{t('admin.users.created')}</Text>}
      <AdminError
        error={create.error}
        labels={{
          username: t('admin.users.username'),
          fullName: t('admin.users.fullName'),
          password: t('admin.users.password'),
          email: t('admin.users.email'),
          phone: t('admin.users.phone'),
          grants: t('admin.users.agencyOfRole'),
        }}
      />
      <UserImport />
    </Stack>
  );
}
