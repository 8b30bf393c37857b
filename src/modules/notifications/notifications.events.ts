import { defineEvents } from '#platform/events.ts';

/** `notice.users`: an in-app notice to named users, written by any module (the e-Cabinet's). */
export interface NoticePayload {
  userIds: string[];
  title: string;
  body: string;
  /** The English wording (the second locale), given together; without it English readers see the Vietnamese. */
  titleEn?: string;
  bodyEn?: string;
  link?: string | null;
  /** Also by e-mail to each user's address on file (reminders that must not be missed). */
  email?: boolean;
}

/** What any module may ask notifications to deliver (the e-Cabinet's invitations, reminders, tasks). */
export const noticeEvents = defineEvents<{ 'notice.users': NoticePayload }>({ 'notice.users': true });
