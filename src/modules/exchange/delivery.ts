import type { Sql } from '#platform/db.ts';
import * as repo from './exchange.repository.ts';
import { presentRecipient } from './present-document.ts';

/** One recipient of a sent document and where it stands (01 arrived, 02 refused, 03 registered…). */
export interface Delivery {
  agency: string;
  name: string;
  hostedHere: boolean;
  statusCode: string | null;
  arrivalNumber: number | null;
  receivedAt: string | null;
}

/**
 * The per-recipient delivery status of a document this installation sent, for the module that
 * sent it through `sendDocument` (e-Cabinet shows its conclusions' recipients). Null when the
 * document is unknown here. Callers do their own scope check: this reads no envelope content.
 */
export async function deliveryOf(tx: Sql, documentId: string): Promise<{ documentId: string; number: string; recipients: Delivery[] } | null> {
  const doc = await repo.findDocument(tx, documentId);
  if (!doc?.outgoing) return null;
  const recipients = await repo.listRecipients(tx, documentId);
  return {
    documentId,
    number: `${doc.codeNumber}/${doc.codeNotation}`,
    recipients: recipients.map((r) => {
      const { assignee: _assignee, recallState: _recall, ...delivery } = presentRecipient(r);
      return delivery;
    }),
  };
}
