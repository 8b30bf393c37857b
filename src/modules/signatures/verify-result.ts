import type { AppContext } from '#platform/context.ts';
import { toLocalIso } from '#platform/clock.ts';
import type { Sql } from '#platform/db.ts';
import { getFile, readFileBytes } from '#modules/files/index.ts';
import { trustAnchors } from './certificate-authority.ts';
import { SignatureErrors } from './signatures.errors.ts';
import * as repo from './signatures.repository.ts';
import { type PdfVerification, verifyPdf } from './verify-pdf.ts';

/** The answer's shape is the contract's. */
export type { Verification as VerificationView, VerificationReason } from './signatures.contract.ts';
import type { Verification as VerificationView, VerificationReason } from './signatures.contract.ts';

function present(result: repo.ResultRow | null, check: PdfVerification, recordReason?: VerificationReason): VerificationView {
  const reason: VerificationReason | undefined = check.valid ? (recordReason ?? (result?.revokedAt ? 'REVOKED' : undefined)) : check.reason;
  const signer = check.signer ? (({ fingerprint256: _f, ...rest }) => rest)(check.signer) : null;
  return {
    valid: !reason,
    ...(reason ? { reason } : {}),
    signatureValid: check.valid,
    resultId: result?.id ?? null,
    resultNumber: result?.number ?? null,
    issuedAt: result ? toLocalIso(result.issuedAt) : null,
    agency: result ? { code: result.agencyCode, name: result.agencyName } : null,
    procedureName: result?.procedureName ?? null,
    dossierCode: result?.dossierCode ?? null,
    signer,
    signingTime: check.signingTime ? toLocalIso(new Date(check.signingTime)) : null,
    revoked: !!result?.revokedAt,
    ...(result?.revokedAt ? { revokedAt: toLocalIso(result.revokedAt), revocationReason: result.revocationReason ?? '' } : {}),
    sha256: check.sha256,
  };
}

/** The signer must be the certificate the result was recorded as signed with. */
async function recordReason(tx: Sql, result: repo.ResultRow, check: PdfVerification): Promise<VerificationReason | undefined> {
  const cert = await repo.findCertificate(tx, result.certificateId);
  if (!cert || check.signer?.serial !== cert.serial) return 'SIGNER_MISMATCH';
  if (check.sha256 !== result.sha256) return 'NOT_ISSUED_HERE';
  return result.revokedAt ? 'REVOKED' : undefined;
}

/**
 * GET /public/verify/:resultId — re-reads the stored signed PDF and verifies it for real:
 * signature, digest over the byte range, chain to a trusted root, and our record (signer,
 * hash, revocation).
 */
export async function verifyStoredResult(ctx: Pick<AppContext, 'config' | 'filesDir'>, tx: Sql, resultId: string): Promise<VerificationView> {
  const result = await repo.findResult(tx, resultId);
  if (!result) throw SignatureErrors.RESULT_NOT_FOUND();
  const file = await getFile(tx, result.fileId);
  let bytes: Buffer | null = null;
  try {
    bytes = file ? await readFileBytes(ctx, file.sha256) : null;
  } catch {
    bytes = null;
  }
  if (!bytes) {
    return { ...present(result, verifyPdf(Buffer.alloc(0), []), 'FILE_MISSING'), valid: false, reason: 'FILE_MISSING', sha256: result.sha256 };
  }
  const check = verifyPdf(bytes, await trustAnchors(ctx, tx));
  return present(result, check, check.valid ? await recordReason(tx, result, check) : undefined);
}

/**
 * POST /public/verify — a copy someone received: valid only when its signature verifies and
 * it is, byte for byte, a result we issued (found by its SHA-256). Nothing is stored.
 */
export async function verifyUploadedCopy(ctx: Pick<AppContext, 'config'>, tx: Sql, pdf: Buffer): Promise<VerificationView> {
  if (pdf.subarray(0, 1024).indexOf('%PDF-') === -1) throw SignatureErrors.NOT_A_PDF();
  const check = verifyPdf(pdf, await trustAnchors(ctx, tx));
  const result = await repo.findResultBySha256(tx, check.sha256);
  if (!result) return present(null, check, 'NOT_ISSUED_HERE');
  return present(result, check, check.valid ? await recordReason(tx, result, check) : undefined);
}

/** The signed PDF of a dossier's latest result, for the dossiers module (which checks access). */
export async function findResultPdf(
  ctx: Pick<AppContext, 'filesDir'>,
  tx: Sql,
  dossierId: string,
): Promise<{ resultId: string; number: string; bytes: Buffer } | null> {
  const result = await repo.findLatestResultForDossier(tx, dossierId);
  if (!result) return null;
  const file = await getFile(tx, result.fileId);
  if (!file) return null;
  return { resultId: result.id, number: result.number, bytes: await readFileBytes(ctx, file.sha256) };
}

/** The id and number of a dossier's latest result (for presenting the dossier), or null. */
export async function findResultOfDossier(tx: Sql, dossierId: string) {
  const result = await repo.findLatestResultForDossier(tx, dossierId);
  return result
    ? {
        id: result.id,
        number: result.number,
        issuedAt: toLocalIso(result.issuedAt),
        revoked: !!result.revokedAt,
        revokedAt: result.revokedAt ? toLocalIso(result.revokedAt) : null,
        revocationReason: result.revocationReason,
      }
    : null;
}
