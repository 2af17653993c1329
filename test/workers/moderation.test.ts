/**
 * Moderation through the API: refused posts and profiles are 422 and store nothing; held posts
 * are their author's alone until a moderator approves (then they reach followers) or removes
 * them; reports reach the review queue; only moderators may use it.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, eventually, json, login, postStatus, signUp, type TestUser } from './helpers';
import { openStream, settle } from './streaming.helpers';

/** 20 links: as long as a status may be (a link counts 23 characters, as in Mastodon). */
const SPAM = Array.from({ length: 20 }, (_, i) => `https://offers.example/deal-${i}`).join(' ');

type Item = { id: string; subject_type: string; subject_id: string; state: string; source: string; action: string; reviewer_id: string | null; reviewed_at: string | null; status: { id: string } | null };

async function moderator(): Promise<string> {
  const person = await signUp();
  await env.DB.prepare(`UPDATE accounts SET role = 'moderator' WHERE id = ?`).bind(person.id).run();
  return (await json(await login(person.username, person.password))).access_token as string;
}

const follow = (who: TestUser, target: TestUser) => call(`/api/v1/accounts/${target.id}/follow`, { method: 'POST', token: who.token });
const ids = async (path: string, token: string | null) => (await json<Array<{ id: string }>>(await call(path, { token }))).map((s) => s.id);
const queue = async (token: string, query = '') => json<Item[]>(await call(`/api/v1/admin/moderation${query}`, { token }));
const itemFor = async (token: string, subjectId: string) => (await queue(token)).find((i) => i.subject_id === subjectId);

describe('moderation of statuses', () => {
  it('refuses a post with a slur: 422 with the reason, and nothing is stored', async () => {
    const author = await signUp();
    const before = await count('statuses', 'account_id = ?', author.id);
    const res = await call('/api/v1/statuses', { token: author.token, json: { status: 'you are all k1kes' } });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.details.status[0]).toMatchObject({ error: 'ERR_MODERATION', description: expect.stringMatching(/slur/) });
    expect(await count('statuses', 'account_id = ?', author.id)).toBe(before);
    expect(await count('moderation_items', 'account_id = ?', author.id)).toBe(0);
  });

  it('passes a clean post, swearing included, to everyone', async () => {
    const author = await signUp();
    const reader = await signUp();
    const posted = await postStatus(author, 'Scunthorpe is lovely, damn right; my assistant agrees');
    expect(posted.smile.moderation).toBeUndefined();
    expect((await call(`/api/v1/statuses/${posted.id}`, { token: reader.token })).status).toBe(200);
  });

  it('holds a spammy post: its author sees it marked, nobody else sees it anywhere, and it waits in the queue', async () => {
    const author = await signUp();
    const follower = await signUp();
    const stranger = await signUp();
    expect((await follow(follower, author)).status).toBe(200);
    const word = `zq${Date.now().toString(36)}`;
    const held = await postStatus(author, `${word} ${SPAM}`);
    expect(held.smile.moderation).toEqual({ state: 'held', reason: expect.stringContaining('spam') });

    // The author: the status, their profile, their home, and a notice.
    expect((await json(await call(`/api/v1/statuses/${held.id}`, { token: author.token }))).smile.moderation.state).toBe('held');
    expect(await ids(`/api/v1/accounts/${author.id}/statuses`, author.token)).toContain(held.id);
    expect(await ids('/api/v1/timelines/home', author.token)).toContain(held.id);
    const notices = await json<Array<{ type: string; status?: { id: string } }>>(await call('/api/v1/notifications', { token: author.token }));
    expect(notices.find((n) => n.type === 'moderation')?.status?.id).toBe(held.id);

    // Everyone else: 404, and in no list.
    for (const viewer of [follower.token, stranger.token, null]) {
      expect((await call(`/api/v1/statuses/${held.id}`, { token: viewer })).status).toBe(404);
      expect(await ids(`/api/v1/accounts/${author.id}/statuses`, viewer)).not.toContain(held.id);
      expect(await ids('/api/v1/timelines/public', viewer)).not.toContain(held.id);
    }
    const search = await json(await call(`/api/v2/search?q=${word}&type=statuses`, { token: stranger.token }));
    expect(search.statuses).toEqual([]);
    expect(await ids('/api/v1/timelines/home', follower.token)).not.toContain(held.id);
    expect(await count('home_feed', 'status_id = ? AND account_id <> ?', held.id, author.id)).toBe(0);
    expect((await call(`/api/v1/statuses/${held.id}/favourite`, { method: 'POST', token: follower.token })).status).toBe(404);
    expect((await call(`/api/v1/statuses/${held.id}/reblog`, { method: 'POST', token: author.token })).status).toBe(403);

    const mod = await moderator();
    expect(await itemFor(mod, held.id)).toMatchObject({ subject_type: 'status', action: 'hold', source: 'classifier', state: 'open', status: { id: held.id } });
  });

  it('a moderator approves a held post: it becomes visible and reaches followers’ homes; the decision is recorded', async () => {
    const author = await signUp();
    const follower = await signUp();
    await follow(follower, author);
    const held = await postStatus(author, SPAM);
    const mod = await moderator();
    const item = (await itemFor(mod, held.id))!;
    const res = await call(`/api/v1/admin/moderation/${item.id}/approve`, { token: mod, json: { note: 'a link list, fine' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ state: 'approved', reviewer_id: expect.any(String), reviewed_at: expect.any(String), note: 'a link list, fine' });
    expect((await call(`/api/v1/statuses/${held.id}`, { token: follower.token })).status).toBe(200);
    expect((await json(await call(`/api/v1/statuses/${held.id}`, { token: author.token }))).smile.moderation).toBeUndefined();
    await eventually(() => ids('/api/v1/timelines/home', follower.token), (list) => list.includes(held.id));
    expect(await ids('/api/v1/timelines/public', null)).toContain(held.id);
    // Decided once: a second decision is a conflict and changes nothing.
    expect((await call(`/api/v1/admin/moderation/${item.id}/remove`, { token: mod, json: {} })).status).toBe(409);
    expect(await itemFor(mod, held.id)).toBeUndefined();
    expect((await queue(mod, '?state=approved&type=status')).map((i) => i.id)).toContain(item.id);
  });

  it('a moderator removes a held post: gone for everyone else, the author is told why', async () => {
    const author = await signUp();
    const follower = await signUp();
    await follow(follower, author);
    const tag = `zq${Date.now().toString(36)}`;
    const held = await postStatus(author, `hello #${tag} ${Array.from({ length: 15 }, (_, i) => `@nobody${i}`).join(' ')}`);
    expect(await ids(`/api/v1/timelines/tag/${tag}`, follower.token)).toEqual([]);
    expect(held.smile.moderation.state).toBe('held');
    const mod = await moderator();
    const item = (await itemFor(mod, held.id))!;
    expect((await call(`/api/v1/admin/moderation/${item.id}/remove`, { token: mod, json: { note: 'mention spam' } })).status).toBe(200);
    expect((await call(`/api/v1/statuses/${held.id}`, { token: follower.token })).status).toBe(404);
    expect(await ids('/api/v1/timelines/home', follower.token)).not.toContain(held.id);
    const own = await json(await call(`/api/v1/statuses/${held.id}`, { token: author.token }));
    expect(own.smile.moderation).toEqual({ state: 'removed', reason: 'mention spam' });
    const notices = await json<Array<{ type: string; status?: { id: string } }>>(await call('/api/v1/notifications', { token: author.token }));
    expect(notices.filter((n) => n.type === 'moderation').map((n) => n.status?.id)).toEqual([held.id]);
  });

  it('an edit into spam holds a published post and takes it out of followers’ homes', async () => {
    const author = await signUp();
    const follower = await signUp();
    await follow(follower, author);
    const posted = await postStatus(author, 'an ordinary post');
    await eventually(() => ids('/api/v1/timelines/home', follower.token), (list) => list.includes(posted.id));
    const edited = await call(`/api/v1/statuses/${posted.id}`, { method: 'PUT', token: author.token, json: { status: SPAM } });
    expect(edited.status).toBe(200);
    expect((await json(edited)).smile.moderation.state).toBe('held');
    expect(await count('home_feed', 'status_id = ? AND account_id = ?', posted.id, follower.id)).toBe(0);
    expect((await call(`/api/v1/statuses/${posted.id}`, { token: follower.token })).status).toBe(404);
    // An edit with a slur is refused and the post keeps its text.
    expect((await call(`/api/v1/statuses/${posted.id}`, { method: 'PUT', token: author.token, json: { status: 'n1gg3r' } })).status).toBe(422);
  });
});

describe('the review queue', () => {
  it('is for moderators and admins only', async () => {
    const person = await signUp();
    const personToken = (await json(await login(person.username, person.password))).access_token as string;
    expect((await call('/api/v1/admin/moderation', { token: personToken })).status).toBe(403);
    expect((await call('/api/v1/admin/moderation/123456789012345678/approve', { token: personToken, json: {} })).status).toBe(403);
    expect((await call('/api/v1/admin/moderation')).status).toBe(401);
    const mod = await moderator();
    expect((await call('/api/v1/admin/moderation', { token: mod })).status).toBe(200);
    expect((await call('/api/v1/admin/moderation/123456789012345678', { token: mod })).status).toBe(404);
    expect((await call('/api/v1/admin/moderation?state=pending', { token: mod })).status).toBe(422);
  });

  it('receives every report; removing acts on the reported statuses and closes the report', async () => {
    const reporter = await signUp();
    const target = await signUp();
    const reader = await signUp();
    const rude = await postStatus(target, 'a rude but allowed post');
    const filed = await json(await call('/api/v1/reports', { token: reporter.token, json: { account_id: target.id, status_ids: [rude.id], category: 'violation', comment: 'harassing me' } }));
    const mod = await moderator();
    const item = (await queue(mod, '?type=report')).find((i) => i.subject_id === filed.id)!;
    expect(item).toMatchObject({ subject_type: 'report', action: 'report', source: 'report', report: { reporter_id: reporter.id, comment: 'harassing me', status_ids: [rude.id] } });
    expect((await call(`/api/v1/admin/moderation/${item.id}/remove`, { token: mod, json: { note: 'harassment' } })).status).toBe(200);
    expect((await call(`/api/v1/statuses/${rude.id}`, { token: reader.token })).status).toBe(404);
    expect(await count('reports', 'id = ? AND action_taken_at IS NOT NULL', filed.id)).toBe(1);
  });
});

describe('the author is told at once', () => {
  it('streams the notice of a hold, of a removal and of a warning on user:notification', async () => {
    const author = await signUp();
    const notes = await openStream(`?stream=user:notification&access_token=${author.token}`);
    await settle();
    const told = (type: string, except: string[] = []) =>
      notes.next((f) => {
        const n = f.event === 'notification' ? JSON.parse(f.payload!) : null;
        return n?.type === type && !except.includes(n.id);
      });
    const payload = async (type: string, except?: string[]) => JSON.parse((await told(type, except)).payload!);

    const held = await postStatus(author, SPAM);
    const hold = await payload('moderation');
    expect(hold).toMatchObject({ status: { id: held.id, smile: { moderation: { state: 'held' } } } });

    // A moderator removes it: the removal's notice replaces the hold's, and it streams too.
    const mod = await moderator();
    const item = await itemFor(mod, held.id);
    expect((await call(`/api/v1/admin/moderation/${item!.id}/remove`, { token: mod, json: { note: 'link spam' } })).status).toBe(200);
    expect(await payload('moderation', [hold.id])).toMatchObject({ status: { id: held.id, smile: { moderation: { state: 'removed' } } } });

    // A warning on a report of another status reaches them as Mastodon's moderation_warning.
    const reporter = await signUp();
    const rude = await postStatus(author, 'a rude but allowed post');
    const filed = await json(await call('/api/v1/reports', { token: reporter.token, json: { account_id: author.id, status_ids: [rude.id], category: 'other', comment: 'rude' } }));
    const report = (await queue(mod, '?type=report')).find((i) => i.subject_id === filed.id)!;
    expect((await call(`/api/v1/admin/moderation/${report.id}/warn`, { token: mod, json: { note: 'Keep it civil' } })).status).toBe(200);
    expect(await payload('moderation_warning')).toMatchObject({ moderation_warning: { action: 'warn', text: 'Keep it civil' } });
    notes.ws.close();
  });
});

describe('moderation of profiles', () => {
  it('refuses a profile with a slur (422 on the field) and keeps the old one', async () => {
    const user = await signUp();
    const res = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { display_name: 'Nice name', note: 'I hate k i k e s' } });
    expect(res.status).toBe(422);
    expect((await json(res)).details.note[0].error).toBe('ERR_MODERATION');
    const me = await json(await call('/api/v1/accounts/verify_credentials', { token: user.token }));
    expect(me.display_name).not.toBe('Nice name');
    const spam = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { fields_attributes: [{ name: 'links', value: SPAM }] } });
    expect(spam.status).toBe(422);
    expect((await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, json: { note: 'Scunthorpe born, classic cars' } })).status).toBe(200);
  });
});
