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
  /** nats://… to carry events between installations over NATS JetStream. */
  NATS_URL: z.string().regex(/^nats:\/\//, 'must start with nats://').optional(),
  /** 1: seed demo data on first start; 0: empty installation with one administrator. */
  MOTCUA_DEMO: boolFlag.default(true),
  /** 1: enable the settable clock (refused in production). */
  MOTCUA_DEV_CLOCK: boolFlag.default(false),
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
  /** Minutes a processing lock (khóa xử lý) lasts unless the open page renews it. */
  MOTCUA_LOCK_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.MOTCUA_DEV_CLOCK && config.NODE_ENV === 'production') {
    throw new ConfigError(
      'MOTCUA_DEV_CLOCK=1 bị từ chối khi NODE_ENV=production / the settable clock is refused in production',
    );
  }
  if (config.MOTCUA_DEV_EID && config.NODE_ENV === 'production') {
    throw new ConfigError(
      'MOTCUA_DEV_EID=1 bị từ chối khi NODE_ENV=production / the development e-ID provider is refused in production',
    );
  }
  if (config.NODE_ENV === 'production' && !config.MOTCUA_SECRET) {
    throw new ConfigError('MOTCUA_SECRET (≥ 32 ký tự) là bắt buộc khi NODE_ENV=production / MOTCUA_SECRET is required in production');
  }
  return config;
}

/** Whether the development e-ID provider runs: the explicit setting, else demo mode outside production. */
export function devEidEnabled(config: Config): boolean {
  return config.MOTCUA_DEV_EID ?? (config.MOTCUA_DEMO && config.NODE_ENV !== 'production');
}

export function publicUrl(config: Config): string {
  return config.MOTCUA_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}

/** Whether results are signed with the development CA: the explicit setting, else outside production. */
export function devCaEnabled(config: Config): boolean {
  return config.MOTCUA_DEV_CA ?? config.NODE_ENV !== 'production';
}

/** Whether the sandbox payment gateway is served: the explicit setting, else outside production. */
export function sandboxGatewayEnabled(config: Config): boolean {
  return config.MOTCUA_SANDBOX_GATEWAY ?? config.NODE_ENV !== 'production';
}
