/** Creator payouts and earnings: the connected account, payouts behind MFA and a confirmed e-mail, the available balance, the earnings figures. */
import { env } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import type { PaymentDeps } from '../../workers/api/payments/checkout.service';
import { requestPayout } from '../../workers/api/payments/payouts';
import { ProviderUnavailableError } from '../../workers/api/payments/providers/provider';
import { reconcile } from '../../workers/api/payments/reconcile';
import { journalTransactions, payoutAccounts, payouts } from '../../workers/api/payments/schema';
import { call, json, lastMail, linkToken, signUp, type TestUser } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { codeAt, enrol, sessionIdOf } from './mfa.helpers';
import { buy, paidListing, paymentDeps } from './payments.helpers';

/** 1999 − 30 % → 1399 for the creator (floor of 70 %). */
const PRICE = 1999;
const SHARE = 1399;

async function confirmEmail(user: TestUser) {
  const res = await call('/api/v1/auth/email/verify', { json: { token: linkToken((await lastMail(user.email)).text_body) } });
  expect(res.status).toBe(200);
}

/** A creator who sold `sales` copies of one agent; the buyer accepted the first `released` of them. */
async function creatorWhoSold(sales = 1, released = sales) {
  const creator = await signUp();
  const listing = await paidListing(creator, { price: PRICE });
  const orders: Record<string, any>[] = [];
  for (let i = 0; i < sales; i++) {
    const buyer = await signUp();
    const res = await buy(buyer, listing.id);
    expect(res.status).toBe(201);
    const order = await json(res);
    if (i < released) expect((await call(`/api/v1/payments/orders/${order.id}/accept`, { token: buyer.token, method: 'POST' })).status).toBe(200);
    orders.push(order);
  }
  return { creator, listing, orders };
}

/** Ready for payouts: MFA on (this session verified), e-mail confirmed, a connected account. */
async function readyCreator(sales = 1) {
  const sold = await creatorWhoSold(sales);
  await confirmEmail(sold.creator);
  const mfa = await enrol(sold.creator);
  expect((await connect(sold.creator)).status).toBe(200);
  return { ...sold, mfa };
}

const connect = (user: TestUser) => call('/api/v1/payments/payout_account', { token: user.token, method: 'POST' });
const payOut = (user: TestUser, body: Record<string, unknown>, key: string | null = crypto.randomUUID()) =>
  call('/api/v1/payments/payouts', { token: user.token, json: body, headers: key === null ? {} : { 'Idempotency-Key': key } });
const earnings = async (user: TestUser, query = '') => json(await call(`/api/v1/payments/earnings${query}`, { token: user.token }));
const eur = async (user: TestUser) => (await earnings(user)).totals.find((t: { currency: string }) => t.currency === 'EUR');

/** The creator's journal transactions of payouts and their reversals. */
async function payoutPostings(creatorId: string) {
  const rows = await ledgerDb().select().from(journalTransactions).where(inArray(journalTransactions.kind, ['payout', 'payout_reversal']));
  return rows.filter((r) => r.metadata.creatorAccountId === creatorId || rows.some((p) => p.id === r.relatedTransactionId && p.metadata.creatorAccountId === creatorId));
}

describe('the payout account', () => {
  it('is not connected at first, then connects at once with the test provider and stays the same account', async () => {
    const creator = await signUp();
    expect(await json(await call('/api/v1/payments/payout_account', { token: creator.token }))).toEqual({ connected: false, provider: null, account_id: null, ready: false, onboarding_url: null });

    const first = await json(await connect(creator));
    expect(first).toEqual({ connected: true, provider: 'test', account_id: expect.stringMatching(/^acct_test_/), ready: true, onboarding_url: null });
    expect(await json(await connect(creator))).toEqual(first);
    expect(await json(await call('/api/v1/payments/payout_account', { token: creator.token }))).toEqual(first);
  });
});

describe('paying out', () => {
  it('moves what was released to the connected account: booked payable → payouts, transferred, listed', async () => {
    const { creator } = await readyCreator();
    const res = await payOut(creator, { amount: 1200, currency: 'EUR' });

    expect(res.status).toBe(201);
    const payout = await json(res);
    expect(payout).toMatchObject({ amount: 1200, currency: 'EUR', state: 'paid', transfer_id: expect.stringMatching(/^tr_test_/), destination: expect.stringMatching(/^acct_test_/), failure: null });
    expect(await json(await call('/api/v1/payments/payouts', { token: creator.token }))).toEqual([payout]);
    expect(await eur(creator)).toMatchObject({ available: SHARE - 1200, paid_out: 1200 });
    const [posting] = await payoutPostings(creator.id);
    expect(posting).toMatchObject({ kind: 'payout', idempotencyKey: `payout:${payout.id}` });
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('needs two-factor authentication: none is 403 mfa_required, one verified over 5 minutes ago is 403 mfa_stale until verified again', async () => {
    const { creator } = await creatorWhoSold();
    await confirmEmail(creator);
    await connect(creator);
    const none = await payOut(creator, { amount: 1000, currency: 'EUR' });
    expect(none.status).toBe(403);
    expect((await json(none)).code).toBe('mfa_required');

    const { secret } = await enrol(creator);
    await env.DB.prepare('UPDATE sessions SET mfa_verified_at = ? WHERE id = ?').bind(Date.now() - 5 * 60_000 - 1000, sessionIdOf(creator.token)).run();
    const stale = await payOut(creator, { amount: 1000, currency: 'EUR' });
    expect(stale.status).toBe(403);
    expect((await json(stale)).code).toBe('mfa_stale');
    expect(await payoutPostings(creator.id)).toEqual([]);

    expect((await call('/api/v1/mfa/verify', { token: creator.token, json: { code: codeAt(secret) } })).status).toBe(200);
    expect((await payOut(creator, { amount: 1000, currency: 'EUR' })).status).toBe(201);
  });

  it('needs a confirmed e-mail address (403 email_unverified)', async () => {
    const { creator } = await creatorWhoSold();
    await enrol(creator);
    await connect(creator);
    const res = await payOut(creator, { amount: 1000, currency: 'EUR' });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('email_unverified');
    expect(await payoutPostings(creator.id)).toEqual([]);
  });

  it('needs a connected account, the minimum, a valid body and an Idempotency-Key', async () => {
    const { creator } = await creatorWhoSold();
    await confirmEmail(creator);
    await enrol(creator);
    const unconnected = await payOut(creator, { amount: 1000, currency: 'EUR' });
    expect(unconnected.status).toBe(422);
    expect((await json(unconnected)).details).toHaveProperty('payout_account');

    await connect(creator);
    const small = await payOut(creator, { amount: 999, currency: 'EUR' });
    expect(small.status).toBe(422);
    expect((await json(small)).details.amount[0].error).toBe('ERR_BELOW_MINIMUM');
    for (const body of [{ amount: -5, currency: 'EUR' }, { amount: 10.5, currency: 'EUR' }, { amount: 1000, currency: 'euro' }, { currency: 'EUR' }]) {
      expect((await payOut(creator, body)).status).toBe(422);
    }
    expect((await payOut(creator, { amount: 1000, currency: 'EUR' }, null)).status).toBe(400);
    expect(await payoutPostings(creator.id)).toEqual([]);
  });

  it('refuses more than is available with 422 and the amount, and books nothing; escrowed money is not available', async () => {
    const { creator } = await readyCreator();
    const res = await payOut(creator, { amount: SHARE + 1, currency: 'EUR' });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.details.amount[0]).toMatchObject({ error: 'ERR_INSUFFICIENT_FUNDS', description: expect.stringContaining(`${SHARE} minor units of EUR`) });
    // Another currency has nothing in it.
    expect((await payOut(creator, { amount: 1000, currency: 'USD' })).status).toBe(422);
    expect(await payoutPostings(creator.id)).toEqual([]);
    expect(await json(await call('/api/v1/payments/payouts', { token: creator.token }))).toEqual([]);
    expect(await eur(creator)).toMatchObject({ available: SHARE, paid_out: 0 });

    // A sale still in escrow is pending, not available.
    const held = await creatorWhoSold(1, 0);
    await confirmEmail(held.creator);
    await enrol(held.creator);
    await connect(held.creator);
    expect(await eur(held.creator)).toMatchObject({ pending: SHARE, available: 0 });
    expect((await payOut(held.creator, { amount: 1000, currency: 'EUR' })).status).toBe(422);
  });

  it('lets exactly one of two concurrent payouts of the whole available amount through', async () => {
    const { creator } = await readyCreator();
    const results = await Promise.all([payOut(creator, { amount: SHARE, currency: 'EUR' }), payOut(creator, { amount: SHARE, currency: 'EUR' })]);

    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await payoutPostings(creator.id)).toHaveLength(1);
    expect(await eur(creator)).toMatchObject({ available: 0, paid_out: SHARE });
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('pays once for a retried Idempotency-Key, and refuses the key for another amount', async () => {
    const { creator } = await readyCreator(2);
    const key = crypto.randomUUID();
    const first = await payOut(creator, { amount: 1000, currency: 'EUR' }, key);
    const again = await payOut(creator, { amount: 1000, currency: 'EUR' }, key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(again)).id).toBe((await json(first)).id);
    expect((await payOut(creator, { amount: 1100, currency: 'EUR' }, key)).status).toBe(422);
    expect(await json(await call('/api/v1/payments/payouts', { token: creator.token }))).toHaveLength(1);
    expect(await payoutPostings(creator.id)).toHaveLength(1);
    expect(await eur(creator)).toMatchObject({ available: 2 * SHARE - 1000, paid_out: 1000 });
  });

  it('reverses a transfer the provider refuses with new entries, reports the reason, and makes the money available again', async () => {
    const { creator } = await readyCreator();
    // The connected account was closed at the provider since.
    await ledgerDb().update(payoutAccounts).set({ providerAccountId: 'acct_test_closed' }).where(eq(payoutAccounts.ownerAccountId, creator.id));

    const res = await payOut(creator, { amount: 1000, currency: 'EUR' });

    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error).toMatch(/No such destination/);
    expect(body.details.payout_account[0].error).toBe('resource_missing');
    const [listed] = await json<Record<string, any>[]>(await call('/api/v1/payments/payouts', { token: creator.token }));
    expect(listed).toMatchObject({ state: 'failed', transfer_id: null, failure: { code: 'resource_missing' } });
    const postings = await payoutPostings(creator.id);
    expect(postings.map((p) => p.kind).sort()).toEqual(['payout', 'payout_reversal']);
    expect(postings.find((p) => p.kind === 'payout_reversal')!.relatedTransactionId).toBe(postings.find((p) => p.kind === 'payout')!.id);
    expect(await eur(creator)).toMatchObject({ available: SHARE, paid_out: 0 });
    const [stored] = await ledgerDb().select().from(payouts).where(eq(payouts.creatorAccountId, creator.id));
    expect(stored!.reversalTransactionId).not.toBeNull();
    expect(await journalInvariants(ledgerDb())).toEqual({ total: 0, unbalanced: 0 });
  });

  it('only lists your own payouts', async () => {
    const { creator } = await readyCreator();
    await payOut(creator, { amount: 1000, currency: 'EUR' });
    const other = await signUp();
    expect(await json(await call('/api/v1/payments/payouts', { token: other.token }))).toEqual([]);
    expect((await eur(other)) ?? null).toBeNull();
  });
});

/** The payment services as the Worker builds them; `silent` transfers get no answer from the provider. */
function deps(silent = false): PaymentDeps {
  const { provider } = paymentDeps();
  const transfer: typeof provider.transfer = silent ? () => Promise.reject(new ProviderUnavailableError('the provider timed out')) : provider.transfer;
  return paymentDeps({ provider: { ...provider, transfer } });
}

describe('a provider that does not answer', () => {
  it('leaves the payout pending (503); a retry with the same key or reconciliation finishes it, once each', async () => {
    const { creator } = await readyCreator(2);
    const key = crypto.randomUUID();
    await expect(requestPayout(deps(true), creator.id, { amount: 1000, currency: 'EUR' }, key)).rejects.toMatchObject({ status: 503 });
    const [pending] = await json<Record<string, any>[]>(await call('/api/v1/payments/payouts', { token: creator.token }));
    expect(pending).toMatchObject({ state: 'pending', transfer_id: null });
    // Booked while pending: not available twice.
    expect(await eur(creator)).toMatchObject({ available: 2 * SHARE - 1000, paid_out: 1000 });

    const retried = await payOut(creator, { amount: 1000, currency: 'EUR' }, key);
    expect(retried.status).toBe(200);
    expect(await json(retried)).toMatchObject({ id: pending!.id, state: 'paid', transfer_id: expect.stringMatching(/^tr_test_/) });

    await expect(requestPayout(deps(true), creator.id, { amount: 1000, currency: 'EUR' }, crypto.randomUUID())).rejects.toMatchObject({ status: 503 });
    expect((await reconcile(deps(), Date.now() + 120_000)).paidOut).toBeGreaterThanOrEqual(1);
    const list = await json<Record<string, any>[]>(await call('/api/v1/payments/payouts', { token: creator.token }));
    expect(list.map((p) => p.state)).toEqual(['paid', 'paid']);
    expect(await payoutPostings(creator.id)).toHaveLength(2);
    expect(await eur(creator)).toMatchObject({ available: 2 * SHARE - 2000, paid_out: 2000 });
  });
});

describe('earnings', () => {
  it('adds up sales, the 70/30 split, escrow, releases, refunds and payouts, per currency, agent and day', async () => {
    const { creator, listing, orders } = await readyCreator(3);
    // A second agent: one sale still held in escrow.
    const other = await paidListing(creator, { price: 2500 });
    const buyer = await signUp();
    expect((await buy(buyer, other.id)).status).toBe(201);
    // The creator refunds one released sale of the first agent.
    expect((await call(`/api/v1/payments/orders/${orders[2]!.id}/refund`, { token: creator.token, json: { reason: 'asked nicely' } })).status).toBe(200);
    expect((await payOut(creator, { amount: 1500, currency: 'EUR' })).status).toBe(201);

    const e = await earnings(creator);
    const today = new Date().toISOString().slice(0, 10);
    const otherShare = 1750; // floor(2500 × 0.7)
    const gross = 2 * PRICE + 2500;
    const net = 2 * SHARE + otherShare;
    expect(e).toMatchObject({ period: 'day', to: today });
    expect(e.totals).toEqual([{ currency: 'EUR', sales: 4, gross, net, platform_fee: gross - net, refunded: PRICE, pending: otherShare, available: 2 * SHARE - 1500, paid_out: 1500 }]);
    expect(e.agents).toEqual([
      { agent_id: listing.agent.id, listing_id: listing.id, currency: 'EUR', sales: 3, gross: 2 * PRICE, net: 2 * SHARE, platform_fee: 2 * (PRICE - SHARE), refunded: PRICE },
      { agent_id: other.agent.id, listing_id: other.id, currency: 'EUR', sales: 1, gross: 2500, net: otherShare, platform_fee: 750, refunded: 0 },
    ]);
    expect(e.buckets).toEqual([{ start: today, currency: 'EUR', sales: 4, gross, net, platform_fee: gross - net, refunded: PRICE }]);

    // By month: one bucket, the month's first day; a range that ends before today has no sales but the same balances.
    const months = await earnings(creator, '?period=month');
    expect(months.buckets).toEqual([expect.objectContaining({ start: `${today.slice(0, 8)}01`, gross })]);
    const before = await earnings(creator, '?from=2020-01-01&to=2020-01-31');
    expect(before.buckets).toEqual([]);
    expect(before.totals).toEqual([expect.objectContaining({ sales: 0, gross: 0, pending: otherShare, available: 2 * SHARE - 1500, paid_out: 1500 })]);
  });

  it('refuses a range backwards or too long, and a period it does not know', async () => {
    const creator = await signUp();
    for (const query of ['?from=2025-02-01&to=2025-01-01', '?from=2020-01-01&to=2025-01-01', '?period=month&from=2010-01-01&to=2025-01-01', '?period=week', '?from=yesterday']) {
      expect((await call(`/api/v1/payments/earnings${query}`, { token: creator.token })).status).toBe(422);
    }
    expect(await earnings(creator)).toMatchObject({ totals: [], agents: [], buckets: [] });
  });
});
