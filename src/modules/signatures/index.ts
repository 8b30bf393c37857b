import type { RoutesPlugin } from '../../http/context.ts';
import { signaturesRoutes as routes } from './signatures.routes.ts';

/**
 * Signatures (chữ ký số): results signed with X.509 certificates and verified publicly.
 *
 * Contract for other modules:
 * - `issueResult(ctx, tx, input)` → signs and records a dossier's result in the caller's
 *   transaction (the dossiers module calls it when a leader approves).
 * - `findResultPdf(ctx, tx, dossierId)` → the latest signed result PDF of a dossier (the caller
 *   checks who may read it); `findResultOfDossier(tx, dossierId)` → its id and number.
 * - `seedSignatures(ctx, {demo})` → the development CA and demo agency certificates.
 * - `importAgencyCertificate(ctx, tx, {agencyCode, p12, passphrase})` → plug in a certificate
 *   from the national CA.
 */
export { issueResult, formatResultNumber, type IssueResultInput, type IssuedResult } from './issue-result.ts';
export { findResultOfDossier, findResultPdf, type VerificationView } from './verify-result.ts';
export { importAgencyCertificate } from './certificate-authority.ts';
export { seedSignatures } from './seed-signatures.ts';
export { SignatureErrors } from './signatures.errors.ts';

export const signaturesRoutes: RoutesPlugin = routes;
