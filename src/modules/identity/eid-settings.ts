import { type Config, publicUrl } from '../../config.ts';
import { devEidClient, EID_CALLBACK_PATH } from '#modules/eid-dev/index.ts';

/**
 * Which claim of the e-ID carries which fact. These are the development provider's names; the
 * real VNeID claim names are unverified, so an installation sets MOTCUA_EID_CLAIMS instead of
 * changing code.
 */
const defaultEidClaims = {
  idNumber: 'so_dinh_danh',
  fullName: 'name',
  birthDate: 'birthdate',
  address: 'address',
} as const;
export type EidClaimMapping = Record<keyof typeof defaultEidClaims, string>;

export interface EidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  claims: EidClaimMapping;
}

/**
 * The relying party's settings: MOTCUA_EID_* when given, else the development provider's
 * registration (demo mode). Null when neither exists: e-ID sign-in is then off.
 */
export function eidSettings(config: Config): EidSettings | null {
  const dev = devEidClient(config);
  const issuer = config.MOTCUA_EID_ISSUER ?? dev?.issuer;
  const clientId = config.MOTCUA_EID_CLIENT_ID ?? dev?.clientId;
  const usesDev = dev !== null && issuer === dev.issuer;
  const clientSecret = config.MOTCUA_EID_CLIENT_SECRET ?? (usesDev ? dev.clientSecret : undefined);
  if (!issuer || !clientId || !clientSecret) return null;
  const mapping = config.MOTCUA_EID_CLAIMS ? (JSON.parse(config.MOTCUA_EID_CLAIMS) as Partial<EidClaimMapping>) : {};
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: `${publicUrl(config).replace(/\/$/, '')}${EID_CALLBACK_PATH}`,
    scope: config.MOTCUA_EID_SCOPE,
    claims: { ...defaultEidClaims, ...mapping },
  };
}

/**
 * Where to go after signing in: only a path of this site ("/ho-so?x=1"), never another origin
 * ("https://evil.example", "//evil.example", "/\\evil.example"); anything else becomes "/".
 */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || value.length > 500 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const base = 'http://motcua.invalid';
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
