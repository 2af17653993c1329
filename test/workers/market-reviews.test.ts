import { describe, expect, it } from 'vitest';
import { call, count, json, signUp } from './helpers';
import { getListing, listAgent } from './market.helpers';

const review = (token: string, id: string, body: Record<string, unknown>, method = 'POST') => call(`/api/v1/market/listings/${id}/reviews`, { token, method, json: body });
const listing = async (id: string) => json(await call(`/api/v1/market/listings/${id}`));

describe('market entitlements', () => {
  it('getting a free listing grants one entitlement, however often it is asked', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const free = await listAgent(alice);
    const first = await json(await getListing(bob, free.id));
    expect(first).toMatchObject({ listing_id: free.id, agent_id: free.agent.id, kind: 'free', ends_at: null, source_transaction_id: null });
    const again = await json(await getListing(bob, free.id));
    expect(again.id).toBe(first.id);
    expect(await count('market_entitlements', 'account_id = ? AND listing_id = ?', bob.id, free.id)).toBe(1);
    expect(await listing(free.id)).toMatchObject({ entitlements_count: 1 });
    expect((await json(await call(`/api/v1/market/listings/${free.id}`, { token: bob.token }))).acquired).toBe(true);
    expect((await json<any[]>(await call('/api/v1/market/entitlements', { token: bob.token }))).map((e) => e.id)).toEqual([first.id]);
  });

  it('paid listings, your own listing and drafts cannot be got here', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const paid = await listAgent(alice, { pricing_model: 'purchase', price: 1999, currency: 'USD' });
    const res = await getListing(bob, paid.id);
    expect(res.status).toBe(422);
    expect((await json(res)).details.pricing_model[0].error).toBe('ERR_PAID_LISTING');
    const free = await listAgent(alice);
    expect((await getListing(alice, free.id)).status).toBe(422);
    const draft = await listAgent(alice, {}, false);
    expect((await getListing(bob, draft.id)).status).toBe(404);
    expect(await count('market_entitlements', 'account_id IN (?, ?)', alice.id, bob.id)).toBe(0);
  });
});

describe('market reviews', () => {
  it('only an account with an entitlement reviews, once; PUT edits it and the aggregates follow', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const carol = await signUp();
    const l = await listAgent(alice);
    expect((await review(bob.token, l.id, { rating: 5, text: 'Great' })).status).toBe(403);
    expect((await review(alice.token, l.id, { rating: 5, text: 'Mine is great' })).status).toBe(403);

    await getListing(bob, l.id);
    await getListing(carol, l.id);
    const bad = await review(bob.token, l.id, { rating: 6, text: '' });
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).details).sort()).toEqual(['rating', 'text']);

    const created = await review(bob.token, l.id, { rating: 5, text: 'Great jokes' });
    expect(created.status).toBe(200);
    const r = await json(created);
    expect(r).toMatchObject({ rating: 5, text: 'Great jokes', reply: null, account: { id: bob.id } });
    expect((await review(bob.token, l.id, { rating: 1, text: 'Again' })).status).toBe(409);
    await review(carol.token, l.id, { rating: 2, text: 'Not funny' });
    expect((await listing(l.id)).rating).toEqual({ average: 3.5, count: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });

    const edited = await json(await review(bob.token, l.id, { rating: 3, text: 'Grew on me less' }, 'PUT'));
    expect(edited).toMatchObject({ id: r.id, rating: 3, text: 'Grew on me less' });
    expect((await listing(l.id)).rating).toEqual({ average: 2.5, count: 2, distribution: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } });
    expect(await count('market_reviews', 'listing_id = ?', l.id)).toBe(2);

    const list = await json<any[]>(await call(`/api/v1/market/listings/${l.id}/reviews`));
    expect(list.map((x) => x.account.id)).toEqual([carol.id, bob.id]);
  });

  it('refuses a review the moderation classifier would not allow', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const l = await listAgent(alice);
    await getListing(bob, l.id);
    const res = await review(bob.token, l.id, { rating: 1, text: "I'm going to kill you" });
    expect(res.status).toBe(422);
    expect((await json(res)).details.text[0].error).toBe('ERR_MODERATION');
    expect(await count('market_reviews', 'listing_id = ?', l.id)).toBe(0);
  });

  it('the creator replies once to a review; nobody else can', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const l = await listAgent(alice);
    await getListing(bob, l.id);
    const r = await json(await review(bob.token, l.id, { rating: 4, text: 'Nice' }));
    expect((await call(`/api/v1/market/reviews/${r.id}/reply`, { token: bob.token, json: { text: 'Me too' } })).status).toBe(403);
    const replied = await call(`/api/v1/market/reviews/${r.id}/reply`, { token: alice.token, json: { text: 'Thank you!' } });
    expect(replied.status).toBe(200);
    expect((await json(replied)).reply.text).toBe('Thank you!');
    expect((await call(`/api/v1/market/reviews/${r.id}/reply`, { token: alice.token, json: { text: 'Thanks again' } })).status).toBe(409);
    expect((await call('/api/v1/market/reviews/999999/reply', { token: alice.token, json: { text: 'Hi' } })).status).toBe(404);
  });
});
