import { defineModule } from '#platform/module.ts';
import { seedSignatures } from './seed-signatures.ts';
import { signaturesRoutes } from './signatures.routes.ts';

/**
 * Signatures (chữ ký số): results signed with X.509 certificates and verified publicly.
 *
 * Contract for other modules:
 * - `issueResult(ctx, tx, input)` → signs and records a dossier's result in the caller's
 *   transaction (the dossiers module calls it when a leader approves).
 * - `findResultPdf(ctx, tx, dossierId)` → the latest signed result PDF of a dossier (the caller
 *   checks who may read it); `findResultOfDossier(tx, dossierId)` → its id and number.
 * - `signAsPerson` / `verifyPersonSignature`: personal certificates (members of collective bodies)
 *   sign answers and ballots as detached CMS; `signAgencyPdf` signs any generated PDF for an agency.
 * - seed: the development CA and demo agency certificates (with MOTCUA_DEMO).
 * - `importAgencyCertificate(ctx, tx, {agencyCode, p12, passphrase})` → plug in a certificate
 *   from the national CA.
 */
export { issueResult, formatResultNumber, type IssueResultInput, type IssuedResult } from './issue-result.ts';
export { revokeResultOnInspection } from './revoke-result.ts';
export { findResultOfDossier, findResultPdf, type VerificationView } from './verify-result.ts';
export { getAgencySigner, importAgencyCertificate, trustAnchors, type AgencySigner } from './certificate-authority.ts';
/** Certificate makers of the development CA (tests of modules that sign, e.g. exchange). */
export { createAgencyCertificate, createRootCertificate } from './certificates.ts';
export { seedSignatures } from './seed-signatures.ts';
export { type Person, type PersonSignatureCheck, signAgencyPdf, signAsPerson, verifyPersonSignature } from './person-signatures.ts';
export { SignatureErrors } from './signatures.errors.ts';

export const module = defineModule({ name: 'signatures', routes: signaturesRoutes, seed: seedSignatures });
