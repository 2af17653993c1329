/** Changing plan between Creator Pro and Business: the prorated upgrade, the downgrade at renewal, calling it off, retries, refusals. */
import { env, runInDurableObject } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { prorate } from '../../shared/money/proration';
import { TIERS } from '../../shared/money/tiers';
import { ProviderUnavailableError } from '../../workers/api/payments/providers/provider';
import { tierChanges, tierSubscriptions } from '../../workers/api/payments/schema';
import { reconcile } from '../../workers/api/payments/reconcile';
import { changeTier } from '../../workers/api/payments/tier-changes.service';
import { renewTierSubscriptions } from '../../workers/api/payments/tiers.service';
import { type TestUser, call, json, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { paymentDeps } from './payments.helpers';
import { fillAgents, newAgent, overview, subscribe, tierPostings } from './tiers.helpers';

beforeAll(async () => {
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const MINUTE = 60_000;
const pro = TIERS.creator_pro;
const business = TIERS.business;

const change = (user: TestUser, tier: string, key: string | null = crypto.randomUUID()) =>
  call(`/api/v1/payments/tiers/${tier}/change`, { token: user.token, method: 'POST', headers: key === null ? {} : { 'Idempotency-Key': key } });

/** Subscribes through the API; the subscription as answered. */
async function onPlan(user: TestUser, tier: string) {
  const res = await subscribe(user, tier);
  expect(res.status).toBe(201);
  return json(res);
}

const rowOf = async (id: string) => (await ledgerDb().select().from(tierSubscriptions).where(eq(tierSubscriptions.id, id)))[0]!;
const accountTier = (user: TestUser) => env.DB.prepare('SELECT tier, until FROM account_tiers WHERE account_id = ?').bind(user.id).first<{ tier: string; until: number }>();

/** What the test provider was asked to charge under `key` (on session: the account is there), as its servers recorded it. */
function providerCharge(key: string) {
  const stub = env.TEST_PAYMENTS!.get(env.TEST_PAYMENTS!.idFromName('default'));
  return runInDurableObject(stub, (_, state) => state.storage.sql.exec<{ request: string }>("SELECT request FROM calls WHERE operation = 'charge_on_session' AND idempotency_key = ?", key).toArray().map((r) => JSON.parse(r.request) as { amount: number }));
}

describe('upgrading', () => {
  it('charges the prorated difference now, books it as platform revenue, and raises the limits at once', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    await fillAgents(user, pro.limits.agents);
    expect((await newAgent(user)).status).toBe(403);

    const before = Date.now();
    const res = await change(user, 'business');
    expect(res.status).toBe(200);
    const body = await json(res);
    const at = Date.parse(body.change.effective_at);
    expect(at).toBeGreaterThanOrEqual(before);
    const expected = prorate(pro.price!, business.price!, { start: Date.parse(sub.current_period_start), end: Date.parse(sub.current_period_end), at }).netCharge;
    expect(expected).toBeGreaterThan(business.price! - pro.price! - 5); // nearly the whole month is left
    expect(body.change).toMatchObject({ kind: 'upgrade', from: 'creator_pro', to: 'business', amount: expected, currency: 'USD', state: 'succeeded' });
    expect(body.subscription).toMatchObject({ id: sub.id, tier: 'business', price: business.price, period: 1, current_period_end: sub.current_period_end, next_tier: null });

    // The provider was asked for exactly that amount, once, and the journal booked exactly it.
    expect((await providerCharge(`tier_change:${body.change.id}`)).map((c) => c.amount)).toEqual([expected]);
    const postings = await tierPostings(user.id);
    const upgrade = postings.find((p) => p.idempotencyKey === `tier_change:${body.change.id}`)!;
    expect(postings).toHaveLength(2);
    expect(upgrade.kind).toBe('tier');
    expect(upgrade.entries.sort((a, b) => a.amount - b.amount)).toEqual([
      { amount: -expected, kind: 'buyer_funding', owner: user.id },
      { amount: expected, kind: 'platform_revenue', owner: null },
    ]);

    // Business's limits now, to the same period end.
    expect((await newAgent(user)).status).toBe(200);
    expect((await overview(user)).current).toEqual({ tier: 'business', until: sub.current_period_end, granted: false });

    // The next month is Business's full price.
    const end = Date.parse(sub.current_period_end);
    await renewTierSubscriptions(paymentDeps(), end + MINUTE);
    expect(await rowOf(sub.id)).toMatchObject({ state: 'active', period: 2, tier: 'business', price: business.price });
    const renewal = (await tierPostings(user.id)).find((p) => p.idempotencyKey === `tier:${sub.id}:period:2:attempt:0`)!;
    expect(renewal.entries.find((e) => e.kind === 'platform_revenue')!.amount).toBe(business.price);
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('halfway through the month costs half the difference (rounded halves up); a difference that rounds to 0 waits for the period end', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    const [start, end] = [Date.parse(sub.current_period_start), Date.parse(sub.current_period_end)];
    const d = paymentDeps();
    // One millisecond before the end, the difference is worth nothing: it behaves as a downgrade.
    const late = await changeTier(d, user.id, 'business', crypto.randomUUID(), end - 1);
    expect(late.change).toMatchObject({ kind: 'downgrade', amount: 0, state: 'succeeded' });
    expect(late.subscription).toMatchObject({ tier: 'creator_pro', nextTier: 'business' });
    // Calling it off, then upgrading halfway: 24.995 → 25.00 minus 4.995 → 5.00.
    await changeTier(d, user.id, 'creator_pro', crypto.randomUUID(), start + 1000);
    const midway = await changeTier(d, user.id, 'business', crypto.randomUUID(), start + (end - start) / 2);
    expect(midway.change).toMatchObject({ kind: 'upgrade', amount: 2000, state: 'succeeded' });
    expect(midway.subscription).toMatchObject({ tier: 'business', price: business.price, nextTier: null });
    expect((await tierPostings(user.id)).map((p) => p.entries.find((e) => e.kind === 'platform_revenue')!.amount).sort()).toEqual([2000, pro.price]);
  });

  it('a declined card is 402 with the reason: the plan, the limits and the journal stay as they were', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    await ledgerDb().update(tierSubscriptions).set({ paymentMethod: 'pm_card_visa_chargeDeclined' }).where(eq(tierSubscriptions.id, sub.id));
    const key = crypto.randomUUID();
    const res = await change(user, 'business', key);
    expect(res.status).toBe(402);
    expect(await json(res)).toMatchObject({ error: expect.stringMatching(/declined/i), details: { payment: [{ error: 'card_declined' }] } });
    expect((await overview(user)).subscription).toMatchObject({ tier: 'creator_pro', price: pro.price, next_tier: null });
    expect(await accountTier(user)).toMatchObject({ tier: 'creator_pro' });
    expect(await tierPostings(user.id)).toHaveLength(1);
    // Its key replays the refusal, and charges nothing more.
    const again = await change(user, 'business', key);
    expect(again.status).toBe(402);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await tierPostings(user.id)).toHaveLength(1);
  });

  it('retried with the same key (at once, twice) charges once; the key for another plan is 422', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([change(user, 'business', key), change(user, 'business', key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [x, y] = [await json(a), await json(b)];
    expect(x.change.id).toBe(y.change.id);
    expect([a.headers.get('Idempotent-Replayed'), b.headers.get('Idempotent-Replayed')].filter(Boolean)).toEqual(['true']);
    const later = await change(user, 'business', key);
    expect(later.status).toBe(200);
    expect(later.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(later)).change).toEqual(x.change);
    expect(await tierPostings(user.id)).toHaveLength(2);
    expect(await ledgerDb().select().from(tierChanges).where(eq(tierChanges.subscriptionId, sub.id))).toHaveLength(1);

    const reused = await change(user, 'creator_pro', key);
    expect(reused.status).toBe(422);
    expect((await json(reused)).details.idempotency_key[0].error).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
    expect((await overview(user)).subscription).toMatchObject({ tier: 'business', next_tier: null });
  });

  it('an answer lost at the provider is finished by the retry, at the amount priced at the first attempt', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    const start = Date.parse(sub.current_period_start);
    const key = crypto.randomUUID();
    const d = paymentDeps();
    const down = paymentDeps({ provider: { ...d.provider, chargeOnSession: () => Promise.reject(new ProviderUnavailableError('no answer')) } });
    const firstAt = start + 10 * 86_400_000;
    await expect(changeTier(down, user.id, 'business', key, firstAt)).rejects.toMatchObject({ status: 503 });
    expect((await overview(user)).subscription).toMatchObject({ tier: 'creator_pro' });

    const res = await change(user, 'business', key);
    expect(res.status).toBe(200);
    expect(res.headers.get('Idempotent-Replayed')).toBe('true');
    const priced = prorate(pro.price!, business.price!, { start, end: Date.parse(sub.current_period_end), at: firstAt }).netCharge;
    expect((await json(res)).change).toMatchObject({ amount: priced, state: 'succeeded' });
    expect((await overview(user)).subscription).toMatchObject({ tier: 'business' });
    expect(await tierPostings(user.id)).toHaveLength(2);
  });

  it('an answer lost and never retried is finished by the reconciliation job after a minute, once', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    const d = paymentDeps();
    const down = paymentDeps({ provider: { ...d.provider, chargeOnSession: () => Promise.reject(new ProviderUnavailableError('no answer')) } });
    const key = crypto.randomUUID();
    await expect(changeTier(down, user.id, 'business', key)).rejects.toMatchObject({ status: 503 });
    const [pending] = await ledgerDb().select().from(tierChanges).where(eq(tierChanges.subscriptionId, sub.id));
    expect(pending).toMatchObject({ state: 'pending' });

    // Under a minute old it may still be answered by its own request: left alone.
    expect((await reconcile(d)).planChanges).toBe(0);
    expect((await rowOf(sub.id)).tier).toBe('creator_pro');

    const later = Date.now() + 2 * MINUTE;
    expect((await reconcile(d, later)).planChanges).toBe(1);
    expect((await overview(user)).subscription).toMatchObject({ tier: 'business' });
    expect(await accountTier(user)).toMatchObject({ tier: 'business' });
    expect(await providerCharge(`tier_change:${pending!.id}`)).toEqual([expect.objectContaining({ amount: pending!.amount })]);
    expect((await reconcile(d, later)).planChanges).toBe(0);
    expect(await tierPostings(user.id)).toHaveLength(2);
    // The client's own retry, arriving after all, gets the same answer and charges nothing more.
    const res = await change(user, 'business', key);
    expect(res.status).toBe(200);
    expect((await json(res)).change).toMatchObject({ id: pending!.id, state: 'succeeded' });
    expect(await tierPostings(user.id)).toHaveLength(2);
  });
});

describe('downgrading', () => {
  it('charges nothing now, keeps the higher limits to the period end, and renews at the lower tier and price', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'business');
    await fillAgents(user, pro.limits.agents);
    const res = await change(user, 'creator_pro');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.change).toMatchObject({ kind: 'downgrade', from: 'business', to: 'creator_pro', amount: 0, effective_at: sub.current_period_end });
    expect(body.subscription).toMatchObject({ tier: 'business', price: business.price, next_tier: 'creator_pro' });
    expect(await tierPostings(user.id)).toHaveLength(1);
    // Still Business until the period end: past Creator Pro's agents.
    expect((await newAgent(user)).status).toBe(200);
    expect((await overview(user)).current).toEqual({ tier: 'business', until: sub.current_period_end, granted: false });

    const end = Date.parse(sub.current_period_end);
    await renewTierSubscriptions(paymentDeps(), end + MINUTE);
    const renewed = await rowOf(sub.id);
    expect(renewed).toMatchObject({ state: 'active', period: 2, tier: 'creator_pro', price: pro.price, nextTier: null });
    const renewal = (await tierPostings(user.id)).find((p) => p.idempotencyKey === `tier:${sub.id}:period:2:attempt:0`)!;
    expect(renewal.entries.find((e) => e.kind === 'buyer_funding')!.amount).toBe(-pro.price!);
    expect(await accountTier(user)).toEqual({ tier: 'creator_pro', until: renewed.currentPeriodEnd.getTime() });
  });

  it('choosing the current plan again calls the downgrade off: the renewal stays at the higher price', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'business');
    expect((await change(user, 'creator_pro')).status).toBe(200);
    const off = await change(user, 'business');
    expect(off.status).toBe(200);
    expect(await json(off)).toMatchObject({ change: { kind: 'call_off', amount: 0, effective_at: null }, subscription: { tier: 'business', next_tier: null } });
    // Nothing waiting any more: the same plan again is a conflict.
    expect((await change(user, 'business')).status).toBe(409);

    await renewTierSubscriptions(paymentDeps(), Date.parse(sub.current_period_end) + MINUTE);
    expect(await rowOf(sub.id)).toMatchObject({ period: 2, tier: 'business', price: business.price });
  });
});

describe('refusals', () => {
  it('needs a token, an Idempotency-Key, a plan, and a purchasable target', async () => {
    const user = await signUp();
    expect((await call('/api/v1/payments/tiers/business/change', { method: 'POST', headers: { 'Idempotency-Key': 'k' } })).status).toBe(401);
    expect((await change(user, 'business')).status).toBe(404); // on Free: subscribe instead
    await onPlan(user, 'creator_pro');
    expect((await change(user, 'business', null)).status).toBe(400);
    expect((await change(user, 'platinum')).status).toBe(404);
    for (const tier of ['free', 'enterprise']) {
      const res = await change(user, tier);
      expect(res.status).toBe(422);
      expect((await json(res)).details.tier[0].error).toBe('ERR_NOT_PURCHASABLE');
    }
    expect((await change(user, 'creator_pro')).status).toBe(409);
    expect(await tierPostings(user.id)).toHaveLength(1);
  });

  it('a plan set to end must be resumed first (409); a past-due plan must pay its overdue month first (422)', async () => {
    const user = await signUp();
    const sub = await onPlan(user, 'creator_pro');
    await call('/api/v1/payments/tiers/cancel', { token: user.token, method: 'POST' });
    const ending = await change(user, 'business');
    expect(ending.status).toBe(409);
    expect((await json(ending)).error).toMatch(/resume it first/);
    await call('/api/v1/payments/tiers/resume', { token: user.token, method: 'POST' });

    await ledgerDb().update(tierSubscriptions).set({ paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds' }).where(eq(tierSubscriptions.id, sub.id));
    await renewTierSubscriptions(paymentDeps(), Date.parse(sub.current_period_end) + MINUTE);
    expect((await rowOf(sub.id)).state).toBe('past_due');
    const overdue = await change(user, 'business');
    expect(overdue.status).toBe(422);
    expect((await json(overdue)).details.subscription[0]).toMatchObject({ error: 'ERR_NOT_ACTIVE', description: expect.stringContaining('overdue month') });
    expect(await tierPostings(user.id)).toHaveLength(1);
  });
});
