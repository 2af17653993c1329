/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, a 160-bit
 * secret, issuer "SMILE". A code is accepted one step either side of now (clock drift); the
 * caller learns which step matched so it can refuse that step a second time.
 */
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import { MFA } from '../../../shared/constants';

const ISSUER = 'SMILE';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = ISSUER): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: MFA.totpPeriodSeconds, secret: Secret.fromBase32(secret) });
}

/**
 * What an authenticator app scans: the `otpauth://` URI and its QR code (SVG). The label is
 * the account's handle without a port, since apps split the label on its first colon.
 */
export function provisioning(secret: string, username: string, instanceDomain: string): { uri: string; qrSvg: string } {
  const uri = totp(secret, `${username}@${instanceDomain.replace(/:\d+$/, '')}`).toString();
  return { uri, qrSvg: renderSVG(uri, { ecc: 'M', border: 2 }) };
}

/** The time step the code belongs to, if it is valid within ±1 step of `now`; null otherwise. */
export function matchStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / MFA.totpPeriodSeconds) + delta;
}
