import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';

import type { Booking, DaySlots, SlotSettings } from '#modules/appointments/appointments.contract.ts';
import type { z } from 'zod';
import type * as AC from '#modules/appointments/appointments.contract.ts';

/** Đặt lịch hẹn nộp hồ sơ tại quầy (docs/modules/appointments.md): the shapes are the server's contract. */
export type { Booking, DaySlots, SlotSettings } from '#modules/appointments/appointments.contract.ts';

export function useSlots(agencyCode: string | undefined, date: string) {
  return useQuery({
    queryKey: ['slots', agencyCode, date],
    queryFn: ({ signal }) => apiFetch<DaySlots>(withQuery(`/api/v1/agencies/${encodeURIComponent(agencyCode ?? '')}/slots`, { date }), { signal }),
    enabled: !!agencyCode && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 0,
  });
}

export function useBook() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof AC.BookBody>; idempotencyKey: string }) =>
      apiFetch<Booking>('/api/v1/appointments', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  });
}

export function useAgencyBookings(agencyCode: string | undefined, date: string) {
  return useQuery({
    queryKey: ['agency-bookings', agencyCode, date],
    queryFn: ({ signal }) =>
      apiFetch<z.infer<typeof AC.DeskDay>>(withQuery(`/api/v1/agencies/${encodeURIComponent(agencyCode ?? '')}/appointments`, { date }), { signal }),
    enabled: !!agencyCode,
    staleTime: 0,
  });
}

/** The signed-in citizen's upcoming bookings. */
export function useMyBookings(enabled: boolean) {
  return useQuery({
    queryKey: ['my-bookings'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof AC.BookingList>>('/api/v1/me/appointments', { signal }),
    enabled,
    staleTime: 0,
  });
}

/** One booking by its code: the signed-in owner, or anyone with the last 4 phone digits. */
export function useBookingLookup(code: string, phone: string) {
  return useQuery({
    queryKey: ['booking', code, phone],
    queryFn: ({ signal }) => apiFetch<Booking>(withQuery(`/api/v1/appointments/${encodeURIComponent(code)}`, { phone: phone || undefined }), { signal }),
    enabled: code !== '',
    staleTime: 0,
    retry: false,
  });
}

type Change = { code: string } & (({ action: 'cancel' } & z.input<typeof AC.CancelBody>) | ({ action: 'move' } & z.input<typeof AC.MoveBody>));

/** Hủy or đổi giờ: both answer the booking as it now is (asking again answers the same). */
export function useChangeBooking() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, action, ...body }: Change) =>
      apiFetch<Booking>(`/api/v1/appointments/${encodeURIComponent(code)}/${action}`, { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['my-bookings'] });
      void client.invalidateQueries({ queryKey: ['slots'] });
    },
  });
}

/** The desk: the person came, or did not. */
export function useMarkAttendance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, outcome }: z.input<typeof AC.AttendanceBody> & { code: string }) =>
      apiFetch<Booking>(`/api/v1/appointments/${encodeURIComponent(code)}/attendance`, { method: 'POST', body: { outcome } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agency-bookings'] }),
  });
}

export function useSlotSettings(code: string) {
  return useQuery({
    queryKey: ['slot-settings', code],
    queryFn: ({ signal }) => apiFetch<SlotSettings>(`/api/v1/admin/agencies/${encodeURIComponent(code)}/appointment-settings`, { signal }),
    enabled: code !== '',
    retry: false,
  });
}

export function useSetSlotSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, slotMinutes, capacity }: z.input<typeof AC.SettingsBody> & { code: string }) =>
      apiFetch<SlotSettings>(`/api/v1/admin/agencies/${encodeURIComponent(code)}/appointment-settings`, { method: 'PUT', body: { slotMinutes, capacity } }),
    onSuccess: (saved) => void client.invalidateQueries({ queryKey: ['slot-settings', saved.agencyCode] }),
  });
}
