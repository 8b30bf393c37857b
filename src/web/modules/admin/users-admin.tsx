import { Badge, Button, Group, NativeSelect, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminError } from './admin-errors.tsx';
import { useCreateUser, useUsers } from './admin.api.ts';

const ROLES = ['desk_officer', 'specialist', 'leader', 'clerk', 'provincial_leader', 'inspector', 'admin'] as const;

/** Mantine's dimmed hint is 3.3:1 on white; gray.8 passes WCAG AA. */
const readableHint = { description: { color: 'var(--mantine-color-gray-8)' } };

/** Người dùng và vai trò: find accounts, create an officer account with its role at an agency. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useUsers(q);
  const create = useCreateUser();
  const [form, setForm] = useState({ username: '', fullName: '', password: '', role: 'desk_officer', agencyCode: '' });
  const [key, setKey] = useState(() => crypto.randomUUID());
  // Read the value now: the event's currentTarget is gone when React runs the updater.
  const field = (name: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [name]: value }));
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('admin.users.title')}
      </Title>
      <TextInput type="search" label={t('admin.users.search')} value={q} maxLength={100} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.users.username')}</Table.Th>
            <Table.Th>{t('admin.users.fullName')}</Table.Th>
            <Table.Th>{t('admin.users.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={u.active ? 'blue.9' : 'gray.8'} tt="none">
                  {u.active ? t('admin.users.active') : t('admin.users.inactive')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4">
        {t('admin.users.create')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ ...form, key }, { onSuccess: () => { setKey(crypto.randomUUID()); setForm({ username: '', fullName: '', password: '', role: 'desk_officer', agencyCode: '' }); } });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('admin.users.username')} required value={form.username} onChange={field('username')} />
          <TextInput label={t('admin.users.fullName')} required value={form.fullName} onChange={field('fullName')} />
          <PasswordInput label={t('admin.users.password')} description={t('admin.users.passwordHint')} styles={readableHint} required value={form.password} onChange={field('password')} />
          <NativeSelect label={t('admin.users.role')} value={form.role} onChange={field('role')} data={ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))} />
          <TextInput label={t('admin.users.agency')} description={t('admin.users.agencyHint')} styles={readableHint} value={form.agencyCode} onChange={field('agencyCode')} />
          <Button type="submit" loading={create.isPending}>
            {t('admin.users.createButton')}
          </Button>
        </Group>
      </form>
      {create.isSuccess && <Text role="status">{t('admin.users.created')}</Text>}
      <AdminError error={create.error} />
    </Stack>
  );
}
