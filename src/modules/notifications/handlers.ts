import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../http/context.ts';
import { publicUrl } from '../../config.ts';
import type { OutboxHandlers, OutboxRow } from '#platform/outbox.ts';
import { mailer } from './mailer.ts';
import { appointmentBookedMessage, appointmentReminderMessage, dueSoonMessages, type Message, statusChangedMessage, stepOverdueMessage } from './messages.ts';
import type { AppointmentPayload, DossierDueSoonPayload, DossierStatusChangedPayload, DossierStepOverduePayload } from './notifications.types.ts';
import * as repo from './notifications.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock' | 'logger'>;

const dossierLink = (dossierId: string) => `/ho-so/${encodeURIComponent(dossierId)}`;

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
async function notifyAppointment(ctx: Ctx, row: OutboxRow, p: AppointmentPayload, message: Message): Promise<void> {
  await ctx.db.transaction((tx) =>
    repo.insertNotifications(tx, [
      { id: randomUUID(), userId: p.userId, outboxId: row.id, kind: row.topic, dossierId: null, title: message.title, body: message.body, link: null, createdAt: row.createdAt },
    ]),
  );
}

/** Sends one e-mail per event and address (a retried event does not send again). */
async function email(ctx: Ctx, row: OutboxRow, to: string | null, name: string, code: string | null, message: Message): Promise<void> {
  const transport = mailer(ctx.config);
  if (!transport || !to) return;
  if (await repo.emailAlreadySent(ctx.db, row.id, to)) return;
  const subject = `[Một Cửa] ${message.title}${code ? ` – ${code}` : ''}`;
  const tracking = code ? `\n\nTra cứu tình trạng hồ sơ: ${publicUrl(ctx.config)}/tra-cuu/${encodeURIComponent(code)}` : '';
  await transport.sendMail({
    from: ctx.config.SMTP_FROM,
    to: name ? { name, address: to } : to,
    subject,
    text: `Kính gửi Ông/Bà ${name},\n\n${message.body}${tracking}\n\nThư này được gửi tự động từ hệ thống Một Cửa, vui lòng không trả lời.`,
  });
  await repo.recordEmail(ctx.db, { outboxId: row.id, recipient: to, subject, sentAt: ctx.clock.now() });
}

/** Outbox handlers of this module, keyed by topic (all idempotent per outbox row). */
export function notificationHandlers(ctx: Ctx): OutboxHandlers {
  return {
    'dossier.status_changed': async (payload, row) => {
      const p = payload as unknown as DossierStatusChangedPayload;
      const message = statusChangedMessage(p);
      if (p.applicantUserId) await notify(ctx, row, p.dossierId, [{ userId: p.applicantUserId, message }]);
      await email(ctx, row, p.applicantEmail, p.applicantName, p.code, message);
    },
    'dossier.due_soon': async (payload, row) => {
      const p = payload as unknown as DossierDueSoonPayload;
      const m = dueSoonMessages(p);
      const recipients = [
        ...(p.applicantUserId ? [{ userId: p.applicantUserId, message: m.applicant }] : []),
        ...(p.assignee && p.assignee !== p.applicantUserId ? [{ userId: p.assignee, message: m.officer }] : []),
      ];
      await notify(ctx, row, p.dossierId, recipients);
      await email(ctx, row, p.applicantEmail, p.applicantName, p.code, m.applicant);
    },
    'dossier.step_overdue': async (payload, row) => {
      const p = payload as unknown as DossierStepOverduePayload;
      const message = stepOverdueMessage(p);
      await notify(
        ctx,
        row,
        p.dossierId,
        p.leaderIds.map((userId) => ({ userId, message })),
        `/can-bo/ho-so/${encodeURIComponent(p.dossierId)}`,
      );
    },
    'appointment.booked': async (payload, row) => {
      const p = payload as unknown as AppointmentPayload;
      await notifyAppointment(ctx, row, p, appointmentBookedMessage(p));
    },
    'appointment.reminder': async (payload, row) => {
      const p = payload as unknown as AppointmentPayload;
      await notifyAppointment(ctx, row, p, appointmentReminderMessage(p));
    },
    'dvcqg.status_sync': async (payload, row) => {
      // Recorded only: delivery to the national portal (DVCQG) is a later issue.
      await repo.recordDvcqgSync(ctx.db, {
        outboxId: row.id,
        maHoSo: String(payload.MaHoSo ?? row.key),
        trangThai: typeof payload.TrangThai === 'number' ? payload.TrangThai : null,
        payload,
        at: ctx.clock.now(),
      });
    },
  };
}
