import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../ui/http.ts';
import type * as C from '#modules/identity/user-import.contract.ts';

export type ImportPreview = z.infer<typeof C.UserImportPreview>;
export type ImportDone = z.infer<typeof C.UserImportDone>;
export type ImportProblem = z.infer<typeof C.ImportProblem>;
export type ImportAccount = ImportPreview['accounts'][number];

const send = <T>(file: File, query: string, headers: Record<string, string> = {}) => {
  const form = new FormData();
  form.append('file', file);
  return apiFetch<T>(`/api/v1/admin/users/import${query}`, { method: 'POST', body: form, headers });
};

/** Nhập tài khoản từ tệp, kiểm tra trước: every row checked, nothing written. */
export function useImportPreview() {
  return useMutation({ mutationFn: (file: File) => send<ImportPreview>(file, '?dryRun=true') });
}

/**
 * Nhập tài khoản: all or none. The answer holds each account's temporary password, once; the key
 * (one per chosen file) makes a second click a replay that creates nothing (and shows no password).
 */
export function useImportUsers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; key: string }) => send<ImportDone>(input.file, '', { 'idempotency-key': input.key }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}
