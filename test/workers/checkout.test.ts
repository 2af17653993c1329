import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFor, balanceOf } from '../../workers/api/payments/ledger';
import { call, json, makeAdmin, scopedToken, signUp } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { getListing, listAgent } from './market.helpers';
import { buy, journalOf, paidListing } from './payments.helpers';

beforeAll(async () => {
  // The embedded Postgres boots on the first connection: seconds on a busy machine.
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

const entitlements = async (token: string) => (await json<Record<string, any>[]>(await call('/api/v1/market/entitlements', { token })));
const orders = async (token: string) => (await json<Record<string, any>[]>(await call('/api/v1/payments/orders', { token })));

describe('checkout with the test provider', () => {
  it('charges the test card, holds the money in escrow and grants the agent', async () => {
    const [creator, buyer, stranger] = await Promise.all([signUp(), signUp(), signUp()]);
    const listing = await paidListing(creator);
    const res = await buy(buyer, listing.id);
    expect(res.status).toBe(201);
    const order = await json(res);
    expect(order).toMatchObject({ listing_id: listing.id, buyer_id: buyer.id, creator_id: creator.id, kind: 'purchase', amount: 1999, currency: 'EUR', creator_share: 1399, state: 'succeeded', failure: null, card: { brand: 'visa', last4: '4242' }, settlement: 'held' });
    const holdDays = (Date.parse(order.release_at) - Date.parse(order.created_at)) / 86_400_000;
    expect(holdDays).toBeCloseTo(7, 1);

    const mine = await entitlements(buyer.token);
    expect(mine).toEqual([expect.objectContaining({ listing_id: listing.id, kind: 'purchase', ends_at: null, source_transaction_id: expect.any(String) })]);
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'escrow', ownerAccountId: creator.id, currency: 'EUR' })).id)).toBe(1999);
    expect(await balanceOf(db, (await accountFor(db, { kind: 'buyer_funding', ownerAccountId: buyer.id, currency: 'EUR' })).id)).toBe(-1999);

    expect((await call(`/api/v1/payments/orders/${order.id}`, { token: creator.token })).status).toBe(200);
    expect((await call(`/api/v1/payments/orders/${order.id}`, { token: stranger.token })).status).toBe(404);
    expect((await orders(buyer.token)).map((o) => o.id)).toEqual([order.id]);
  });

  it('charges once when the same Idempotency-Key is retried, and refuses the key for another request', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const [listing, other] = [await paidListing(creator), await paidListing(creator)];
    const key = crypto.randomUUID();
    const first = await json(await buy(buyer, listing.id, 'pm_card_visa', key));
    const [again, concurrent] = await Promise.all([buy(buyer, listing.id, 'pm_card_visa', key), buy(buyer, listing.id, 'pm_card_visa', key)]);
    for (const res of [again, concurrent]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await json(res)).id).toBe(first.id);
    }
    expect(await journalOf(first.id)).toHaveLength(1);
    expect(await orders(buyer.token)).toHaveLength(1);
    expect(await entitlements(buyer.token)).toHaveLength(1);

    const reused = await buy(buyer, other.id, 'pm_card_visa', key);
    expect(reused.status).toBe(422);
    expect((await json(reused)).details.idempotency_key[0].error).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a declined card with the reason, keeps the attempt, and grants and books nothing', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    const declined = await buy(buyer, listing.id, 'pm_card_visa_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(await json(declined)).toEqual({ error: 'Your card was declined.', details: { payment: [{ error: 'card_declined', description: 'Your card was declined.' }] } });
    const broke = await buy(buyer, listing.id, 'pm_card_visa_chargeDeclinedInsufficientFunds');
    expect(broke.status).toBe(402);
    expect((await json(broke)).error).toBe('Your card has insufficient funds.');

    const attempts = await orders(buyer.token);
    expect(attempts.map((o) => [o.state, o.failure.code])).toEqual([
      ['failed', 'insufficient_funds'],
      ['failed', 'card_declined'],
    ]);
    for (const o of attempts) expect(await journalOf(o.id)).toEqual([]);
    expect(await entitlements(buyer.token)).toEqual([]);
  });

  it('answers bad requests with the reason and opens no order', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    const noKey = await buy(buyer, listing.id, 'pm_card_visa', null);
    expect(noKey.status).toBe(400);
    expect((await json(noKey)).error).toMatch(/Idempotency-Key/);
    const cardNumber = await buy(buyer, listing.id, '4242424242424242');
    expect(cardNumber.status).toBe(422);
    expect((await json(cardNumber)).details.payment_method[0].description).toMatch(/never a card number/);
    const unknown = await buy(buyer, listing.id, 'pm_card_nobody_made_this');
    expect(unknown.status).toBe(422);
    expect((await json(unknown)).details.payment_method[0].error).toBe('ERR_PAYMENT_METHOD');

    const own = await buy(creator, listing.id);
    expect(own.status).toBe(422);
    expect((await json(own)).details.listing[0].error).toBe('ERR_OWN_LISTING');
    const free = await listAgent(creator);
    expect((await buy(buyer, free.id)).status).toBe(422);
    const subscription = await listAgent(creator, { pricing_model: 'subscription', price: 499, currency: 'EUR' });
    expect((await json(await buy(buyer, subscription.id))).details.pricing_model[0].error).toBe('ERR_PRICING_MODEL');
    const unpublished = await listAgent(creator, { pricing_model: 'purchase', price: 999, currency: 'EUR' }, false);
    expect((await buy(buyer, unpublished.id)).status).toBe(404);
    expect((await buy(buyer, '999999999999')).status).toBe(404);
    expect((await getListing(buyer, listing.id)).status).toBe(422);
    expect(await orders(buyer.token)).toEqual([]);
    expect((await call(`/api/v1/market/listings/${listing.id}/checkout`, { json: { payment_method: 'pm_card_visa' }, headers: { 'Idempotency-Key': 'k' } })).status).toBe(401);
  });

  it('takes 20 buyers checking out the same agent at once: each charged once, the books balanced', async () => {
    const creator = await signUp();
    const buyers = await Promise.all(Array.from({ length: 20 }, () => signUp()));
    const listing = await paidListing(creator, { price: 1234 });
    const responses = await Promise.all(buyers.map((b) => buy(b, listing.id)));
    const statuses = await Promise.all(responses.map(async (r) => `${r.status}${r.status === 201 ? '' : ` ${await r.text()}`}`));
    expect(statuses).toEqual(buyers.map(() => '201'));
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'escrow', ownerAccountId: creator.id, currency: 'EUR' })).id)).toBe(20 * 1234);
    expect(await journalInvariants(db)).toMatchObject({ total: 0, unbalanced: 0 });
  });

  it('rents for the listing’s days', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await listAgent(creator, { pricing_model: 'rental', price: 500, currency: 'USD', rental_days: 3 });
    const order = await json(await buy(buyer, listing.id));
    expect(order).toMatchObject({ kind: 'rental', rental_days: 3, amount: 500, currency: 'USD', state: 'succeeded' });
    const [rental] = await entitlements(buyer.token);
    expect(Date.parse(rental!.ends_at) - Date.parse(rental!.starts_at)).toBe(3 * 86_400_000);
  });
});

describe('what a purchase grants, checked where the agent is used', () => {
  it('chatting with a sold agent and adding it to a room need an entitlement; its owner needs none', async () => {
    const [creator, buyer, stranger] = await Promise.all([signUp(), signUp(), signUp()]);
    const listing = await paidListing(creator);
    const agentId = listing.agent.id;
    const chat = (token: string) => call(`/api/v1/agents/${agentId}/chat`, { token, json: { message: 'hello there' } });
    const locked = await chat(buyer.token);
    expect(locked.status).toBe(403);
    expect((await json(locked)).details.listing[0]).toEqual({ error: 'ERR_ENTITLEMENT_REQUIRED', description: listing.id });
    expect((await chat(creator.token)).status).toBe(200);
    expect((await call('/api/v1/chats', { token: stranger.token, json: { account_ids: [agentId], title: 'team' } })).status).toBe(403);

    expect((await buy(buyer, listing.id)).status).toBe(201);
    const open = await chat(buyer.token);
    expect(open.status).toBe(200);
    await open.text();
    expect((await call('/api/v1/chats', { token: buyer.token, json: { account_ids: [agentId, stranger.id], title: 'team' } })).status).toBe(201);
  });

  it('a per-interaction agent answers as many times as the buyer paid for, then asks for more', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await listAgent(creator, { pricing_model: 'per_interaction', price: 25, currency: 'EUR' });
    const chat = (token: string) => call(`/api/v1/agents/${listing.agent.id}/chat`, { token, json: { message: 'what do you think?' } });
    expect((await json(await buy(buyer, listing.id))).details.interactions[0].error).toBe('ERR_INTERACTIONS');
    const pack = await call(`/api/v1/market/listings/${listing.id}/checkout`, { token: buyer.token, json: { payment_method: 'pm_card_visa', interactions: 2 }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(await json(pack)).toMatchObject({ kind: 'interactions', interactions: 2, amount: 50, state: 'succeeded' });
    expect((await entitlements(buyer.token))[0]).toMatchObject({ kind: 'per_interaction', interactions_left: 2 });
    for (let i = 0; i < 2; i++) {
      const answered = await chat(buyer.token);
      expect(answered.status).toBe(200);
      await answered.text();
    }
    const used = await chat(buyer.token);
    expect(used.status).toBe(403);
    expect((await json(used)).details.listing[0].error).toBe('ERR_ENTITLEMENT_REQUIRED');
    expect((await entitlements(buyer.token))[0]).toMatchObject({ interactions_left: 0 });
    const mine = await chat(creator.token);
    expect(mine.status).toBe(200);
    await mine.text();
    const purchase = await paidListing(creator);
    expect((await call(`/api/v1/market/listings/${purchase.id}/checkout`, { token: buyer.token, json: { payment_method: 'pm_card_visa', interactions: 3 }, headers: { 'Idempotency-Key': crypto.randomUUID() } })).status).toBe(422);
  });

  it('a free or unlisted agent is open to all who may see it', async () => {
    const [creator, person] = await Promise.all([signUp(), signUp()]);
    const free = await listAgent(creator);
    const res = await call(`/api/v1/agents/${free.agent.id}/chat`, { token: person.token, json: { message: 'hi' } });
    expect(res.status).toBe(200);
    await res.text();
  });
});

describe('fraud rules', () => {
  it('blocks a new account spending more than its first-day limit, records why and shows it to admins', async () => {
    const [creator, buyer, admin] = await Promise.all([signUp(), signUp(), signUp()]);
    await makeAdmin(admin.id);
    const listing = await paidListing(creator, { price: 5001 });
    const res = await buy(buyer, listing.id);
    expect(res.status).toBe(403);
    expect((await json(res)).details.payment[0].error).toBe('new_account_limit');
    const [order] = await orders(buyer.token);
    expect(order).toMatchObject({ state: 'blocked', failure: { code: 'new_account_limit' } });
    expect(await journalOf(order!.id)).toEqual([]);
    const blocked = await json<Record<string, any>[]>(await call('/api/v1/admin/payments/blocked', { token: await scopedToken(admin, 'admin:read') }));
    expect(blocked.map((o) => o.id)).toContain(order!.id);
    expect((await call('/api/v1/admin/payments/blocked', { token: await scopedToken(buyer, 'admin:read') })).status).toBe(403);
  });

  it('blocks an account after ten attempts in an hour, declined ones included', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const listing = await paidListing(creator);
    for (let i = 0; i < 10; i++) expect((await buy(buyer, listing.id, 'pm_card_visa_chargeDeclined')).status).toBe(402);
    const eleventh = await buy(buyer, listing.id);
    expect(eleventh.status).toBe(403);
    expect((await json(eleventh)).details.payment[0].error).toBe('velocity_account');
  });
});

describe('after the sale', () => {
  it('releases the escrow when the buyer accepts: 70 % to the creator, 30 % to the platform, once', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator, { price: 999 })).id));
    expect((await call(`/api/v1/payments/orders/${order.id}/accept`, { token: creator.token, method: 'POST' })).status).toBe(403);
    const accepted = await call(`/api/v1/payments/orders/${order.id}/accept`, { token: buyer.token, method: 'POST' });
    expect((await json(accepted)).settlement).toBe('released');
    expect((await call(`/api/v1/payments/orders/${order.id}/accept`, { token: buyer.token, method: 'POST' })).status).toBe(200);
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'creator_payable', ownerAccountId: creator.id, currency: 'EUR' })).id)).toBe(699);
    expect((await journalOf(order.id)).map((t) => t.kind)).toEqual(['purchase', 'release']);
  });

  it('refunds through the provider and the journal, ends the entitlement, and only for the creator or an admin', async () => {
    const [creator, buyer, stranger] = await Promise.all([signUp(), signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator)).id));
    const refund = (token: string) => call(`/api/v1/payments/orders/${order.id}/refund`, { token, json: { reason: 'did not work for me' } });
    expect((await refund(stranger.token)).status).toBe(404);
    expect((await refund(buyer.token)).status).toBe(403);
    expect((await json(await refund(creator.token))).settlement).toBe('refunded');
    expect((await json(await refund(creator.token))).settlement).toBe('refunded');
    expect((await journalOf(order.id)).map((t) => t.kind)).toEqual(['purchase', 'refund']);
    const [ended] = await entitlements(buyer.token);
    expect(Date.parse(ended!.ends_at)).toBeLessThanOrEqual(Date.now());
    const db = ledgerDb();
    expect(await balanceOf(db, (await accountFor(db, { kind: 'refunds', ownerAccountId: buyer.id, currency: 'EUR' })).id)).toBe(1999);
    expect((await journalInvariants(db)).unbalanced).toBe(0);
  });

  it('keeps disputed money in escrow', async () => {
    const [creator, buyer] = await Promise.all([signUp(), signUp()]);
    const order = await json(await buy(buyer, (await paidListing(creator)).id));
    const disputed = await call(`/api/v1/payments/orders/${order.id}/dispute`, { token: buyer.token, json: { reason: 'it never answers' } });
    expect(await json(disputed)).toMatchObject({ settlement: 'held', disputed_at: expect.any(String) });
    expect((await call(`/api/v1/payments/orders/${order.id}/dispute`, { token: buyer.token, json: { reason: '' } })).status).toBe(422);
    expect((await call(`/api/v1/payments/orders/${order.id}/dispute`, { token: (await signUp()).token, json: { reason: 'me too' } })).status).toBe(404);
  });
});
