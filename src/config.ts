import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Một Cửa reads from the environment, in one place.
 * A wrong value stops the process at boot with a message naming the key.
 */
const boolFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

export const configSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder for the embedded database and stored files. */
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… to use a PostgreSQL server instead of embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** nats://… to carry edXML envelopes between installations over NATS JetStream (docs/modules/exchange.md). */
  NATS_URL: z.string().regex(/^nats:\/\//, 'must start with nats://').optional(),
  /** This installation's name among the federation's nodes (letters, digits, - and _). */
  MOTCUA_NODE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)').default('local'),
  /** `local` (a province's installation) or `national` (hosts central bodies such as Văn phòng Chính phủ, 000.00.00.G22). */
  MOTCUA_NODE_ROLE: z.enum(['local', 'national']).default('local'),
  /**
   * Province codes this installation serves, comma-separated (e.g. `01,79`): it hosts their
   * agencies on the interconnection axis. Default: all provinces on a local node, none on a national one.
   */
  MOTCUA_PROVINCES: z
    .string()
    .max(500)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((p) => /^\d{2}$/.test(p)), 'comma-separated 2-digit province codes, e.g. 01,79')
    .optional(),
  /**
   * QCVN 102 codes of agencies this installation hosts whatever their province, comma-separated
   * (e.g. a sector's own installation: `000.00.04.H01` Bảo hiểm xã hội Thành phố Hà Nội). An
   * agency a node names here is its, even on a node that serves the agency's province. A local
   * node with hosted agencies and no MOTCUA_PROVINCES serves no province (a sector's installation).
   */
  MOTCUA_HOSTED_AGENCIES: z
    .string()
    .max(4000)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((c) => /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(c)), 'comma-separated QCVN 102 agency codes, e.g. 000.00.04.H01')
    .default([]),
  /** The federation's name on the bus: every NATS subject and stream is prefixed with it. */
  MOTCUA_FEDERATION: z.string().regex(/^[a-z0-9_-]{1,30}$/, 'lower-case letters, digits, - and _').default('motcua'),
  /** HTTP links to other installations, `id=url,…` (e.g. `quocgia=https://quocgia.example.vn`). */
  MOTCUA_PEERS: z
    .string()
    .max(4000)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((pair) => {
          const [id, ...rest] = pair.split('=');
          return { id: id.trim(), url: rest.join('=').trim().replace(/\/+$/, '') };
        }),
    )
    .refine((list) => list.every((p) => /^[A-Za-z0-9_-]{1,40}$/.test(p.id) && /^https?:\/\/\S+$/.test(p.url)), 'id=url pairs separated by commas, e.g. hanoi=http://10.0.0.2:3000')
    .default([]),
  /** Signature algorithm of outgoing edXML: rsa-sha256 (default) or rsa-sha1 (as the VPCP samples; SHA-1 envelopes are then accepted too). */
  MOTCUA_EDXML_SIGNATURE: z.enum(['rsa-sha256', 'rsa-sha1']).default('rsa-sha256'),
  /**
   * 1: seed demo data on first start; 0: empty installation with one administrator whose
   * password is printed once. Default: 1 outside production, 0 in production (where 1 is refused).
   */
  MOTCUA_DEMO: boolFlag.optional(),
  /**
   * The catalogue loaded into an empty database: `full` (the curated sample and the national
   * catalogue, ~2,900 procedures) or `sample` (the 32 curated procedures only: quicker first
   * start for the crash test and demonstrations).
   */
  MOTCUA_SEED_CATALOGUE: z.enum(['full', 'sample']).default('full'),
  /** 1: enable the settable clock (refused in production). */
  MOTCUA_DEV_CLOCK: boolFlag.default(false),
  /** The agency that runs this portal, named on the help, privacy and accessibility pages. */
  MOTCUA_OPERATOR_NAME: z.string().trim().min(1).max(200).optional(),
  /** Helpline number shown to citizens (digits, spaces, dots, +, parentheses, hyphens). */
  MOTCUA_HOTLINE: z
    .string()
    .regex(/^[0-9 .+()-]{3,20}$/, 'digits, spaces and . + ( ) - only')
    .optional(),
  /** Support e-mail shown to citizens. */
  MOTCUA_SUPPORT_EMAIL: z.email().optional(),
  /** E-mail for personal-data requests (Luật Bảo vệ dữ liệu cá nhân 2025); default: the support e-mail. */
  MOTCUA_PRIVACY_EMAIL: z.email().optional(),
  /** Public base URL used in QR codes and e-mails. */
  MOTCUA_PUBLIC_URL: z.string().url().optional(),
  /** Upload size limit in bytes (default 20 MB). */
  MOTCUA_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Folder of the built web app (vite build output); default dist/web beside the sources. */
  MOTCUA_WEB_DIST: z.string().min(1).optional(),
  /**
   * Secret (at least 32 characters) from which the key protecting stored signing keys is
   * derived. Required when NODE_ENV=production; elsewhere a fixed development value is used.
   * Never logged.
   */
  MOTCUA_SECRET: z.string().min(32).optional(),
  /**
   * 1: sign results with the development CA ("Một Cửa Dev CA", created in the database, one
   * certificate per agency made on first use). 0: sign only with certificates imported from the
   * national CA (Ban Cơ yếu Chính phủ). Default: 1 outside production, 0 in production.
   */
  MOTCUA_DEV_CA: boolFlag.optional(),
  /** PEM file of further trusted root certificates (e.g. the national CA root) for verification. */
  MOTCUA_TRUSTED_CA_FILE: z.string().min(1).optional(),
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587 */
  SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  /** Sender address of e-mail notifications. */
  SMTP_FROM: z.string().default('Một Cửa <no-reply@motcua.local>'),
  /**
   * 1: run the development e-ID provider (plays VNeID) under /dev-eid. Default: on in demo
   * mode (MOTCUA_DEMO=1), off otherwise; refused when NODE_ENV=production.
   */
  MOTCUA_DEV_EID: boolFlag.optional(),
  /** OpenID Connect issuer of the national e-ID; default: the development provider ({public URL}/dev-eid). */
  MOTCUA_EID_ISSUER: z.string().url().optional(),
  /** Client id of Một Cửa at the e-ID provider (default `motcua` with the development provider). */
  MOTCUA_EID_CLIENT_ID: z.string().min(1).max(200).optional(),
  /** Client secret at the e-ID provider; with the development provider one is generated and kept in the data folder. */
  MOTCUA_EID_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /** Scopes asked of the e-ID provider. */
  MOTCUA_EID_SCOPE: z.string().min(6).max(500).default('openid profile address cccd'),
  /**
   * Which claim carries which fact, as JSON, e.g. {"idNumber":"so_dinh_danh","fullName":"name"}.
   * Keys: idNumber, fullName, birthDate, address. The real VNeID claim names are unverified.
   */
  MOTCUA_EID_CLAIMS: z
    .string()
    .max(2000)
    .refine((v) => {
      try {
        const value = JSON.parse(v) as unknown;
        const keys = ['idNumber', 'fullName', 'birthDate', 'address'];
        return (
          typeof value === 'object' && value !== null && !Array.isArray(value) &&
          Object.entries(value).every(([k, name]) => keys.includes(k) && typeof name === 'string' && name.length > 0)
        );
      } catch {
        return false;
      }
    }, 'must be a JSON object such as {"idNumber":"so_dinh_danh"} (keys idNumber, fullName, birthDate, address)')
    .optional(),
  /**
   * Shared secret of the payment gateway: it signs each payment callback with HMAC-SHA-256.
   * Unset: the sandbox gateway (outside production) uses a key derived from MOTCUA_SECRET.
   */
  MOTCUA_PAYMENT_SECRET: z.string().min(32).optional(),
  /** 1: serve the sandbox payment gateway under /sandbox-gateway (default: outside production). */
  MOTCUA_SANDBOX_GATEWAY: boolFlag.optional(),
  /** Bank (NAPAS BIN), account number and holder that receive fees, printed in the VietQR code. */
  MOTCUA_PAYMENT_BANK_BIN: z.string().regex(/^\d{6}$/, 'must be a 6-digit bank BIN').default('970436'),
  MOTCUA_PAYMENT_ACCOUNT: z.string().regex(/^[0-9A-Za-z]{4,19}$/, '4 to 19 letters or digits').default('0011000000000'),
  MOTCUA_PAYMENT_ACCOUNT_NAME: z.string().min(2).max(70).default('TAI KHOAN THU NGHIEM MOT CUA'),
  /** Working days an agency has to answer feedback (phản ánh, kiến nghị); the legal figure is unverified. */
  MOTCUA_FEEDBACK_ANSWER_DAYS: z.coerce.number().int().min(1).max(90).default(10),
  /**
   * Requests per minute per client on the rate-limited public routes (tracking, verification,
   * payment callback, uploads); counted across every process on PostgreSQL.
   */
  MOTCUA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Minutes a processing lock (khóa xử lý) lasts unless the open page renews it. */
  MOTCUA_LOCK_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  /**
   * Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed: comma-separated
   * addresses or CIDRs (e.g. `10.0.0.0/8,127.0.0.1`). Empty: none; the client is the socket's peer.
   */
  MOTCUA_TRUSTED_PROXIES: z
    .string()
    .max(2000)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every(isAddressOrCidr), 'must be comma-separated IP addresses or CIDRs, e.g. 10.0.0.0/8,127.0.0.1')
    .default([]),
  /**
   * Bearer token that opens `/metrics` (≥ 32 characters). Unset: `/metrics` answers only
   * connections from this machine (loopback), whatever `X-Forwarded-For` says.
   */
  MOTCUA_METRICS_TOKEN: z.string().min(32).max(500).optional(),
  /**
   * HTTP processes sharing the port (node:cluster), all on one PostgreSQL (DATABASE_URL required:
   * PGlite is single-process). Sessions, idempotency keys, locks, jobs and the outbox live in the
   * database, so any process answers any request (docs/OPERATIONS.md).
   */
  MOTCUA_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Days an `Idempotency-Key`'s stored answer is kept (a retry within them replays it; after, the
   * same key is a new request). The citizen's draft is sent again with its key after a lost answer.
   */
  MOTCUA_IDEMPOTENCY_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days an outbox row is kept once handled (an unhandled one is kept until it is). */
  MOTCUA_OUTBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Seconds between signed audit checkpoints (0: only at start and shutdown). */
  MOTCUA_AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * Folder where every audit checkpoint is also written as a file (default {data dir}/audit-checkpoints);
   * point it at storage the database's administrators cannot rewrite.
   */
  MOTCUA_AUDIT_EXPORT_DIR: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof configSchema>, 'MOTCUA_DEMO'> & { MOTCUA_DEMO: boolean };

/**
 * Published development values of MOTCUA_SECRET (source code, README, tutorials): they protect
 * nothing, so production refuses them.
 */
export const DEVELOPMENT_SECRET = 'motcua-development-secret-do-not-use-in-production';
export const KNOWN_DEVELOPMENT_SECRETS: readonly string[] = [DEVELOPMENT_SECRET];

function isAddressOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`);
  }
  const config: Config = { ...parsed.data, MOTCUA_DEMO: parsed.data.MOTCUA_DEMO ?? parsed.data.NODE_ENV !== 'production' };
  if (config.MOTCUA_WORKERS > 1 && !config.DATABASE_URL) {
    throw new ConfigError(
      `MOTCUA_WORKERS=${config.MOTCUA_WORKERS} cần DATABASE_URL: cơ sở dữ liệu nhúng (PGlite) chỉ mở được từ một tiến trình / several processes need PostgreSQL (DATABASE_URL); embedded PGlite is single-process`,
    );
  }
  const refused = productionRefusals(config);
  if (refused.length > 0) {
    throw new ConfigError(
      `Cấu hình bị từ chối khi NODE_ENV=production / refused in production:\n${refused.map((r) => `  ${r}`).join('\n')}`,
    );
  }
  return config;
}

/**
 * What production refuses, one line per setting: anything that lets a stranger in with a
 * published value (demo accounts, the development secret, the sandbox gateway, the development
 * CA, the settable clock, the development e-ID provider).
 */
function productionRefusals(config: Config): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const refused: string[] = [];
  if (config.MOTCUA_DEMO) refused.push('MOTCUA_DEMO=1: dữ liệu mẫu có mật khẩu công khai / demo accounts with a published password');
  if (!config.MOTCUA_SECRET) refused.push('MOTCUA_SECRET: bắt buộc (≥ 32 ký tự) / required (at least 32 characters)');
  else if (KNOWN_DEVELOPMENT_SECRETS.includes(config.MOTCUA_SECRET)) {
    refused.push('MOTCUA_SECRET: là giá trị phát triển công khai / is the published development value');
  }
  if (config.MOTCUA_PAYMENT_SECRET && KNOWN_DEVELOPMENT_SECRETS.includes(config.MOTCUA_PAYMENT_SECRET)) {
    refused.push('MOTCUA_PAYMENT_SECRET: là giá trị phát triển công khai / is the published development value');
  }
  if (config.MOTCUA_SANDBOX_GATEWAY) refused.push('MOTCUA_SANDBOX_GATEWAY=1: cổng thanh toán thử nghiệm / the sandbox payment gateway');
  if (config.MOTCUA_DEV_CA) refused.push('MOTCUA_DEV_CA=1: CA phát triển / the development CA');
  if (config.MOTCUA_DEV_CLOCK) refused.push('MOTCUA_DEV_CLOCK=1: đồng hồ chỉnh được / the settable clock');
  if (config.MOTCUA_DEV_EID) refused.push('MOTCUA_DEV_EID=1: nhà cung cấp định danh phát triển / the development e-ID provider');
  return refused;
}

/** Whether the development e-ID provider runs: the explicit setting, else demo mode outside production. */
export function devEidEnabled(config: Config): boolean {
  return config.MOTCUA_DEV_EID ?? (config.MOTCUA_DEMO && config.NODE_ENV !== 'production');
}

export function publicUrl(config: Config): string {
  return config.MOTCUA_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}

/** Folder of the exported audit checkpoints. */
export function auditExportDir(config: Config): string {
  return path.resolve(config.MOTCUA_AUDIT_EXPORT_DIR ?? path.join(config.MOTCUA_DATA_DIR, 'audit-checkpoints'));
}

/** Whether results are signed with the development CA: the explicit setting, else outside production. */
export function devCaEnabled(config: Config): boolean {
  return config.MOTCUA_DEV_CA ?? config.NODE_ENV !== 'production';
}

/** Whether the sandbox payment gateway is served: the explicit setting, else outside production. */
export function sandboxGatewayEnabled(config: Config): boolean {
  return config.MOTCUA_SANDBOX_GATEWAY ?? config.NODE_ENV !== 'production';
}
