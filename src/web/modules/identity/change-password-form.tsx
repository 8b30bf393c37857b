import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '#modules/identity/password-rules.ts';
import { ApiError } from '../../ui/http.ts';
import { useChangePassword } from './identity.api.ts';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/**
 * Đổi mật khẩu: the current password, the new one twice. The rules the server applies (length,
 * not the username, not the current password, the two the same) are said beside the fields before
 * sending; what only the server knows (a wrong current password, too many attempts) comes back
 * under the field or above the button, in the reader's language.
 */
export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = t('password.errors.currentRequired');
    if (values.newPassword.length < PASSWORD_MIN_LENGTH) found.newPassword = t('password.errors.tooShort', { min: PASSWORD_MIN_LENGTH });
    else if (values.newPassword.trim().toLowerCase() === username.toLowerCase()) found.newPassword = t('password.errors.sameAsUsername');
    else if (values.newPassword === values.currentPassword) found.newPassword = t('password.errors.unchanged');
    if (values.confirm !== values.newPassword) found.confirm = t('password.errors.mismatch');
    return found;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: onChanged,
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'CURRENT_PASSWORD_WRONG') setErrors({ currentPassword: error.message });
          else if (error instanceof ApiError && (error.code === 'PASSWORD_SAME_AS_USERNAME' || error.code === 'PASSWORD_UNCHANGED')) setErrors({ newPassword: error.message });
        },
      },
    );
  };

  const fieldError = change.error instanceof ApiError && ['CURRENT_PASSWORD_WRONG', 'PASSWORD_SAME_AS_USERNAME', 'PASSWORD_UNCHANGED'].includes(change.error.code);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {/* the username, for password managers (hidden from view and from screen readers) */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.currentPassword}
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.newPassword}
        />
        <PasswordInput label={t('password.confirm')} autoComplete="new-password" required value={values.confirm} onChange={set('confirm')} error={errors.confirm} />
        {change.error && !fieldError && (
          <Alert color="red" role="alert">
            {change.error.message}
          </Alert>
        )}
        <Button type="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
