/** Subscriptions (SMILE extension): subscribe, list, cancel, resume, change plan, change card. */
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { subscriptionsApi } from '../../../shared/api/subscriptions';
import type { AppEnv } from '../context';
import { newestFirst, page, setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { idempotencyKeyOf } from './checkout.service';
import { refused, withPayments } from './payments.routes';
import { subscriptions } from './schema';
import { serializeOrder } from './serializers';
import { cancel, changeListing, lastOrderOf, mySubscription, resume, subscribe, updatePaymentMethod } from './subscriptions.service';
import { serializeSubscription } from './subscriptions.serializers';

export const subscriptionsRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const me = (c: C) => c.var.caller!.account!;

on(subscriptionsRoutes, subscriptionsApi.subscribe, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const buyer = me(c);
    const { subscription, replayed } = await subscribe(deps, { id: buyer.id, createdAt: buyer.createdAt }, params.id, body.payment_method, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (subscription.state === 'incomplete_expired') throw refused((await lastOrderOf(deps, subscription.id))!);
    return c.json(serializeSubscription(subscription), replayed ? 200 : 201);
  }),
);

on(subscriptionsRoutes, subscriptionsApi.list, (c, { query }) =>
  withPayments(c, async (deps) => {
    const p = page(subscriptions.id, query);
    const rows = await deps.ledger.select().from(subscriptions).where(and(eq(subscriptions.buyerAccountId, me(c).id), p.where)).orderBy(p.order).limit(p.limit);
    const mine = newestFirst(p, rows);
    setLinkHeader(c, mine.map((s) => s.id));
    return mine.map(serializeSubscription);
  }),
);

on(subscriptionsRoutes, subscriptionsApi.get, (c, { params }) => withPayments(c, async (deps) => serializeSubscription(await mySubscription(deps, me(c).id, params.id))));

on(subscriptionsRoutes, subscriptionsApi.cancel, (c, { params }) => withPayments(c, async (deps) => serializeSubscription(await cancel(deps, await mySubscription(deps, me(c).id, params.id)))));

on(subscriptionsRoutes, subscriptionsApi.resume, (c, { params }) => withPayments(c, async (deps) => serializeSubscription(await resume(deps, await mySubscription(deps, me(c).id, params.id)))));

on(subscriptionsRoutes, subscriptionsApi.changePlan, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const buyer = me(c);
    const sub = await mySubscription(deps, buyer.id, params.id);
    const { subscription, order } = await changeListing(deps, { id: buyer.id, createdAt: buyer.createdAt }, sub, body.listing_id, key);
    if (order && (order.state === 'failed' || order.state === 'blocked')) throw refused(order);
    return { subscription: serializeSubscription(subscription), order: order && serializeOrder(order) };
  }),
);

on(subscriptionsRoutes, subscriptionsApi.paymentMethod, (c, { params, body }) =>
  withPayments(c, async (deps) => serializeSubscription(await updatePaymentMethod(deps, await mySubscription(deps, me(c).id, params.id), body.payment_method))),
);
