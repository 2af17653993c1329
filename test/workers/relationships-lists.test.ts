import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, json, signUp } from './helpers';
import { UNKNOWN, follow, post } from './relationships.helpers';

describe('followers and following lists', () => {
  /** `n` accounts following `target`, written straight into D1; the follow ids increase with i. */
  async function seedFollowers(target: string, n: number): Promise<string[]> {
    const base = BigInt(Date.now()) << 16n;
    const ids = Array.from({ length: n }, (_, i) => String(base + BigInt(i)));
    await env.DB.batch(ids.flatMap((id, i) => [
      env.DB.prepare('INSERT INTO accounts (id, username) VALUES (?, ?)').bind(id, `f${id.slice(-9)}x${i}`),
      env.DB.prepare('INSERT INTO follows (account_id, target_id, id) VALUES (?, ?, ?)').bind(id, target, id),
    ]));
    return ids;
  }

  it('pages 27 followers newest first through Link headers, with no gaps and no repeats, and back with prev', async () => {
    const a = await signUp();
    const ids = await seedFollowers(a.id, 27);
    const seen: string[] = [];
    let url: string | null = `/api/v1/accounts/${a.id}/followers?limit=10`;
    const sizes: number[] = [];
    while (url) {
      const res = await call(url);
      const page = await json<any[]>(res);
      if (page.length === 0) break;
      sizes.push(page.length);
      seen.push(...page.map((x) => x.id));
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      url = next ? next.replace(/^https?:\/\/[^/]+/, '') : null;
    }
    expect(sizes).toEqual([10, 10, 7]);
    expect(seen).toEqual([...ids].reverse());
    const prev = await call(`/api/v1/accounts/${a.id}/followers?limit=5&min_id=${ids[20]}`);
    expect((await json<any[]>(prev)).map((x) => x.id)).toEqual(ids.slice(21, 26).reverse());
    const capped = await json<any[]>(await call(`/api/v1/accounts/${a.id}/followers`));
    expect(capped).toHaveLength(27);
  });

  it('lists following; hides accounts the viewer blocks, and everything when a block stands between', async () => {
    const [a, b, c, viewer] = [await signUp(), await signUp(), await signUp(), await signUp()];
    await follow(a, b.id);
    await follow(a, c.id);
    const following = async (token: string | null) => (await json<any[]>(await call(`/api/v1/accounts/${a.id}/following`, { token }))).map((x) => x.id);
    expect(await following(null)).toEqual([c.id, b.id]);
    await post(`/api/v1/accounts/${c.id}/block`, viewer.token);
    expect(await following(viewer.token)).toEqual([b.id]);
    await post(`/api/v1/accounts/${viewer.id}/block`, a.token);
    expect(await following(viewer.token)).toEqual([]);
    expect((await call(`/api/v1/accounts/${UNKNOWN}/followers`)).status).toBe(404);
  });
});
