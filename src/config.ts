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
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587 */
  SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  /** Sender address of e-mail notifications. */
  SMTP_FROM: z.string().default('Một Cửa <no-reply@motcua.local>'),
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
  return config;
}

export function publicUrl(config: Config): string {
  return config.MOTCUA_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}
