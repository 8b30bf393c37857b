import { z } from 'zod';

/** `GET /api/v1/portal-info`: who runs the portal and how to reach them (null when not configured). */
export const PortalInfo = z.object({
  operator: z.string().nullable(),
  hotline: z.string().nullable(),
  email: z.string().nullable(),
  privacyEmail: z.string().nullable(),
});
export type PortalInfo = z.infer<typeof PortalInfo>;

/** api.md §6: the settable clock. */
export const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) });
export const ClockNow = z.object({ now: z.string() });
