/**
 * A business's return on the agents it bought. SMILE has no advertising campaigns (sponsorship
 * is set by admins, unpaid in the catalog), so a business's "campaign" is the agents it pays for:
 * spend = what its paid entitlements cost (`analytics_sales`, by the day paid); results = the
 * engagement each of those agents produced on the days the business held it (its rollups on
 * days an entitlement of the business was in force — all of the agent's engagement, which for
 * an agent sold to several buyers is shared with them: docs/analytics.md).
 */
import { and, asc, between, eq, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BusinessAnalytics } from '../../../shared/schemas/analytics';
import type { Db } from '../context';
import { analyticsAgentDays, analyticsSales } from '../db/analytics';
import { marketEntitlements } from '../db/market';
import { type AccountRow, accounts } from '../db/schema';
import { forbidden } from '../lib/errors';
import { daysBetween } from './events';
import { type Tally, tally } from './figures';

/** The agent's listing views and new holders are the creator's figures, not the business's. */
const shown = ({ listing_views: _views, purchases: _purchases, money, ...f }: Tally) => ({ ...f, spend: money });

export async function businessAnalytics(db: Db, business: AccountRow, q: { from: string; to: string }): Promise<z.input<typeof BusinessAnalytics>> {
  if (!business.businessVerifiedAt) throw forbidden('Only verified business accounts have business analytics (ask for verification in Settings)');
  const e = marketEntitlements;
  const d = analyticsAgentDays;
  const paid = and(eq(e.accountId, business.id), ne(e.kind, 'free'));
  const [spend, held, names] = await db.batch([
    db
      .select({ agentId: analyticsSales.agentId, day: analyticsSales.day, currency: analyticsSales.currency, amount: sql<number>`sum(${analyticsSales.amount})` })
      .from(analyticsSales)
      .innerJoin(e, or(eq(e.sourceTransactionId, analyticsSales.transactionId), eq(e.subscriptionId, analyticsSales.subscriptionId)))
      .where(and(paid, between(analyticsSales.day, q.from, q.to)))
      .groupBy(analyticsSales.agentId, analyticsSales.day, analyticsSales.currency),
    // A day counts when one of the business's paid entitlements to the agent was in force during it.
    db
      .select()
      .from(d)
      .where(
        and(
          between(d.day, q.from, q.to),
          sql`EXISTS (SELECT 1 FROM ${e} WHERE ${paid} AND ${e.agentId} = ${d.agentId} AND ${e.startsAt} < (unixepoch(${d.day}) + 86400) * 1000 AND (${e.endsAt} IS NULL OR ${e.endsAt} > unixepoch(${d.day}) * 1000))`,
        ),
      ),
    db
      .selectDistinct({ id: accounts.id, username: accounts.username, displayName: accounts.displayName })
      .from(e)
      .innerJoin(accounts, eq(accounts.id, e.agentId))
      .where(paid)
      .orderBy(asc(accounts.username)),
  ]);

  const t = tally(held, spend);
  const totals = shown(t.totals);
  return {
    from: q.from,
    to: q.to,
    days: daysBetween(q.from, q.to).map((date) => ({ date, ...shown(t.day(date)) })),
    totals: { ...totals, cost_per_interaction: totals.interactions ? totals.spend.map((m) => ({ currency: m.currency, amount: Math.round(m.amount / totals.interactions) })) : [] },
    agents: names.map((a) => ({ agent_id: a.id, username: a.username, display_name: a.displayName, ...shown(t.agent(a.id)) })),
  };
}
