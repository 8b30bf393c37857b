import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import { handle, type PayloadOf } from '#platform/events.ts';
import { batchHandler, type OutboxHandlers, type OutboxRow } from '#platform/outbox.ts';
import { type AppointmentPayload, appointmentEvents } from '#modules/appointments/index.ts';
import { dossierEvents } from '#modules/dossiers/index.ts';
import { findUserById, identityEvents, type PasswordChangedPayload } from '#modules/identity/index.ts';
import { mailer } from './mailer.ts';
import type { Message } from './messages.ts';
import { both, type Notice } from './notices.ts';
import { type NoticePayload, noticeEvents } from './notifications.events.ts';
import * as repo from './notifications.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock' | 'logger'>;

const dossierLink = (dossierId: string) => `/ho-so/${encodeURIComponent(dossierId)}`;
const officerDossierLink = (dossierId: string) => `/can-bo/ho-so/${encodeURIComponent(dossierId)}`;

/**
 * One event's in-app notices, one per recipient, in one statement: each stores its Vietnamese and
 * English text (the list answers in the reader's locale, docs/modules/notifications.md).
 */
async function notify(
  ctx: Ctx,
  row: OutboxRow,
  dossierId: string | null,
  recipients: { userId: string; notice: Notice }[],
  link: string | null,
): Promise<void> {
  await ctx.db.transaction((tx) =>
    repo.insertNotifications(
      tx,
      recipients.map(({ userId, notice }) => ({
        id: randomUUID(),
        userId,
        outboxId: row.id,
        kind: row.topic,
        dossierId,
        title: notice.vi.title,
        body: notice.vi.body,
        titleEn: notice.en?.title ?? null,
        bodyEn: notice.en?.body ?? null,
        link,
        createdAt: row.createdAt,
      })),
    ),
  );
}

/** A changed booking (moved, cancelled): the in-app notice, linked to "Lịch hẹn của tôi", and an e-mail (in Vietnamese) to the account's address. */
async function notifyBookingChange(ctx: Ctx, row: OutboxRow, p: AppointmentPayload, notice: Notice): Promise<void> {
  await notify(ctx, row, null, [{ userId: p.userId, notice }], '/lich-hen');
  const user = await findUserById(ctx.db, p.userId);
  await email(ctx, row, user?.email ?? null, user?.fullName ?? '', p.code, notice.vi, { tracking: false });
}

/**
 * A password changed or reset: the in-app notice to the account and an e-mail to the address it
 * had at the change (none: in-app only). Neither holds a password: the payload has none.
 */
async function notifyPasswordChange(ctx: Ctx, row: OutboxRow, p: PasswordChangedPayload, notice: Notice): Promise<void> {
  await notify(ctx, row, null, [{ userId: p.userId, notice }], null);
  await email(ctx, row, p.email, p.fullName, null, notice.vi, { tracking: false });
}

/**
 * Sends one e-mail per event and address (a retried event does not send again). In Vietnamese:
 * no account keeps a language of its own (the web app's choice lives in the browser).
 */
async function email(ctx: Ctx, row: OutboxRow, to: string | null, name: string, code: string | null, message: Message, { tracking: withTracking = true } = {}): Promise<void> {
  const transport = mailer(ctx.config);
  if (!transport || !to) return;
  if (await repo.emailAlreadySent(ctx.db, row.id, to)) return;
  const subject = `[Một Cửa] ${message.title}${code ? ` – ${code}` : ''}`;
  const tracking = code && withTracking ? `\n\nTra cứu tình trạng hồ sơ: ${publicUrl(ctx.config)}/tra-cuu/${encodeURIComponent(code)}` : '';
  await transport.sendMail({
    from: ctx.config.SMTP_FROM,
    to: name ? { name, address: to } : to,
    subject,
    text: `Kính gửi Ông/Bà ${name},\n\n${message.body}${tracking}\n\nThư này được gửi tự động từ hệ thống Một Cửa, vui lòng không trả lời.`,
  });
  await repo.recordEmail(ctx.db, { outboxId: row.id, recipient: to, subject, sentAt: ctx.clock.now() });
}

type DvcqgPayload = PayloadOf<typeof dossierEvents, 'dvcqg.status_sync'>;

const dvcqgEntry = (ctx: Ctx, p: DvcqgPayload, row: OutboxRow): repo.DvcqgSyncEntry => ({
  outboxId: row.id,
  maHoSo: p.MaHoSo,
  trangThai: p.TrangThai,
  payload: p,
  at: ctx.clock.now(),
});

/** Outbox handlers of this module, keyed by topic (all idempotent per outbox row). */
export function notificationHandlers(ctx: Ctx): OutboxHandlers {
  return {
    ...handle(dossierEvents, {
      'dossier.status_changed': async (p, row) => {
        const notice = both((w) => w.statusChangedMessage(p));
        if (p.applicantUserId) await notify(ctx, row, p.dossierId, [{ userId: p.applicantUserId, notice }], dossierLink(p.dossierId));
        await email(ctx, row, p.applicantEmail, p.applicantName, p.code, notice.vi);
      },
      'dossier.due_soon': async (p, row) => {
        const m = both((w) => w.dueSoonMessages(p));
        const applicant = { vi: m.vi.applicant, en: m.en.applicant };
        if (p.applicantUserId) await notify(ctx, row, p.dossierId, [{ userId: p.applicantUserId, notice: applicant }], dossierLink(p.dossierId));
        // the officer's notice opens the processing page, not the applicant's
        if (p.assignee && p.assignee !== p.applicantUserId) {
          await notify(ctx, row, p.dossierId, [{ userId: p.assignee, notice: { vi: m.vi.officer, en: m.en.officer } }], officerDossierLink(p.dossierId));
        }
        await email(ctx, row, p.applicantEmail, p.applicantName, p.code, applicant.vi);
      },
      'dossier.step_overdue': async (p, row) => {
        const notice = both((w) => w.stepOverdueMessage(p));
        await notify(
          ctx,
          row,
          p.dossierId,
          p.leaderIds.map((userId) => ({ userId, notice })),
          officerDossierLink(p.dossierId),
        );
      },
      // an officer's own work: in-app only (like the due-soon and overdue-step notices), opening the processing page
      'dossier.assigned': async (p, row) =>
        notify(ctx, row, p.dossierId, [{ userId: p.assignee, notice: both((w) => w.assignedMessage(p)) }], officerDossierLink(p.dossierId)),
      'dossier.supplement_received': async (p, row) =>
        notify(ctx, row, p.dossierId, [{ userId: p.officer, notice: both((w) => w.supplementReceivedMessage(p)) }], officerDossierLink(p.dossierId)),
      // Recorded only (the exchange's national sync delivers them): a batch's rows in one insert.
      'dvcqg.status_sync': batchHandler(
        async (p, row) => repo.recordDvcqgSync(ctx.db, dvcqgEntry(ctx, p, row)),
        async (rows) => repo.recordDvcqgSyncs(ctx.db, rows.map((row) => dvcqgEntry(ctx, row.payload as unknown as DvcqgPayload, row))),
      ),
    }),
    ...handle(appointmentEvents, {
      // a booking's notice to the citizen who booked (no dossier yet)
      'appointment.booked': async (p, row) => notify(ctx, row, null, [{ userId: p.userId, notice: both((w) => w.appointmentBookedMessage(p)) }], null),
      'appointment.reminder': async (p, row) => notify(ctx, row, null, [{ userId: p.userId, notice: both((w) => w.appointmentReminderMessage(p)) }], null),
      'appointment.moved': async (p, row) => notifyBookingChange(ctx, row, p, both((w) => w.appointmentMovedMessage(p))),
      'appointment.cancelled': async (p, row) => notifyBookingChange(ctx, row, p, both((w) => w.appointmentCancelledMessage(p))),
    }),
    ...handle(identityEvents, {
      'user.password_changed': async (p, row) => notifyPasswordChange(ctx, row, p, both((w) => w.passwordChangedMessage(p))),
      'user.password_reset': async (p, row) => notifyPasswordChange(ctx, row, p, both((w) => w.passwordResetMessage(p))),
    }),
    ...handle(noticeEvents, {
      'notice.users': async (p: NoticePayload, row) => {
        // a plain in-app notice to named users (the e-Cabinet's invitations, reminders, tasks), in English too when the writer gave it
        const en = p.titleEn && p.bodyEn ? { title: p.titleEn, body: p.bodyEn } : null;
        const notice: Notice = { vi: { title: p.title, body: p.body }, en };
        await notify(ctx, row, null, [...new Set(p.userIds)].map((userId) => ({ userId, notice })), p.link ?? null);
        if (!p.email) return;
        // and by e-mail where the user has an address (once per event and address, like every e-mail here)
        const link = p.link ? `\n\nXem chi tiết: ${publicUrl(ctx.config)}${p.link}` : '';
        for (const userId of new Set(p.userIds)) {
          const user = await findUserById(ctx.db, userId);
          if (user?.email) await email(ctx, row, user.email, user.fullName, null, { title: p.title, body: `${p.body}${link}` });
        }
      },
    }),
  };
}
