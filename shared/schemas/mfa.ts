/** TOTP multi-factor authentication: enrolment, status, step-up verification, login's second step. */
import { z } from 'zod';
import { WebSession } from './auth';

const CurrentPassword = z.string().min(1).max(1024).describe('The account password');
/** A 6-digit code from the authenticator app, or a recovery code where the endpoint allows one. */
const Code = z.string().trim().min(6, 'is too short').max(32, 'is too long');
const TotpCode = z.string().trim().regex(/^\d{3} ?\d{3}$/, 'must be the 6-digit code from your authenticator app');

export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    enrolled_at: z.string().nullable().describe('When the authenticator was confirmed'),
    pending: z.boolean().describe('An enrolment was started and awaits its first code'),
    recovery_codes_left: z.number().int(),
    verified_at: z.string().nullable().describe('When the calling session last proved the second factor'),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof MfaStatus>;

export const MfaSetupBody = z.object({ current_password: CurrentPassword }).meta({ id: 'MfaSetupBody' });
export const MfaSetup = z
  .object({
    secret: z.string().describe('Base32 secret, for typing into an authenticator app'),
    otpauth_uri: z.string().describe('The otpauth:// key URI the QR code encodes'),
    qr_svg: z.string().describe('The QR code of otpauth_uri, as an SVG document'),
  })
  .meta({ id: 'MfaSetup' });

export const MfaConfirmBody = z.object({ code: TotpCode }).meta({ id: 'MfaConfirmBody' });
export const MfaCodeBody = z.object({ code: Code.describe('A 6-digit code, or a recovery code') }).meta({ id: 'MfaCodeBody' });
export const MfaTotpBody = z.object({ code: TotpCode }).meta({ id: 'MfaTotpBody' });
export const MfaDisableBody = z.object({ code: Code.describe('A 6-digit code, or a recovery code'), current_password: CurrentPassword }).meta({ id: 'MfaDisableBody' });

export const MfaRecoveryCodes = z
  .object({ recovery_codes: z.array(z.string()).describe('Single-use codes, shown this once'), status: MfaStatus })
  .meta({ id: 'MfaRecoveryCodes' });

/** Password login of an account with MFA: no session yet, a challenge to answer with a code. */
export const MfaLoginChallenge = z
  .object({ mfa_required: z.literal(true), mfa_challenge: z.string(), expires_in: z.number().int() })
  .meta({ id: 'MfaLoginChallenge' });
export type MfaLoginChallenge = z.infer<typeof MfaLoginChallenge>;

export const LoginResult = z.union([WebSession, MfaLoginChallenge]).meta({ id: 'LoginResult' });

export const MfaLoginBody = z
  .object({ mfa_challenge: z.string().min(1).max(2000), code: Code.describe('A 6-digit code, or a recovery code') })
  .meta({ id: 'MfaLoginBody' });
