import type { AppContext } from '#platform/context.ts';
import type { Actor } from '#platform/actor.ts';
import type { Sql } from '#platform/db.ts';
import { AppError } from '#platform/errors.ts';
import { deliveryOf, sendDocument } from '#modules/exchange/index.ts';
import type { LoadedBody } from './bodies.ts';
import type { ConclusionRow } from './cabinet.repository.ts';
import { toLocalIso } from '#platform/clock.ts';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'filesDir'>;

export interface Unreached {
  agency: string;
  reason: 'no_installation' | 'sender_not_hosted';
}

/**
 * Sends an issued conclusion over the interconnection axis (trục liên thông văn bản) to the
 * agencies it concerns: a signed edXML document of the body's agency, with the signed PDF
 * attached, through the exchange module's `sendDocument` (same transaction as the issuing: a
 * conclusion is never issued without its dispatch, nor sent twice). The body's secretariat (Văn
 * phòng) acts as the issuing agency's clerk for its own conclusions. Agencies no known
 * installation hosts are left out and returned, so the secretariat sees who was not reached.
 */
export async function dispatchConclusion(
  ctx: Ctx,
  tx: Sql,
  actor: Actor,
  body: LoadedBody,
  c: Pick<ConclusionRow, 'number' | 'kind' | 'title' | 'text' | 'fileId' | 'seq'>,
  agencies: string[],
  signer: { fullName: string; position: string },
): Promise<{ documentId: string | null; unreached: Unreached[] }> {
  let to = [...new Set(agencies)].filter((a) => a !== body.agencyCode);
  const unreached: Unreached[] = [];
  if (to.length === 0) return { documentId: null, unreached };
  const clerk: Actor = { ...actor, grants: [...actor.grants, { role: 'clerk', agencyCode: body.agencyCode, provinceCode: null }] };
  const codeNotation = c.number.slice(c.number.indexOf('/') + 1);
  // The printed number, unless the agency's outgoing register already holds it: then the register's next.
  let codeNumber: string | undefined = c.number.slice(0, c.number.indexOf('/'));
  // Each refusal below is raised before the exchange writes anything, so retrying without the
  // unreachable agency is safe inside the same transaction.
  while (to.length > 0) {
    try {
      const doc = await sendDocument(ctx, tx, clerk, {
        from: body.agencyCode,
        to,
        codeNumber,
        codeNotation,
        subject: c.title,
        content: c.text,
        documentType: c.kind === 'conclusion' ? 'Thông báo' : 'Nghị quyết',
        signer,
        attachments: [c.fileId],
      });
      return { documentId: doc.documentId, unreached };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'EXCHANGE_UNKNOWN_RECIPIENT') {
        const agency = String(e.params.agency);
        unreached.push({ agency, reason: 'no_installation' });
        to = to.filter((a) => a !== agency);
      } else if ((e.code === 'EXCHANGE_NUMBER_TAKEN' || e.code === 'EXCHANGE_DOCUMENT_EXISTS') && codeNumber !== undefined) {
        codeNumber = undefined;
      } else if (e.code === 'EXCHANGE_AGENCY_NOT_HOSTED') {
        return { documentId: null, unreached: [...unreached, ...to.map((agency) => ({ agency, reason: 'sender_not_hosted' as const }))] };
      } else throw e;
    }
  }
  return { documentId: null, unreached };
}

/** Where the conclusion's document stands at each recipient (the secretariat's view). */
export async function dispatchView(tx: Sql, c: Pick<ConclusionRow, 'exchangeDocumentId' | 'unreached'>) {
  const delivery = c.exchangeDocumentId ? await deliveryOf(tx, c.exchangeDocumentId) : null;
  if (!delivery && c.unreached.length === 0) return null;
  return {
    documentId: delivery?.documentId ?? null,
    recipients: (delivery?.recipients ?? []).map((r) => ({ agency: r.agency, name: r.name, statusCode: r.statusCode, hostedHere: r.hostedHere, receivedAt: r.receivedAt })),
    unreached: c.unreached,
  };
}

/** The short lines of a form's or a meeting's conclusions (with the dispatch for staff). */
export async function conclusionLines(tx: Sql, rows: ConclusionRow[], staff: boolean) {
  const out = [];
  for (const x of rows) out.push({ id: x.id, number: x.number, kind: x.kind, title: x.title, issuedAt: toLocalIso(x.issuedAt), dispatch: staff ? await dispatchView(tx, x) : null });
  return out;
}
