import { z } from 'zod';
import { PageQuery } from '../schemas/pagination';
import { Earnings, EarningsQuery, Payout, PayoutAccount, PayoutBody } from '../schemas/payouts';
import { endpoint } from './endpoint';

const tags = ['Payments'] as const;

/** SMILE extension: what creators earn from the marketplace, and paying it out to their connected account. */
export const payoutsApi = {
  account: endpoint({ method: 'get', path: '/api/v1/payments/payout_account', summary: 'Your connected payout account at the payment provider, if any', tags, auth: 'user', scope: 'read', response: PayoutAccount }),
  connect: endpoint({
    method: 'post',
    path: '/api/v1/payments/payout_account',
    summary: "Connect a payout account (Stripe Connect Express), or ask again how its onboarding stands: answers with a link to finish onboarding at the provider's while it is not ready. Needs an e-mail address on the account",
    tags,
    auth: 'user',
    scope: 'write',
    response: PayoutAccount,
  }),
  create: endpoint({
    method: 'post',
    path: '/api/v1/payments/payouts',
    summary:
      'Pay out earnings to your connected account. Requires an `Idempotency-Key` header (a retry returns the same payout), a second factor verified in the last 5 minutes (403 `mfa_required` / `mfa_stale`), a confirmed e-mail (403 `email_unverified`), a ready payout account and at least the minimum; more than is available is 422 with the available amount',
    tags,
    auth: 'user',
    scope: 'write',
    body: PayoutBody,
    response: Payout,
    status: 201,
  }),
  list: endpoint({ method: 'get', path: '/api/v1/payments/payouts', summary: 'Your payouts, newest first', tags, auth: 'user', scope: 'read', query: PageQuery, response: z.array(Payout) }),
  earnings: endpoint({
    method: 'get',
    path: '/api/v1/payments/earnings',
    summary: 'Your earnings as a creator: totals per currency (gross, platform fee, net, pending in escrow, available, paid out), per agent, and per day or month for a chart',
    tags,
    auth: 'user',
    scope: 'read',
    query: EarningsQuery,
    response: Earnings,
  }),
} as const;
