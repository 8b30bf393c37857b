import { defineErrors } from '#platform/errors.ts';

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo', en: 'Notification not found' },
});
