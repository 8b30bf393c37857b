import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/Code.css';
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgencySettingsAdmin } from '../modules/admin/agency-settings-admin.tsx';
import { CalendarEditor } from '../modules/admin/calendar-editor.tsx';
import { ProcedureEditor } from '../modules/admin/procedure-editor.tsx';
import { SavingsParametersAdmin } from '../modules/admin/savings-parameters-admin.tsx';
import { SlotSettingsAdmin } from '../modules/admin/slot-settings-admin.tsx';
import { UsersAdmin } from '../modules/admin/users-admin.tsx';
import { signedInPage } from '../modules/dossiers/require-citizen.tsx';
import { useMe } from '../modules/identity/identity.api.ts';

/** Quản trị: working calendar, users and roles, procedure versions, agency settings, bookings, the savings estimate's parameters — each change audited on the server. */
const AdminPage = signedInPage('admin.title', AdminTabs);
export default AdminPage;

/** The tabs in order: the value (kept for links and tests), the label under `admin.tabs`, the panel. */
const TABS = [
  { value: 'calendar', label: 'calendar', Panel: CalendarEditor },
  { value: 'users', label: 'users', Panel: UsersAdmin },
  { value: 'procedures', label: 'procedures', Panel: ProcedureEditor },
  { value: 'agency-settings', label: 'agencySettings', Panel: AgencySettingsAdmin },
  { value: 'appointments', label: 'appointments', Panel: SlotSettingsAdmin },
  { value: 'savings', label: 'savings', Panel: SavingsParametersAdmin },
] as const;

function AdminTabs() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data?.roles.includes('admin')) return <Alert color="red">{t('admin.forbidden')}</Alert>;
  return (
    <Stack gap="md">
      <Title order={1}>{t('admin.title')}</Title>
      <Tabs defaultValue="calendar" keepMounted={false}>
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(`admin.tabs.${tab.label}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
