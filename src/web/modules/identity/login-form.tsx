import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { earlyInput } from '../../ui/early-input.ts';
import { ApiError } from '../../ui/http.ts';
import { type LoginAnswer, useLogin } from './identity.api.ts';

/** Codes the server puts in `?login_error=` after the browser sent the form itself (identity/login-form.routes.ts). */
type SentFailure = 'INVALID_CREDENTIALS' | 'RATE_LIMITED' | null;

/**
 * Username and password, errors beside the fields, the server's answer above the button.
 * `action`: where the browser sends the form itself (POST, form-encoded) when the app is not
 * running yet or at all (the page comes prerendered); `sentFailure`: that answer, when refused.
 */
export function LoginForm({ onSuccess, action, sentFailure = null }: { onSuccess: (answer: LoginAnswer) => void; action: string; sentFailure?: SentFailure }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // What was typed into the prerendered form before the app took it over is kept (React's state
  // starts empty), also when the app rendered the page afresh (ui/early-input.ts); in the commit
  // itself, so a click right after it sends what was typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the app takes over the page
  useLayoutEffect(() => {
    const form = formRef.current;
    const [typedName, typedPassword] = [earlyInput('username', form), earlyInput('password', form)];
    if (!username && typedName) setUsername(typedName);
    if (!password && typedPassword) setPassword(typedPassword);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What the fields show, not the state: just after the app took the page over, the state may
    // still be empty while the fields show what was typed.
    const shown = new FormData(event.currentTarget);
    const username = String(shown.get('username') ?? '');
    const password = String(shown.get('password') ?? '');
    setUsername(username);
    setPassword(password);
    const next = {
      username: username.trim() ? undefined : t('login.usernameRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(next);
    if (next.username) return usernameRef.current?.focus();
    if (next.password) return passwordRef.current?.focus();
    login.mutate({ username: username.trim(), password }, { onSuccess });
  }

  const failure = login.error;
  let failureText: string | null = null;
  if (failure instanceof ApiError && failure.status === 401) failureText = t('login.invalid');
  else if (failure instanceof ApiError && failure.status === 429) failureText = t('login.tooMany');
  else if (failure) failureText = t('login.failed');
  else if (sentFailure && login.isIdle) failureText = t(sentFailure === 'RATE_LIMITED' ? 'login.tooMany' : 'login.invalid');

  return (
    <form ref={formRef} onSubmit={submit} noValidate method="post" action={action}>
      <Stack gap="md">
        <TextInput
          ref={usernameRef}
          label={t('login.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={errors.username}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          aria-invalid={errors.password ? true : undefined}
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
        />
        {failureText && (
          <Alert color="red" variant="light" role="alert">
            {failureText}
          </Alert>
        )}
        <Button type="submit" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
