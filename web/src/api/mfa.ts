/** Two-factor authentication (TOTP): enrolment, status, step-up verification, recovery codes. */
import { api } from './client';
import type { MfaRecoveryCodes, MfaSetup, MfaStatus } from './types';

export const mfaStatus = () => api<MfaStatus>('/api/v1/mfa');
export const startMfaSetup = (current_password: string) => api<MfaSetup>('/api/v1/mfa/totp/setup', { body: { current_password } });
export const confirmMfa = (code: string) => api<MfaRecoveryCodes>('/api/v1/mfa/totp/confirm', { body: { code } });
/** Step-up: proves the second factor for this session (a 6-digit code or a recovery code). */
export const verifyMfa = (code: string) => api<MfaStatus>('/api/v1/mfa/verify', { body: { code } });
export const disableMfa = (code: string, current_password: string) => api<MfaStatus>('/api/v1/mfa/disable', { body: { code, current_password } });
export const regenerateRecoveryCodes = (code: string) => api<MfaRecoveryCodes>('/api/v1/mfa/recovery_codes', { body: { code } });
