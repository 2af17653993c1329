/** Metered subscriptions (docs/payments.md#metered-subscriptions): a per-interaction agent's replies on the monthly bill. */
import { env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../workers/api/analytics/events';
import { entitlementOf } from '../../workers/api/market/entitlements.service';
import { renewSubscriptions } from '../../workers/api/payments/renewals';
import { paymentOrders } from '../../workers/api/payments/schema';
import { GRACE_MS } from '../../workers/api/payments/subscriptions.service';
import { type TestUser, call, json, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { journalOf, paymentDeps } from './payments.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const MINUTE = 60_000;
const PRICE = 25;

const deps = () => paymentDeps();
const perReply = (creator: TestUser) => listAgent(creator, { pricing_model: 'per_interaction', price: PRICE, currency: 'EUR' });

function subscribe(buyer: TestUser, listingId: string, body: Record<string, unknown> = {}): Promise<Response> {
  return call(`/api/v1/market/listings/${listingId}/subscribe`, { token: buyer.token, json: { payment_method: 'pm_card_visa', ...body }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

const get = async (user: TestUser, id: string) => json(await call(`/api/v1/payments/subscriptions/${id}`, { token: user.token }));
const act = (user: TestUser, id: string, action: 'cancel' | 'resume') => call(`/api/v1/payments/subscriptions/${id}/${action}`, { token: user.token, method: 'POST' });
const setLimit = (user: TestUser, id: string, usageLimit: unknown) => call(`/api/v1/payments/subscriptions/${id}/usage_limit`, { token: user.token, method: 'PUT', json: { usage_limit: usageLimit } });
const changeCard = (user: TestUser, id: string, paymentMethod: string) => call(`/api/v1/payments/subscriptions/${id}/payment_method`, { token: user.token, method: 'PUT', json: { payment_method: paymentMethod } });
const ordersOf = (subscriptionId: string) => ledgerDb().select().from(paymentOrders).where(eq(paymentOrders.subscriptionId, subscriptionId)).orderBy(paymentOrders.id);
const entitled = async (buyer: TestUser, agentId: string, at: number) => (await entitlementOf(drizzle(env.DB), buyer.id, agentId, at)) !== null;

/** One reply of the agent to the buyer: its status (the answer's stream is read to the end). */
async function reply(buyer: TestUser, agentId: string): Promise<Response> {
  const res = await call(`/api/v1/agents/${agentId}/chat`, { token: buyer.token, json: { message: 'what would you post today?' } });
  if (res.status === 200) await res.text();
  return res;
}

async function metered(body: Record<string, unknown> = {}) {
  const [creator, buyer] = await Promise.all([signUp(), signUp()]);
  const listing = await perReply(creator);
  const res = await subscribe(buyer, listing.id, body);
  expect(res.status).toBe(201);
  const sub = await json(res);
  return { creator, buyer, listing, agentId: listing.agent.id as string, sub, end: Date.parse(sub.current_period_end) };
}

describe('metered subscriptions', () => {
  it('charge nothing up front, record every reply, and bill the month once after it ends — escrow and 70/30 as any order — then start the next month empty', async () => {
    const { buyer, listing, agentId, sub, end } = await metered({ usage_limit: 5 });
    expect(sub).toMatchObject({ billing: 'metered', state: 'active', period: 0, price: PRICE, currency: 'EUR', usage_limit: 5, usage: { interactions: 0, amount: 0 }, listing_id: listing.id, card: { last4: '4242' } });
    expect(await ordersOf(sub.id)).toEqual([]);
    const [entitlement] = await json<Record<string, any>[]>(await call('/api/v1/market/entitlements', { token: buyer.token }));
    expect(entitlement).toMatchObject({ kind: 'per_interaction', interactions_left: null, listing_id: listing.id });

    for (let i = 0; i < 3; i++) expect((await reply(buyer, agentId)).status).toBe(200);
    expect((await get(buyer, sub.id)).usage).toEqual({ interactions: 3, amount: 3 * PRICE });

    // Not before the minute after the period end, so that a reply in its last moment is counted.
    await renewSubscriptions(deps(), end + MINUTE / 2);
    expect(await ordersOf(sub.id)).toEqual([]);
    await Promise.all([renewSubscriptions(deps(), end + 2 * MINUTE), renewSubscriptions(deps(), end + 2 * MINUTE)]);
    const [bill, ...more] = await ordersOf(sub.id);
    expect(more).toEqual([]);
    expect(bill).toMatchObject({ kind: 'usage', interactions: 3, amount: 3 * PRICE, state: 'succeeded', settlement: 'held', offSession: true, idempotencyKey: `usage:${sub.id}:period:1:attempt:0` });
    expect(bill!.coversUntil!.getTime()).toBe(end);
    expect(await journalOf(bill!.id)).toHaveLength(1);
    const [listed] = await json<Record<string, any>[]>(await call('/api/v1/payments/orders', { token: buyer.token }));
    expect(listed).toMatchObject({ kind: 'usage', interactions: 3, amount: 75, creator_share: 52 });

    const after = await get(buyer, sub.id);
    expect(after).toMatchObject({ state: 'active', period: 1, current_period_start: new Date(end).toISOString(), usage: { interactions: 0, amount: 0 } });
    // The bill granted nothing of its own: the subscription's one entitlement goes on.
    expect(await json<unknown[]>(await call('/api/v1/market/entitlements', { token: buyer.token }))).toHaveLength(1);
    expect(await entitled(buyer, agentId, end + 10 * MINUTE)).toBe(true);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });

    // A business buying this way sees the bill in its spend.
    await env.DB.prepare("UPDATE accounts SET kind = 'business', business_verified_at = ? WHERE id = ?").bind(Date.now(), buyer.id).run();
    const billed = dayOf(bill!.paidAt!.getTime());
    const view = await json(await call(`/api/v1/analytics/business?from=${billed}&to=${billed}`, { token: buyer.token }));
    expect(view.totals.spend).toEqual([{ currency: 'EUR', amount: 3 * PRICE }]);
  });

  it('stop at the usage limit with the reason, record nothing past it, use prepaid replies first, and go on when the limit is raised', async () => {
    const { buyer, listing, agentId, sub } = await metered({ usage_limit: 2 });
    const pack = await call(`/api/v1/market/listings/${listing.id}/checkout`, { token: buyer.token, json: { payment_method: 'pm_card_visa', interactions: 1 }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(pack.status).toBe(201);

    for (let i = 0; i < 3; i++) expect((await reply(buyer, agentId)).status).toBe(200);
    const capped = await reply(buyer, agentId);
    expect(capped.status).toBe(403);
    const refusal = await json(capped);
    expect(refusal.error).toMatch(/used this month's 2 replies/);
    expect(refusal.details.subscription[0].error).toBe('ERR_USAGE_LIMIT');
    expect((await get(buyer, sub.id)).usage).toEqual({ interactions: 2, amount: 2 * PRICE });
    const packs = await json<Record<string, any>[]>(await call('/api/v1/market/entitlements', { token: buyer.token }));
    expect(packs.find((e) => e.interactions_left !== null)).toMatchObject({ interactions_left: 0 });

    expect(await json(await setLimit(buyer, sub.id, 3))).toMatchObject({ usage_limit: 3 });
    expect((await reply(buyer, agentId)).status).toBe(200);
    expect((await get(buyer, sub.id)).usage).toEqual({ interactions: 3, amount: 3 * PRICE });
    expect((await reply(buyer, agentId)).status).toBe(403);
  });

  it('close a month without replies without an order; a refused bill is past due, gives no replies on credit, and a new card pays it', async () => {
    const quiet = await metered();
    expect(quiet.sub.usage_limit).toBe(100);
    await renewSubscriptions(deps(), quiet.end + 2 * MINUTE);
    expect(await get(quiet.buyer, quiet.sub.id)).toMatchObject({ state: 'active', period: 1 });
    expect(await ordersOf(quiet.sub.id)).toEqual([]);

    // The card is only charged when the month is billed: a failing one is accepted at first.
    const { buyer, agentId, sub, end } = await metered({ payment_method: 'pm_card_visa_chargeDeclined' });
    for (let i = 0; i < 2; i++) expect((await reply(buyer, agentId)).status).toBe(200);
    await renewSubscriptions(deps(), end + 2 * MINUTE);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'past_due', period: 0, grace_until: new Date(end + GRACE_MS).toISOString(), failure: { code: 'card_declined' } });
    const [refused] = await ordersOf(sub.id);
    expect(refused).toMatchObject({ kind: 'usage', state: 'failed', amount: 2 * PRICE });
    expect(await journalOf(refused!.id)).toEqual([]);
    // The clock here is the job's: from the period end on, no reply without a paid bill.
    expect(await entitled(buyer, agentId, end + 5 * MINUTE)).toBe(false);

    expect((await changeCard(buyer, sub.id, 'pm_card_visa')).status).toBe(200);
    await renewSubscriptions(deps(), Date.now() + MINUTE);
    const orders = await ordersOf(sub.id);
    expect(orders.map((o) => [o.state, o.amount, o.idempotencyKey])).toEqual([
      ['failed', 2 * PRICE, `usage:${sub.id}:period:1:attempt:0`],
      ['succeeded', 2 * PRICE, `usage:${sub.id}:period:1:attempt:1`],
    ]);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'active', period: 1, grace_until: null, failure: null });
    expect(await entitled(buyer, agentId, end + 5 * MINUTE)).toBe(true);
  });

  it('when canceled, reply until the period end, bill the last month and end; a canceled subscription with an unpaid bill is still collected', async () => {
    const { buyer, agentId, sub, end } = await metered();
    expect((await reply(buyer, agentId)).status).toBe(200);
    expect(await json(await act(buyer, sub.id, 'cancel'))).toMatchObject({ state: 'active', cancel_at_period_end: true });
    expect(await entitled(buyer, agentId, end - MINUTE)).toBe(true);
    expect(await entitled(buyer, agentId, end + MINUTE)).toBe(false);
    await renewSubscriptions(deps(), end + 2 * MINUTE);
    expect(await get(buyer, sub.id)).toMatchObject({ state: 'canceled', period: 1, ended_at: new Date(end).toISOString(), usage: null });
    expect((await ordersOf(sub.id)).map((o) => [o.kind, o.state, o.interactions])).toEqual([['usage', 'succeeded', 1]]);
    expect((await act(buyer, sub.id, 'resume')).status).toBe(422);

    const unpaid = await metered({ payment_method: 'pm_card_visa_chargeDeclined' });
    expect((await reply(unpaid.buyer, unpaid.agentId)).status).toBe(200);
    await renewSubscriptions(deps(), unpaid.end + 2 * MINUTE);
    expect(await json(await act(unpaid.buyer, unpaid.sub.id, 'cancel'))).toMatchObject({ state: 'past_due', cancel_at_period_end: true });
    await changeCard(unpaid.buyer, unpaid.sub.id, 'pm_card_visa');
    await renewSubscriptions(deps(), Date.now() + MINUTE);
    expect(await get(unpaid.buyer, unpaid.sub.id)).toMatchObject({ state: 'canceled', ended_at: new Date(unpaid.end).toISOString() });
    expect((await ordersOf(unpaid.sub.id)).map((o) => o.state)).toEqual(['failed', 'succeeded']);
  });

  it('answer bad requests with the reason', async () => {
    const { creator, buyer, listing, sub } = await metered();
    const monthly = await listAgent(creator, { pricing_model: 'subscription', price: 999, currency: 'EUR' });
    expect((await json(await subscribe(buyer, monthly.id, { usage_limit: 10 }))).details.usage_limit[0].error).toBe('ERR_USAGE_LIMIT');
    for (const limit of [0, 10_001, 'lots']) expect((await subscribe(buyer, listing.id, { usage_limit: limit })).status).toBe(422);
    expect((await subscribe(buyer, listing.id)).status).toBe(409);
    expect((await json(await call(`/api/v1/payments/subscriptions/${sub.id}/plan`, { token: buyer.token, json: { listing_id: monthly.id }, headers: { 'Idempotency-Key': crypto.randomUUID() } }))).details.subscription[0].error).toBe('ERR_METERED');
    expect((await setLimit(buyer, sub.id, 0)).status).toBe(422);
    const fixed = await json(await subscribe(buyer, monthly.id));
    expect(fixed).toMatchObject({ billing: 'monthly', usage_limit: null, usage: null });
    expect((await json(await setLimit(buyer, fixed.id, 10))).details.subscription[0].error).toBe('ERR_NOT_METERED');
    const stranger = await signUp();
    expect((await setLimit(stranger, sub.id, 10)).status).toBe(404);
    expect((await get(buyer, sub.id)).usage_limit).toBe(100);
  });
});
