/** Payout rules the server enforces and the web client shows before asking. */
export const PAYOUTS = {
  /** The smallest payout, in minor units of its currency (10.00): transfers cost the platform a fee each. */
  minimumAmount: 1_000,
} as const;

/** The earnings chart's periods, and the longest range each may span (buckets per answer). */
export const EARNINGS_PERIODS = { day: { maxBuckets: 366, defaultBuckets: 30 }, month: { maxBuckets: 60, defaultBuckets: 12 } } as const;
export type EarningsPeriod = keyof typeof EARNINGS_PERIODS;
