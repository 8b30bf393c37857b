import { defineEvents } from '#platform/events.ts';

/**
 * What an account is told when its password changes (notifications writes the in-app notice and
 * the e-mail). Written in the transaction of the change. Never a password, a temporary password or
 * a hash: only whose account, when, and where to tell them.
 */
export interface PasswordChangedPayload {
  userId: string;
  username: string;
  fullName: string;
  /** The account's e-mail address at the change (null: the in-app notice only). */
  email: string | null;
  /** When, ISO 8601 with the +07:00 offset. */
  at: string;
}

/** `user.password_reset`: also who reset it (the administrator's full name). */
export interface PasswordResetPayload extends PasswordChangedPayload {
  byName: string;
}

/**
 * The events this module produces (handled by notifications): `user.password_changed` (đổi mật
 * khẩu by the user), `user.password_reset` (đặt lại mật khẩu by an administrator).
 */
export const identityEvents = defineEvents<{
  'user.password_changed': PasswordChangedPayload;
  'user.password_reset': PasswordResetPayload;
}>({ 'user.password_changed': true, 'user.password_reset': true });
