import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, json, postStatus, relate, signUp, unique } from './helpers';

type Results = { accounts: Array<{ id: string }>; statuses: Array<{ id: string }>; hashtags: Array<{ name: string; history: unknown[] }> };
const search = async (q: string, token?: string, extra = '') => json<Results>(await call(`/api/v2/search?q=${encodeURIComponent(q)}${extra}`, { token: token ?? null }));

describe('search', () => {
  it('finds accounts by username, display name and bio, by prefix, exact username first', async () => {
    const word = unique('zq');
    const exact = await signUp({ username: word });
    const other = await signUp({ username: `${word}x` });
    await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: other.token, json: { display_name: 'Marine Biologist', note: 'octopus fan' } });
    expect((await search(word)).accounts.map((a) => a.id)).toEqual([exact.id, other.id]);
    expect((await search('octop')).accounts.map((a) => a.id)).toContain(other.id);
    expect((await search('marine biolog')).accounts.map((a) => a.id)).toEqual([other.id]);
    const viaV1 = await json<Array<{ id: string }>>(await call(`/api/v1/accounts/search?q=${word}&limit=1`));
    expect(viaV1.map((a) => a.id)).toEqual([exact.id]);
  });

  it('finds public statuses by words, never followers-only ones of others nor posts of hidden accounts', async () => {
    const author = await signUp();
    const shy = await signUp();
    const stranger = await signUp();
    const word = unique('kumquat');
    const open = await postStatus(author, `I love ${word} jam`);
    const secret = await postStatus(author, `secret ${word} recipe`, { visibility: 'private' });
    await postStatus(shy, `${word} from a hidden account`);
    await call('/api/v1/settings/privacy', { method: 'PATCH', token: shy.token, json: { hide_from_search: true } });
    expect((await search(word, stranger.token)).statuses.map((s) => s.id)).toEqual([open.id]);
    expect((await search(word, author.token)).statuses.map((s) => s.id).sort()).toEqual([open.id, secret.id].sort());
    expect((await search(word, undefined, '&type=accounts')).statuses).toEqual([]);
    await relate('blocks', author.id, stranger.id);
    expect((await search(word, stranger.token)).statuses).toEqual([]);
  });

  it('edits and deletes are reflected in the index', async () => {
    const author = await signUp();
    const [before, after] = [unique('alpha'), unique('omega')];
    const status = await postStatus(author, `${before} text`);
    await call(`/api/v1/statuses/${status.id}`, { method: 'PUT', token: author.token, json: { status: `${after} text` } });
    expect((await search(before)).statuses).toEqual([]);
    expect((await search(after)).statuses.map((s) => s.id)).toEqual([status.id]);
    await call(`/api/v1/statuses/${status.id}`, { method: 'DELETE', token: author.token });
    expect((await search(after)).statuses).toEqual([]);
  });

  it('finds hashtags by prefix with a week of history; syntax characters are harmless', async () => {
    const author = await signUp();
    const tag = unique('tagz');
    await postStatus(author, `#${tag} one`);
    const results = await search(`#${tag.slice(0, 6)}`);
    expect(results.hashtags.map((h) => h.name)).toContain(tag);
    expect(results.hashtags.find((h) => h.name === tag)!.history).toHaveLength(7);
    for (const q of ['"', 'AND OR NOT', '*', 'a:b ()']) expect((await call(`/api/v2/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    expect((await call('/api/v2/search?q=')).status).toBe(422);
  });
});

describe('discovery', () => {
  it('trends count hashtags by accounts over the last week, and statuses by likes and shares', async () => {
    const tag = unique('trend');
    const users = await Promise.all([signUp(), signUp(), signUp()]);
    for (const u of users) await postStatus(u, `#${tag}`);
    const trending = await json<Array<{ name: string; history: Array<{ accounts: string }> }>>(await call('/api/v1/trends/tags?limit=20'));
    const mine = trending.find((t) => t.name === tag);
    expect(mine!.history[0], JSON.stringify(mine)).toMatchObject({ accounts: '3', uses: '3' });
    const hit = await postStatus(users[0]!, 'a very popular post');
    for (const u of users.slice(1)) await call(`/api/v1/statuses/${hit.id}/favourite`, { method: 'POST', token: u.token });
    const statuses = await json<Array<{ id: string }>>(await call('/api/v1/trends/statuses'));
    expect(statuses[0]!.id).toBe(hit.id);

    // The ranking is kept for a minute, but who may see what is decided on every request.
    const trendIds = async (token?: string) => (await json<Array<{ id: string }>>(await call('/api/v1/trends/statuses', { token }))).map((s) => s.id);
    await call(`/api/v1/accounts/${users[0]!.id}/block`, { method: 'POST', token: users[2]!.token });
    expect(await trendIds(users[2]!.token)).not.toContain(hit.id);
    expect(await trendIds(users[1]!.token)).toContain(hit.id);
    expect((await call(`/api/v1/statuses/${hit.id}`, { method: 'DELETE', token: users[0]!.token })).status).toBe(200);
    expect(await trendIds(users[1]!.token)).not.toContain(hit.id);
  });

  it('the directory lists discoverable accounts; suggestions leave out who you follow', async () => {
    const me = await signUp();
    const popular = await signUp();
    const followed = await signUp();
    const hidden = await signUp();
    await env.DB.prepare('UPDATE accounts SET followers_count = 100000 WHERE id = ?').bind(popular.id).run();
    await call('/api/v1/settings/privacy', { method: 'PATCH', token: hidden.token, json: { discoverable: false } });
    await relate('follows', me.id, followed.id);
    const suggested = (await json<Array<{ account: { id: string } }>>(await call('/api/v2/suggestions', { token: me.token }))).map((s) => s.account.id);
    expect(suggested[0]).toBe(popular.id);
    expect(suggested).not.toContain(followed.id);
    expect(suggested).not.toContain(me.id);
    expect(suggested).not.toContain(hidden.id);
    const dir = (await json<Array<{ id: string }>>(await call('/api/v1/directory?order=new&limit=80'))).map((a) => a.id);
    expect(dir).toContain(popular.id);
    expect(dir).not.toContain(hidden.id);
  });
});
