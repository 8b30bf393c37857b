import type { TFunction } from 'i18next';
import type { Timeliness } from './dossiers.api.ts';

/** The server sends local times as `YYYY-MM-DDTHH:mm:ss+07:00`; shown as written, whatever the browser's zone. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return `${iso.slice(11, 16)} ${shortDate(iso)}`;
}

export function timelinessText(t: TFunction, timeliness: Timeliness | null | undefined): string {
  return timeliness ? t(`citizen.timeliness.${timeliness}`) : t('citizen.timeliness.none');
}

/** The status label in the page language; the server's Vietnamese label when no translation exists. */
export function statusText(t: TFunction, status: string, serverLabel: string): string {
  return t(`citizen.status.${status}`, { defaultValue: serverLabel });
}

export function actionText(t: TFunction, action: string, serverLabel: string): string {
  return t(`citizen.actions.${action}`, { defaultValue: serverLabel });
}

export function statusColor(status: string): string {
  switch (status) {
    case 'AWAITING_SUPPLEMENT':
    case 'AWAITING_PAYMENT':
      return '#a63d00'; // orange.9 is 4.3:1 on white; this is 6:1
    case 'REJECTED_AT_INTAKE':
    case 'STOPPED':
    case 'WITHDRAWN':
      return 'red.9';
    case 'RESULT_READY':
    case 'RESULT_RETURNED':
      return '#1f6f33'; // green.9 (#2b8a3e) is 4.36:1 on white; this is about 6:1
    default:
      return 'blue.9';
  }
}

/**
 * What an officer read, in an entry of "who read my dossier" (GET /me/dossiers/{id}/access-log),
 * in words: never the log's code. `what` is `detail`, `document:<form>`, `file:<fileId>` (an
 * attachment, named by `fileName` when it is one of the dossier's), `list:<queue>` (listed in a
 * queue), `Danh sách …` (listed behind a statistics figure or among the overdue dossiers of the
 * command center) or a payment read; anything else reads as a look at the dossier.
 */
export function accessLogWhat(t: TFunction, what: string, fileName: (fileId: string) => string | undefined): string {
  if (what.startsWith('document:')) return t('citizen.accessLog.document', { form: t(`citizen.forms.${what.slice(9)}`, { defaultValue: what.slice(9) }) });
  const name = what.startsWith('file:') ? fileName(what.slice(5)) : undefined;
  if (name) return t('citizen.accessLog.file', { name });
  if (what.startsWith('list:') || what.startsWith('Danh sách ')) return t('citizen.accessLog.list');
  // a key with ':' would be read as a namespace by i18next: only plain codes are looked up
  return /^[a-z ]+$/.test(what) ? t(`citizen.accessLog.${what}`, { defaultValue: t('citizen.accessLog.other') }) : t('citizen.accessLog.other');
}
