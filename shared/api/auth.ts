import { z } from 'zod';
import { CredentialAccount, PrivacySettings, SignUpBody, UpdatePrivacyBody } from '../schemas/accounts';
import {
  BusinessVerification,
  BusinessVerificationBody,
  ChangePasswordBody,
  ForgotPasswordBody,
  LoginBody,
  Mail,
  ResetPasswordBody,
  ReviewBody,
  SocialProviders,
  VerifyEmailBody,
} from '../schemas/auth';
import { Empty } from '../schemas/common';
import { LoginResult } from '../schemas/mfa';
import {
  Application,
  AuthorizeDecision,
  AuthorizeDecisionBody,
  AuthorizeInfo,
  AuthorizeQuery,
  CreateAppBody,
  CredentialApplication,
  RevokeBody,
  Token,
  TokenBody,
} from '../schemas/oauth';
import { endpoint } from './endpoint';

const oauth = ['OAuth'] as const;
const session = ['Sessions'] as const;

export const authApi = {
  createApp: endpoint({ method: 'post', path: '/api/v1/apps', summary: 'Register a client application', tags: ['Apps'], auth: 'public', body: CreateAppBody, response: CredentialApplication }),
  verifyApp: endpoint({ method: 'get', path: '/api/v1/apps/verify_credentials', summary: "The calling token's application", tags: ['Apps'], auth: 'app', response: Application }),
  authorizeInfo: endpoint({ method: 'get', path: '/api/v1/oauth/authorize', summary: 'What an authorization request asks for (drives the consent page)', tags: oauth, auth: 'public', query: AuthorizeQuery, response: AuthorizeInfo }),
  authorizeDecide: endpoint({ method: 'post', path: '/api/v1/oauth/authorize', summary: 'Approve or deny an authorization request as the logged-in user', tags: oauth, auth: 'user', scope: 'write:accounts', body: AuthorizeDecisionBody, response: AuthorizeDecision }),
  token: endpoint({ method: 'post', path: '/oauth/token', summary: 'Obtain a token (authorization_code with PKCE, client_credentials, refresh_token)', tags: oauth, auth: 'public', body: TokenBody, response: Token }),
  revoke: endpoint({ method: 'post', path: '/oauth/revoke', summary: 'Revoke a token', tags: oauth, auth: 'public', body: RevokeBody, response: Empty }),
  signUp: endpoint({ method: 'post', path: '/api/v1/accounts', summary: 'Register an account (needs an app token)', tags: ['Accounts'], auth: 'app', scope: 'write:accounts', body: SignUpBody, response: Token }),
  login: endpoint({ method: 'post', path: '/api/v1/auth/login', summary: 'First-party login with e-mail or username and password; an account with MFA gets a challenge for POST /api/v1/auth/login/mfa instead of tokens', tags: session, auth: 'public', body: LoginBody, response: LoginResult }),
  logout: endpoint({ method: 'post', path: '/api/v1/auth/logout', summary: "Revoke the calling token's session", tags: session, auth: 'app', response: Empty }),
  changePassword: endpoint({ method: 'post', path: '/api/v1/auth/password', summary: 'Change password; every other session is revoked', tags: session, auth: 'user', scope: 'write:accounts', body: ChangePasswordBody, response: Empty }),
  forgotPassword: endpoint({ method: 'post', path: '/api/v1/auth/password/forgot', summary: 'Mail a single-use reset link (always 202, whether or not the address exists)', tags: session, auth: 'public', body: ForgotPasswordBody, response: Empty, status: 202 }),
  resetPassword: endpoint({ method: 'post', path: '/api/v1/auth/password/reset', summary: 'Set a new password with a reset link; revokes every session', tags: session, auth: 'public', body: ResetPasswordBody, response: Empty }),
  verifyEmail: endpoint({ method: 'post', path: '/api/v1/auth/email/verify', summary: 'Confirm an e-mail address with the mailed link', tags: session, auth: 'public', body: VerifyEmailBody, response: CredentialAccount }),
  resendVerification: endpoint({ method: 'post', path: '/api/v1/emails/confirmation', summary: 'Send the confirmation mail again', tags: session, auth: 'user', scope: 'write:accounts', response: Empty }),
  socialProviders: endpoint({ method: 'get', path: '/api/v1/auth/providers', summary: 'Social login providers configured on this server', tags: session, auth: 'public', response: SocialProviders }),
  getPrivacy: endpoint({ method: 'get', path: '/api/v1/settings/privacy', summary: 'Privacy settings', tags: ['Settings'], auth: 'user', scope: 'read:accounts', response: PrivacySettings }),
  updatePrivacy: endpoint({ method: 'patch', path: '/api/v1/settings/privacy', summary: 'Change privacy settings', tags: ['Settings'], auth: 'user', scope: 'write:accounts', body: UpdatePrivacyBody, response: PrivacySettings }),
  requestBusiness: endpoint({ method: 'post', path: '/api/v1/business/verification', summary: 'Ask to be verified as a business', tags: ['Business'], auth: 'user', scope: 'write:accounts', body: BusinessVerificationBody, response: BusinessVerification, status: 201 }),
  getBusiness: endpoint({ method: 'get', path: '/api/v1/business/verification', summary: 'The latest business verification request', tags: ['Business'], auth: 'user', scope: 'read:accounts', response: BusinessVerification }),
  listBusiness: endpoint({ method: 'get', path: '/api/v1/admin/business_verifications', summary: 'Business verification requests (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:read:accounts', role: 'admin', query: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }), response: z.array(BusinessVerification) }),
  approveBusiness: endpoint({ method: 'post', path: '/api/v1/admin/business_verifications/:id/approve', summary: 'Approve a business (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: z.object({ id: z.string() }), body: ReviewBody, response: BusinessVerification }),
  rejectBusiness: endpoint({ method: 'post', path: '/api/v1/admin/business_verifications/:id/reject', summary: 'Reject a business (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:write:accounts', role: 'admin', params: z.object({ id: z.string() }), body: ReviewBody, response: BusinessVerification }),
  devMailbox: endpoint({ method: 'get', path: '/api/v1/dev/mailbox', summary: 'Mails sent by the platform (development only)', tags: ['Development'], auth: 'public', query: z.object({ to: z.string().optional() }), response: z.array(Mail) }),
} as const;
