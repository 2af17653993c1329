import { WebSession } from '../schemas/auth';
import { MfaCodeBody, MfaConfirmBody, MfaDisableBody, MfaLoginBody, MfaRecoveryCodes, MfaSetup, MfaSetupBody, MfaStatus, MfaTotpBody } from '../schemas/mfa';
import { endpoint } from './endpoint';

const tags = ['MFA'] as const;

export const mfaApi = {
  status: endpoint({ method: 'get', path: '/api/v1/mfa', summary: "Whether MFA is on, recovery codes left, and when this session last verified", tags, auth: 'user', scope: 'read:accounts', response: MfaStatus }),
  setup: endpoint({ method: 'post', path: '/api/v1/mfa/totp/setup', summary: 'Start (or restart) TOTP enrolment: a new secret, its otpauth:// URI and QR code', tags, auth: 'user', scope: 'write:accounts', body: MfaSetupBody, response: MfaSetup }),
  confirm: endpoint({ method: 'post', path: '/api/v1/mfa/totp/confirm', summary: 'Finish enrolment with a first code; MFA is on and the recovery codes are shown this once', tags, auth: 'user', scope: 'write:accounts', body: MfaConfirmBody, response: MfaRecoveryCodes }),
  verify: endpoint({ method: 'post', path: '/api/v1/mfa/verify', summary: 'Step-up: prove the second factor for the calling session (code or recovery code)', tags, auth: 'user', scope: 'write:accounts', body: MfaCodeBody, response: MfaStatus }),
  disable: endpoint({ method: 'post', path: '/api/v1/mfa/disable', summary: 'Turn MFA off (a code and the password)', tags, auth: 'user', scope: 'write:accounts', body: MfaDisableBody, response: MfaStatus }),
  regenerateRecoveryCodes: endpoint({ method: 'post', path: '/api/v1/mfa/recovery_codes', summary: 'Replace every recovery code (needs a 6-digit code)', tags, auth: 'user', scope: 'write:accounts', body: MfaTotpBody, response: MfaRecoveryCodes }),
  loginMfa: endpoint({ method: 'post', path: '/api/v1/auth/login/mfa', summary: 'Second step of password login for an account with MFA: the challenge and a code', tags: ['Sessions'], auth: 'public', body: MfaLoginBody, response: WebSession }),
} as const;
