import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AdminError } from './admin-errors.tsx';
import { type AdminUser, useResetPassword } from './admin.api.ts';

/**
 * Đặt lại mật khẩu: asks first (the user's sessions end), then shows the temporary password once —
 * copyable, with the advice to hand it over in person or by a trusted channel. Closing the dialog
 * forgets it: the server keeps only its hash.
 */
export function PasswordResetDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const temporary = reset.data?.temporaryPassword;
  return (
    <Modal opened onClose={onClose} title={t('admin.users.resetPasswordOf', { username: user.username })} centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
      {temporary ? (
        <Stack gap="sm">
          <Text role="status">{t('admin.users.resetDone', { name: user.fullName, username: user.username })}</Text>
          <Group gap="sm" wrap="nowrap">
            <Code fz="lg" fw={700} data-testid="temporary-password" aria-label={t('admin.users.temporaryPassword')}>
              {temporary}
            </Code>
            <CopyButton value={temporary}>
              {({ copied, copy }) => (
                <Button size="compact-sm" variant="default" onClick={copy}>
                  {copied ? t('admin.users.copied') : t('admin.users.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="yellow" variant="light">
            {t('admin.users.resetHandOver')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('workspace.form.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text>{t('admin.users.resetConfirm', { name: user.fullName, username: user.username })}</Text>
          <AdminError error={reset.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('workspace.form.cancel')}
            </Button>
            <Button color="red.9" loading={reset.isPending} onClick={() => reset.mutate({ id: user.id })}>
              {t('admin.users.resetButton')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
