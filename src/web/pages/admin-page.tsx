import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/Code.css';
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgencySettingsAdmin } from '../modules/admin/agency-settings-admin.tsx';
import { CalendarEditor } from '../modules/admin/calendar-editor.tsx';
import { ProcedureEditor } from '../modules/admin/procedure-editor.tsx';
import { SlotSettingsAdmin } from '../modules/admin/slot-settings-admin.tsx';
import { UsersAdmin } from '../modules/admin/users-admin.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';

/** Quản trị: working calendar, users and roles, procedure versions, agency settings — each change audited on the server. */
const AdminPage = signedInPage('admin.title', AdminTabs);
export default AdminPage;

function AdminTabs() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data?.roles.includes('admin')) return <Alert color="red">{t('admin.forbidden')}</Alert>;
  return (
    <Stack gap="md">
      <Title order={1}>{t('admin.title')}</Title>
      <Tabs defaultValue="calendar" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="calendar">{t('admin.tabs.calendar')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('admin.tabs.users')}</Tabs.Tab>
          <Tabs.Tab value="procedures">{t('admin.tabs.procedures')}</Tabs.Tab>
          <Tabs.Tab value="agency-settings">{t('admin.tabs.agencySettings')}</Tabs.Tab>
          <Tabs.Tab value="appointments">{t('admin.tabs.appointments')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendar" pt="md">
          <CalendarEditor />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="procedures" pt="md">
          <ProcedureEditor />
        </Tabs.Panel>
        <Tabs.Panel value="agency-settings" pt="md">
          <AgencySettingsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="appointments" pt="md">
          <SlotSettingsAdmin />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
