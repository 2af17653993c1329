/** Subscriptions (SMILE extension): subscribe, list, cancel, resume, change plan, change card, a metered one's limit. */
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { subscriptionsApi } from '../../../shared/api/subscriptions';
import type { AppEnv } from '../context';
import { newestFirst, page, setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { idempotencyKeyOf, type PaymentDeps } from './checkout.service';
import { currentUsage } from './metered';
import { refused, withPayments } from './payments.routes';
import { subscriptions, type SubscriptionRow } from './schema';
import { serializeOrder } from './serializers';
import { cancel, changeListing, lastOrderOf, mySubscription, resume, setUsageLimit, subscribe, updatePaymentMethod, waitingFirstOrder } from './subscriptions.service';
import { serializeSubscription } from './subscriptions.serializers';

export const subscriptionsRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const me = (c: C) => c.var.caller!.account!;

on(subscriptionsRoutes, subscriptionsApi.subscribe, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const buyer = me(c);
    const { subscription, replayed } = await subscribe(deps, { id: buyer.id, createdAt: buyer.createdAt }, params.id, { paymentMethod: body.payment_method, usageLimit: body.usage_limit }, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (subscription.state === 'incomplete_expired') throw refused((await lastOrderOf(deps, subscription.id))!);
    return c.json(await shown(deps, subscription), replayed ? 200 : 201);
  }),
);

on(subscriptionsRoutes, subscriptionsApi.list, (c, { query }) =>
  withPayments(c, async (deps) => {
    const p = page(subscriptions.id, query);
    const rows = await deps.ledger.select().from(subscriptions).where(and(eq(subscriptions.buyerAccountId, me(c).id), p.where)).orderBy(p.order).limit(p.limit);
    const mine = newestFirst(p, rows);
    setLinkHeader(c, mine.map((s) => s.id));
    const usage = await currentUsage(deps.db, mine);
    return Promise.all(mine.map(async (s) => serializeSubscription(s, usage, await waitingFirstOrder(deps, s))));
  }),
);

on(subscriptionsRoutes, subscriptionsApi.get, (c, { params }) => withPayments(c, async (deps) => shown(deps, await mySubscription(deps, me(c).id, params.id))));

on(subscriptionsRoutes, subscriptionsApi.cancel, (c, { params }) => withPayments(c, async (deps) => shown(deps, await cancel(deps, await mySubscription(deps, me(c).id, params.id)))));

on(subscriptionsRoutes, subscriptionsApi.resume, (c, { params }) => withPayments(c, async (deps) => shown(deps, await resume(deps, await mySubscription(deps, me(c).id, params.id)))));

on(subscriptionsRoutes, subscriptionsApi.changePlan, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const buyer = me(c);
    const sub = await mySubscription(deps, buyer.id, params.id);
    const { subscription, order } = await changeListing(deps, { id: buyer.id, createdAt: buyer.createdAt }, sub, body.listing_id, key);
    if (order && (order.state === 'failed' || order.state === 'blocked')) throw refused(order);
    return { subscription: serializeSubscription(subscription), order: order && serializeOrder(order, buyer.id) };
  }),
);

on(subscriptionsRoutes, subscriptionsApi.paymentMethod, (c, { params, body }) =>
  withPayments(c, async (deps) => shown(deps, await updatePaymentMethod(deps, await mySubscription(deps, me(c).id, params.id), body.payment_method))),
);

on(subscriptionsRoutes, subscriptionsApi.usageLimit, (c, { params, body }) =>
  withPayments(c, async (deps) => shown(deps, await setUsageLimit(deps, await mySubscription(deps, me(c).id, params.id), body.usage_limit))),
);

/** One subscription as the buyer sees it: with a metered one's usage so far, or the bank's step its first month waits for. */
async function shown(deps: PaymentDeps, sub: SubscriptionRow) {
  return serializeSubscription(sub, await currentUsage(deps.db, [sub]), await waitingFirstOrder(deps, sub));
}
