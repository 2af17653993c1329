/**
 * The D1 schema (drizzle). Migrations in `migrations/d1` are generated from this file with
 * `npm run db:generate`. IDs are 18-digit time-sortable decimal strings (see `lib/ids.ts`),
 * so string order is time order. Times are epoch milliseconds.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Column default: the current time in epoch milliseconds. */
export const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    email: text('email'),
    emailVerifiedAt: integer('email_verified_at'),
    passwordHash: text('password_hash'),
    /** person | agent | business */
    kind: text('kind', { enum: ['person', 'agent', 'business'] }).notNull().default('person'),
    /** The person who created an agent account. */
    ownerId: text('owner_id'),
    /** user | moderator | admin */
    role: text('role', { enum: ['user', 'moderator', 'admin'] }).notNull().default('user'),
    displayName: text('display_name').notNull().default(''),
    note: text('note').notNull().default(''),
    avatarKey: text('avatar_key'),
    headerKey: text('header_key'),
    /** JSON array of { name, value, verified_at }. */
    fields: text('fields').notNull().default('[]'),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    bot: integer('bot', { mode: 'boolean' }).notNull().default(false),
    discoverable: integer('discoverable', { mode: 'boolean' }).notNull().default(true),
    /** Opposite of "hide from search": may this account and its posts appear in search results. */
    indexable: integer('indexable', { mode: 'boolean' }).notNull().default(true),
    /** Who may send direct messages: everyone | following | nobody. */
    dmPolicy: text('dm_policy', { enum: ['everyone', 'following', 'nobody'] }).notNull().default('everyone'),
    /** AI agents in my timelines, search and suggestions: all | following (only agents I follow) | none. */
    aiContent: text('ai_content', { enum: ['all', 'following', 'none'] }).notNull().default('all'),
    /**
     * Agents: `account.smile.agent` as JSON, written by triggers on `agents` and `agent_versions`
     * (migration agents), so that every list of accounts serializes it without a join.
     */
    agentCard: text('agent_card'),
    defaultPrivacy: text('default_privacy', { enum: ['public', 'unlisted', 'private', 'direct'] })
      .notNull()
      .default('public'),
    defaultSensitive: integer('default_sensitive', { mode: 'boolean' }).notNull().default(false),
    defaultLanguage: text('default_language'),
    businessVerifiedAt: integer('business_verified_at'),
    /**
     * A suspended account cannot log in or use its tokens, and nobody else sees its statuses
     * (`admin/suspension.ts`). Null: not suspended.
     */
    suspendedAt: integer('suspended_at'),
    /** The suspension ends on its own at this moment; null with `suspended_at`: until lifted. */
    suspendedUntil: integer('suspended_until'),
    /** A ban: a suspension without end, lifted by an admin only. */
    banned: integer('banned', { mode: 'boolean' }).notNull().default(false),
    /** Counters, changed in the same batch as the rows they count. */
    statusesCount: integer('statuses_count').notNull().default(0),
    followersCount: integer('followers_count').notNull().default(0),
    followingCount: integer('following_count').notNull().default(0),
    /**
     * Set once the account has had `HOME_FANOUT_LIMIT` followers, and never cleared: its statuses
     * are merged into followers' home timelines at read time rather than written to each home.
     */
    fanOutOnRead: integer('fan_out_on_read', { mode: 'boolean' }).notNull().default(false),
    lastStatusAt: integer('last_status_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('accounts_username_unique').on(sql`lower(${t.username})`),
    uniqueIndex('accounts_email_unique').on(sql`lower(${t.email})`),
    index('accounts_owner_idx').on(t.ownerId),
  ],
);

export const oauthApps = sqliteTable('oauth_apps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  website: text('website'),
  /** JSON array of allowed redirect URIs. */
  redirectUris: text('redirect_uris').notNull(),
  scopes: text('scopes').notNull(),
  clientId: text('client_id').notNull().unique(),
  clientSecretHash: text('client_secret_hash').notNull(),
  /** The first-party web client is trusted: no consent page for it. */
  firstParty: integer('first_party', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull().default(now),
});

/** A session is what every access token points at; revoking it kills the token at once. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** Null for an app-only (client_credentials) session. */
    accountId: text('account_id'),
    appId: text('app_id'),
    scopes: text('scopes').notNull(),
    refreshTokenHash: text('refresh_token_hash').unique(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: integer('created_at').notNull().default(now),
    lastUsedAt: integer('last_used_at'),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    /** When this session last proved the account's second factor (TOTP or a recovery code); `mfa/guard.ts` reads it. */
    mfaVerifiedAt: integer('mfa_verified_at'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const oauthCodes = sqliteTable('oauth_codes', {
  codeHash: text('code_hash').primaryKey(),
  appId: text('app_id').notNull(),
  accountId: text('account_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  scopes: text('scopes').notNull(),
  codeChallenge: text('code_challenge'),
  codeChallengeMethod: text('code_challenge_method'),
  createdAt: integer('created_at').notNull().default(now),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** Single-use, expiring links sent by mail: e-mail verification and password reset. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id').notNull(),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    email: text('email').notNull(),
    createdAt: integer('created_at').notNull().default(now),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('email_tokens_account_idx').on(t.accountId)],
);

/**
 * Every mail the platform sends; the dev mailbox reads it, and where a mail API is configured
 * the delivery job claims unsent rows (`claimed_at`), sends them and marks them `sent_at`.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    template: text('template').notNull(),
    createdAt: integer('created_at').notNull().default(now),
    sentAt: integer('sent_at'),
    claimedAt: integer('claimed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_to_idx').on(t.toAddress), index('outbox_unsent_idx').on(t.sentAt, t.id)],
);

/** Fixed-window counters; one row per (action, subject). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/** An account's link to an external identity provider (Google, Facebook, Apple). */
export const identities = sqliteTable(
  'identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    accountId: text('account_id').notNull(),
    email: text('email'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('identities_account_idx').on(t.accountId)],
);

export const businessVerifications = sqliteTable(
  'business_verifications',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    legalName: text('legal_name').notNull(),
    website: text('website').notNull(),
    country: text('country').notNull(),
    registrationNumber: text('registration_number').notNull(),
    contactEmail: text('contact_email').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    reviewerId: text('reviewer_id'),
    reviewedAt: integer('reviewed_at'),
    reason: text('reason'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('business_verifications_account_idx').on(t.accountId), index('business_verifications_status_idx').on(t.status)],
);

export type AccountRow = typeof accounts.$inferSelect;
export type OAuthAppRow = typeof oauthApps.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
