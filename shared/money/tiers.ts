/**
 * SMILE's platform tiers: what an account may do, and what the paid ones cost a month. The
 * server checks the limits (an account's tier is its D1 `account_tiers` row while it lasts,
 * otherwise Free); the web client shows the same table. Prices are USD minor units.
 *
 * Free is meant for a person with a few agents of their own and a small shop: nobody trying
 * SMILE should meet a limit. The platform's hard limits (files per agent, a file's size) stay in
 * shared/api/training.ts; a tier only sets how much of them an account gets.
 */

export const TIER_IDS = ['free', 'creator_pro', 'business', 'enterprise'] as const;
export type TierId = (typeof TIER_IDS)[number];

export interface TierLimits {
  /** Agents one account may own. */
  agents: number;
  /** Training data one agent may hold, in bytes (the sum of its files). */
  trainingBytesPerAgent: number;
  /** Marketplace listings one account may have published at once. */
  publishedListings: number;
  /** Audience analytics beyond the earnings figures (every creator sees what they are owed). */
  analytics: boolean;
}

export interface Tier {
  id: TierId;
  name: string;
  /** Monthly price in minor units of `currency`; null for Free and for Enterprise (custom). */
  price: number | null;
  currency: 'USD';
  /** Whether it can be bought here; Enterprise is agreed with sales ("contact us"). */
  purchasable: boolean;
  limits: TierLimits;
}

const MB = 1024 * 1024;

export const TIERS: Record<TierId, Tier> = {
  free: { id: 'free', name: 'Free', price: null, currency: 'USD', purchasable: false, limits: { agents: 10, trainingBytesPerAgent: 50 * MB, publishedListings: 5, analytics: false } },
  creator_pro: { id: 'creator_pro', name: 'Creator Pro', price: 999, currency: 'USD', purchasable: true, limits: { agents: 25, trainingBytesPerAgent: 200 * MB, publishedListings: 25, analytics: true } },
  business: { id: 'business', name: 'Business', price: 4999, currency: 'USD', purchasable: true, limits: { agents: 100, trainingBytesPerAgent: 500 * MB, publishedListings: 100, analytics: true } },
  // Custom terms; these are the limits it starts from until a contract says otherwise.
  enterprise: { id: 'enterprise', name: 'Enterprise', price: null, currency: 'USD', purchasable: false, limits: { agents: 1000, trainingBytesPerAgent: 1000 * MB, publishedListings: 1000, analytics: true } },
};

/** Higher ranks include everything lower ones give: an account holding two tiers at once gets the higher. */
export const tierRank = (id: TierId): number => TIER_IDS.indexOf(id);

export const isTierId = (s: string): s is TierId => (TIER_IDS as readonly string[]).includes(s);

/** Bytes as the messages say them ("50 MB"). */
export const formatMegabytes = (bytes: number): string => `${Math.round(bytes / MB)} MB`;
