import { type Config, devEidEnabled, publicUrl } from '../../config.ts';
import { loadDevEidSecrets } from './dev-eid-secrets.ts';

/** Where the development provider is mounted (its issuer is `{public URL}/dev-eid`). */
export const DEV_EID_PREFIX = '/dev-eid';

/** Where Một Cửa receives the e-ID's answer (registered as the client's only redirect URI). */
export const EID_CALLBACK_PATH = '/api/v1/auth/eid/callback';

/**
 * The client registration shared by the development provider and Một Cửa: issuer
 * `{public URL}/dev-eid`, client id `motcua` (or MOTCUA_EID_CLIENT_ID), the generated secret.
 * Null when the development provider is off.
 */
export function devEidClient(config: Config) {
  if (!devEidEnabled(config)) return null;
  const base = publicUrl(config).replace(/\/$/, '');
  return {
    issuer: `${base}${DEV_EID_PREFIX}`,
    clientId: config.MOTCUA_EID_CLIENT_ID ?? 'motcua',
    clientSecret: config.MOTCUA_EID_CLIENT_SECRET ?? loadDevEidSecrets(config.MOTCUA_DATA_DIR).clientSecret,
    redirectUri: `${base}${EID_CALLBACK_PATH}`,
  };
}
