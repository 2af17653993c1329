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
import { type Tally, tally } from './figures';

const shown = ({ money, ...f }: Tally) => ({ ...f, revenue: money });

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

  const t = tally(days, sales);
  const totals = shown(t.totals);
  return {
    from: q.from,
    to: q.to,
    days: daysBetween(q.from, q.to).map((date) => ({ date, ...shown(t.day(date)) })),
    totals: { ...totals, conversion: totals.listing_views ? totals.purchases / totals.listing_views : null },
    agents: mine.map((a) => ({ agent_id: a.id, username: a.username, display_name: a.displayName, ...shown(t.agent(a.id)) })),
  };
}
