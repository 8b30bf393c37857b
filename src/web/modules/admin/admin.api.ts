import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { CalendarStatus, CalendarYear } from '#modules/calendar/calendar.contract.ts';
import type { AgencySettings } from '#modules/dossiers/dossiers.contract.ts';
import type { ProcedureSource, PublishBody, Published } from '#modules/catalog/catalog.contract.ts';
import type { AdminGrant, GrantsSet } from '#modules/identity/identity.contract.ts';
import type { z } from 'zod';
import type * as IdC from '#modules/identity/identity.contract.ts';
import type * as IndC from '#modules/indicators/indicators.contract.ts';
import type { DayBody } from '#modules/calendar/calendar.contract.ts';

/** The administrator's endpoints (calendar, users and roles, procedure versions). */
export type { CalendarStatus, CalendarYear } from '#modules/calendar/calendar.contract.ts';

export function useCalendarStatus() {
  return useQuery({
    queryKey: ['calendar-status'],
    queryFn: ({ signal }) => apiFetch<CalendarStatus>('/api/v1/admin/calendar-status', { signal }),
  });
}

export function useConfirmYear(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (source: string) => apiFetch(`/api/v1/admin/calendar/${year}/confirm`, { method: 'POST', body: { source } }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['calendar', year] });
      client.invalidateQueries({ queryKey: ['calendar-status'] });
    },
  });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ['calendar', year],
    queryFn: ({ signal }) => apiFetch<CalendarYear>(`/api/v1/calendar/${year}`, { signal }),
    retry: false,
  });
}

export function useSetDay(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (d: { date: string } & ({ remove: true } | z.input<typeof DayBody>)) =>
      'remove' in d
        ? apiFetch(`/api/v1/admin/calendar/${year}/days/${d.date}`, { method: 'DELETE' })
        : apiFetch(`/api/v1/admin/calendar/${year}/days/${d.date}`, { method: 'PUT', body: { kind: d.kind, name: d.name, verified: d.verified ?? false } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar', year] }),
  });
}

export type { AdminGrant, AdminUser } from '#modules/identity/identity.contract.ts';
/** A role at an agency (null: everywhere), as the user administration sends it. */
export type GrantInput = z.input<typeof IdC.GrantsInput>[number];

export function useUsers(q: string, agencyCode = '') {
  return useQuery({
    queryKey: ['admin-users', q, agencyCode],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof IdC.UserList>>(withQuery('/api/v1/admin/users', { q, agencyCode }), { signal }),
    placeholderData: (previous) => previous,
  });
}

/** Replaces a user's grants (PUT: the same list twice changes nothing). */
export function useSetGrants() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; grants: AdminGrant[] }) =>
      apiFetch<GrantsSet>(`/api/v1/admin/users/${encodeURIComponent(input.id)}/grants`, {
        method: 'PUT',
        body: { grants: input.grants.map((g) => ({ role: g.role, agencyCode: g.agencyCode })) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

/** Khóa / mở khóa: deactivation revokes the account's sessions; repeating it changes nothing. */
export function useSetActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; active: boolean }) =>
      apiFetch<z.infer<typeof IdC.ActiveSet>>(
        `/api/v1/admin/users/${encodeURIComponent(input.id)}/${input.active ? 'reactivate' : 'deactivate'}`,
        { method: 'POST' },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

/**
 * Đặt lại mật khẩu: the answer holds the temporary password, to show once (the server never stores
 * it under an Idempotency-Key: none is sent); the account's sessions end.
 */
export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string }) =>
      apiFetch<z.infer<typeof IdC.PasswordReset>>(`/api/v1/admin/users/${encodeURIComponent(input.id)}/password-reset`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (u: Pick<z.input<typeof IdC.CreateUserBody>, 'username' | 'fullName' | 'password' | 'email' | 'phone'> & { grant: GrantInput; key: string }) =>
      apiFetch<z.infer<typeof IdC.Created>>('/api/v1/admin/users', {
        method: 'POST',
        headers: { 'idempotency-key': u.key },
        body: {
          username: u.username,
          fullName: u.fullName,
          password: u.password,
          // optional: an empty field is not sent (the server would refuse "" as an e-mail)
          ...(u.email?.trim() ? { email: u.email } : {}),
          ...(u.phone?.trim() ? { phone: u.phone } : {}),
          grants: [u.grant],
        } satisfies z.input<typeof IdC.CreateUserBody>,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

/** Sửa thông tin tài khoản (PATCH: the same values again change nothing, `changed: false`). */
export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof IdC.UpdateUserBody>) =>
      apiFetch<z.infer<typeof IdC.UserUpdated>>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

export function usePublishProcedure() {
  return useMutation({
    mutationFn: (input: z.input<typeof PublishBody> & { key: string }) =>
      apiFetch<Published>('/api/v1/admin/procedures', {
        method: 'POST',
        headers: { 'idempotency-key': input.key },
        body: { procedure: input.procedure },
      }),
  });
}

export type { ProcedureSource } from '#modules/catalog/catalog.contract.ts';

/** Loads a procedure's version in force on `at` (default: today by the server clock) to edit a copy of it. */
export function useLoadProcedureSource() {
  return useMutation({
    mutationFn: (input: { code: string; at?: string }) =>
      apiFetch<ProcedureSource>(withQuery(`/api/v1/admin/procedures/${encodeURIComponent(input.code)}/source`, { at: input.at })),
  });
}

export type { AgencySettings } from '#modules/dossiers/dossiers.contract.ts';
export type ResultIssuance = AgencySettings['resultIssuance'];

/** Cấu hình quy trình của cơ quan: who issues the result once the leader approves. */
export function useAgencySettings(code: string) {
  return useQuery({
    queryKey: ['agency-settings', code],
    queryFn: ({ signal }) => apiFetch<AgencySettings>(`/api/v1/admin/agencies/${encodeURIComponent(code)}/settings`, { signal }),
    enabled: code !== '',
    retry: false,
  });
}

/** PUT: saving the same value again changes nothing. */
export function useSetAgencySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; resultIssuance: ResultIssuance }) =>
      apiFetch<AgencySettings>(`/api/v1/admin/agencies/${encodeURIComponent(input.code)}/settings`, {
        method: 'PUT',
        body: { resultIssuance: input.resultIssuance },
      }),
    onSuccess: (saved) => client.setQueryData(['agency-settings', saved.agencyCode], saved),
  });
}

export type SavingsParameters = z.infer<typeof IndC.SavingsParametersOut>['parameters'];
export type SavingsParameterInput = z.input<typeof IndC.SavingsParameterBody>;

/** The savings estimate's parameters in force today (the command center's "Ước tính lợi ích"). */
export function useSavingsParameters() {
  return useQuery({
    queryKey: ['savings-parameters'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof IndC.SavingsParametersOut>>('/api/v1/indicators/savings-parameters', { signal }),
  });
}

/** Sets one parameter from a day on (audited on the server); the answer is the parameters in force today. */
export function useSetSavingsParameter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SavingsParameterInput) => apiFetch<z.infer<typeof IndC.SavingsParametersOut>>('/api/v1/indicators/savings-parameters', { method: 'PUT', body }),
    onSuccess: (answer) => client.setQueryData(['savings-parameters'], answer),
  });
}
