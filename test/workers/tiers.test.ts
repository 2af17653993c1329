/** Platform tiers: Free's limits on the server, buying Creator Pro / Business, the ledger's side, cancel, resume, renewal. */
import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TIERS } from '../../shared/money/tiers';
import { tierSubscriptions } from '../../workers/api/payments/schema';
import { GRACE_MS } from '../../workers/api/payments/subscriptions.service';
import { renewTierSubscriptions } from '../../workers/api/payments/tiers.service';
import { type TestUser, call, count, createAgent, json, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { listAgent } from './market.helpers';
import { paymentDeps } from './payments.helpers';
import { fillAgents, newAgent, overview, subscribe, tierPostings } from './tiers.helpers';
import { makeAgent, upload } from './training.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const DAY = 86_400_000;
const free = TIERS.free.limits;
/** A Creator Pro subscriber whose card is refused at the first renewal, run just after the period end. */
async function refusedRenewal() {
  const user = await signUp();
  const sub = await json(await subscribe(user, 'creator_pro'));
  const end = Date.parse(sub.current_period_end);
  await ledgerDb().update(tierSubscriptions).set({ paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds' }).where(eq(tierSubscriptions.id, sub.id));
  await renewTierSubscriptions(paymentDeps(), end + 1000);
  return { user, sub, end };
}

const changeCard = (user: TestUser, paymentMethod: string) => call('/api/v1/payments/tiers/payment_method', { token: user.token, method: 'PUT', json: { payment_method: paymentMethod } });

describe('Free', () => {
  it(`refuses the agent after ${free.agents} with 403, code tier_limit, naming the plan and the limit`, async () => {
    const owner = await signUp();
    await fillAgents(owner, free.agents - 1);
    expect((await newAgent(owner)).status).toBe(200);
    const res = await newAgent(owner);
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body).toMatchObject({ code: 'tier_limit', details: { tier: [{ error: 'ERR_TIER_LIMIT' }] } });
    expect(body.error).toBe(`Your Free plan allows ${free.agents} agents per account; upgrade to Creator Pro or Business (see Settings → Plans)`);
    expect(await count('agents', 'owner_id = ?', owner.id)).toBe(free.agents);
  });

  it('refuses training data past 50 MB per agent with 413 naming the plan, and keeps nothing of the file', async () => {
    const owner = await signUp();
    const agentId = await makeAgent(owner);
    await env.DB.prepare(`INSERT INTO training_files (id, agent_id, name, type, size, r2_key, status) VALUES (?, ?, 'old.txt', 'txt', ?, 'training/none', 'ready')`)
      .bind(`7${Date.now()}`, agentId, free.trainingBytesPerAgent - 4)
      .run();
    const res = await upload(owner, agentId, 'more.txt', 'more than four bytes');
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ code: 'tier_limit', error: expect.stringContaining('Your Free plan allows 50 MB of training data per agent') });
    expect(await count('training_files', 'agent_id = ?', agentId)).toBe(1);
    expect((await env.MEDIA.list({ prefix: `training/${agentId}/` })).objects).toHaveLength(0);
    // Full to the byte: refused before the body is read.
    await env.DB.prepare('UPDATE training_files SET size = ? WHERE agent_id = ?').bind(free.trainingBytesPerAgent, agentId).run();
    expect((await upload(owner, agentId, 'tiny.txt', 'x')).status).toBe(413);
  });

  it(`publishes at most ${free.publishedListings} listings at once; the next is 403 naming the plan and stays a draft`, async () => {
    const creator = await signUp();
    for (let i = 0; i < free.publishedListings; i++) await listAgent(creator);
    const draft = await listAgent(creator, {}, false);
    const res = await call(`/api/v1/market/listings/${draft.id}/publish`, { token: creator.token, method: 'POST' });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ code: 'tier_limit', error: expect.stringContaining(`Free plan allows ${free.publishedListings} published listings`) });
    expect((await json(await call(`/api/v1/market/listings/${draft.id}`, { token: creator.token }))).state).toBe('draft');
  });

  it('is what a new account has, with every plan listed and Enterprise not for sale', async () => {
    const user = await signUp();
    const o = await overview(user);
    expect(o.current).toEqual({ tier: 'free', until: null, granted: false });
    expect(o.subscription).toBeNull();
    expect(o.tiers.map((t: any) => [t.id, t.price, t.purchasable])).toEqual([
      ['free', null, false],
      ['creator_pro', 999, true],
      ['business', 4999, true],
      ['enterprise', null, false],
    ]);
    expect(o.tiers[0].limits).toEqual({ agents: free.agents, training_bytes_per_agent: free.trainingBytesPerAgent, published_listings: free.publishedListings, analytics: false });
  });
});

describe('buying a plan', () => {
  it('Creator Pro raises the limits at once; the whole price is platform revenue, nothing in escrow or for a creator', async () => {
    const owner = await signUp();
    await fillAgents(owner, free.agents);
    expect((await newAgent(owner)).status).toBe(403);

    const res = await subscribe(owner, 'creator_pro');
    expect(res.status).toBe(201);
    const sub = await json(res);
    expect(sub).toMatchObject({ tier: 'creator_pro', price: 999, currency: 'USD', state: 'active', period: 1, cancel_at_period_end: false, card: { brand: 'visa', last4: '4242' }, failure: null });
    expect((await newAgent(owner)).status).toBe(200);
    expect((await overview(owner)).current).toEqual({ tier: 'creator_pro', until: sub.current_period_end, granted: false });

    const [posting, ...more] = await tierPostings(owner.id);
    expect(more).toEqual([]);
    expect(posting).toMatchObject({ kind: 'tier', idempotencyKey: `tier:${sub.id}:period:1:attempt:0` });
    expect(posting!.entries.sort((a, b) => a.amount - b.amount)).toEqual([
      { amount: -999, kind: 'buyer_funding', owner: owner.id },
      { amount: 999, kind: 'platform_revenue', owner: null },
    ]);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('replays the same Idempotency-Key as the same subscription: one charge, one posting', async () => {
    const user = await signUp();
    const key = crypto.randomUUID();
    const first = await subscribe(user, 'business', 'pm_card_visa', key);
    expect(first.status).toBe(201);
    const again = await subscribe(user, 'business', 'pm_card_visa', key);
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(again)).id).toBe((await json(first)).id);
    expect(await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.accountId, user.id))).toHaveLength(1);
    expect(await tierPostings(user.id)).toHaveLength(1);
    expect((await subscribe(user, 'creator_pro', 'pm_card_mastercard', key)).status).toBe(422);
  });

  it('a declined card is 402 with the reason; the account stays on Free and nothing is posted', async () => {
    const user = await signUp();
    const res = await subscribe(user, 'creator_pro', 'pm_card_visa_chargeDeclined');
    expect(res.status).toBe(402);
    expect((await json(res)).error).toMatch(/declined/i);
    const o = await overview(user);
    expect(o.current.tier).toBe('free');
    expect(o.subscription).toMatchObject({ state: 'incomplete_expired', failure: { code: 'card_declined' } });
    expect(await tierPostings(user.id)).toEqual([]);
    // A new attempt with another card works.
    expect((await subscribe(user, 'creator_pro')).status).toBe(201);
  });

  it('refuses Enterprise and Free with 422, an unknown plan with 404, no Idempotency-Key with 400, a second plan with 409', async () => {
    const user = await signUp();
    const enterprise = await subscribe(user, 'enterprise');
    expect(enterprise.status).toBe(422);
    expect((await json(enterprise)).details.tier[0]).toMatchObject({ error: 'ERR_NOT_PURCHASABLE', description: expect.stringContaining('contact us') });
    expect((await subscribe(user, 'free')).status).toBe(422);
    expect((await subscribe(user, 'platinum')).status).toBe(404);
    expect((await subscribe(user, 'creator_pro', 'pm_card_visa', null)).status).toBe(400);
    expect((await call('/api/v1/payments/tiers', {})).status).toBe(401);
    expect((await subscribe(user, 'creator_pro')).status).toBe(201);
    expect((await subscribe(user, 'creator_pro')).status).toBe(409);
    // Subscribing again never becomes a charged upgrade (a second tab, a double click): it points at the change.
    const upgrade = await subscribe(user, 'business');
    expect(upgrade.status).toBe(409);
    expect((await json(upgrade)).error).toBe('You have Creator Pro: change to Business with POST /api/v1/payments/tiers/business/change');
    expect(await tierPostings(user.id)).toHaveLength(1);
  });
});

describe('cancel, resume, renewal', () => {
  it('cancel keeps the plan to the period end; resume undoes it; the job renews at the period end', async () => {
    const user = await signUp();
    const sub = await json(await subscribe(user, 'creator_pro'));
    const end = Date.parse(sub.current_period_end);
    expect(await json(await call('/api/v1/payments/tiers/cancel', { token: user.token, method: 'POST' }))).toMatchObject({ cancel_at_period_end: true, state: 'active' });
    expect((await overview(user)).current.tier).toBe('creator_pro');
    expect(await json(await call('/api/v1/payments/tiers/resume', { token: user.token, method: 'POST' }))).toMatchObject({ cancel_at_period_end: false });

    await renewTierSubscriptions(paymentDeps(), end + 1000);
    const [row] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, sub.id));
    expect(row).toMatchObject({ state: 'active', period: 2 });
    expect((await tierPostings(user.id)).map((p) => p.idempotencyKey).sort()).toEqual([`tier:${sub.id}:period:1:attempt:0`, `tier:${sub.id}:period:2:attempt:0`]);
    // The job run again changes nothing.
    await renewTierSubscriptions(paymentDeps(), end + 2000);
    expect(await tierPostings(user.id)).toHaveLength(2);
  });

  it('a canceled plan ends at the period end and the account is back on Free', async () => {
    const user = await signUp();
    const sub = await json(await subscribe(user, 'business'));
    await call('/api/v1/payments/tiers/cancel', { token: user.token, method: 'POST' });
    const end = Date.parse(sub.current_period_end);
    await renewTierSubscriptions(paymentDeps(), end + 1000);
    const [row] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, sub.id));
    expect(row).toMatchObject({ state: 'canceled' });
    expect(row!.endedAt!.getTime()).toBe(end);
    const tier = await env.DB.prepare('SELECT until FROM account_tiers WHERE account_id = ?').bind(user.id).first<{ until: number }>();
    expect(tier!.until).toBe(end);
    expect(await tierPostings(user.id)).toHaveLength(1);
    expect((await call('/api/v1/payments/tiers/resume', { token: user.token, method: 'POST' })).status).toBe(422);
  });

  it('a refused renewal is past due with the plan kept through the grace, then lapses', async () => {
    const { user, sub, end } = await refusedRenewal();
    const [pastDue] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, sub.id));
    expect(pastDue).toMatchObject({ state: 'past_due', failureCode: 'insufficient_funds' });
    expect(pastDue!.graceUntil!.getTime()).toBe(end + GRACE_MS);
    const row = await env.DB.prepare('SELECT tier, until FROM account_tiers WHERE account_id = ?').bind(user.id).first();
    expect(row).toEqual({ tier: 'creator_pro', until: end + GRACE_MS });

    await renewTierSubscriptions(paymentDeps(), end + GRACE_MS + DAY);
    const [lapsed] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, sub.id));
    expect(lapsed!.state).toBe('lapsed');
    expect(await tierPostings(user.id)).toHaveLength(1);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('a past-due plan given a new card is charged with it on the next run, not a day later, and is active again', async () => {
    const { user, sub, end } = await refusedRenewal();
    expect((await overview(user)).subscription).toMatchObject({ state: 'past_due' });

    const res = await changeCard(user, 'pm_card_mastercard');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ state: 'past_due', card: { brand: 'mastercard', last4: '4444' } });
    await renewTierSubscriptions(paymentDeps(), end + 2000);
    const [paid] = await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, sub.id));
    expect(paid).toMatchObject({ state: 'active', period: 2, paymentMethod: 'pm_card_mastercard', failureCode: null });
    expect(await tierPostings(user.id)).toHaveLength(2);
  });

  it('a card change needs a plan that is still running and a card the provider knows', async () => {
    const user = await signUp();
    expect((await changeCard(user, 'pm_card_visa')).status).toBe(404);
    expect((await call('/api/v1/payments/tiers/payment_method', { method: 'PUT', json: { payment_method: 'pm_card_visa' } })).status).toBe(401);
    await subscribe(user, 'creator_pro');
    const unknown = await changeCard(user, 'pm_nobody_knows');
    expect(unknown.status).toBe(422);
    expect((await json(unknown)).details.payment_method[0].error).toBe('ERR_PAYMENT_METHOD');
    expect((await call('/api/v1/payments/tiers/payment_method', { token: user.token, method: 'PUT', json: {} })).status).toBe(422);
    expect((await call('/api/v1/payments/tiers/cancel', { token: user.token, method: 'POST' })).status).toBe(200);
    // Set to end at the period end but still running: the last days may still need a card.
    expect((await changeCard(user, 'pm_card_mastercard')).status).toBe(200);
    await ledgerDb().update(tierSubscriptions).set({ state: 'canceled', endedAt: new Date() }).where(eq(tierSubscriptions.accountId, user.id));
    const ended = await changeCard(user, 'pm_card_visa');
    expect(ended.status).toBe(422);
    expect((await json(ended)).details.subscription[0].error).toBe('ERR_NOT_LIVE');
  });

  it('the agents a plan allowed stay when it ends; only new ones are refused', async () => {
    const user = await signUp();
    const sub = await json(await subscribe(user, 'creator_pro'));
    await fillAgents(user, free.agents);
    await createAgent(user);
    await env.DB.prepare('UPDATE account_tiers SET until = ? WHERE account_id = ?').bind(Date.now() - 1, user.id).run();
    expect((await newAgent(user)).status).toBe(403);
    expect(await count('agents', 'owner_id = ?', user.id)).toBe(free.agents + 1);
    expect(sub.tier).toBe('creator_pro');
  });
});
