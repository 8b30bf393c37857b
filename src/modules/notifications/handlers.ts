import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import { handle, type PayloadOf } from '#platform/events.ts';
import { batchHandler, type OutboxHandlers, type OutboxRow } from '#platform/outbox.ts';
import { type AppointmentPayload, appointmentEvents } from '#modules/appointments/index.ts';
import { dossierEvents } from '#modules/dossiers/index.ts';
import { findUserById, identityEvents, type PasswordChangedPayload } from '#modules/identity/index.ts';
import { mailer } from './mailer.ts';
import {
  appointmentBookedMessage,
  appointmentCancelledMessage,
  appointmentMovedMessage,
  appointmentReminderMessage,
  assignedMessage,
  dueSoonMessages,
  type Message,
  passwordChangedMessage,
  passwordResetMessage,
  statusChangedMessage,
  stepOverdueMessage,
  supplementReceivedMessage,
} from './messages.ts';
import { type NoticePayload, noticeEvents } from './notifications.events.ts';
import * as repo from './notifications.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock' | 'logger'>;

const dossierLink = (dossierId: string) => `/ho-so/${encodeURIComponent(dossierId)}`;
const officerDossierLink = (dossierId: string) => `/can-bo/ho-so/${encodeURIComponent(dossierId)}`;

async function notify(
  ctx: Ctx,
  row: OutboxRow,
  dossierId: string,
  recipients: { userId: string; message: Message }[],
  link = dossierLink(dossierId),
): Promise<void> {
  await ctx.db.transaction((tx) =>
    repo.insertNotifications(
      tx,
      recipients.map((r) => ({
        id: randomUUID(),
        userId: r.userId,
        outboxId: row.id,
        kind: row.topic,
        dossierId,
        title: r.message.title,
        body: r.message.body,
        link,
        createdAt: row.createdAt,
      })),
    ),
  );
}

/** A booking's notice to the citizen who booked (no dossier yet). */
async function notifyAppointment(ctx: Ctx, row: OutboxRow, p: AppointmentPayload, message: Message, link: string | null = null): Promise<void> {
  await ctx.db.transaction((tx) =>
    repo.insertNotifications(tx, [
      { id: randomUUID(), userId: p.userId, outboxId: row.id, kind: row.topic, dossierId: null, title: message.title, body: message.body, link, createdAt: row.createdAt },
    ]),
  );
}

/** A changed booking (moved, cancelled): the in-app notice, linked to "Lịch hẹn của tôi", and an e-mail to the account's address. */
async function notifyBookingChange(ctx: Ctx, row: OutboxRow, p: AppointmentPayload, message: Message): Promise<void> {
  await notifyAppointment(ctx, row, p, message, '/lich-hen');
  const user = await findUserById(ctx.db, p.userId);
  await email(ctx, row, user?.email ?? null, user?.fullName ?? '', p.code, message, { tracking: false });
}

/**
 * A password changed or reset: the in-app notice to the account and an e-mail to the address it
 * had at the change (none: in-app only). Neither holds a password: the payload has none.
 */
async function notifyPasswordChange(ctx: Ctx, row: OutboxRow, p: PasswordChangedPayload, message: Message): Promise<void> {
  await ctx.db.transaction((tx) =>
    repo.insertNotifications(tx, [
      { id: randomUUID(), userId: p.userId, outboxId: row.id, kind: row.topic, dossierId: null, title: message.title, body: message.body, link: null, createdAt: row.createdAt },
    ]),
  );
  await email(ctx, row, p.email, p.fullName, null, message, { tracking: false });
}

/** Sends one e-mail per event and address (a retried event does not send again). */
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
        const message = statusChangedMessage(p);
        if (p.applicantUserId) await notify(ctx, row, p.dossierId, [{ userId: p.applicantUserId, message }]);
        await email(ctx, row, p.applicantEmail, p.applicantName, p.code, message);
      },
      'dossier.due_soon': async (p, row) => {
        const m = dueSoonMessages(p);
        if (p.applicantUserId) await notify(ctx, row, p.dossierId, [{ userId: p.applicantUserId, message: m.applicant }]);
        // the officer's notice opens the processing page, not the applicant's
        if (p.assignee && p.assignee !== p.applicantUserId) {
          await notify(ctx, row, p.dossierId, [{ userId: p.assignee, message: m.officer }], officerDossierLink(p.dossierId));
        }
        await email(ctx, row, p.applicantEmail, p.applicantName, p.code, m.applicant);
      },
      'dossier.step_overdue': async (p, row) => {
        const message = stepOverdueMessage(p);
        await notify(
          ctx,
          row,
          p.dossierId,
          p.leaderIds.map((userId) => ({ userId, message })),
          officerDossierLink(p.dossierId),
        );
      },
      // an officer's own work: in-app only (like the due-soon and overdue-step notices), opening the processing page
      'dossier.assigned': async (p, row) =>
        notify(ctx, row, p.dossierId, [{ userId: p.assignee, message: assignedMessage(p) }], officerDossierLink(p.dossierId)),
      'dossier.supplement_received': async (p, row) =>
        notify(ctx, row, p.dossierId, [{ userId: p.officer, message: supplementReceivedMessage(p) }], officerDossierLink(p.dossierId)),
      // Recorded only (the exchange's national sync delivers them): a batch's rows in one insert.
      'dvcqg.status_sync': batchHandler(
        async (p, row) => repo.recordDvcqgSync(ctx.db, dvcqgEntry(ctx, p, row)),
        async (rows) => repo.recordDvcqgSyncs(ctx.db, rows.map((row) => dvcqgEntry(ctx, row.payload as unknown as DvcqgPayload, row))),
      ),
    }),
    ...handle(appointmentEvents, {
      'appointment.booked': async (p, row) => notifyAppointment(ctx, row, p, appointmentBookedMessage(p)),
      'appointment.reminder': async (p, row) => notifyAppointment(ctx, row, p, appointmentReminderMessage(p)),
      'appointment.moved': async (p, row) => notifyBookingChange(ctx, row, p, appointmentMovedMessage(p)),
      'appointment.cancelled': async (p, row) => notifyBookingChange(ctx, row, p, appointmentCancelledMessage(p)),
    }),
    ...handle(identityEvents, {
      'user.password_changed': async (p, row) => notifyPasswordChange(ctx, row, p, passwordChangedMessage(p)),
      'user.password_reset': async (p, row) => notifyPasswordChange(ctx, row, p, passwordResetMessage(p)),
    }),
    ...handle(noticeEvents, {
      'notice.users': async (p: NoticePayload, row) => {
        // a plain in-app notice to named users (the e-Cabinet's invitations, reminders, tasks)
        await ctx.db.transaction((tx) =>
          repo.insertNotifications(
            tx,
            [...new Set(p.userIds)].map((userId) => ({
              id: randomUUID(),
              userId,
              outboxId: row.id,
              kind: row.topic,
              dossierId: null,
              title: p.title,
              body: p.body,
              link: p.link ?? null,
              createdAt: row.createdAt,
            })),
          ),
        );
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
