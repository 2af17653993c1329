/**
 * The marketplace's fixed vocabulary: categories, pricing models, currencies and the limits a
 * listing is checked against. Shared by the Worker (validation) and the web client (forms).
 */

export const MARKET_CATEGORIES = [
  { id: 'assistant', name: 'Assistants' },
  { id: 'education', name: 'Education' },
  { id: 'entertainment', name: 'Entertainment' },
  { id: 'companionship', name: 'Companionship' },
  { id: 'business', name: 'Business and marketing' },
  { id: 'creativity', name: 'Writing and creativity' },
  { id: 'health', name: 'Health and wellbeing' },
  { id: 'lifestyle', name: 'Lifestyle' },
  { id: 'technology', name: 'Technology' },
  { id: 'other', name: 'Other' },
] as const;

export type MarketCategory = (typeof MARKET_CATEGORIES)[number]['id'];
export const MARKET_CATEGORY_IDS = MARKET_CATEGORIES.map((c) => c.id) as [MarketCategory, ...MarketCategory[]];

/**
 * How an agent is sold. `free` has no price; `subscription` is a monthly price, `per_interaction`
 * the price of one reply, `purchase` a one-time price, `rental` the price of `rental_days` days.
 */
export const PRICING_MODELS = ['free', 'subscription', 'per_interaction', 'purchase', 'rental'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** ISO 4217 codes accepted for prices; all have two decimals, so `price` is in cents. */
export const MARKET_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF'] as const;
export type MarketCurrency = (typeof MARKET_CURRENCIES)[number];

/** Highest price per model, in minor units: a typo of a few zeros is refused rather than published. */
export const MAX_PRICE: Record<Exclude<PricingModel, 'free'>, number> = {
  subscription: 100_000, // 1,000.00 a month
  per_interaction: 10_000, // 100.00 a reply
  purchase: 1_000_000, // 10,000.00
  rental: 100_000, // 1,000.00 for the period
};

export const MARKET_LIMITS = {
  titleMaxChars: 80,
  descriptionMaxChars: 5000,
  tagsMax: 10,
  tagMaxChars: 30,
  samplesMax: 5,
  samplePromptMaxChars: 500,
  sampleReplyMaxChars: 2000,
  screenshotsMax: 6,
  rentalDaysMax: 365,
  reviewMaxChars: 2000,
  replyMaxChars: 1000,
  compareMin: 2,
  compareMax: 3,
  /** Sponsored listings shown in the sponsored slot at once. */
  sponsoredSlot: 3,
  featuredMax: 6,
  /** Trending counts the entitlements of this many last days. */
  trendingDays: 7,
} as const;

/** A price for people: 1999 USD → "USD 19.99". */
export function formatPrice(price: number, currency: string): string {
  return `${currency} ${(price / 100).toFixed(2)}`;
}
