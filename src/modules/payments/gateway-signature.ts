import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';

/** What the gateway tells us about one payment; the signature covers every field in this order. */
export interface GatewayCallback {
  orderRef: string;
  amountVnd: number;
  gatewayTxn: string;
  paidAt: string;
}

const DEVELOPMENT_SECRET = 'motcua-development-secret-do-not-use-in-production';

/**
 * The key shared with the gateway: MOTCUA_PAYMENT_SECRET, or for the sandbox gateway one derived
 * from MOTCUA_SECRET (HKDF), so a demo needs no setting and no secret is ever written down.
 */
export function gatewayKey(config: Pick<Config, 'MOTCUA_PAYMENT_SECRET' | 'MOTCUA_SECRET'>): Buffer {
  if (config.MOTCUA_PAYMENT_SECRET) return Buffer.from(config.MOTCUA_PAYMENT_SECRET);
  return Buffer.from(hkdfSync('sha256', config.MOTCUA_SECRET ?? DEVELOPMENT_SECRET, 'motcua/sandbox-gateway/v1', '', 32));
}

const canonical = (c: GatewayCallback) => [c.orderRef, String(c.amountVnd), c.gatewayTxn, c.paidAt].join('|');

/** HMAC-SHA-256 of the canonical line, hex. */
export function signCallback(key: Buffer, callback: GatewayCallback): string {
  return createHmac('sha256', key).update(canonical(callback)).digest('hex');
}

export function verifyCallback(key: Buffer, callback: GatewayCallback, signature: string): boolean {
  const expected = Buffer.from(signCallback(key, callback), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
