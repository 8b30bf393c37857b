import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';

/** One SMTP transport per SMTP_URL (pooled connections are reused between events). */
const transports = new Map<string, Transporter>();

export function mailer(config: Pick<Config, 'SMTP_URL'>): Transporter | null {
  if (!config.SMTP_URL) return null;
  let t = transports.get(config.SMTP_URL);
  if (!t) {
    t = nodemailer.createTransport(config.SMTP_URL);
    transports.set(config.SMTP_URL, t);
  }
  return t;
}
