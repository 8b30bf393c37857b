import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type * as C from '#modules/cabinet/cabinet.contract.ts';
import { apiFetch, withQuery } from '../../ui/http.ts';

/**
 * e-Cabinet API (docs/modules/cabinet.md). Every shape is the server's own, read from
 * src/modules/cabinet/cabinet.contract.ts (types only: nothing of the contract reaches the bundle).
 */
export type Choice = z.infer<typeof C.Choice>;
export type BallotChoice = z.infer<typeof C.BallotChoice>;
export type MemberRole = z.infer<typeof C.MemberRole>;
export type Tally = z.infer<typeof C.Tally>;
export type CabinetMe = z.infer<typeof C.MeOut>;
export type FormSummary = z.infer<typeof C.FormList>['items'][number];
export type OpinionForm = z.infer<typeof C.FormOut>;
export type DocumentRef = OpinionForm['documents'][number];
export type MeetingSummary = z.infer<typeof C.MeetingList>['items'][number];
export type Vote = z.infer<typeof C.VoteOut>;
export type Room = z.infer<typeof C.RoomOut>;
export type Person = Room['me']['substituteFor'][number];
export type Task = z.infer<typeof C.TaskOut>;
export type TaskBoard = z.infer<typeof C.TaskList>;

const key = (id: string) => ['cabinet', 'form', id] as const;
const roomKey = (id: string) => ['cabinet', 'room', id] as const;

export function useCabinetMe(enabled = true) {
  return useQuery({ queryKey: ['cabinet', 'me'], queryFn: ({ signal }) => apiFetch<CabinetMe>('/api/v1/cabinet/me', { signal }), enabled, staleTime: 30_000 });
}
export function useMyForms() {
  return useQuery({ queryKey: ['cabinet', 'forms'], queryFn: ({ signal }) => apiFetch<z.infer<typeof C.FormList>>('/api/v1/cabinet/opinion-forms', { signal }), staleTime: 0 });
}
export function useMyMeetings() {
  return useQuery({ queryKey: ['cabinet', 'meetings'], queryFn: ({ signal }) => apiFetch<z.infer<typeof C.MeetingList>>('/api/v1/cabinet/meetings', { signal }), staleTime: 0 });
}
export function useForm(id: string) {
  return useQuery({ queryKey: key(id), queryFn: ({ signal }) => apiFetch<OpinionForm>(`/api/v1/cabinet/opinion-forms/${encodeURIComponent(id)}`, { signal }), staleTime: 0 });
}
export function useAnswer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof C.AnswerBody>) => apiFetch<unknown>(`/api/v1/cabinet/opinion-forms/${encodeURIComponent(id)}/answers`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cabinet'] }),
  });
}
export function useFormAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: z.infer<typeof C.FormActionBody>['action']) => apiFetch<OpinionForm>(`/api/v1/cabinet/opinion-forms/${encodeURIComponent(id)}/actions`, { method: 'POST', body: { action } }),
    onSuccess: (form) => {
      client.setQueryData(key(id), form);
      void client.invalidateQueries({ queryKey: ['cabinet', 'forms'] });
    },
  });
}

export function useRoom(id: string) {
  return useQuery({ queryKey: roomKey(id), queryFn: ({ signal }) => apiFetch<Room>(`/api/v1/cabinet/meetings/${encodeURIComponent(id)}`, { signal }), staleTime: 0 });
}

/** Reads the room again whenever the server says it changed (SSE); EventSource reconnects by itself. */
export function useLiveRoom(id: string): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/cabinet/meetings/${encodeURIComponent(id)}/live`);
    const refresh = () => void client.invalidateQueries({ queryKey: roomKey(id) });
    source.addEventListener(`cabinet-meeting:${id}`, refresh);
    source.addEventListener('reset', refresh);
    return () => source.close();
  }, [id, client]);
}

function roomMutation<B>(id: string, path: string, method: 'POST' | 'PUT' = 'POST') {
  return (body: B) => apiFetch<Room>(`/api/v1/cabinet/meetings/${encodeURIComponent(id)}${path}`, { method, body });
}
export function useRoomAction<B>(id: string, path: string, method: 'POST' | 'PUT' = 'POST') {
  const client = useQueryClient();
  return useMutation({ mutationFn: roomMutation<B>(id, path, method), onSuccess: (room) => client.setQueryData(roomKey(id), room) });
}
export function useMeetingCall<B, R = unknown>(id: string, url: (body: B) => string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => apiFetch<R>(url(body), { method: 'POST', body: body as unknown as Record<string, unknown> }),
    onSettled: () => client.invalidateQueries({ queryKey: roomKey(id) }),
  });
}

export function useTasks() {
  return useQuery({ queryKey: ['cabinet', 'tasks'], queryFn: ({ signal }) => apiFetch<TaskBoard>(withQuery('/api/v1/cabinet/tasks', {}), { signal }), staleTime: 0 });
}
export function useTaskReport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof C.TaskReportBody>) => apiFetch<Task>(`/api/v1/cabinet/tasks/${encodeURIComponent(id)}/reports`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cabinet', 'tasks'] }),
  });
}

/** "14:30, 25/02/2026" from an ISO time with +07:00. */
export function formatTime(iso: string): string {
  return `${iso.slice(11, 16)}, ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// ---------------------------------------------------------------- bodies: members and rule

export type Rule = z.infer<typeof C.Rule>;
export type CabinetBody = z.infer<typeof C.BodyOut>;
export type BodyMember = CabinetBody['members'][number];
export type SubstituteRole = z.infer<typeof C.SubstituteRolesBody>['roles'][number];
/** The official roles a body may allow to attend instead of a member (the contract's SUBSTITUTE_ROLES; types only reach the bundle). */
export const SUBSTITUTE_ROLES: readonly SubstituteRole[] = ['leader', 'provincial_leader', 'specialist', 'desk_officer', 'clerk', 'inspector', 'inspection_leader'];
const bodyKey = (code: string) => ['cabinet', 'body', code] as const;

export function useManagedBodies(enabled = true) {
  return useQuery({ queryKey: ['cabinet', 'bodies'], queryFn: ({ signal }) => apiFetch<z.infer<typeof C.BodyList>>('/api/v1/cabinet/bodies', { signal }), enabled, staleTime: 30_000 });
}
export function useBody(code: string) {
  return useQuery({ queryKey: bodyKey(code), queryFn: ({ signal }) => apiFetch<CabinetBody>(`/api/v1/cabinet/bodies/${encodeURIComponent(code)}`, { signal }), staleTime: 0 });
}
/** PUT or DELETE a member, PUT a rule: each answers the body as it now is. */
export function useBodyChange(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { method: 'PUT' | 'DELETE'; path: string; body?: z.input<typeof C.SetMemberBody> | z.input<typeof C.RuleBody> | z.input<typeof C.SubstituteRolesBody> }) =>
      apiFetch<CabinetBody>(`/api/v1/cabinet/bodies/${encodeURIComponent(code)}${change.path}`, { method: change.method, body: change.body }),
    onSuccess: (body) => client.setQueryData(bodyKey(code), body),
  });
}
export function useEditDraft(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof C.EditFormBody>) => apiFetch<OpinionForm>(`/api/v1/cabinet/opinion-forms/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (form) => {
      client.setQueryData(key(id), form);
      void client.invalidateQueries({ queryKey: ['cabinet', 'forms'] });
    },
  });
}

/** A conclusion line of a form or a room, with its dispatch over the interconnection axis (staff only). */
export type ConclusionLine = OpinionForm['conclusions'][number];
export type Dispatch = NonNullable<ConclusionLine['dispatch']>;
