/** Creator earnings and payouts (SMILE extension): the connected account, payouts behind MFA, the earnings dashboard. */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { payoutsApi } from '../../../shared/api/payouts';
import type { AppEnv } from '../context';
import { ApiError, codedError } from '../lib/errors';
import { newestFirst, page, setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { requireRecentMfa } from '../mfa/guard';
import { idempotencyKeyOf } from './checkout.service';
import { earningsOf } from './earnings';
import { connectPayoutAccount, payoutAccountOf } from './payout-accounts';
import { requestPayout } from './payouts';
import { withPayments } from './payments.routes';
import { payouts } from './schema';
import { serializePayout, serializePayoutAccount } from './serializers';

export const payoutsRoutes = new Hono<AppEnv>();

on(payoutsRoutes, payoutsApi.account, (c) => withPayments(c, async (deps) => serializePayoutAccount(await payoutAccountOf(deps.ledger, c.var.caller!.account!.id))));

on(payoutsRoutes, payoutsApi.connect, (c) =>
  withPayments(c, async (deps) => {
    const { account, onboardingUrl } = await connectPayoutAccount(deps, c.var.caller!.account!, new URL('/creator', c.var.config.PUBLIC_URL).toString());
    return serializePayoutAccount(account, onboardingUrl);
  }),
);

on(payoutsRoutes, payoutsApi.create, async (c, { body }) => {
  const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
  const caller = c.var.caller!;
  await requireRecentMfa(c.var, caller);
  if (!caller.account!.emailVerifiedAt) throw codedError(403, 'email_unverified', 'Payouts need a confirmed e-mail address: open the link we mailed you (or send it again), then try again.');
  return withPayments(c, async (deps) => {
    const { payout, replayed } = await requestPayout(deps, caller.account!.id, body, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (payout.state === 'failed') {
      const message = `The payment provider refused the payout: ${payout.failureMessage ?? payout.failureCode}. The money is available again.`;
      throw new ApiError(422, message, { payout_account: [{ error: payout.failureCode ?? 'refused', description: payout.failureMessage ?? 'was refused by the payment provider' }] });
    }
    return c.json(serializePayout(payout), replayed ? 200 : 201);
  });
});

on(payoutsRoutes, payoutsApi.list, (c, { query }) =>
  withPayments(c, async (deps) => {
    const p = page(payouts.id, query);
    const rows = await deps.ledger.select().from(payouts).where(and(eq(payouts.creatorAccountId, c.var.caller!.account!.id), p.where)).orderBy(p.order).limit(p.limit);
    const list = newestFirst(p, rows);
    setLinkHeader(c, list.map((r) => r.id));
    return list.map(serializePayout);
  }),
);

on(payoutsRoutes, payoutsApi.earnings, (c, { query }) => withPayments(c, (deps) => earningsOf(deps.ledger, c.var.caller!.account!.id, query)));
