import { base64url, fromBase64url, timingSafeEqual } from './crypto';

/**
 * PBKDF2-SHA256 with 100,000 iterations: the most production Workers allow (`wrangler dev`
 * accepts more, production rejects it). The hash string is versioned so the parameters can
 * change without breaking stored hashes: `pbkdf2-sha256$<iterations>$<salt>$<hash>`.
 */
const ITERATIONS = 100_000;
const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${base64url(salt)}$${base64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iterations, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) {
    // Spend the same time as a real check so a missing account is not distinguishable by timing.
    await derive(password, new Uint8Array(16), ITERATIONS);
    return false;
  }
  const actual = await derive(password, fromBase64url(salt), Number(iterations));
  return timingSafeEqual(base64url(actual), hash);
}
