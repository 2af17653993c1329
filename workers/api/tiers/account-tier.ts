/**
 * Which platform tier an account has now, and the refusal when it asks for more than the tier
 * gives. The tier is read from D1 (`account_tiers`, written by the payments side after the
 * ledger commit), so the checks cost one indexed read and no ledger connection.
 */
import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import { TIERS, type Tier, type TierId } from '../../../shared/money/tiers';
import type { Db } from '../context';
import { accountTiers } from '../db/tiers';
import { ApiError } from '../lib/errors';

/**
 * The account's tier at `at` — its paid or granted one while it lasts, otherwise Free — when that
 * one ends (null on Free), and whether staff granted it (payments/tier-grants.service.ts).
 */
export async function currentTier(db: Db, accountId: string, at = Date.now()): Promise<{ tier: Tier; until: number | null; granted: boolean }> {
  const [row] = await db
    .select({ tier: accountTiers.tier, until: accountTiers.until, writer: accountTiers.subscriptionId })
    .from(accountTiers)
    .where(and(eq(accountTiers.accountId, accountId), gt(accountTiers.until, at)));
  return row ? { tier: TIERS[row.tier], until: row.until, granted: row.writer === grantWriterOf(accountId) } : { tier: TIERS.free, until: null, granted: false };
}

export const tierOf = async (db: Db, accountId: string, at = Date.now()): Promise<Tier> => (await currentTier(db, accountId, at)).tier;

/**
 * 403 with `code: tier_limit`, naming the tier and its limit, and what would lift it. `limit`
 * is said by the caller ("10 agents"), since only it knows the unit.
 */
export function tierLimitError(tier: Tier, limit: string, status: 403 | 413 = 403): ApiError {
  const next = tier.id === 'free' ? 'upgrade to Creator Pro or Business' : tier.id === 'enterprise' ? 'contact us to raise it' : 'upgrade your plan or contact us';
  return new ApiError(status, `Your ${tier.name} plan allows ${limit}; ${next} (see Settings → Plans)`, { tier: [{ error: 'ERR_TIER_LIMIT', description: `${tier.name} allows ${limit}` }] }, undefined, undefined, 'tier_limit');
}

export interface TierGrant {
  accountId: string;
  tier: TierId;
  until: number;
  subscriptionId: string;
}

/**
 * Writes what the subscription says. Idempotent; the subscription that wrote the row may always
 * rewrite it (end it early, extend it), another one only once the row's time has passed — so an
 * old, ended subscription's late write cannot undo a newer one.
 */
export async function grantTier(db: Db, grant: TierGrant, at = Date.now()): Promise<void> {
  await grantTierWrite(db, grant, at);
}

/** `grantTier`'s statement, for a batch. */
export function grantTierWrite(db: Db, grant: TierGrant, at = Date.now()) {
  return db
    .insert(accountTiers)
    .values({ ...grant, updatedAt: at })
    .onConflictDoUpdate({
      target: accountTiers.accountId,
      set: { tier: grant.tier, until: grant.until, subscriptionId: grant.subscriptionId, updatedAt: at },
      setWhere: or(eq(accountTiers.subscriptionId, grant.subscriptionId), lte(accountTiers.until, sql`${at}`)),
    });
}

/** The writer of a plan granted by staff (payments/tier-grants.service.ts), where a paid one names its subscription. */
export const grantWriterOf = (accountId: string) => `grant:${accountId}`;
