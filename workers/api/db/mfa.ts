/**
 * Multi-factor authentication (TOTP). One authenticator per account: the secret is stored
 * encrypted (`mfa/secret-box.ts`) and counts only once `confirmed_at` is set, after a first valid
 * code. `last_step` is the last TOTP time step accepted, so no code is ever accepted twice.
 * Recovery codes are stored as SHA-256 hashes and spent by setting `used_at`.
 * When a session last proved the second factor is `sessions.mfa_verified_at`.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './schema';

export const mfaTotp = sqliteTable('mfa_totp', {
  accountId: text('account_id').primaryKey(),
  /** `v1.` + base64url(iv ‖ AES-GCM ciphertext) of the base32 secret; the account id is the associated data. */
  secretEnc: text('secret_enc').notNull(),
  /** Null while enrolment is pending: the secret is not a second factor until a code confirms it. */
  confirmedAt: integer('confirmed_at'),
  /** The last accepted time step (epoch seconds / 30); a code of this step or an earlier one is a replay. */
  lastStep: integer('last_step'),
  createdAt: integer('created_at').notNull().default(now),
});

export const mfaRecoveryCodes = sqliteTable(
  'mfa_recovery_codes',
  {
    accountId: text('account_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.codeHash] })],
);
