/** Platform tiers (SMILE extension): the plans and your current one, subscribe, change plan, cancel, resume, invoices; for admins, the blocked plan purchases. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { TIER_IDS, TIERS } from '../../../shared/money/tiers';
import { tiersApi } from '../../../shared/api/tiers';
import type { AppEnv } from '../context';
import { and, inArray } from 'drizzle-orm';
import { notFound } from '../lib/errors';
import { newestFirst, page, setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { staffView } from '../admin/accounts.service';
import { idempotencyKeyOf, type PaymentDeps } from './checkout.service';
import { refused, withPayments } from './payments.routes';
import { tierSubscriptions, type TierSubscriptionRow } from './schema';
import { FRAUD_RULES } from './fraud';
import { cancelTier, chargeTierPeriod, resumeTier, subscribeTier, tierSubscriptionOf, updateTierPaymentMethod } from './tiers.service';
import { changeTier } from './tier-changes.service';
import { accountPlan, endGrant, grantPlan } from './tier-grants.service';
import { serializePlanInvoice, serializeTier, serializeTierChange, serializeTierSubscription } from './tiers.serializers';
import { planInvoicesOf } from './invoices';

export const tiersRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const me = (c: C) => c.var.caller!.account!;

async function mine(deps: PaymentDeps, c: C): Promise<TierSubscriptionRow> {
  const sub = await tierSubscriptionOf(deps, me(c).id);
  if (!sub) throw notFound('You have no plan subscription: you are on Free');
  return sub;
}

on(tiersRoutes, tiersApi.invoices, (c) => withPayments(c, async (deps) => (await planInvoicesOf(deps, me(c).id)).map(serializePlanInvoice)));

on(tiersRoutes, tiersApi.list, (c) =>
  withPayments(c, async (deps) => {
    const id = me(c).id;
    const [current, subscription] = await Promise.all([accountPlan(c.var, id), tierSubscriptionOf(deps, id)]);
    return {
      tiers: TIER_IDS.map((t) => serializeTier(TIERS[t])),
      current: { tier: current.tier, until: current.until, granted: current.granted },
      subscription: subscription && serializeTierSubscription(subscription),
    };
  }),
);

on(tiersRoutes, tiersApi.subscribe, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const { id, createdAt } = me(c);
    const { subscription, replayed } = await subscribeTier(deps, { id, createdAt }, params.tier, body.payment_method, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (subscription.state === 'incomplete_expired') throw refused(subscription);
    return c.json(serializeTierSubscription(subscription), replayed ? 200 : 201);
  }),
);

on(tiersRoutes, tiersApi.confirm, (c) =>
  withPayments(c, async (deps) => {
    const sub = await tierSubscriptionOf(deps, me(c).id);
    if (!sub) throw notFound('You have no plan subscription');
    const now = sub.state === 'incomplete' ? await chargeTierPeriod(deps, sub) : sub;
    if (now.state === 'incomplete_expired') throw refused(now);
    return serializeTierSubscription(now);
  }),
);

on(tiersRoutes, tiersApi.change, (c, { params }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const { subscription, change, replayed } = await changeTier(deps, me(c).id, params.tier, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    // A refused upgrade's card: 402 with the provider's reason, the plan as it was (a replay of it too).
    if (change.state === 'failed') throw refused(change);
    return { subscription: serializeTierSubscription(subscription), change: serializeTierChange(change) };
  }),
);

on(tiersRoutes, tiersApi.cancel, (c) => withPayments(c, async (deps) => serializeTierSubscription(await cancelTier(deps, await mine(deps, c)))));

on(tiersRoutes, tiersApi.paymentMethod, (c, { body }) => withPayments(c, async (deps) => serializeTierSubscription(await updateTierPaymentMethod(deps, await mine(deps, c), body.payment_method))));

on(tiersRoutes, tiersApi.resume, (c) => withPayments(c, async (deps) => serializeTierSubscription(await resumeTier(deps, await mine(deps, c)))));

on(tiersRoutes, tiersApi.blocked, (c, { query }) =>
  withPayments(c, async (deps) => {
    const t = tierSubscriptions;
    const p = page(t.id, query);
    const rows = newestFirst(p, await deps.ledger.select().from(t).where(and(inArray(t.failureCode, [...FRAUD_RULES]), p.where)).orderBy(p.order).limit(p.limit));
    setLinkHeader(c, rows.map((r) => r.id));
    return rows.map((r) => ({ ...serializeTierSubscription(r), account_id: r.accountId }));
  }),
);

on(tiersRoutes, tiersApi.plan, async (c, { params }) => {
  await staffView(c.var, params.id);
  return accountPlan(c.var, params.id);
});

on(tiersRoutes, tiersApi.grant, (c, { params, body }) => withPayments(c, (deps) => grantPlan(deps, me(c).id, params.id, body)));

on(tiersRoutes, tiersApi.endGrant, (c, { params, body }) => withPayments(c, (deps) => endGrant(deps, me(c).id, params.id, body.reason)));
