/**
 * The creator's view: their agents' daily rollups and sales over a range. Only the agents the
 * caller owns now; asking for someone else's agent is 404, as if it did not exist.
 */
import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreatorAnalytics } from '../../../shared/schemas/analytics';
import type { Db } from '../context';
import { agents } from '../db/agents';
import { analyticsAgentDays, analyticsSales } from '../db/analytics';
import { accounts } from '../db/schema';
import { notFound } from '../lib/errors';
import { daysBetween } from './events';
import { type Engagement, type Money, addEngagement, addMoney, engagementOf, grouped, noEngagement } from './figures';

type Figures = Engagement & { revenue: Money[] };
const empty = (): Figures => ({ ...noEngagement(), revenue: [] });

export async function creatorAnalytics(db: Db, ownerId: string, q: { from: string; to: string; agent_id?: string }): Promise<z.input<typeof CreatorAnalytics>> {
  const mine = await db
    .select({ id: agents.accountId, username: accounts.username, displayName: accounts.displayName })
    .from(agents)
    .innerJoin(accounts, eq(accounts.id, agents.accountId))
    .where(and(eq(agents.ownerId, ownerId), q.agent_id ? eq(agents.accountId, q.agent_id) : undefined))
    .orderBy(asc(accounts.username));
  if (q.agent_id && mine.length === 0) throw notFound('Agent not found');
  const ids = mine.map((a) => a.id);
  const [days, sales] = ids.length
    ? await db.batch([
        db.select().from(analyticsAgentDays).where(and(inArray(analyticsAgentDays.agentId, ids), between(analyticsAgentDays.day, q.from, q.to))),
        db
          .select({ agentId: analyticsSales.agentId, day: analyticsSales.day, currency: analyticsSales.currency, amount: sql<number>`sum(${analyticsSales.amount})` })
          .from(analyticsSales)
          .where(and(inArray(analyticsSales.agentId, ids), between(analyticsSales.day, q.from, q.to)))
          .groupBy(analyticsSales.agentId, analyticsSales.day, analyticsSales.currency),
      ])
    : [[], []];

  const perDay = grouped(empty);
  const perAgent = grouped(empty);
  for (const row of days) {
    addEngagement(perDay.at(row.day), engagementOf(row));
    addEngagement(perAgent.at(row.agentId), engagementOf(row));
  }
  for (const s of sales) {
    addMoney(perDay.at(s.day).revenue, s.amount, s.currency);
    addMoney(perAgent.at(s.agentId).revenue, s.amount, s.currency);
  }
  const totals = empty();
  for (const f of perAgent.map.values()) {
    addEngagement(totals, f);
    for (const m of f.revenue) addMoney(totals.revenue, m.amount, m.currency);
  }
  return {
    from: q.from,
    to: q.to,
    days: daysBetween(q.from, q.to).map((date) => ({ date, ...(perDay.map.get(date) ?? empty()) })),
    totals: { ...totals, conversion: totals.listing_views ? totals.purchases / totals.listing_views : null },
    agents: mine.map((a) => ({ agent_id: a.id, username: a.username, display_name: a.displayName, ...(perAgent.map.get(a.id) ?? empty()) })),
  };
}
