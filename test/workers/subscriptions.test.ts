import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/money/billing-period';
import { prorate } from '../../shared/money/proration';
import { entitlementOf } from '../../workers/api/market/entitlements.service';
import { renewSubscriptions } from '../../workers/api/payments/renewals';
import { paymentOrders, subscriptions } from '../../workers/api/payments/schema';
import { changeListing, GRACE_MS, mySubscription } from '../../workers/api/payments/subscriptions.service';
import { type TestUser, call, json, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { journalOf, paymentDeps } from './payments.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const DAY = 86_400_000;
const MINUTE = 60_000;

const deps = () => paymentDeps();

const monthly = (creator: TestUser, price = 999) => listAgent(creator, { pricing_model: 'subscription', price, currency: 'EUR' });

function subscribe(buyer: TestUser, listingId: string, paymentMethod = 'pm_card_visa', key: string | null = crypto.randomUUID()): Promise<Response> {
  return call(`/api/v1/market/listings/${listingId}/subscribe`, { token: buyer.token, json: { payment_method: paymentMethod }, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

const act = (user: TestUser, id: string, action: 'cancel' | 'resume') => call(`/api/v1/payments/subscriptions/${id}/${action}`, { token: user.token, method: 'POST' });
const changeCard = (user: TestUser, id: string, paymentMethod: string) => call(`/api/v1/payments/subscriptions/${id}/payment_method`, { token: user.token, method: 'PUT', json: { payment_method: paymentMethod } });
const changePlan = (user: TestUser, id: string, listingId: string, key: string | null = crypto.randomUUID()) =>
  call(`/api/v1/payments/subscriptions/${id}/plan`, { token: user.token, json: { listing_id: listingId }, headers: key === null ? {} : { 'Idempotency-Key': key } });
const get = async (user: TestUser, id: string) => json(await call(`/api/v1/payments/subscriptions/${id}`, { token: user.token }));
const ordersOf = (subscriptionId: string) => ledgerDb().select().from(paymentOrders).where(eq(paymentOrders.subscriptionId, subscriptionId)).orderBy(paymentOrders.id);
const entitled = async (buyer: TestUser, agentId: string, at: number) => (await entitlementOf(drizzle(env.DB), buyer.id, agentId, at)) !== null;

async function subscribed(price = 999) {
  const [creator, buyer] = await Promise.all([signUp(), signUp()]);
  const listing = await monthly(creator, price);
  const res = await subscribe(buyer, listing.id);
  expect(res.status).toBe(201);
  const sub = await json(res);
  return { creator, buyer, listing, sub, end: Date.parse(sub.current_period_end) };
}

describe('subscribing', () => {
  it('charges the first month through an order and grants the agent until the period end', async () => {
    const { buyer, creator, listing, sub, end } = await subscribed();
    expect(sub).toMatchObject({ listing_id: listing.id, agent_id: listing.agent.id, creator_id: creator.id, price: 999, currency: 'EUR', state: 'active', period: 1, cancel_at_period_end: false, grace_until: null, card: { brand: 'visa', last4: '4242' }, failure: null });
    expect(end).toBe(addMonths(Date.parse(sub.current_period_start), 1));

    const [order] = await ordersOf(sub.id);
    expect(order).toMatchObject({ kind: 'subscription', amount: 999, state: 'succeeded', settlement: 'held', listingId: listing.id });
    expect(await journalOf(order!.id)).toHaveLength(1);
    const listed = await json<Record<string, any>[]>(await call('/api/v1/payments/orders', { token: buyer.token }));
    expect(listed.map((o) => [o.kind, o.amount])).toEqual([['subscription', 999]]);

    expect(await entitled(buyer, listing.agent.id, Date.now())).toBe(true);
    expect(await entitled(buyer, listing.agent.id, end - MINUTE)).toBe(true);
    expect(await entitled(buyer, listing.agent.id, end + MINUTE)).toBe(false);
    const mine = await json<Record<string, any>[]>(await call('/api/v1/payments/subscriptions', { token: buyer.token }));
    expect(mine.map((s) => s.id)).toEqual([sub.id]);
  });

  it('creates one subscription when the same Idempotency-Key is retried (twice at once too), and refuses the key for another request', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const [listing, other] = [await monthly(creator), await monthly(creator)];
    const key = crypto.randomUUID();
    const first = await subscribe(buyer, listing.id, 'pm_card_visa', key);
    expect(first.status).toBe(201);
    const replays = await Promise.all([subscribe(buyer, listing.id, 'pm_card_visa', key), subscribe(buyer, listing.id, 'pm_card_visa', key)]);
    for (const r of replays) {
      expect(r.status).toBe(200);
      expect(r.headers.get('Idempotent-Replayed')).toBe('true');
    }
    const ids = new Set(await Promise.all([first, ...replays].map(async (r) => (await json(r)).id)));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await ordersOf(id!)).toHaveLength(1);
    expect(await json<unknown[]>(await call('/api/v1/payments/subscriptions', { token: buyer.token }))).toHaveLength(1);

    const reused = await subscribe(buyer, other.id, 'pm_card_visa', key);
    expect(reused.status).toBe(422);
    expect((await json(reused)).details.idempotency_key[0].error).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
    const twice = await subscribe(buyer, listing.id);
    expect(twice.status).toBe(409);
  });

  it('refuses a declined first charge with the reason, grants nothing, and lets the buyer try again', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await monthly(creator);
    const declined = await subscribe(buyer, listing.id, 'pm_card_visa_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(await json(declined)).toEqual({ error: 'Your card was declined.', details: { payment: [{ error: 'card_declined', description: 'Your card was declined.' }] } });
    const [expired] = await json<Record<string, any>[]>(await call('/api/v1/payments/subscriptions', { token: buyer.token }));
    expect(expired).toMatchObject({ state: 'incomplete_expired', failure: { code: 'card_declined' } });
    expect(await journalOf((await ordersOf(expired!.id))[0]!.id)).toEqual([]);
    expect(await entitled(buyer, listing.agent.id, Date.now())).toBe(false);
    expect((await subscribe(buyer, listing.id)).status).toBe(201);
  });

  it('answers bad requests with the reason', async () => {
    const [creator, buyer, other] = await Promise.all([signUp(), signUp(), signUp()]);
    const listing = await monthly(creator);
    expect((await subscribe(buyer, listing.id, 'pm_card_visa', null)).status).toBe(400);
    const cardNumber = await subscribe(buyer, listing.id, '4242424242424242');
    expect(cardNumber.status).toBe(422);
    expect((await json(cardNumber)).details.payment_method[0].description).toMatch(/never a card number/);
    expect((await json(await subscribe(buyer, listing.id, 'pm_card_nobody_made_this'))).details.payment_method[0].error).toBe('ERR_PAYMENT_METHOD');
    expect((await json(await subscribe(creator, listing.id))).details.listing[0].error).toBe('ERR_OWN_LISTING');
    const purchase = await listAgent(creator, { pricing_model: 'purchase', price: 999, currency: 'EUR' });
    expect((await json(await subscribe(buyer, purchase.id))).details.pricing_model[0].error).toBe('ERR_PRICING_MODEL');
    expect((await subscribe(buyer, '999999999999')).status).toBe(404);
    expect(await json<unknown[]>(await call('/api/v1/payments/subscriptions', { token: buyer.token }))).toEqual([]);

    const sub = await json(await subscribe(buyer, listing.id));
    const foreign = await monthly(other);
    expect((await json(await changePlan(buyer, sub.id, foreign.id))).details.listing_id[0].error).toBe('ERR_OTHER_CREATOR');
    expect((await changePlan(buyer, sub.id, foreign.id, null)).status).toBe(400);
    expect((await call(`/api/v1/payments/subscriptions/${sub.id}/plan`, { token: buyer.token, json: { listing_id: 'x' }, headers: { 'Idempotency-Key': 'k' } })).status).toBe(422);
    expect((await changeCard(buyer, sub.id, 'pm_card_nobody_made_this')).status).toBe(422);
  });

  it("hides another user's subscription: 404 for every action", async () => {
    const { sub } = await subscribed();
    const stranger = await signUp();
    expect((await call(`/api/v1/payments/subscriptions/${sub.id}`, { token: stranger.token })).status).toBe(404);
    expect((await act(stranger, sub.id, 'cancel')).status).toBe(404);
    expect((await act(stranger, sub.id, 'resume')).status).toBe(404);
    expect((await changeCard(stranger, sub.id, 'pm_card_visa')).status).toBe(404);
    expect((await changePlan(stranger, sub.id, sub.listing_id)).status).toBe(404);
    expect((await call('/api/v1/payments/subscriptions/999999999999', { token: stranger.token })).status).toBe(404);
  });
});

describe('renewal', () => {
  it('charges the next month once, even when the job runs twice at the same time, and extends the entitlement', async () => {
    const { buyer, listing, sub, end } = await subscribed();
    expect((await renewSubscriptions(deps(), end - MINUTE))).toMatchObject({ failures: 0 });
    expect((await get(buyer, sub.id)).period).toBe(1);

    const at = end + MINUTE;
    const runs = await Promise.all([renewSubscriptions(deps(), at), renewSubscriptions(deps(), at)]);
    expect(runs.every((r) => r.failures === 0)).toBe(true);
    await renewSubscriptions(deps(), at + 5 * MINUTE);
    const renewed = await get(buyer, sub.id);
    const nextEnd = addMonths(Date.parse(renewed.current_period_start), 1);
    expect(renewed).toMatchObject({ state: 'active', period: 2, current_period_start: new Date(end).toISOString(), current_period_end: new Date(nextEnd).toISOString() });
    const orders = await ordersOf(sub.id);
    expect(orders.map((o) => [o.state, o.amount, o.idempotencyKey])).toEqual([
      ['succeeded', 999, `subscription:${sub.id}:period:1:attempt:0`],
      ['succeeded', 999, `subscription:${sub.id}:period:2:attempt:0`],
    ]);
    for (const o of orders) expect(await journalOf(o.id)).toHaveLength(1);
    expect(await entitled(buyer, listing.agent.id, end + DAY)).toBe(true);
    expect(await entitled(buyer, listing.agent.id, nextEnd - MINUTE)).toBe(true);
    expect(await entitled(buyer, listing.agent.id, nextEnd + MINUTE)).toBe(false);
  });

  it('cancel at period end: no renewal, the entitlement ends at the period end; resume undoes it', async () => {
    const { buyer, listing, sub, end } = await subscribed();
    const canceled = await json(await act(buyer, sub.id, 'cancel'));
    expect(canceled).toMatchObject({ state: 'active', cancel_at_period_end: true });
    expect((await act(buyer, sub.id, 'cancel')).status).toBe(200);
    await renewSubscriptions(deps(), end + MINUTE);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'canceled', period: 1, ended_at: new Date(end).toISOString() });
    expect(await ordersOf(sub.id)).toHaveLength(1);
    expect(await entitled(buyer, listing.agent.id, end - MINUTE)).toBe(true);
    expect(await entitled(buyer, listing.agent.id, end + MINUTE)).toBe(false);
    const late = await act(buyer, sub.id, 'resume');
    expect(late.status).toBe(422);
    expect((await json(late)).details.subscription[0].error).toBe('ERR_NOT_LIVE');
    expect((await act(buyer, sub.id, 'cancel')).status).toBe(422);

    const again = await subscribed();
    await act(again.buyer, again.sub.id, 'cancel');
    expect(await json(await act(again.buyer, again.sub.id, 'resume'))).toMatchObject({ state: 'active', cancel_at_period_end: false });
    await renewSubscriptions(deps(), again.end + MINUTE);
    expect(await get(again.buyer, again.sub.id)).toMatchObject({ state: 'active', period: 2 });
  });

  it('a card that starts failing: past due with a grace period and daily retries, then lapsed and the entitlement ends', async () => {
    const { buyer, listing, sub, end } = await subscribed();
    expect(await json(await changeCard(buyer, sub.id, 'pm_card_visa_chargeDeclined'))).toMatchObject({ state: 'active', card: { brand: 'visa', last4: '0002' } });

    await renewSubscriptions(deps(), end + MINUTE);
    const graceUntil = end + GRACE_MS;
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'past_due', period: 1, grace_until: new Date(graceUntil).toISOString(), failure: { code: 'card_declined' } });
    expect(await entitled(buyer, listing.agent.id, end + 2 * DAY)).toBe(true);

    // Retried a day later (and not before).
    await renewSubscriptions(deps(), end + 2 * MINUTE);
    expect(await ordersOf(sub.id)).toHaveLength(2);
    await renewSubscriptions(deps(), end + DAY + 2 * MINUTE);
    const orders = await ordersOf(sub.id);
    expect(orders.map((o) => [o.state, o.idempotencyKey])).toEqual([
      ['succeeded', `subscription:${sub.id}:period:1:attempt:0`],
      ['failed', `subscription:${sub.id}:period:2:attempt:0`],
      ['failed', `subscription:${sub.id}:period:2:attempt:1`],
    ]);
    for (const o of orders.slice(1)) expect(await journalOf(o.id)).toEqual([]);

    await renewSubscriptions(deps(), graceUntil + MINUTE);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'lapsed', grace_until: null, ended_at: new Date(graceUntil).toISOString() });
    expect(await entitled(buyer, listing.agent.id, graceUntil - MINUTE)).toBe(true);
    expect(await entitled(buyer, listing.agent.id, graceUntil + MINUTE)).toBe(false);
    expect((await changeCard(buyer, sub.id, 'pm_card_visa')).status).toBe(422);
  });

  it('a past-due subscription recovers with a new card; canceling one that is past due ends it now', async () => {
    const { buyer, listing, sub, end } = await subscribed();
    await changeCard(buyer, sub.id, 'pm_card_visa_chargeDeclinedInsufficientFunds');
    await renewSubscriptions(deps(), end + MINUTE);
    expect((await get(buyer, sub.id)).state).toBe('past_due');
    await changeCard(buyer, sub.id, 'pm_card_mastercard');
    await renewSubscriptions(deps(), end + 10 * MINUTE);
    const recovered = await get(buyer, sub.id);
    expect(recovered).toMatchObject({ state: 'active', period: 2, grace_until: null, failure: null, current_period_start: new Date(end).toISOString() });
    expect(await entitled(buyer, listing.agent.id, Date.parse(recovered.current_period_end) - MINUTE)).toBe(true);

    const other = await subscribed();
    await changeCard(other.buyer, other.sub.id, 'pm_card_visa_chargeDeclined');
    await renewSubscriptions(deps(), other.end + MINUTE);
    const before = Date.now();
    expect(await json(await act(other.buyer, other.sub.id, 'cancel'))).toMatchObject({ state: 'canceled', grace_until: null });
    // The grace it no longer has is taken back (canceled "now", which in this test is before the period end).
    expect(await entitled(other.buyer, other.listing.agent.id, before + MINUTE)).toBe(false);
    await renewSubscriptions(deps(), other.end + 2 * DAY);
    expect(await ordersOf(other.sub.id)).toHaveLength(2);
  });
});

describe('changing plan', () => {
  it('an upgrade charges the prorated difference now and moves the entitlement; a downgrade waits for the period end', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const [basic, pro] = [await monthly(creator, 999), await monthly(creator, 2999)];
    const sub = await json(await subscribe(buyer, basic.id));
    const start = Date.parse(sub.current_period_start);
    const end = Date.parse(sub.current_period_end);
    const midway = start + Math.floor((end - start) / 2);

    const d = deps();
    const { subscription, order } = await changeListing(d, { id: buyer.id, createdAt: 0 }, await mySubscription(d, buyer.id, sub.id), pro.id, crypto.randomUUID(), midway);
    const expected = prorate(999, 2999, { start, end, at: midway });
    expect(expected.netCharge).toBe(1000);
    expect(order).toMatchObject({ kind: 'subscription', amount: 1000, state: 'succeeded', listingId: pro.id });
    expect(subscription).toMatchObject({ listingId: pro.id, agentId: pro.agent.id, price: 2999, state: 'active', period: 1 });
    expect(await entitled(buyer, pro.agent.id, midway + MINUTE)).toBe(true);
    expect(await entitled(buyer, pro.agent.id, end - MINUTE)).toBe(true);
    expect(await entitled(buyer, basic.agent.id, midway + MINUTE)).toBe(false);
    expect(await entitled(buyer, basic.agent.id, midway - MINUTE)).toBe(true);

    // Back down through the API: nothing charged now, the next period at the lower price.
    const down = await changePlan(buyer, sub.id, basic.id);
    expect(down.status).toBe(200);
    expect(await json(down)).toMatchObject({ order: null, subscription: { listing_id: pro.id, price: 2999, next_listing_id: basic.id } });
    await renewSubscriptions(deps(), end + MINUTE);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'active', period: 2, listing_id: basic.id, price: 999, next_listing_id: null });
    expect((await ordersOf(sub.id)).map((o) => o.amount)).toEqual([999, 1000, 999]);
    expect(await entitled(buyer, basic.agent.id, end + DAY)).toBe(true);
    expect(await entitled(buyer, pro.agent.id, end + DAY)).toBe(false);
  });

  it('an upgrade through the API with a declined card changes nothing; a retried key charges once', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const [basic, pro] = [await monthly(creator, 500), await monthly(creator, 1500)];
    const sub = await json(await subscribe(buyer, basic.id));
    await changeCard(buyer, sub.id, 'pm_card_visa_chargeDeclined');
    const refused = await changePlan(buyer, sub.id, pro.id);
    expect(refused.status).toBe(402);
    expect(await get(buyer, sub.id)).toMatchObject({ listing_id: basic.id, price: 500 });

    await changeCard(buyer, sub.id, 'pm_card_visa');
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([changePlan(buyer, sub.id, pro.id, key), changePlan(buyer, sub.id, pro.id, key)]);
    const bodies = [await json(a), await json(b)];
    expect([a.status, b.status]).toEqual([200, 200]);
    const charged = bodies.find((x) => x.order)!.order;
    expect(charged.amount).toBeGreaterThan(990);
    expect(charged.amount).toBeLessThanOrEqual(1000);
    expect((await ordersOf(sub.id)).filter((o) => o.state === 'succeeded').map((o) => o.amount)).toEqual([500, charged.amount]);
    expect(await get(buyer, sub.id)).toMatchObject({ listing_id: pro.id, price: 1500 });
  });
});

describe('the ledger after all of it', () => {
  it('balances', async () => {
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
    const [row] = await ledgerDb().select({ n: sql<number>`count(*)`.mapWith(Number) }).from(subscriptions).where(sql`${subscriptions.state} = 'past_due' AND ${subscriptions.graceUntil} IS NULL`);
    expect(row!.n).toBe(0);
  });
});
