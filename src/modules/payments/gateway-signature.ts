import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { type Config, KNOWN_DEVELOPMENT_SECRETS } from '../../config.ts';
import type { Sql } from '#platform/db.ts';
import { installSecret } from '#platform/install-secrets.ts';

/** What the gateway tells us about one payment; the signature covers every field in this order. */
export interface GatewayCallback {
  orderRef: string;
  amountVnd: number;
  gatewayTxn: string;
  paidAt: string;
}


/**
 * The key shared with the gateway: MOTCUA_PAYMENT_SECRET, or for the sandbox gateway one derived
 * from MOTCUA_SECRET (HKDF), so a demo needs no setting and no secret is ever written down.
 * Without either (or with the published development value), bootstrap fills
 * MOTCUA_PAYMENT_SECRET with this installation's own random secret (`resolveGatewaySecret`).
 */
export function gatewayKey(config: Pick<Config, 'MOTCUA_PAYMENT_SECRET' | 'MOTCUA_SECRET'>): Buffer {
  if (config.MOTCUA_PAYMENT_SECRET) return Buffer.from(config.MOTCUA_PAYMENT_SECRET);
  if (!config.MOTCUA_SECRET || KNOWN_DEVELOPMENT_SECRETS.includes(config.MOTCUA_SECRET)) {
    throw new Error('no payment gateway key: resolveGatewaySecret() runs at bootstrap');
  }
  return Buffer.from(hkdfSync('sha256', config.MOTCUA_SECRET, 'motcua/sandbox-gateway/v1', '', 32));
}

/**
 * MOTCUA_PAYMENT_SECRET as the gateway key should be: the configured one, nothing when a real
 * MOTCUA_SECRET derives it, else a random secret of this installation (kept in the database).
 */
export async function resolveGatewaySecret(db: Sql, config: Pick<Config, 'MOTCUA_PAYMENT_SECRET' | 'MOTCUA_SECRET'>) {
  if (config.MOTCUA_PAYMENT_SECRET) return config.MOTCUA_PAYMENT_SECRET;
  if (config.MOTCUA_SECRET && !KNOWN_DEVELOPMENT_SECRETS.includes(config.MOTCUA_SECRET)) return undefined;
  return installSecret(db, 'payment-gateway');
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
