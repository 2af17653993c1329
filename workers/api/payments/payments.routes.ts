/** Payments (SMILE extension): checkout, orders, escrow release / dispute / refund, the provider's webhooks. */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/schemas/pagination';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { paymentsApi } from '../../../shared/api/payments';
import type { AppEnv } from '../context';
import { marketEntitlements } from '../db/market';
import { ApiError, badRequest, forbidden, invalidField, notFound } from '../lib/errors';
import { newestFirst, page, setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { carryOut, checkout, ensureEntitlement, idempotencyKeyOf, type PaymentDeps } from './checkout.service';
import { withLedger } from './db';
import { FRAUD_RULES, fraudLimits } from './fraud';
import { disputeOrder, findOrder, releaseOrder } from './orders';
import { refundPaidOrder } from './refunds';
import { paymentProvider } from './providers';
import { WebhookSignatureError } from './providers/provider';
import { authenticateTestPayment } from './providers/test-provider';
import { paymentOrders, type PaymentOrderRow } from './schema';
import { serializeOrder } from './serializers';
import { finishSubscriptionOrder } from './subscriptions.service';
import { handleEvent } from './webhooks.service';

export const paymentsRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** The payment services for one request; the ledger's pool closes after the response. */
export function withPayments<T>(c: C, work: (deps: PaymentDeps) => Promise<T>): Promise<T> {
  const { config } = c.var;
  return withLedger(config, (closing) => c.executionCtx.waitUntil(closing), (ledger) => work({ db: c.var.db, ledger, provider: paymentProvider(c.env, config), fraud: fraudLimits(config), log: c.var.log }));
}

/**
 * A refused charge as the buyer sees it — an order, a plan's first month, a plan change: 402 for
 * the card, 403 for a fraud rule (a blocked order or plan), with the reason.
 */
export function refused(charge: { state: string } & Pick<PaymentOrderRow, 'failureCode' | 'failureMessage'>): ApiError {
  const message = charge.failureMessage ?? 'The payment was refused';
  const status = charge.state === 'blocked' || (FRAUD_RULES as readonly (string | null)[]).includes(charge.failureCode) ? 403 : 402;
  return new ApiError(status, message, { payment: [{ error: charge.failureCode ?? 'refused', description: message }] });
}

const me = (c: C) => c.var.caller!.account!;

/** The order, for its buyer, its creator or an admin; 404 for anyone else (its existence is private). */
async function visibleOrder(deps: PaymentDeps, c: C, id: string): Promise<PaymentOrderRow> {
  const order = await findOrder(deps.ledger, id);
  const viewer = me(c);
  if (!order || (order.buyerAccountId !== viewer.id && order.creatorAccountId !== viewer.id && viewer.role !== 'admin')) throw notFound();
  return order;
}

on(paymentsRoutes, paymentsApi.checkout, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const key = idempotencyKeyOf(c.req.header('Idempotency-Key'));
    const buyer = me(c);
    const { order, replayed } = await checkout(deps, { id: buyer.id, createdAt: buyer.createdAt }, params.id, { paymentMethod: body.payment_method, interactions: body.interactions }, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    if (order.state === 'failed' || order.state === 'blocked') throw refused(order);
    return c.json(serializeOrder(order, buyer.id), replayed ? 200 : 201);
  }),
);

on(paymentsRoutes, paymentsApi.confirm, (c, { params }) =>
  withPayments(c, async (deps) => {
    const order = await visibleOrder(deps, c, params.id);
    if (order.buyerAccountId !== me(c).id) throw notFound();
    const now = order.state === 'pending' && order.clientSecret ? await carryOut(deps, order) : order;
    await finishSubscriptionOrder(deps, now);
    if (now.state === 'failed' || now.state === 'blocked') throw refused(now);
    await ensureEntitlement(deps, now);
    return serializeOrder(now, me(c).id);
  }),
);

on(paymentsRoutes, paymentsApi.testAuthentication, async (c, { body }) => {
  if (c.var.config.PAYMENTS_PROVIDER !== 'test' || !c.env.TEST_PAYMENTS) throw notFound('Payments here go through Stripe: its own page authenticates payments');
  const result = await authenticateTestPayment(c.env.TEST_PAYMENTS, body.client_secret, body.approve);
  if (!result) throw notFound('No payment is waiting with this client secret');
  return { status: result.status };
});

/** A page of the orders matching `where`, newest first, with the Link header. */
/** A page of orders matching `where`, newest first, with its Link header (buyers' lists and the admins'). */
export function orderPage(c: C, where: SQL | undefined, query: PageQuery) {
  return withPayments(c, async (deps) => {
    const p = page(paymentOrders.id, query);
    const orders = newestFirst(p, await deps.ledger.select().from(paymentOrders).where(and(where, p.where)).orderBy(p.order).limit(p.limit));
    setLinkHeader(c, orders.map((o) => o.id));
    return orders.map((o) => serializeOrder(o, me(c).id));
  });
}

on(paymentsRoutes, paymentsApi.orders, (c, { query }) => orderPage(c, eq(paymentOrders.buyerAccountId, me(c).id), query));

on(paymentsRoutes, paymentsApi.blocked, (c, { query }) => orderPage(c, eq(paymentOrders.state, 'blocked'), query));

on(paymentsRoutes, paymentsApi.order, (c, { params }) => withPayments(c, async (deps) => serializeOrder(await visibleOrder(deps, c, params.id), me(c).id)));

on(paymentsRoutes, paymentsApi.accept, (c, { params }) =>
  withPayments(c, async (deps) => {
    const order = await visibleOrder(deps, c, params.id);
    if (order.buyerAccountId !== me(c).id) throw forbidden('Only the buyer can accept an order');
    if (order.settlement !== 'held' && order.settlement !== 'released') throw invalidField('order', `is ${order.settlement ?? order.state}: only paid orders held in escrow can be accepted`, 'ERR_NOT_HELD');
    return serializeOrder(await releaseOrder(deps.ledger, order.id, order.disputedAt ? 'dispute_resolved' : 'accepted'), order.buyerAccountId);
  }),
);

on(paymentsRoutes, paymentsApi.dispute, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const order = await visibleOrder(deps, c, params.id);
    if (order.buyerAccountId !== me(c).id) throw forbidden('Only the buyer can dispute an order');
    if (order.settlement !== 'held') throw invalidField('order', `is ${order.settlement ?? order.state}: only money still held in escrow can be disputed`, 'ERR_NOT_HELD');
    return serializeOrder(await disputeOrder(deps.ledger, order.id, body.reason), order.buyerAccountId);
  }),
);

on(paymentsRoutes, paymentsApi.refund, (c, { params, body }) =>
  withPayments(c, async (deps) => {
    const order = await visibleOrder(deps, c, params.id);
    if (order.creatorAccountId !== me(c).id && me(c).role !== 'admin') throw forbidden("Only the listing's creator or an admin can refund an order");
    if (order.settlement === 'refunded') return serializeOrder(order);
    const { refunded, endEntitlement } = await refundPaidOrder(deps, order, body.reason);
    await endEntitlement;
    return serializeOrder(refunded);
  }),
);

on(paymentsRoutes, paymentsApi.webhook, (c, { params }) =>
  withPayments(c, async (deps) => {
    if (params.provider !== deps.provider.name) throw notFound(`Payments here go through ${deps.provider.name}, not ${params.provider}`);
    const raw = await c.req.text();
    if (raw.length > (paymentsApi.webhook.maxBodyBytes ?? 0)) throw new ApiError(413, 'The event is too large');
    let event;
    try {
      event = await deps.provider.verifyWebhook(raw, c.req.header('Stripe-Signature') ?? null);
    } catch (err) {
      if (err instanceof WebhookSignatureError) throw badRequest(`The webhook signature does not verify: ${err.message}`);
      throw err;
    }
    await handleEvent(deps, event);
    return { received: true as const };
  }),
);
