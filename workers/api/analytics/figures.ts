/** Shapes shared by the views: agent figures summed, money per currency, every day of a range. */
import type { AgentDayRow } from '../db/analytics';

export interface Money {
  currency: string;
  amount: number;
}

export interface Engagement {
  impressions: number;
  interactions: number;
  conversations: number;
  followers_gained: number;
  listing_views: number;
  purchases: number;
}

const ENGAGEMENT_KEYS = ['impressions', 'interactions', 'conversations', 'followers_gained', 'listing_views', 'purchases'] as const;

export const noEngagement = (): Engagement => ({ impressions: 0, interactions: 0, conversations: 0, followers_gained: 0, listing_views: 0, purchases: 0 });

/** A rollup row's figures, as the API names them. */
export const engagementOf = (row: AgentDayRow): Engagement => ({
  impressions: row.impressions,
  interactions: row.interactions,
  conversations: row.conversations,
  followers_gained: row.followersGained,
  listing_views: row.listingViews,
  purchases: row.purchases,
});

/** Adds `e` into `into`. */
function addEngagement(into: Engagement, e: Engagement): Engagement {
  for (const k of ENGAGEMENT_KEYS) into[k] += e[k];
  return into;
}

/** Money added per currency, sorted by currency. */
function addMoney(list: Money[], amount: number, currency: string): Money[] {
  const found = list.find((m) => m.currency === currency);
  if (found) found.amount += amount;
  else list.push({ currency, amount });
  list.sort((a, b) => a.currency.localeCompare(b.currency));
  return list;
}

/** An agent's engagement with the money that goes with it (a creator's revenue, a business's spend). */
export type Tally = Engagement & { money: Money[] };
const noTally = (): Tally => ({ ...noEngagement(), money: [] });

/** Sums of money per agent, day and currency, as the views select them from `analytics_sales`. */
export interface MoneyRow {
  agentId: string;
  day: string;
  currency: string;
  amount: number;
}

/** Rollup rows and money rows added up per day, per agent, and in total. */
export function tally(rows: AgentDayRow[], money: MoneyRow[]) {
  const perDay = new Map<string, Tally>();
  const perAgent = new Map<string, Tally>();
  const at = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, noTally()).get(key)!;
  for (const row of rows) {
    addEngagement(at(perDay, row.day), engagementOf(row));
    addEngagement(at(perAgent, row.agentId), engagementOf(row));
  }
  for (const m of money) {
    addMoney(at(perDay, m.day).money, m.amount, m.currency);
    addMoney(at(perAgent, m.agentId).money, m.amount, m.currency);
  }
  const totals = noTally();
  for (const f of perAgent.values()) {
    addEngagement(totals, f);
    for (const m of f.money) addMoney(totals.money, m.amount, m.currency);
  }
  return { day: (date: string) => perDay.get(date) ?? noTally(), agent: (id: string) => perAgent.get(id) ?? noTally(), totals };
}
