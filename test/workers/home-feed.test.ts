/**
 * The home timeline written ahead: the fanout consumer writes statuses into followers' homes,
 * follows and blocks add and remove what they should, accounts past the fan-out limit are
 * merged at read time, and statuses older than the written window still page in.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { HOME_FEED_DAYS } from '../../workers/api/social/home-feed';
import { idAt } from '../../workers/api/lib/ids';
import { call, count, eventually, json, postStatus, signUp, type TestUser } from './helpers';

type Listed = Array<{ id: string; reblog: { id: string } | null }>;
const home = (user: TestUser, query = '') => call(`/api/v1/timelines/home${query}`, { token: user.token }).then((r) => json<Listed>(r));
const homeIds = async (user: TestUser, query = '') => (await home(user, query)).map((s) => s.id);
const feedRows = (accountId: string, statusId: string) => count('home_feed', 'account_id = ? AND status_id = ?', accountId, statusId);
const follow = (who: TestUser, target: TestUser, body: Record<string, unknown> = {}) => call(`/api/v1/accounts/${target.id}/follow`, { method: 'POST', token: who.token, json: body });

/** Runs the fanout consumer on one status-created message, as the queue would deliver it. */
async function deliver(statusId: string, authorId: string): Promise<{ acked: string[]; retried: number }> {
  const body = { kind: 'status.created', statusId, authorId, visibility: 'public', tags: [], mentionIds: [] };
  const batch = createMessageBatch('fanout', [{ id: `m-${statusId}`, timestamp: new Date(), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  return { acked: result.explicitAcks, retried: result.retryMessages.length };
}

describe('home timeline: fan-out on write', () => {
  it("a followed account's post reaches each follower's home through the queue, once", async () => {
    const author = await signUp();
    const fans = [await signUp(), await signUp(), await signUp()];
    for (const fan of fans) expect((await follow(fan, author)).status).toBe(200);
    const posted = await postStatus(author, 'to every home');
    expect(await homeIds(author)).toContain(posted.id);
    for (const fan of fans) await eventually(() => homeIds(fan), (ids) => ids[0] === posted.id);
    // A redelivered message writes nothing twice.
    expect(await deliver(posted.id, author.id)).toEqual({ acked: [`m-${posted.id}`], retried: 0 });
    expect(await count('home_feed', 'status_id = ?', posted.id)).toBe(4);
  });

  it('followers-only statuses go to followers; direct ones only to mentioned followers', async () => {
    const author = await signUp();
    const mentioned = await signUp();
    const other = await signUp();
    const stranger = await signUp();
    await follow(mentioned, author);
    await follow(other, author);
    const priv = await postStatus(author, 'followers only', { visibility: 'private' });
    const dm = await postStatus(author, `@${mentioned.username} just you`, { visibility: 'direct' });
    await eventually(() => homeIds(mentioned), (ids) => ids.includes(dm.id) && ids.includes(priv.id));
    await eventually(() => homeIds(other), (ids) => ids.includes(priv.id));
    expect(await homeIds(other)).not.toContain(dm.id);
    expect(await feedRows(other.id, dm.id)).toBe(0);
    expect(await feedRows(stranger.id, priv.id)).toBe(0);
  });

  it('following brings the recent posts in; unfollowing takes them out', async () => {
    const author = await signUp();
    const reader = await signUp();
    const older = await postStatus(author, 'before the follow');
    const secret = await postStatus(author, 'a direct one', { visibility: 'direct' });
    expect(await homeIds(reader)).toEqual([]);
    await follow(reader, author);
    expect(await homeIds(reader)).toEqual([older.id]);
    expect(await feedRows(reader.id, secret.id)).toBe(0);
    await call(`/api/v1/accounts/${author.id}/unfollow`, { method: 'POST', token: reader.token });
    expect(await homeIds(reader)).toEqual([]);
    expect(await count('home_feed', 'account_id = ? AND author_id = ?', reader.id, author.id)).toBe(0);
  });

  it('a block empties both homes of the other; a deleted status leaves every home and is never fanned out late', async () => {
    const a = await signUp();
    const b = await signUp();
    await follow(a, b);
    await follow(b, a);
    const fromA = await postStatus(a, 'from a');
    const fromB = await postStatus(b, 'from b');
    await eventually(() => homeIds(a), (ids) => ids.includes(fromB.id));
    await eventually(() => homeIds(b), (ids) => ids.includes(fromA.id));
    await call(`/api/v1/accounts/${b.id}/block`, { method: 'POST', token: a.token });
    expect(await homeIds(a)).toEqual([fromA.id]);
    expect(await homeIds(b)).toEqual([fromB.id]);
    expect(await count('home_feed', '(account_id = ? AND author_id = ?) OR (account_id = ? AND author_id = ?)', a.id, b.id, b.id, a.id)).toBe(0);

    const c = await signUp();
    await follow(c, a);
    const doomed = await postStatus(a, 'soon gone');
    await eventually(() => homeIds(c), (ids) => ids.includes(doomed.id));
    expect((await call(`/api/v1/statuses/${doomed.id}`, { method: 'DELETE', token: a.token })).status).toBe(200);
    expect(await count('home_feed', 'status_id = ?', doomed.id)).toBe(0);
    // A message for it arriving after the delete writes nothing and is acknowledged.
    expect(await deliver(doomed.id, a.id)).toEqual({ acked: [`m-${doomed.id}`], retried: 0 });
    expect(await count('home_feed', 'status_id = ?', doomed.id)).toBe(0);
  });

  it('reblogs reach homes unless the follow turned reblogs off, and leave with the unreblog', async () => {
    const original = await signUp();
    const sharer = await signUp();
    const keen = await signUp();
    const quiet = await signUp();
    await follow(keen, sharer);
    await follow(quiet, sharer, { reblogs: false });
    const post = await postStatus(original, 'worth sharing');
    const reblog = await json(await call(`/api/v1/statuses/${post.id}/reblog`, { method: 'POST', token: sharer.token }));
    expect(await homeIds(sharer)).toContain(reblog.id);
    await eventually(() => home(keen), (list) => list[0]?.reblog?.id === post.id);
    expect(await feedRows(quiet.id, reblog.id)).toBe(0);
    expect(await homeIds(quiet)).toEqual([]);
    await call(`/api/v1/statuses/${post.id}/unreblog`, { method: 'POST', token: sharer.token });
    expect(await homeIds(keen)).toEqual([]);
    expect(await count('home_feed', 'status_id = ?', reblog.id)).toBe(0);
  });

  it('an account past the fan-out limit is merged at read time, and stays so', async () => {
    const star = await signUp();
    const fan = await signUp();
    await follow(fan, star);
    const before = await postStatus(star, 'while still fanned out');
    await eventually(() => homeIds(fan), (ids) => ids.includes(before.id));
    // Reaching the limit is recorded by the follow recount; a smaller limit cannot be set, so the flag is set as the recount would.
    await env.DB.prepare('UPDATE accounts SET fan_out_on_read = 1 WHERE id = ?').bind(star.id).run();
    const after = await postStatus(star, 'merged when read');
    expect(await deliver(after.id, star.id)).toEqual({ acked: [`m-${after.id}`], retried: 0 });
    expect(await feedRows(fan.id, after.id)).toBe(0);
    // Written and merged statuses come together, each once, newest first.
    expect(await homeIds(fan)).toEqual([after.id, before.id]);
    // A recount (any follow change) never clears the flag.
    await call(`/api/v1/accounts/${star.id}/unfollow`, { method: 'POST', token: fan.token });
    expect(await count('accounts', 'id = ? AND fan_out_on_read = 1', star.id)).toBe(1);
    const newcomer = await signUp();
    await follow(newcomer, star);
    expect(await count('home_feed', 'account_id = ? AND author_id = ?', newcomer.id, star.id)).toBe(0);
    expect(await homeIds(newcomer)).toEqual([after.id, before.id]);
  });

  it('shows the same statuses of a written and a merged account: visibility, mutes, suspension, hidden reblogs', async () => {
    const viewer = await signUp();
    const stranger = await signUp();
    const shared = await postStatus(stranger, 'shared by both');
    const writtenAuthor = await signUp();
    const mergedAuthor = await signUp();
    await env.DB.prepare('UPDATE accounts SET fan_out_on_read = 1 WHERE id = ?').bind(mergedAuthor.id).run();
    const posts = async (author: TestUser) => ({
      open: (await postStatus(author, 'for everyone')).id,
      followers: (await postStatus(author, 'for followers', { visibility: 'private' })).id,
      toViewer: (await postStatus(author, `@${viewer.username} just us`, { visibility: 'direct' })).id,
      toNobody: (await postStatus(author, 'a note to self', { visibility: 'direct' })).id,
      reblog: (await json(await call(`/api/v1/statuses/${shared.id}/reblog`, { method: 'POST', token: author.token }))).id as string,
    });
    await follow(viewer, writtenAuthor);
    await follow(viewer, mergedAuthor);
    const written = await posts(writtenAuthor);
    const merged = await posts(mergedAuthor);
    // Newest first; the direct status to nobody else stays its author's.
    const all = (p: typeof written) => [p.reblog, p.toViewer, p.followers, p.open];
    const expected = [...all(merged), ...all(written)];
    await eventually(() => homeIds(viewer), (ids) => ids.includes(written.reblog));
    expect(await homeIds(viewer)).toEqual(expected);

    // Muting the original's author hides both reblogs of it; muting an author hides all theirs.
    await call(`/api/v1/accounts/${stranger.id}/mute`, { method: 'POST', token: viewer.token });
    expect(await homeIds(viewer)).toEqual(expected.filter((id) => id !== written.reblog && id !== merged.reblog));
    await call(`/api/v1/accounts/${stranger.id}/unmute`, { method: 'POST', token: viewer.token });
    await call(`/api/v1/accounts/${mergedAuthor.id}/mute`, { method: 'POST', token: viewer.token });
    expect(await homeIds(viewer)).toEqual(all(written));
    await call(`/api/v1/accounts/${mergedAuthor.id}/unmute`, { method: 'POST', token: viewer.token });

    // A suspended author's statuses are nobody else's, written or merged; a held status is its author's alone.
    await env.DB.prepare('UPDATE accounts SET suspended_at = ? WHERE id IN (?, ?)').bind(Date.now(), writtenAuthor.id, mergedAuthor.id).run();
    expect(await homeIds(viewer)).toEqual([]);
    await env.DB.prepare('UPDATE accounts SET suspended_at = NULL WHERE id IN (?, ?)').bind(writtenAuthor.id, mergedAuthor.id).run();
    await env.DB.prepare("UPDATE statuses SET moderation_state = 'held' WHERE id IN (?, ?)").bind(written.open, merged.open).run();
    expect(await homeIds(viewer)).toEqual(expected.filter((id) => id !== written.open && id !== merged.open));
    expect(await homeIds(mergedAuthor)).toContain(merged.open);
  });

  it('pages run from the written week into older, merged statuses without gaps or repeats, both ways', async () => {
    const author = await signUp();
    const reader = await signUp();
    await follow(reader, author);
    // Five statuses from before the written window (as if posted long ago), then five recent ones.
    const day = 86_400_000;
    const old = Array.from({ length: 5 }, (_, i) => idAt(Date.now() - (HOME_FEED_DAYS + 10 - i) * day));
    for (const id of old) await env.DB.prepare(`INSERT INTO statuses (id, account_id, text, content, visibility) VALUES (?, ?, 'old', '<p>old</p>', 'public')`).bind(id, author.id).run();
    const recent: string[] = [];
    for (let i = 0; i < 5; i++) recent.push((await postStatus(author, `recent ${i}`)).id);
    await eventually(() => homeIds(reader), (ids) => ids.includes(recent[4]!));
    const expected = [...recent].reverse().concat([...old].reverse());
    // Newest first, three at a time, across the boundary.
    const seen: string[] = [];
    let query = '?limit=3';
    for (let i = 0; i < 5 && query; i++) {
      const res = await call(`/api/v1/timelines/home${query}`, { token: reader.token });
      const page = (await json<Listed>(res)).map((s) => s.id);
      seen.push(...page);
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      query = page.length && next ? new URL(next).search : '';
    }
    expect(seen).toEqual(expected);
    // min_id walks the other way: the page right after the oldest, oldest first then shown newest first.
    expect(await homeIds(reader, `?min_id=${old[0]}&limit=6`)).toEqual(expected.slice(-7, -1));
  });

  it('cron trims written entries older than the window', async () => {
    const author = await signUp();
    const oldId = idAt(Date.now() - (HOME_FEED_DAYS + 1) * 86_400_000);
    await env.DB.prepare(`INSERT INTO home_feed (account_id, status_id, author_id) VALUES (?, ?, ?)`).bind(author.id, oldId, author.id).run();
    const fresh = await postStatus(author, 'kept');
    const ctx = createExecutionContext();
    await worker.scheduled!({ cron: '*/5 * * * *', scheduledTime: Date.now(), noRetry() {} } as ScheduledController, env, ctx);
    expect(await feedRows(author.id, oldId)).toBe(0);
    expect(await feedRows(author.id, fresh.id)).toBe(1);
  });
});
