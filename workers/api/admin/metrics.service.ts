/**
 * The platform at a glance, in one D1 round trip. Money figures stay in the ledger (Postgres);
 * the marketplace's pulse here is the entitlements granted, which every paid order ends in.
 */
import { type SQL, and, eq, gte, isNotNull, ne, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Metrics } from '../../../shared/schemas/admin';
import type { Services } from '../context';
import { agents } from '../db/agents';
import { marketEntitlements, marketListings } from '../db/market';
import { moderationItems } from '../db/moderation';
import { accounts, businessVerifications, sessions } from '../db/schema';
import { statuses } from '../db/social';
import { idAt } from '../lib/ids';

const DAY = 24 * 60 * 60 * 1000;

export async function platformMetrics(deps: Pick<Services, 'db'>): Promise<z.input<typeof Metrics>> {
  const now = Date.now();
  const dayAgo = now - DAY;
  const count = sql<number>`count(*)`;
  const tally = (table: SQLiteTable, where: SQL) => deps.db.select({ n: count }).from(table).where(where);
  const [total, fresh, active, suspended, agentCount, recent, reports, held, pending, published, delisted, granted] = await deps.db.batch([
    tally(accounts, sql`1 = 1`),
    tally(accounts, gte(accounts.id, idAt(dayAgo))),
    deps.db.select({ n: sql<number>`count(DISTINCT ${sessions.accountId})` }).from(sessions).where(sql`${sessions.accountId} IS NOT NULL AND max(${sessions.createdAt}, coalesce(${sessions.lastUsedAt}, 0)) > ${now - 7 * DAY}`),
    tally(accounts, sql`${accounts.suspendedAt} IS NOT NULL AND (${accounts.suspendedUntil} IS NULL OR ${accounts.suspendedUntil} > ${now})`),
    tally(agents, sql`1 = 1`),
    tally(statuses, gte(statuses.id, idAt(dayAgo))),
    tally(moderationItems, and(eq(moderationItems.state, 'open'), eq(moderationItems.subjectType, 'report'))!),
    tally(moderationItems, and(eq(moderationItems.state, 'open'), ne(moderationItems.subjectType, 'report'))!),
    tally(businessVerifications, eq(businessVerifications.status, 'pending')),
    tally(marketListings, eq(marketListings.state, 'published')),
    tally(marketListings, isNotNull(marketListings.adminDelistedAt)),
    tally(marketEntitlements, gte(marketEntitlements.id, idAt(dayAgo))),
  ]);
  const n = (rows: { n: number }[]) => rows[0]?.n ?? 0;
  return {
    accounts: { total: n(total), new_24h: n(fresh), active_7d: n(active), suspended: n(suspended), agents: n(agentCount) },
    statuses: { last_24h: n(recent) },
    moderation: { open_reports: n(reports), held_items: n(held) },
    business: { pending_verifications: n(pending) },
    market: { published_listings: n(published), delisted_by_admin: n(delisted), entitlements_24h: n(granted) },
    generated_at: new Date(now).toISOString(),
  };
}
