import { z } from 'zod';
import { StringList } from './common';

export const CreateAppBody = z
  .object({
    client_name: z.string().min(1).max(120),
    redirect_uris: StringList.refine((v) => v.length > 0, 'at least one redirect URI').describe(
      'One URI, a `redirect_uris[]` array, or several separated by spaces/newlines; `urn:ietf:wg:oauth:2.0:oob` for out-of-band',
    ),
    scopes: z.string().max(1000).optional().describe('Space-separated; defaults to "read"'),
    website: z.string().max(2000).optional().nullable(),
  })
  .meta({ id: 'CreateAppBody' });

export const Application = z
  .object({
    id: z.string(),
    name: z.string(),
    website: z.string().nullable(),
    scopes: z.array(z.string()),
    redirect_uri: z.string(),
    redirect_uris: z.array(z.string()),
    vapid_key: z.string().optional(),
  })
  .meta({ id: 'Application' });

export const CredentialApplication = Application.extend({
  client_id: z.string(),
  client_secret: z.string(),
  client_secret_expires_at: z.number().int(),
}).meta({ id: 'CredentialApplication' });

export const TokenBody = z
  .object({
    grant_type: z.string().min(1).describe('authorization_code | client_credentials | refresh_token'),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    code: z.string().optional(),
    redirect_uri: z.string().optional(),
    code_verifier: z.string().min(43).max(128).optional(),
    refresh_token: z.string().optional(),
    scope: z.string().optional(),
  })
  .meta({ id: 'TokenBody' });

export const Token = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    scope: z.string(),
    created_at: z.number().int(),
    expires_in: z.number().int().optional(),
    refresh_token: z.string().optional(),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof Token>;

export const RevokeBody = z
  .object({ client_id: z.string(), client_secret: z.string(), token: z.string() })
  .meta({ id: 'RevokeBody' });

export const AuthorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().min(43).max(128).optional(),
  code_challenge_method: z.literal('S256').optional(),
  force_login: z.string().optional(),
  lang: z.string().optional(),
});

export const AuthorizeInfo = z
  .object({
    application: z.object({ name: z.string(), website: z.string().nullable() }),
    scopes: z.array(z.string()),
    redirect_uri: z.string(),
    first_party: z.boolean(),
  })
  .meta({ id: 'AuthorizeInfo' });

export const AuthorizeDecisionBody = AuthorizeQuery.extend({ approve: z.boolean() }).meta({ id: 'AuthorizeDecisionBody' });

export const AuthorizeDecision = z
  .object({ redirect_to: z.string().describe('Where the browser goes next (or the out-of-band code page)'), code: z.string().optional() })
  .meta({ id: 'AuthorizeDecision' });
