import { describe, expect, it } from 'vitest';
import { noticeHref } from '../src/web/modules/notifications/notifications.api.ts';

const notice = (dossierId: string | null, link: string | null) =>
  ({ id: 'n-1', kind: 'dossier.due_soon', dossierId, title: 't', body: 'b', link, createdAt: '2026-11-25T09:00:00+07:00', readAt: null }) as Parameters<typeof noticeHref>[0];

describe('noticeHref: where a notice in Thông báo opens', () => {
  it('opens an officer’s dossier notice on the processing page, not on the applicant’s page', () => {
    expect(noticeHref(notice('d-1', '/can-bo/ho-so/d-1'))).toBe('/can-bo/ho-so/d-1');
  });
  it('opens an applicant’s dossier notice on their dossier', () => {
    expect(noticeHref(notice('d-1', '/ho-so/d-1'))).toBe('/ho-so-cua-toi/d-1');
  });
  it('follows a notice’s own link when it has no dossier, and nothing else', () => {
    expect(noticeHref(notice(null, '/hop/phieu/f-1'))).toBe('/hop/phieu/f-1');
    expect(noticeHref(notice(null, 'https://example.com/'))).toBeNull();
    expect(noticeHref(notice(null, null))).toBeNull();
  });
});
