import { sign, verify, X509Certificate } from 'node:crypto';
import type { AppContext } from '#platform/context.ts';
import type { Sql } from '#platform/db.ts';
import { getAgencySigner } from '#modules/signatures/index.ts';
import { checkChain, SignatureCheckError } from './xml-signature.ts';

/**
 * A node's own signature (not an agency's): RSA-SHA256 with the key of a certificate
 * `OU=Mã định danh node:<id>` from the installation's CA (made by the development CA on first
 * use, or imported like an agency certificate under the code `node:<id>`). Signs the registry
 * announcements and the national-portal sync batches; receivers check it against their trust
 * anchors and that the certificate names the node that claims to speak.
 */
export const nodeSignerCode = (nodeId: string) => `node:${nodeId}`;

export interface NodeSignature {
  /** RSA-SHA256 over the signed bytes, base64. */
  signature: string;
  /** The node's certificate first, then its issuers (PEM). */
  certificates: string[];
}

export async function signAsNode(ctx: Pick<AppContext, 'config' | 'clock'>, tx: Sql, bytes: Buffer): Promise<NodeSignature> {
  const nodeId = ctx.config.MOTCUA_NODE_ID;
  const signer = await getAgencySigner(ctx, tx, { code: nodeSignerCode(nodeId), name: `Nút liên thông ${nodeId}` });
  return { signature: sign('sha256', bytes, signer.privateKey).toString('base64'), certificates: signer.chainPem };
}

export type NodeSignatureProblem = 'UNSIGNED' | 'SIGNATURE_INVALID' | 'UNTRUSTED_CERTIFICATE' | 'CERTIFICATE_NOT_VALID' | 'SIGNER_NOT_NODE' | 'MALFORMED';

export class NodeSignatureError extends Error {
  constructor(
    readonly problem: NodeSignatureProblem | 'STALE',
    detail: string,
  ) {
    super(detail);
  }
}

/** Throws NodeSignatureError unless `signed` is `bytes` signed by node `nodeId` under one of `anchors`. */
export function checkNodeSignature(
  nodeId: string,
  bytes: Buffer,
  signed: Partial<NodeSignature>,
  options: { anchors: X509Certificate[]; at: Date },
): void {
  if (typeof signed.signature !== 'string' || !Array.isArray(signed.certificates) || signed.certificates.length === 0) {
    throw new NodeSignatureError('UNSIGNED', `what node ${nodeId} sent carries no signature`);
  }
  let chain: X509Certificate[];
  try {
    chain = signed.certificates.map((pem) => new X509Certificate(pem));
  } catch {
    throw new NodeSignatureError('MALFORMED', 'certificate not readable');
  }
  const leaf = chain[0];
  const ou = leaf.subject.split('\n').find((l) => l.startsWith('OU=')) ?? '';
  if (ou !== `OU=Mã định danh ${nodeSignerCode(nodeId)}`) throw new NodeSignatureError('SIGNER_NOT_NODE', `${ou || 'no OU'} does not name node ${nodeId}`);
  try {
    checkChain(leaf, chain.slice(1), options.anchors, options.at);
  } catch (error) {
    if (error instanceof SignatureCheckError && (error.problem === 'UNTRUSTED_CERTIFICATE' || error.problem === 'CERTIFICATE_NOT_VALID')) {
      throw new NodeSignatureError(error.problem, error.message);
    }
    throw error;
  }
  if (!verify('sha256', bytes, leaf.publicKey, Buffer.from(signed.signature, 'base64'))) {
    throw new NodeSignatureError('SIGNATURE_INVALID', `what node ${nodeId} sent does not match its signature`);
  }
}
