/** 3-D Secure at checkout and in a subscription's and a plan's first month with the test provider (docs/payments.md, "3-D Secure"): the order waits for its buyer's bank. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHENTICATION_WINDOW_MS, findOrder } from '../../workers/api/payments/orders';
import { reconcile } from '../../workers/api/payments/reconcile';
import { renewSubscriptions } from '../../workers/api/payments/renewals';
import { renewTierSubscriptions } from '../../workers/api/payments/tiers.service';
import { type TestUser, call, json, signUp } from './helpers';
import { ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { buy, journalOf, paidListing, paymentDeps } from './payments.helpers';
import { overview, subscribe as tierSubscribe, tierPostings } from './tiers.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

/** Stripe test mode's card whose bank asks for authentication on every payment. */
const THREE_D_SECURE = 'pm_card_authenticationRequired';
const MINUTE = 60_000;

const bank = (user: TestUser, clientSecret: string, approve: boolean) => call('/api/v1/payments/test_authentication', { token: user.token, json: { client_secret: clientSecret, approve } });
const confirm = (user: TestUser, orderId: string) => call(`/api/v1/payments/orders/${orderId}/confirm`, { token: user.token, method: 'POST' });
const subscribe = (user: TestUser, listingId: string, key: string, paymentMethod = THREE_D_SECURE) =>
  call(`/api/v1/market/listings/${listingId}/subscribe`, { token: user.token, json: { payment_method: paymentMethod }, headers: { 'Idempotency-Key': key } });
const confirmPlan = (user: TestUser) => call('/api/v1/payments/tiers/confirm', { token: user.token, method: 'POST' });
const upgrade = (user: TestUser, key: string) => call('/api/v1/payments/tiers/business/change', { token: user.token, method: 'POST', headers: { 'Idempotency-Key': key } });
const entitlements = async (user: TestUser) => json<unknown[]>(await call('/api/v1/market/entitlements', { token: user.token }));

async function waiting() {
  const [creator, buyer] = await Promise.all([signUp(), signUp()]);
  const listing = await paidListing(creator);
  const key = crypto.randomUUID();
  const res = await buy(buyer, listing.id, THREE_D_SECURE, key);
  expect(res.status).toBe(201);
  const order = await json(res);
  return { creator, buyer, listing, key, order, secret: order.next_action?.client_secret as string };
}

describe('3-D Secure at checkout', () => {
  it('keeps the order pending with the client secret for its buyer alone; authenticated at the bank, confirming settles it once', async () => {
    const { creator, buyer, listing, key, order, secret } = await waiting();
    expect(order).toMatchObject({ state: 'pending', settlement: null, card: { brand: 'visa', last4: '3184' }, next_action: { type: 'authenticate' } });
    expect(secret).toMatch(/^pi_test_\w+_secret_\w+$/);
    expect(await journalOf(order.id)).toEqual([]);
    expect(await entitlements(buyer)).toEqual([]);
    expect((await json(await call(`/api/v1/payments/orders/${order.id}`, { token: creator.token }))).next_action).toBeNull();
    expect((await confirm(creator, order.id)).status).toBe(404);

    // Before the bank has answered: still waiting; the same key again is the same order and payment.
    expect(await json(await confirm(buyer, order.id))).toMatchObject({ state: 'pending', next_action: { client_secret: secret } });
    const retried = await buy(buyer, listing.id, THREE_D_SECURE, key);
    expect(retried.status).toBe(200);
    expect(await json(retried)).toMatchObject({ id: order.id, state: 'pending', next_action: { client_secret: secret } });

    expect(await json(await bank(buyer, secret, true))).toEqual({ status: 'succeeded' });
    expect(await json(await bank(buyer, secret, false))).toEqual({ status: 'succeeded' });
    const paid = await json(await confirm(buyer, order.id));
    expect(paid).toMatchObject({ state: 'succeeded', settlement: 'held', next_action: null });
    expect(await json(await confirm(buyer, order.id))).toMatchObject({ state: 'succeeded' });
    expect(await journalOf(order.id)).toHaveLength(1);
    expect(await entitlements(buyer)).toHaveLength(1);
    expect((await findOrder(ledgerDb(), order.id))!).toMatchObject({ providerPaymentId: secret.split('_secret_')[0], clientSecret: null });
  });

  it("refuses a failed authentication with the bank's reason (402) and charges nothing", async () => {
    const { buyer, order, secret } = await waiting();
    expect(await json(await bank(buyer, secret, false))).toEqual({ status: 'failed' });
    const refused = await confirm(buyer, order.id);
    expect(refused.status).toBe(402);
    expect((await json(refused)).details.payment[0]).toEqual({ error: 'authentication_required', description: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.' });
    expect(await json(await call(`/api/v1/payments/orders/${order.id}`, { token: buyer.token }))).toMatchObject({ state: 'failed', next_action: null });
    expect(await journalOf(order.id)).toEqual([]);
    expect(await entitlements(buyer)).toEqual([]);

    expect((await bank(buyer, `${secret}x`, true)).status).toBe(404);
    expect((await call('/api/v1/payments/test_authentication', { token: buyer.token, json: { client_secret: '', approve: 'yes' } })).status).toBe(422);
  });

  it("a subscription's first month waits for the bank like a checkout; confirmed, the subscription starts; the months after are charged without the buyer", async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const monthly = await listAgent(creator, { pricing_model: 'subscription', price: 999, currency: 'EUR' });
    const key = crypto.randomUUID();
    const res = await subscribe(buyer, monthly.id, key);
    expect(res.status).toBe(201);
    const sub = await json(res);
    expect(sub).toMatchObject({ state: 'incomplete', period: 0, next_action: { type: 'authenticate', order_id: expect.any(String) } });
    const { client_secret: secret, order_id: orderId } = sub.next_action;
    expect(await entitlements(buyer)).toEqual([]);
    expect(await journalOf(orderId)).toEqual([]);
    // The same key again: the same subscription, still waiting on the same payment.
    const again = await subscribe(buyer, monthly.id, key);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ id: sub.id, state: 'incomplete', next_action: { client_secret: secret, order_id: orderId } });

    await bank(buyer, secret, true);
    expect(await json(await confirm(buyer, orderId))).toMatchObject({ state: 'succeeded', settlement: 'held', next_action: null });
    const started = await json(await call(`/api/v1/payments/subscriptions/${sub.id}`, { token: buyer.token }));
    expect(started).toMatchObject({ state: 'active', period: 1, next_action: null, card: { last4: '3184' } });
    expect(await journalOf(orderId)).toHaveLength(1);
    expect(await entitlements(buyer)).toHaveLength(1);

    // This card wants its bank on every payment, and a renewal has no buyer to ask: declined, past due (Stripe does the same).
    await renewSubscriptions(paymentDeps(), Date.parse(started.current_period_end) + MINUTE);
    expect(await json(await call(`/api/v1/payments/subscriptions/${sub.id}`, { token: buyer.token }))).toMatchObject({ state: 'past_due', failure: { code: 'authentication_required' }, next_action: null });
  });

  it("an upgrade waits for the bank as well: its order is confirmed (or reconciled) and the subscription moves to the new listing, once", async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const basic = await listAgent(creator, { pricing_model: 'subscription', price: 500, currency: 'EUR' });
    const pro = await listAgent(creator, { pricing_model: 'subscription', price: 1500, currency: 'EUR' });
    const sub = await json(await subscribe(buyer, basic.id, crypto.randomUUID(), 'pm_card_visa'));
    expect(sub).toMatchObject({ state: 'active', next_action: null });
    expect((await call(`/api/v1/payments/subscriptions/${sub.id}/payment_method`, { token: buyer.token, method: 'PUT', json: { payment_method: THREE_D_SECURE } })).status).toBe(200);

    const key = crypto.randomUUID();
    const change = () => call(`/api/v1/payments/subscriptions/${sub.id}/plan`, { token: buyer.token, json: { listing_id: pro.id }, headers: { 'Idempotency-Key': key } });
    const waitingChange = await json(await change());
    expect(waitingChange).toMatchObject({ subscription: { listing_id: basic.id, price: 500 }, order: { state: 'pending', next_action: { type: 'authenticate' } } });
    expect(await journalOf(waitingChange.order.id)).toEqual([]);

    await bank(buyer, waitingChange.order.next_action.client_secret, true);
    expect(await json(await confirm(buyer, waitingChange.order.id))).toMatchObject({ state: 'succeeded', next_action: null });
    expect(await json(await call(`/api/v1/payments/subscriptions/${sub.id}`, { token: buyer.token }))).toMatchObject({ listing_id: pro.id, price: 1500, state: 'active' });
    // The change asked again with its key: the same order, the move not made twice.
    expect(await json(await change())).toMatchObject({ subscription: { listing_id: pro.id, price: 1500 }, order: { id: waitingChange.order.id, state: 'succeeded' } });
    expect(await journalOf(waitingChange.order.id)).toHaveLength(1);

    // Confirmed at the bank, but the buyer never came back: reconciliation settles the order and the subscription moves.
    const other = await signUp();
    const theirs = await json(await subscribe(other, basic.id, crypto.randomUUID(), 'pm_card_visa'));
    await call(`/api/v1/payments/subscriptions/${theirs.id}/payment_method`, { token: other.token, method: 'PUT', json: { payment_method: THREE_D_SECURE } });
    const leftChange = await json(await call(`/api/v1/payments/subscriptions/${theirs.id}/plan`, { token: other.token, json: { listing_id: pro.id }, headers: { 'Idempotency-Key': crypto.randomUUID() } }));
    await bank(other, leftChange.order.next_action.client_secret, true);
    await reconcile(paymentDeps(), Date.now() + 2 * MINUTE);
    expect(await json(await call(`/api/v1/payments/subscriptions/${theirs.id}`, { token: other.token }))).toMatchObject({ listing_id: pro.id, price: 1500 });
  });

  it('a failed authentication ends the subscription at once as incomplete_expired (402), with nothing charged or granted', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const monthly = await listAgent(creator, { pricing_model: 'subscription', price: 999, currency: 'EUR' });
    const key = crypto.randomUUID();
    const sub = await json(await subscribe(buyer, monthly.id, key));
    expect((await confirm(creator, sub.next_action.order_id)).status).toBe(404);
    await bank(buyer, sub.next_action.client_secret, false);
    const refused = await confirm(buyer, sub.next_action.order_id);
    expect(refused.status).toBe(402);
    expect((await json(refused)).details.payment[0].error).toBe('authentication_required');
    expect(await json(await call(`/api/v1/payments/subscriptions/${sub.id}`, { token: buyer.token }))).toMatchObject({ state: 'incomplete_expired', next_action: null });
    expect((await subscribe(buyer, monthly.id, key)).status).toBe(402);
    expect(await journalOf(sub.next_action.order_id)).toEqual([]);
    expect(await entitlements(buyer)).toEqual([]);
    // Ended, it no longer stands in the way of subscribing again with another card.
    expect((await subscribe(buyer, monthly.id, crypto.randomUUID(), 'pm_card_visa')).status).toBe(201);
  });

  it("a plan's first month waits for the bank too: confirmed, the plan's limits apply; refused, nothing changes (402); left an hour, the renewal job gives it up", async () => {
    const [confirmed, refused, abandoned] = await Promise.all([signUp(), signUp(), signUp()]);
    const started = await tierSubscribe(confirmed, 'creator_pro', THREE_D_SECURE);
    expect(started.status).toBe(201);
    const waitingPlan = await json(started);
    expect(waitingPlan).toMatchObject({ state: 'incomplete', period: 0, next_action: { type: 'authenticate', client_secret: expect.stringMatching(/_secret_/) } });
    expect(await overview(confirmed)).toMatchObject({ current: { tier: 'free' }, subscription: { state: 'incomplete' } });
    expect(await json(await confirmPlan(confirmed))).toMatchObject({ state: 'incomplete', next_action: { client_secret: waitingPlan.next_action.client_secret } });
    await bank(confirmed, waitingPlan.next_action.client_secret, true);
    expect(await json(await confirmPlan(confirmed))).toMatchObject({ state: 'active', period: 1, next_action: null, card: { last4: '3184' } });
    expect(await overview(confirmed)).toMatchObject({ current: { tier: 'creator_pro', granted: false } });
    expect(await tierPostings(confirmed.id)).toHaveLength(1);
    expect(await json(await confirmPlan(confirmed))).toMatchObject({ state: 'active', period: 1 });
    expect(await tierPostings(confirmed.id)).toHaveLength(1);

    const failing = await json(await tierSubscribe(refused, 'business', THREE_D_SECURE));
    await bank(refused, failing.next_action.client_secret, false);
    const declined = await confirmPlan(refused);
    expect(declined.status).toBe(402);
    expect((await json(declined)).details.payment[0].error).toBe('authentication_required');
    expect(await overview(refused)).toMatchObject({ current: { tier: 'free' }, subscription: { state: 'incomplete_expired', next_action: null } });
    expect(await tierPostings(refused.id)).toEqual([]);
    expect((await confirmPlan(await signUp())).status).toBe(404);

    await tierSubscribe(abandoned, 'creator_pro', THREE_D_SECURE);
    await renewTierSubscriptions(paymentDeps(), Date.now() + 2 * MINUTE);
    expect(await overview(abandoned)).toMatchObject({ subscription: { state: 'incomplete' } });
    await renewTierSubscriptions(paymentDeps(), Date.now() + AUTHENTICATION_WINDOW_MS + MINUTE);
    expect(await overview(abandoned)).toMatchObject({ current: { tier: 'free' }, subscription: { state: 'incomplete_expired', failure: { code: 'authentication_required' } } });
    expect(await tierPostings(abandoned.id)).toEqual([]);
  });

  it("a plan upgrade waits for the bank: the same change again reads the outcome back; refused, the plan stays (402); left an hour, reconciliation gives it up", async () => {
    const [upgrader, refuser, leaver] = await Promise.all([signUp(), signUp(), signUp()]);
    for (const user of [upgrader, refuser, leaver]) {
      expect((await tierSubscribe(user, 'creator_pro')).status).toBe(201);
      expect((await call('/api/v1/payments/tiers/payment_method', { token: user.token, method: 'PUT', json: { payment_method: THREE_D_SECURE } })).status).toBe(200);
    }
    const key = crypto.randomUUID();
    const first = await json(await upgrade(upgrader, key));
    expect(first).toMatchObject({ subscription: { tier: 'creator_pro' }, change: { kind: 'upgrade', state: 'pending', next_action: { type: 'authenticate' } } });
    expect((await upgrade(upgrader, crypto.randomUUID())).status).toBe(409);
    await bank(upgrader, first.change.next_action.client_secret, true);
    expect(await json(await upgrade(upgrader, key))).toMatchObject({ subscription: { tier: 'business' }, change: { id: first.change.id, state: 'succeeded', next_action: null } });
    expect(await overview(upgrader)).toMatchObject({ current: { tier: 'business' } });
    expect(await tierPostings(upgrader.id)).toHaveLength(2);

    const refusing = crypto.randomUUID();
    const waitingChange = await json(await upgrade(refuser, refusing));
    await bank(refuser, waitingChange.change.next_action.client_secret, false);
    const declined = await upgrade(refuser, refusing);
    expect(declined.status).toBe(402);
    expect((await json(declined)).details.payment[0].error).toBe('authentication_required');
    expect(await overview(refuser)).toMatchObject({ current: { tier: 'creator_pro' }, subscription: { tier: 'creator_pro', state: 'active' } });
    expect(await tierPostings(refuser.id)).toHaveLength(1);

    const leaving = crypto.randomUUID();
    const left = await json(await upgrade(leaver, leaving));
    await reconcile(paymentDeps(), Date.now() + 2 * MINUTE);
    expect(await json(await upgrade(leaver, leaving))).toMatchObject({ change: { state: 'pending', next_action: { client_secret: left.change.next_action.client_secret } } });
    await reconcile(paymentDeps(), Date.now() + AUTHENTICATION_WINDOW_MS + MINUTE);
    const abandoned = await upgrade(leaver, leaving);
    expect(abandoned.status).toBe(402);
    expect(await overview(leaver)).toMatchObject({ current: { tier: 'creator_pro' } });
    expect(await tierPostings(leaver.id)).toHaveLength(1);
  });

  it('reconciliation looks up an authenticated order whose buyer never came back (no second charge), and gives up on one left an hour', async () => {
    const finished = await waiting();
    await bank(finished.buyer, finished.secret, true);
    const abandoned = await waiting();

    await reconcile(paymentDeps(), Date.now() + 2 * MINUTE);
    expect((await findOrder(ledgerDb(), finished.order.id))!).toMatchObject({ state: 'succeeded', providerPaymentId: finished.secret.split('_secret_')[0] });
    expect(await journalOf(finished.order.id)).toHaveLength(1);
    expect((await findOrder(ledgerDb(), abandoned.order.id))!.state).toBe('pending');

    await reconcile(paymentDeps(), Date.now() + AUTHENTICATION_WINDOW_MS + MINUTE);
    expect((await findOrder(ledgerDb(), abandoned.order.id))!).toMatchObject({ state: 'failed', failureCode: 'authentication_required', clientSecret: null });
    expect(await journalOf(abandoned.order.id)).toEqual([]);
  });
});
