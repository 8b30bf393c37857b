import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../../ui/http.ts';

/** Đặt lịch hẹn nộp hồ sơ tại quầy (docs/modules/appointments.md). */
export interface DaySlots {
  agencyCode: string;
  agencyName: string;
  date: string;
  workingDay: boolean;
  slotMinutes: number;
  capacity: number;
  slots: { start: string; end: string; booked: number; free: number; past: boolean }[];
}

export interface Booking {
  id: string;
  code: string;
  agencyCode: string;
  procedureCode: string;
  date: string;
  start: string;
  end: string;
  fullName: string;
  phone: string;
  status: string;
}

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
    mutationFn: ({ body, idempotencyKey }: { body: { agencyCode: string; procedureCode: string; date: string; start: string; phone: string }; idempotencyKey: string }) =>
      apiFetch<Booking>('/api/v1/appointments', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
  });
}

export function useAgencyBookings(agencyCode: string | undefined, date: string) {
  return useQuery({
    queryKey: ['agency-bookings', agencyCode, date],
    queryFn: ({ signal }) =>
      apiFetch<{ date: string; items: Booking[] }>(withQuery(`/api/v1/agencies/${encodeURIComponent(agencyCode ?? '')}/appointments`, { date }), { signal }),
    enabled: !!agencyCode,
    staleTime: 0,
  });
}
