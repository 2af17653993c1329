import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chargeFor } from '../../workers/api/payments/checkout.service';
import { DEFAULT_FRAUD_LIMITS } from '../../workers/api/payments/fraud';
import { findOrder, openOrder, settleOrder } from '../../workers/api/payments/orders';
import { signLikeStripe } from '../../workers/api/payments/providers/stripe-signature';
import { reconcile } from '../../workers/api/payments/reconcile';
import { paymentOrders, providerEvents } from '../../workers/api/payments/schema';
import { newId } from '../../workers/api/lib/ids';
import { type TestUser, call, eventually, json, signUp } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { buy, journalOf, paidListing, paymentDeps } from './payments.helpers';

const SECRET = env.TEST_PAYMENTS_WEBHOOK_SECRET as string;

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const deps = () => paymentDeps();

/** An order opened as checkout opens it, and then left: the request died before the provider was asked. */
async function abandonedOrder(buyer: TestUser, paymentMethod = 'pm_card_visa') {
  const creator = await signUp();
  const listing = await paidListing(creator);
  const { order } = await openOrder(
    deps().ledger,
    { id: newId(), buyerAccountId: buyer.id, idempotencyKey: crypto.randomUUID(), requestHash: 'h', listingId: listing.id, agentId: listing.agent.id, creatorAccountId: creator.id, kind: 'purchase', rentalDays: null, amount: 1999, currency: 'EUR', provider: 'test', paymentMethod },
    { card: null, buyerCreatedAt: 0, limits: DEFAULT_FRAUD_LIMITS },
  );
  return order;
}

/**
 * As if the order had waited longer than reconciliation's minute. Only just before a test's own
 * run: the ledger is shared by the files the other workerd runs, and a run there would otherwise
 * finish this file's pending orders first (charging them with its own provider).
 */
async function makeStale(orderId: string): Promise<void> {
  await deps().ledger.update(paymentOrders).set({ updatedAt: sql`now() - interval '2 minutes'` }).where(eq(paymentOrders.id, orderId));
}

const event = (type: string, object: Record<string, unknown>) => ({ id: `evt_${crypto.randomUUID().replaceAll('-', '')}`, type, created: Math.floor(Date.now() / 1000), data: { object } });
const intentFor = (orderId: string, id = `pi_${crypto.randomUUID().replaceAll('-', '')}`) => ({ id, object: 'payment_intent', status: 'succeeded', metadata: { order_id: orderId } });

async function deliver(body: unknown, signature?: string, provider = 'test'): Promise<Response> {
  const raw = JSON.stringify(body);
  return call(`/api/v1/payments/webhooks/${provider}`, { body: raw, method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? (await signLikeStripe(raw, SECRET)) } });
}

const seen = async (eventId: string) => (await ledgerDb().select().from(providerEvents).where(eq(providerEvents.eventId, eventId))).length;
const entitlements = async (token: string) => json<Record<string, any>[]>(await call('/api/v1/market/entitlements', { token }));

describe('webhooks', () => {
  it('the test provider delivers its event, signed, through the queue; it is recorded once', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator)).id));
    const stored = await findOrder(ledgerDb(), order.id);
    const rows = await eventually(
      () => ledgerDb().select().from(providerEvents).where(eq(providerEvents.objectId, stored!.providerPaymentId!)),
      (r) => r.length > 0,
    );
    expect(rows.map((r) => r.type)).toEqual(['payment_intent.succeeded']);
    expect(await journalOf(order.id)).toHaveLength(1);
  });

  it('settles a pending order from the event, once however often it is delivered, and grants the agent', async () => {
    const buyer = await signUp();
    const order = await abandonedOrder(buyer);
    const succeeded = event('payment_intent.succeeded', intentFor(order.id));
    const first = await deliver(succeeded);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ received: true });
    expect((await deliver(succeeded)).status).toBe(200);
    expect(await seen(succeeded.id)).toBe(1);
    expect(await journalOf(order.id)).toHaveLength(1);
    expect((await findOrder(ledgerDb(), order.id))!.state).toBe('succeeded');
    expect(await entitlements(buyer.token)).toHaveLength(1);
  });

  it('refuses a bad signature, a stale one, a tampered body and the wrong provider, recording nothing', async () => {
    const buyer = await signUp();
    const order = await abandonedOrder(buyer);
    const succeeded = event('payment_intent.succeeded', intentFor(order.id));
    const raw = JSON.stringify(succeeded);
    const wrongSecret = await deliver(succeeded, await signLikeStripe(raw, 'whsec_somebody_elses_secret_123'));
    expect(wrongSecret.status).toBe(400);
    expect((await json(wrongSecret)).error).toMatch(/signature/);
    expect((await deliver(succeeded, await signLikeStripe(raw, SECRET, Math.floor(Date.now() / 1000) - 600))).status).toBe(400);
    expect((await deliver({ ...succeeded, type: 'payment_intent.payment_failed' }, await signLikeStripe(raw, SECRET))).status).toBe(400);
    expect((await deliver(succeeded, 'nonsense')).status).toBe(400);
    expect((await deliver(succeeded, undefined, 'stripe')).status).toBe(404);
    expect(await seen(succeeded.id)).toBe(0);
    expect((await findOrder(ledgerDb(), order.id))!.state).toBe('pending');
  });

  it('ends in the same state whatever order the events come in: success wins', async () => {
    const buyer = await signUp();
    const [a, b] = [await abandonedOrder(buyer), await abandonedOrder(buyer)];
    const failed = (orderId: string) => event('payment_intent.payment_failed', { ...intentFor(orderId), status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } });
    await deliver(event('payment_intent.succeeded', intentFor(a.id)));
    await deliver(failed(a.id));
    await deliver(failed(b.id));
    await deliver(event('payment_intent.succeeded', intentFor(b.id)));
    for (const o of [a, b]) {
      expect((await findOrder(ledgerDb(), o.id))!.state).toBe('succeeded');
      expect(await journalOf(o.id)).toHaveLength(1);
    }
  });
});

describe('reconciliation', () => {
  it('finishes an order whose request died before the provider was asked', async () => {
    const buyer = await signUp();
    const order = await abandonedOrder(buyer);
    await makeStale(order.id);
    const done = await reconcile(deps());
    expect(done.charged).toBeGreaterThanOrEqual(1);
    expect((await findOrder(ledgerDb(), order.id))!.state).toBe('succeeded');
    expect(await journalOf(order.id)).toHaveLength(1);
    expect(await entitlements(buyer.token)).toHaveLength(1);
  });

  it('learns a lost answer by asking again with the same key: the first charge, never a second', async () => {
    const buyer = await signUp();
    const order = await abandonedOrder(buyer, 'pm_card_visa_chargeDeclined');
    const d = deps();
    const lost = await d.provider.chargeOnSession(chargeFor(order));
    await makeStale(order.id);
    await reconcile(d);
    const after = (await findOrder(ledgerDb(), order.id))!;
    expect(after).toMatchObject({ state: 'failed', failureCode: 'card_declined', providerPaymentId: lost.paymentId });
  });

  it('grants the entitlement of a paid order whose grant was lost, once the paying request had its minute', async () => {
    const buyer = await signUp();
    const order = await abandonedOrder(buyer);
    const d = deps();
    // Settled as the paying request settles it, which then died before granting; no charge is made
    // here, so no webhook comes to grant it either.
    await settleOrder(d.ledger, order.id, `pi_lost_${crypto.randomUUID().replaceAll('-', '')}`, null);
    await reconcile(d);
    expect(await entitlements(buyer.token)).toEqual([]);
    await makeStale(order.id);
    await reconcile(d);
    expect(await entitlements(buyer.token)).toHaveLength(1);
    expect((await findOrder(ledgerDb(), order.id))!.entitlementGrantedAt).not.toBeNull();
  });

  it('releases escrow whose hold has elapsed, but not a disputed one', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    const [due, disputed] = [await json(await buy(buyer, listing.id)), await json(await buy(buyer, listing.id))];
    await call(`/api/v1/payments/orders/${disputed.id}/dispute`, { token: buyer.token, json: { reason: 'it never answers' } });
    await ledgerDb().update(paymentOrders).set({ releaseAt: sql`now() - interval '1 second'` }).where(sql`${paymentOrders.id} IN (${due.id}, ${disputed.id})`);
    await reconcile(deps());
    expect((await findOrder(ledgerDb(), due.id))!.settlement).toBe('released');
    expect((await findOrder(ledgerDb(), disputed.id))!.settlement).toBe('held');
    expect((await journalOf(due.id)).map((t) => t.kind)).toEqual(['purchase', 'release']);
  });
});
