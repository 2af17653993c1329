import { z } from 'zod';
import { CredentialAccount, Password } from './accounts';
import { Token } from './oauth';

/** First-party web login: e-mail or username + password. */
export const LoginBody = z
  .object({ login: z.string().min(1).max(254).describe('E-mail address or username'), password: z.string().min(1).max(1024) })
  .meta({ id: 'LoginBody' });

export const WebSession = Token.extend({ account: CredentialAccount }).meta({ id: 'WebSession' });
export type WebSession = z.infer<typeof WebSession>;

export const ChangePasswordBody = z
  .object({ current_password: z.string().min(1).max(1024), new_password: Password })
  .meta({ id: 'ChangePasswordBody' });

export const ForgotPasswordBody = z.object({ email: z.string().min(1).max(254) }).meta({ id: 'ForgotPasswordBody' });
export const ResetPasswordBody = z.object({ token: z.string().min(1).max(200), password: Password }).meta({ id: 'ResetPasswordBody' });
export const VerifyEmailBody = z.object({ token: z.string().min(1).max(200) }).meta({ id: 'VerifyEmailBody' });

export const SocialProvider = z.enum(['google', 'facebook', 'apple']);
export type SocialProvider = z.infer<typeof SocialProvider>;
export const SocialProviders = z
  .object({ providers: z.array(z.object({ id: SocialProvider, name: z.string(), start_url: z.string() })) })
  .meta({ id: 'SocialProviders' });

export const Mail = z
  .object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), template: z.string(), created_at: z.string() })
  .meta({ id: 'Mail' });

export const BusinessVerificationBody = z
  .object({
    legal_name: z.string().min(2).max(200),
    website: z.url().max(2000),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'),
    registration_number: z.string().min(2).max(100),
    contact_email: z.email().max(254),
  })
  .meta({ id: 'BusinessVerificationBody' });

export const BusinessVerification = z
  .object({
    id: z.string(),
    account_id: z.string(),
    legal_name: z.string(),
    website: z.string(),
    country: z.string(),
    registration_number: z.string(),
    contact_email: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    reason: z.string().nullable(),
    created_at: z.string(),
    reviewed_at: z.string().nullable(),
  })
  .meta({ id: 'BusinessVerification' });

export const ReviewBody = z.object({ reason: z.string().max(1000).optional() }).meta({ id: 'ReviewBody' });
