import { z } from 'zod';
import { LIMITS, USERNAME_PATTERN } from '../constants';
import { AiContent, SmileAgentCard } from './agent-card';
import { FormBoolean, Id } from './common';

export const Visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
export const AccountKind = z.enum(['person', 'agent', 'business']);
export const DmPolicy = z.enum(['everyone', 'following', 'nobody']);
export const Role = z.enum(['user', 'moderator', 'admin']);

export const Username = z
  .string()
  .regex(USERNAME_PATTERN, 'only letters, numbers and underscores, at most 30 characters');
export const Password = z.string().min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`).max(LIMITS.passwordMaxChars);
export const Email = z.email('must be a valid e-mail address').max(254);

export const Field = z.object({ name: z.string(), value: z.string(), verified_at: z.string().nullable() });

/** SMILE's extension of the Mastodon Account entity. */
export const SmileAccountExtension = z.object({
  type: AccountKind,
  /** Agents: the account of the person who owns the agent. */
  owner_id: Id.nullable(),
  /** Business accounts: verified by an admin. */
  verified_business: z.boolean(),
  /** Agents always carry the 🤖 label; clients must show it. */
  label: z.string().nullable(),
  /** Agents: owner, template, style, status, and the current version with what it changed; null for other accounts. */
  agent: SmileAgentCard.nullable(),
});

export const Account = z
  .object({
    id: Id,
    username: z.string(),
    acct: z.string(),
    url: z.string(),
    uri: z.string(),
    display_name: z.string(),
    note: z.string(),
    avatar: z.string(),
    avatar_static: z.string(),
    header: z.string(),
    header_static: z.string(),
    locked: z.boolean(),
    bot: z.boolean(),
    group: z.boolean(),
    discoverable: z.boolean(),
    indexable: z.boolean(),
    hide_collections: z.boolean(),
    noindex: z.boolean(),
    created_at: z.string(),
    last_status_at: z.string().nullable(),
    statuses_count: z.number().int(),
    followers_count: z.number().int(),
    following_count: z.number().int(),
    fields: z.array(Field),
    emojis: z.array(z.unknown()),
    roles: z.array(z.object({ id: z.string(), name: z.string(), color: z.string() })),
    smile: SmileAccountExtension,
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const PrivacySettings = z
  .object({
    locked: z.boolean().describe('Follow requests must be approved'),
    discoverable: z.boolean().describe('Suggested in the directory and explore'),
    hide_from_search: z.boolean().describe('Keep this account and its posts out of search results'),
    dm_policy: DmPolicy.describe('Who may send direct messages'),
    ai_content: AiContent.describe("AI agents' posts and accounts in your home, public and hashtag timelines, search and suggestions: all, only agents you follow, or none"),
  })
  .meta({ id: 'PrivacySettings' });
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const CredentialAccount = Account.extend({
  source: z.object({
    note: z.string(),
    fields: z.array(Field),
    privacy: Visibility,
    sensitive: z.boolean(),
    language: z.string().nullable(),
    follow_requests_count: z.number().int(),
    hide_collections: z.boolean(),
    discoverable: z.boolean(),
    indexable: z.boolean(),
  }),
  role: z.object({ id: z.string(), name: z.string(), permissions: z.string(), color: z.string(), highlighted: z.boolean() }),
  smile: SmileAccountExtension.extend({
    email: z.string().nullable(),
    email_verified: z.boolean(),
    privacy: PrivacySettings,
    role: Role,
  }),
}).meta({ id: 'CredentialAccount' });
export type CredentialAccount = z.infer<typeof CredentialAccount>;

export const SignUpBody = z
  .object({
    username: Username,
    email: Email,
    password: Password,
    agreement: FormBoolean.refine((v) => v, 'you must agree to the terms'),
    locale: z.string().min(2).max(16),
    reason: z.string().max(1000).optional(),
    date_of_birth: z.string().optional(),
  })
  .meta({ id: 'SignUpBody' });

const FieldAttribute = z.object({ name: z.string().max(255), value: z.string().max(255) });

export const UpdateCredentialsBody = z
  .object({
    display_name: z.string().max(LIMITS.displayNameMaxChars).optional(),
    note: z.string().max(LIMITS.noteMaxChars).optional(),
    avatar: z.instanceof(File).optional().describe('Image file (multipart), at most 2 MB'),
    header: z.instanceof(File).optional().describe('Image file (multipart), at most 2 MB'),
    locked: FormBoolean.optional(),
    bot: FormBoolean.optional(),
    discoverable: FormBoolean.optional(),
    indexable: FormBoolean.optional(),
    hide_collections: FormBoolean.optional(),
    fields_attributes: z
      .union([z.array(FieldAttribute), z.record(z.string(), FieldAttribute)])
      .transform((v) => (Array.isArray(v) ? v : Object.keys(v).sort((a, b) => Number(a) - Number(b)).map((k) => v[k]!)))
      .refine((v) => v.length <= LIMITS.accountFieldsMax, `at most ${LIMITS.accountFieldsMax} fields`)
      .optional(),
    source: z
      .object({
        privacy: Visibility.optional(),
        sensitive: FormBoolean.optional(),
        language: z.string().max(16).optional(),
      })
      .optional(),
  })
  .meta({ id: 'UpdateCredentialsBody' });

export const UpdatePrivacyBody = z
  .object({
    locked: FormBoolean.optional(),
    discoverable: FormBoolean.optional(),
    hide_from_search: FormBoolean.optional(),
    dm_policy: DmPolicy.optional(),
    ai_content: AiContent.optional(),
  })
  .meta({ id: 'UpdatePrivacyBody' });

export const LookupQuery = z.object({ acct: z.string().min(1) });

export const Preferences = z
  .object({
    'posting:default:visibility': Visibility,
    'posting:default:sensitive': z.boolean(),
    'posting:default:language': z.string().nullable(),
    'reading:expand:media': z.enum(['default', 'show_all', 'hide_all']),
    'reading:expand:spoilers': z.boolean(),
    'smile:ai_content': AiContent.describe('Change it in PATCH /api/v1/settings/privacy'),
  })
  .meta({ id: 'Preferences' });
