/**
 * The short-lived proof that a password login succeeded, for an account that must still give a
 * code: a JWT of its own type, signed with a key derived from JWT_SECRET, so it can never pass
 * as an access token (nor an access token as a challenge).
 */
import { SignJWT, jwtVerify } from 'jose';
import { MFA } from '../../../shared/constants';
import type { Config } from '../../env';
import { hmacKey } from '../auth/tokens';

const TYP = 'mfa-challenge+jwt';
const key = (config: Config) => hmacKey(`smile-mfa-login:${config.JWT_SECRET}`);

export async function signLoginChallenge(config: Config, accountId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: TYP })
    .setIssuer(config.PUBLIC_URL)
    .setSubject(accountId)
    .setIssuedAt()
    .setExpirationTime(`${MFA.loginChallengeSeconds}s`)
    .sign(await key(config));
}

/** The account id the challenge was issued for, or null when it is forged, expired or not a challenge. */
export async function readLoginChallenge(config: Config, challenge: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(challenge, await key(config), { issuer: config.PUBLIC_URL, algorithms: ['HS256'], typ: TYP });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}
