import { toLocalIso } from '#platform/clock.ts';
import type * as repo from './exchange.repository.ts';

const stateOf = (d: repo.DocumentRow): 'active' | 'revoked' | 'updated' | 'replaced' =>
  d.supersededType === 1 ? 'revoked' : d.supersededType === 3 ? 'replaced' : d.supersededType === 2 ? 'updated' : 'active';

/** A recipient of a document and where it stands, as the clerks see it. */
export const presentRecipient = (r: repo.RecipientRow) => ({
  agency: r.agencyCode,
  name: r.agencyName,
  hostedHere: r.hostedHere,
  statusCode: r.statusCode,
  arrivalNumber: r.arrivalNumber,
  receivedAt: r.receivedAt ? toLocalIso(new Date(r.receivedAt)) : null,
  assignee: r.assignee,
  recallState: r.recallState,
});

/** A document as its clerks see it (routes drop `content` where a list does not need it). */
export function presentDocument(d: repo.DocumentRow) {
  return {
    documentId: d.documentId,
    from: { agency: d.fromAgency, name: d.fromName },
    to: d.recipients.map((r) => ({ agency: r.organId, name: r.organName })),
    codeNumber: d.codeNumber,
    codeNotation: d.codeNotation,
    number: `${d.codeNumber}/${d.codeNotation}`,
    promulgationDate: d.promulgationDate,
    documentType: d.documentType,
    subject: d.subject,
    content: d.content,
    signer: { fullName: d.signerName, position: d.signerPosition },
    priority: d.priority,
    dueDate: d.dueDate,
    businessType: d.businessType,
    businessReason: d.businessReason,
    replaces: d.targetIds,
    state: stateOf(d),
    supersededBy: d.supersededType === 3 ? d.supersededBy : null,
    attachments: d.attachments,
    sha256: d.sha256,
    outgoing: d.outgoing,
    createdAt: toLocalIso(new Date(d.createdAt)),
  };
}
