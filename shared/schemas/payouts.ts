/** Creator earnings and payouts (a SMILE extension): the connected account, payouts, the earnings dashboard's figures. */
import { z } from 'zod';
import { Id } from './common';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals (EUR, USD, …)');
const MinorUnits = z.number().int().describe('Minor units of `currency`');

export const PayoutAccount = z
  .object({
    connected: z.boolean(),
    provider: z.string().nullable(),
    account_id: z.string().nullable().describe("The connected account at the provider (`acct_…`)"),
    ready: z.boolean().describe('The provider takes transfers to it: payouts can be requested'),
    onboarding_url: z.string().nullable().describe("Where to finish onboarding at the provider's; null when there is nothing left to do"),
  })
  .meta({ id: 'PayoutAccount' });

export const PayoutBody = z
  .object({
    amount: z
      .union([z.number().int(), z.string().regex(/^\d+$/)])
      .transform((v) => Number(v))
      .pipe(z.number().int().positive('must be greater than 0').max(Number.MAX_SAFE_INTEGER))
      .describe('Minor units of `currency`'),
    currency: z.string().trim().toUpperCase().pipe(Currency),
  })
  .meta({ id: 'PayoutBody' });

export const Payout = z
  .object({
    id: Id,
    amount: MinorUnits,
    currency: z.string(),
    state: z.enum(['pending', 'paid', 'failed']).describe('pending: the provider has not confirmed the transfer yet; paid; failed: the provider refused it and the money is available again'),
    destination: z.string(),
    transfer_id: z.string().nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Payout' });

export const EarningsQuery = z.object({
  period: z.enum(['day', 'month']).default('day'),
  from: z.iso.date().optional().describe('First day (UTC), inclusive; by default 30 days or 12 months before `to`'),
  to: z.iso.date().optional().describe('Last day (UTC), inclusive; today by default'),
});

const Figures = {
  sales: z.number().int().describe('Paid orders in the range, refunded ones included'),
  gross: MinorUnits.describe('What buyers paid for orders in the range that were not refunded'),
  platform_fee: MinorUnits.describe("The platform's 30 % of `gross`"),
  net: MinorUnits.describe("The creator's 70 % of `gross` (rounded down per order)"),
  refunded: MinorUnits.describe('What was given back to buyers for orders in the range'),
};

export const Earnings = z
  .object({
    period: z.enum(['day', 'month']),
    from: z.string(),
    to: z.string(),
    totals: z.array(
      z.object({
        currency: z.string(),
        ...Figures,
        pending: MinorUnits.describe("The creator's share of sales still held in escrow (any date)"),
        available: MinorUnits.describe('Released to the creator and not yet paid out: what a payout may take now'),
        paid_out: MinorUnits.describe('Paid out so far (transfers not yet confirmed included; refused ones are not)'),
      }),
    ),
    agents: z.array(z.object({ agent_id: Id, listing_id: Id, currency: z.string(), ...Figures })),
    buckets: z.array(z.object({ start: z.string().describe('The first day of the bucket (UTC)'), currency: z.string(), ...Figures })),
  })
  .meta({ id: 'Earnings' });
