import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '#modules/identity/identity.contract.ts';
import { ApiError, apiFetch } from '../../ui/http.ts';
import { forgetTabState } from '../../ui/use-tab-state.ts';
import type { z } from 'zod';
import type * as IdC from '#modules/identity/identity.contract.ts';

export type { User } from '#modules/identity/identity.contract.ts';
export type LoginAnswer = z.infer<typeof IdC.LoginAnswer>;

const ME = ['me'] as const;

const meQuery = {
  queryKey: ME,
  queryFn: async ({ signal }: { signal?: AbortSignal }) => {
    try {
      const data = await apiFetch<User | { user: User }>('/api/v1/me', { signal });
      return 'user' in data ? data.user : data;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  },
  staleTime: 60_000,
  // 401 and 404 answer "nobody" above; what fails here is the network or the server: asked twice
  // more (1 s, then 2 s later) before a page says it could not load (patchy mobile data).
  retry: 2,
} as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery(meQuery);
}

/**
 * Asks who is signed in before the first screen (index.html has already sent the request), so
 * the header does not grow under the reader when the user's links arrive. Never fails.
 */
export function loadMe(client: QueryClient): Promise<void> {
  return client.prefetchQuery(meQuery);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof IdC.LoginBody>) =>
      apiFetch<LoginAnswer>('/api/v1/auth/login', { method: 'POST', body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(ME, data.user);
      void queryClient.invalidateQueries({ queryKey: ME });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<unknown>('/api/v1/auth/logout', { method: 'POST', body: {} }),
    onSettled: () => {
      queryClient.setQueryData(ME, null);
      // a shared desk computer keeps none of the forms typed in this tab (useTabState)
      forgetTabState('motcua.');
    },
  });
}

/**
 * Đổi mật khẩu: the server keeps this session and ends the others; /me is asked again (its
 * `mustChangePassword` is now false, so the app lets the user go anywhere).
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof IdC.ChangePasswordBody>) =>
      apiFetch<z.infer<typeof IdC.PasswordChanged>>('/api/v1/me/password', { method: 'POST', body: input }),
    onSuccess: () => {
      // at once, so that the page the user goes to next is not sent back here before /me answers again
      queryClient.setQueryData<User | null>(ME, (user) => (user ? { ...user, mustChangePassword: false } : user));
      return queryClient.invalidateQueries({ queryKey: ME });
    },
  });
}
