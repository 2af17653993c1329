import { describe, expect, it } from 'vitest';
import { call, count, createAgent, json, login, makeAdmin, signUp, uploadMedia } from './helpers';
import { listAgent, listingBody } from './market.helpers';

describe('market listings', () => {
  it('an owner lists their agent as a draft that only they see, then publishes and delists it', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const agent = await createAgent(alice, { display_name: 'Joker' });
    const shot = await uploadMedia(alice);
    const res = await call('/api/v1/market/listings', { token: alice.token, json: listingBody(agent.id, { screenshot_ids: [shot.id], pricing_model: 'subscription', price: 499, currency: 'USD' }) });
    expect(res.status).toBe(200);
    const listing = await json(res);
    expect(listing).toMatchObject({ state: 'draft', title: 'Joker', own: true, sponsored: false, pricing: { model: 'subscription', price: 499, currency: 'USD', rental_days: null }, rating: { average: null, count: 0 } });
    expect(listing.agent.id).toBe(agent.id);
    expect(listing.screenshots.map((m: { id: string }) => m.id)).toEqual([shot.id]);

    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: bob.token })).status).toBe(404);
    expect((await call(`/api/v1/market/listings/${listing.id}`)).status).toBe(404);
    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: alice.token })).status).toBe(200);

    const pub = await json(await call(`/api/v1/market/listings/${listing.id}/publish`, { token: alice.token, method: 'POST' }));
    expect(pub.state).toBe('published');
    expect(pub.published_at).not.toBeNull();
    expect((await json(await call(`/api/v1/market/listings/${listing.id}`, { token: bob.token }))).own).toBe(false);

    const del = await json(await call(`/api/v1/market/listings/${listing.id}/delist`, { token: alice.token, method: 'POST' }));
    expect(del.state).toBe('delisted');
    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: bob.token })).status).toBe(404);
    const mine = await json<any[]>(await call('/api/v1/market/listings/mine', { token: alice.token }));
    expect(mine.map((l) => l.id)).toContain(listing.id);
  });

  it('refuses bad pricing and fields with 422 field errors', async () => {
    const alice = await signUp();
    const agent = await createAgent(alice);
    const bad = async (extra: Record<string, unknown>) => {
      const res = await call('/api/v1/market/listings', { token: alice.token, json: listingBody(agent.id, extra) });
      expect(res.status).toBe(422);
      return Object.keys((await json(res)).details);
    };
    expect(await bad({ pricing_model: 'purchase' })).toEqual(expect.arrayContaining(['price', 'currency']));
    expect(await bad({ pricing_model: 'purchase', price: -5, currency: 'USD' })).toEqual(['price']);
    expect(await bad({ pricing_model: 'purchase', price: 1_000_001, currency: 'USD' })).toEqual(['price']);
    expect(await bad({ pricing_model: 'purchase', price: 100, currency: 'XYZ' })).toEqual(['currency']);
    expect(await bad({ pricing_model: 'free', price: 100 })).toEqual(['price']);
    expect(await bad({ pricing_model: 'rental', price: 100, currency: 'EUR' })).toEqual(['rental_days']);
    expect(await bad({ pricing_model: 'rental', price: 100, currency: 'EUR', rental_days: 400 })).toEqual(['rental_days']);
    expect(await bad({ category: 'weapons' })).toEqual(['category']);
    expect(await bad({ description: '  ' })).toEqual(['description']);
    expect(await bad({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })).toEqual(['tags']);
    expect(await bad({ screenshot_ids: ['123'] })).toEqual(['screenshot_ids']);
    expect(await count('market_listings', 'agent_id = ?', agent.id)).toBe(0);

    const ok = await call('/api/v1/market/listings', { token: alice.token, json: listingBody(agent.id, { pricing_model: 'rental', price: 999, currency: 'EUR', rental_days: 30 }) });
    expect(ok.status).toBe(200);
    const listing = await json(ok);
    expect(listing.pricing).toEqual({ model: 'rental', price: 999, currency: 'EUR', rental_days: 30 });

    // Editing: pricing fields go together; other fields alone.
    const partial = await call(`/api/v1/market/listings/${listing.id}`, { token: alice.token, method: 'PATCH', json: { price: 5 } });
    expect(partial.status).toBe(422);
    expect(Object.keys((await json(partial)).details)).toEqual(['pricing_model']);
    const edited = await json(await call(`/api/v1/market/listings/${listing.id}`, { token: alice.token, method: 'PATCH', json: { title: 'New name', pricing_model: 'free' } }));
    expect(edited).toMatchObject({ title: 'New name', pricing: { model: 'free', price: null, currency: null, rental_days: null }, description: listing.description });
  });

  it("another person's agent is 403, a second listing of one agent 409, someone else's listing 403", async () => {
    const alice = await signUp();
    const mallory = await signUp();
    const agent = await createAgent(alice);
    expect((await call('/api/v1/market/listings', { token: mallory.token, json: listingBody(agent.id) })).status).toBe(403);
    const first = await call('/api/v1/market/listings', { token: alice.token, json: listingBody(agent.id) });
    expect(first.status).toBe(200);
    expect((await call('/api/v1/market/listings', { token: alice.token, json: listingBody(agent.id) })).status).toBe(409);
    const { id } = await json(first);
    expect((await call(`/api/v1/market/listings/${id}/publish`, { token: alice.token, method: 'POST' })).status).toBe(200);
    expect((await call(`/api/v1/market/listings/${id}`, { token: mallory.token, method: 'PATCH', json: { title: 'Mine now' } })).status).toBe(403);
    expect((await call(`/api/v1/market/listings/${id}/delist`, { token: mallory.token, method: 'POST' })).status).toBe(403);
    // Someone else's screenshot cannot be claimed.
    const theirs = await uploadMedia(mallory);
    const res = await call(`/api/v1/market/listings/${id}`, { token: alice.token, method: 'PATCH', json: { screenshot_ids: [theirs.id] } });
    expect(res.status).toBe(422);
  });

  it('a paused or private agent cannot be published (422 with the reason)', async () => {
    const alice = await signUp();
    const draft = await listAgent(alice, {}, false);
    await call(`/api/v1/agents/${draft.agent.id}/pause`, { token: alice.token, method: 'POST' });
    const paused = await call(`/api/v1/market/listings/${draft.id}/publish`, { token: alice.token, method: 'POST' });
    expect(paused.status).toBe(422);
    expect((await json(paused)).details.agent[0]).toMatchObject({ error: 'ERR_AGENT_PAUSED' });
    await call(`/api/v1/agents/${draft.agent.id}/resume`, { token: alice.token, method: 'POST' });
    await call(`/api/v1/agents/${draft.agent.id}`, { token: alice.token, method: 'PATCH', json: { visibility: 'private' } });
    const priv = await call(`/api/v1/market/listings/${draft.id}/publish`, { token: alice.token, method: 'POST' });
    expect(priv.status).toBe(422);
    expect((await json(priv)).details.agent[0]).toMatchObject({ error: 'ERR_AGENT_PRIVATE' });
  });

  it('only an admin sponsors or features a listing; sponsored ones are labelled and kept in their own slot', async () => {
    const alice = await signUp();
    const admin = await signUp();
    await makeAdmin(admin.id);
    const adminToken = (await json(await login(admin.username, admin.password))).access_token as string;
    const category = 'education';
    const plain = await listAgent(alice, { category });
    const promoted = await listAgent(alice, { category });
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect((await call(`/api/v1/admin/market/listings/${promoted.id}/promotion`, { token: alice.token, method: 'PUT', json: { sponsored_until: until } })).status).toBe(403);
    const res = await call(`/api/v1/admin/market/listings/${promoted.id}/promotion`, { token: adminToken, method: 'PUT', json: { sponsored_until: until, featured: true } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ sponsored: true, featured: true });

    const h = await json(await call(`/api/v1/market/highlights?category=${category}`));
    expect(h.sponsored.map((l: any) => l.id)).toContain(promoted.id);
    expect(h.sponsored.every((l: any) => l.sponsored === true)).toBe(true);
    expect(h.sponsored.map((l: any) => l.id)).not.toContain(plain.id);
    expect(h.featured.map((l: any) => l.id)).toContain(promoted.id);
    // In organic results it keeps its organic place, still labelled.
    const organic = await json<any[]>(await call(`/api/v1/market/listings?category=${category}&sort=newest&limit=40`));
    expect(organic.find((l) => l.id === promoted.id)?.sponsored).toBe(true);
    expect(organic.find((l) => l.id === plain.id)?.sponsored).toBe(false);

    await call(`/api/v1/admin/market/listings/${promoted.id}/promotion`, { token: adminToken, method: 'PUT', json: { sponsored_until: null } });
    const after = await json(await call(`/api/v1/market/highlights?category=${category}`));
    expect(after.sponsored.map((l: any) => l.id)).not.toContain(promoted.id);
  });

  it("deleting the agent takes its listing with it", async () => {
    const alice = await signUp();
    const listing = await listAgent(alice);
    expect((await call(`/api/v1/agents/${listing.agent.id}`, { token: alice.token, method: 'DELETE' })).status).toBe(200);
    expect(await count('market_listings', 'id = ?', listing.id)).toBe(0);
    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: alice.token })).status).toBe(404);
  });
});
