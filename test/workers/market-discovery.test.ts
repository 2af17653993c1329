import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, json, signUp, unique } from './helpers';
import { getListing, listAgent } from './market.helpers';

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const find = async (query: string) => {
  const res = await call(`/api/v1/market/listings?${query}`);
  expect(res.status).toBe(200);
  return json<any[]>(res);
};

describe('market discovery', () => {
  it('finds published listings by words, filters them by category, pricing, price and rating, and sorts them', async () => {
    const word = unique('gizmo');
    const alice = await signUp();
    const free = await listAgent(alice, { description: `A ${word} helper that is free`, category: 'technology' });
    const cheap = await listAgent(alice, { description: `The ${word} tutor`, category: 'education', pricing_model: 'subscription', price: 300, currency: 'USD' });
    const dear = await listAgent(alice, { title: `${word} deluxe`, category: 'education', pricing_model: 'purchase', price: 5000, currency: 'USD' });
    const draft = await listAgent(alice, { description: `${word} unfinished` }, false);

    expect(ids(await find(`q=${word}&sort=newest`))).toEqual([dear.id, cheap.id, free.id]);
    expect(ids(await find(`q=${word.slice(0, 6)}&sort=newest&limit=40`))).not.toContain(draft.id);
    expect(ids(await find(`q=${word}&category=education&sort=newest`))).toEqual([dear.id, cheap.id]);
    expect(ids(await find(`q=${word}&pricing_model=free`))).toEqual([free.id]);
    expect(ids(await find(`q=${word}&min_price=100&max_price=1000`))).toEqual([cheap.id]);
    expect(ids(await find(`q=${word}&max_price=0`))).toEqual([free.id]);

    // Two people get the free one, one reviews it 4: popular and rating filters follow.
    for (const rating of [4, 2]) {
      const buyer = await signUp();
      expect((await getListing(buyer, free.id)).status).toBe(200);
      expect((await call(`/api/v1/market/listings/${free.id}/reviews`, { token: buyer.token, json: { rating, text: 'Honest opinion' } })).status).toBe(200);
    }
    const buyer = await signUp();
    await getListing(buyer, cheap.id).then((r) => expect(r.status).toBe(422));
    expect(ids(await find(`q=${word}&sort=popular`))[0]).toBe(free.id);
    expect(ids(await find(`q=${word}&min_rating=3`))).toEqual([free.id]);
    expect(ids(await find(`q=${word}&min_rating=3.5`))).toEqual([]);
    expect(ids(await find(`q=${word}&sort=top_rated`))[0]).toBe(free.id);
    expect(ids(await find(`q=${word}&sort=trending`))[0]).toBe(free.id);

    // An old entitlement counts for popular, not for trending.
    await env.DB.prepare('UPDATE market_entitlements SET created_at = created_at - 30 * 86400000 WHERE listing_id = ?').bind(free.id).run();
    const another = await signUp();
    await call(`/api/v1/market/listings/${dear.id}`, { token: alice.token, method: 'PATCH', json: { pricing_model: 'free' } });
    expect((await getListing(another, dear.id)).status).toBe(200);
    expect(ids(await find(`q=${word}&sort=trending`))[0]).toBe(dear.id);
    expect(ids(await find(`q=${word}&sort=popular`))[0]).toBe(free.id);

    const bad = await call('/api/v1/market/listings?sort=cheapest&min_rating=9');
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).details).sort()).toEqual(['min_rating', 'sort']);
  });

  it('pages with offset and Link headers', async () => {
    const word = unique('pager');
    const alice = await signUp();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await listAgent(alice, { description: `${word} number ${i}` }));
    const first = await call(`/api/v1/market/listings?q=${word}&sort=newest&limit=2`);
    expect(ids(await json(first))).toEqual([made[2]!.id, made[1]!.id]);
    const link = first.headers.get('link')!;
    expect(link).toContain('rel="next"');
    expect(link).not.toContain('rel="prev"');
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await call(new URL(next).pathname + new URL(next).search);
    expect(ids(await json(second))).toEqual([made[0]!.id]);
    expect(second.headers.get('link')).toContain('rel="prev"');
    expect(second.headers.get('link')).not.toContain('rel="next"');
  });

  it('delisted and private-agent listings are not discoverable; a delisted one stays reachable for those who have it', async () => {
    const word = unique('hidden');
    const alice = await signUp();
    const bob = await signUp();
    const carol = await signUp();
    const listing = await listAgent(alice, { description: `${word} agent` });
    expect((await getListing(bob, listing.id)).status).toBe(200);
    await call(`/api/v1/market/listings/${listing.id}/delist`, { token: alice.token, method: 'POST' });
    expect(await find(`q=${word}`)).toEqual([]);
    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: bob.token })).status).toBe(200);
    expect((await call(`/api/v1/market/listings/${listing.id}`, { token: carol.token })).status).toBe(404);
    expect((await getListing(bob, listing.id)).status).toBe(200);
    expect((await getListing(carol, listing.id)).status).toBe(404);

    const other = await listAgent(alice, { description: `${word} again` });
    await call(`/api/v1/agents/${other.agent.id}`, { token: alice.token, method: 'PATCH', json: { visibility: 'private' } });
    expect(await find(`q=${word}`)).toEqual([]);
  });

  it('compares two or three visible listings side by side', async () => {
    const alice = await signUp();
    const a = await listAgent(alice);
    const b = await listAgent(alice, { pricing_model: 'per_interaction', price: 5, currency: 'GBP' });
    const c = await listAgent(alice);
    const d = await listAgent(alice);
    const draft = await listAgent(alice, {}, false);
    const res = await call(`/api/v1/market/compare?ids=${b.id},${a.id}`);
    expect(res.status).toBe(200);
    const rows = await json<any[]>(res);
    expect(ids(rows)).toEqual([b.id, a.id]);
    expect(rows[0]).toMatchObject({ pricing: { model: 'per_interaction', price: 5, currency: 'GBP' }, agent_details: { template: 'entertainer' }, rating: { count: 0 } });
    expect(rows[0].agent_details.capabilities.length).toBeGreaterThan(0);
    expect((await call(`/api/v1/market/compare?ids=${a.id},${b.id},${c.id},${d.id}`)).status).toBe(422);
    expect((await call(`/api/v1/market/compare?ids=${a.id}`)).status).toBe(422);
    expect((await call(`/api/v1/market/compare?ids=${a.id},${draft.id}`)).status).toBe(404);
    expect((await call(`/api/v1/market/compare?ids=${a.id},${draft.id}`, { token: alice.token })).status).toBe(200);
  });
});
