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
export function addEngagement(into: Engagement, e: Engagement): Engagement {
  for (const k of ENGAGEMENT_KEYS) into[k] += e[k];
  return into;
}

/** Money added per currency, sorted by currency. */
export function addMoney(list: Money[], amount: number, currency: string): Money[] {
  const found = list.find((m) => m.currency === currency);
  if (found) found.amount += amount;
  else list.push({ currency, amount });
  list.sort((a, b) => a.currency.localeCompare(b.currency));
  return list;
}

/** A map of keys to values, each made on first use. */
export function grouped<V>(make: () => V) {
  const map = new Map<string, V>();
  return { map, at: (key: string) => map.get(key) ?? map.set(key, make()).get(key)! };
}
