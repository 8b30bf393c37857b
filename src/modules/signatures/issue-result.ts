import { randomUUID } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import { publicUrl } from '../../config.ts';
import { appendAudit } from '#platform/audit.ts';
import { localDate, toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { renderResultDocument, signerTitleFor } from '#modules/documents/index.ts';
import { getFile, storeBytes } from '#modules/files/index.ts';
import { findAgency, fullAddress, placeNameOf } from '#modules/places/index.ts';
import { getAgencySigner } from './certificate-authority.ts';
import { signPdf } from './sign-pdf.ts';
import * as repo from './signatures.repository.ts';

export interface IssueResultInput {
  dossier: {
    id: string;
    code: string | null;
    procedureCode: string;
    procedureName: string;
    applicant: { fullName: string; address?: { communeCode?: string; detail: string } | null };
    receivedAt: Date | null;
    dueAt: Date | null;
  };
  /** The agency deciding (its leader approved); it numbers and signs the result. */
  agencyCode: string;
  /** The approving leader: named as the signer on the document. */
  decidedBy: { id: string; fullName: string };
  /** When the leader decided; defaults to `now` (issued on approval). */
  decidedAt?: Date;
  /** Who issued it (the clerk, văn thư, when the agency issues 'by_clerk'); defaults to the leader. */
  issuedBy?: { id: string; fullName: string };
  note?: string | null;
  /** A result file the leader uploaded: bound to the signed document by its SHA-256. */
  attachmentFileId?: string | null;
  now: Date;
}

export interface IssuedResult {
  resultId: string;
  number: string;
  fileId: string;
  sha256: string;
}

/** 'Số kết quả': the agency's yearly sequence, e.g. 00001/2026/KQ-000.00.70.H26. */
export const formatResultNumber = (seq: number, year: number, agencyCode: string) =>
  `${String(seq).padStart(5, '0')}/${year}/KQ-${agencyCode}`;

/**
 * Issues a dossier's result inside the caller's transaction: number it, render the result
 * document with a QR code to /verify/<id>, sign it with the agency's certificate, store the
 * signed PDF as a file and record the result, with an audit row. Called by the dossiers
 * module when a leader approves (issuance 'on_approval') or when the agency's clerk issues an
 * approved result (issuance 'by_clerk'); the document always names the approving leader as
 * signer and carries the decision and issue dates. If the transaction rolls back nothing remains but an
 * unreferenced content-addressed blob.
 */
export async function issueResult(ctx: Pick<AppContext, 'config' | 'clock' | 'filesDir'>, tx: Sql, input: IssueResultInput): Promise<IssuedResult> {
  const agency = await findAgency(tx, input.agencyCode);
  const agencyName = agency?.name ?? input.agencyCode;
  const signer = await getAgencySigner(ctx, tx, { code: input.agencyCode, name: agencyName });
  const year = Number(localDate(input.now).slice(0, 4));
  const seq = await repo.nextResultSeq(tx, input.agencyCode, year);
  const number = formatResultNumber(seq, year, input.agencyCode);
  const resultId = randomUUID();
  const verifyUrl = `${publicUrl(ctx.config)}/verify/${resultId}`;
  const attachment = input.attachmentFileId ? await getFile(tx, input.attachmentFileId) : null;

  // the full address (detail, commune, province, each once) and the place before the date, as on Mẫu 01
  const address = input.dossier.applicant.address ? { detail: await fullAddress(tx, input.dossier.applicant.address) } : null;
  const unsigned = await renderResultDocument({
    code: input.dossier.code,
    procedureCode: input.dossier.procedureCode,
    procedureName: input.dossier.procedureName,
    agencyName,
    applicant: { fullName: input.dossier.applicant.fullName, address },
    receivedAt: input.dossier.receivedAt ? toLocalIso(input.dossier.receivedAt) : null,
    dueAt: input.dossier.dueAt ? toLocalIso(input.dossier.dueAt) : null,
    issuedAt: toLocalIso(input.now),
    placeName: await placeNameOf(tx, agency),
    decidedAt: toLocalIso(input.decidedAt ?? input.now),
    resultNumber: number,
    signerName: input.decidedBy.fullName,
    signerTitle: signerTitleFor(agency),
    note: input.note ?? null,
    attachment: attachment ? { name: attachment.originalName, sha256: attachment.sha256 } : null,
    verifyUrl,
  });
  const signed = await signPdf({
    pdf: unsigned,
    privateKey: signer.privateKey,
    chainPem: signer.chainPem,
    signingTime: input.now,
    reason: `Ky so ket qua giai quyet thu tuc hanh chinh so ${number}`,
    name: agencyName,
    location: 'Viet Nam',
    contactInfo: verifyUrl,
  });
  const stored = await storeBytes(ctx, tx, {
    bytes: signed,
    mediaType: 'application/pdf',
    name: `ket-qua-${(input.dossier.code ?? number).replace(/[^0-9A-Za-z.-]+/g, '-')}.pdf`,
    uploadedBy: (input.issuedBy ?? input.decidedBy).id,
  });
  await repo.insertResult(tx, {
    id: resultId,
    number,
    agencyCode: input.agencyCode,
    year,
    seq,
    agencyName,
    dossierId: input.dossier.id,
    dossierCode: input.dossier.code,
    procedureCode: input.dossier.procedureCode,
    procedureName: input.dossier.procedureName,
    fileId: stored.fileId,
    sha256: stored.sha256,
    attachmentFileId: attachment?.id ?? null,
    certificateId: signer.certificate.id,
    issuedAt: input.now,
    issuedBy: (input.issuedBy ?? input.decidedBy).id,
  });
  await appendAudit(tx, {
    chain: `result:${resultId}`,
    actorId: (input.issuedBy ?? input.decidedBy).id,
    action: 'result.issue',
    subjectType: 'result',
    subjectId: resultId,
    data: {
      number,
      dossierId: input.dossier.id,
      agencyCode: input.agencyCode,
      sha256: stored.sha256,
      certificateSerial: signer.certificate.serial,
      decidedBy: input.decidedBy.id,
    },
    at: input.now,
  });
  return { resultId, number, fileId: stored.fileId, sha256: stored.sha256 };
}
