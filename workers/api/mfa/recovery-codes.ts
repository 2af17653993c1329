/**
 * Recovery codes: ten single-use codes like `k7qm2-x9fhd` (50 random bits each), shown once and
 * stored as SHA-256 hashes — enough for random codes that the per-account rate limit also guards.
 */
import { MFA } from '../../../shared/constants';
import { sha256 } from '../lib/crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function newCode(): string {
  const chars = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: MFA.recoveryCodes }, newCode);
}

/** Case, spaces and the dash do not matter when a code is typed back. */
export function hashRecoveryCode(code: string): Promise<string> {
  return sha256(code.toLowerCase().replace(/[\s-]/g, ''));
}

/** A 6-digit string (spaces allowed) is a TOTP code; anything else is tried as a recovery code. */
export function totpCodeOf(code: string): string | null {
  const digits = code.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
