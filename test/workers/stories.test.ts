/** Stories (SMILE extension): posting, the feed, audience, views, viewers, deletion, expiry and the purge. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { call, count, json, mediaKey, postStatus, relate, signUp, type TestUser, uploadMedia } from './helpers';
import * as f from './media-fixtures';

const story = (user: TestUser, body: Record<string, unknown>) => call('/api/v1/stories', { token: user.token, json: body });
async function posted(user: TestUser, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await story(user, body);
  if (res.status !== 200) throw new Error(`story failed: ${res.status} ${await res.text()}`);
  return json(res);
}
const feed = async (user: TestUser) => json<Array<Record<string, any>>>(await call('/api/v1/stories', { token: user.token }));
const view = (user: TestUser, id: string) => call(`/api/v1/stories/${id}/view`, { method: 'POST', token: user.token });
const expire = (id: string) => env.DB.prepare('UPDATE stories SET expires_at = ? WHERE id = ?').bind(Date.now() - 1000, id).run();

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** An author with one follower and one stranger. */
async function cast() {
  const [author, follower, stranger] = await Promise.all([signUp(), signUp(), signUp()]);
  await relate('follows', follower.id, author.id);
  return { author, follower, stranger };
}

describe('posting stories', () => {
  it('posts a text story on the default background that expires in 24 hours', async () => {
    const author = await signUp();
    const s = await posted(author, { text: '  Good morning ☀️  ' });
    expect(s).toMatchObject({ account: { id: author.id, username: author.username }, text: 'Good morning ☀️', background: '#6d28d9', media_attachment: null, seen: true, views_count: 0 });
    expect(Date.parse(s.expires_at) - Date.parse(s.created_at)).toBe(24 * 3600 * 1000);
    expect((await posted(author, { text: 'dusk', background: '#111827' })).background).toBe('#111827');
  });

  it('posts an image or a video story from your own unattached upload, which then belongs to the story', async () => {
    const author = await signUp();
    const image = await uploadMedia(author);
    const s = await posted(author, { media_id: image.id });
    expect(s).toMatchObject({ text: null, background: null, media_attachment: { id: image.id, type: 'image', url: image.url } });
    const video = await uploadMedia(author, f.mp4());
    expect((await posted(author, { media_id: video.id })).media_attachment.type).toBe('video');
    // Claimed: no longer editable as an unattached upload, and not postable again.
    expect((await call(`/api/v1/media/${image.id}`, { token: author.token })).status).toBe(404);
    const again = await call('/api/v1/statuses', { token: author.token, json: { status: 'reuse', media_ids: [image.id] } });
    expect(again.status).toBe(422);
  });

  it('refuses both or neither of media and text, bad text and backgrounds, with 422 and field errors', async () => {
    const author = await signUp();
    const image = await uploadMedia(author);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ media_id: image.id, text: 'both' }, 'media_id'],
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: '😀'.repeat(501) }, 'text'],
      [{ text: 'hi', background: 'hotpink' }, 'background'],
      [{ media_id: image.id, background: '#111827' }, 'background'],
    ];
    for (const [body, field] of cases) {
      const res = await story(author, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys((await json(res)).details), JSON.stringify(body)).toContain(field);
    }
    expect((await posted(author, { text: '😀'.repeat(500) })).text).toHaveLength(1000);
  });

  it("refuses someone else's media, media already used by a status or a story, audio and unknown ids", async () => {
    const [author, other] = await Promise.all([signUp(), signUp()]);
    const theirs = await uploadMedia(other);
    const inStatus = await uploadMedia(author);
    await postStatus(author, 'with a picture', { media_ids: [inStatus.id] });
    const inStory = await uploadMedia(author);
    await posted(author, { media_id: inStory.id });
    const audio = await uploadMedia(author, f.mp3Id3());
    for (const id of [theirs.id, inStatus.id, inStory.id, audio.id, '117000000000000099']) {
      const res = await story(author, { media_id: id });
      expect(res.status, id).toBe(422);
      expect((await json(res)).details.media_id).toBeDefined();
    }
    expect(await count('stories', 'account_id = ?', author.id)).toBe(1);
  });
});

describe('who sees stories', () => {
  it('shows them to followers and the author, not to others', async () => {
    const { author, follower, stranger } = await cast();
    const s = await posted(author, { text: 'for my followers' });
    expect((await call(`/api/v1/stories/${s.id}`, { token: follower.token })).status).toBe(200);
    expect((await call(`/api/v1/stories/${s.id}`, { token: author.token })).status).toBe(200);
    expect((await call(`/api/v1/stories/${s.id}`, { token: stranger.token })).status).toBe(404);
    expect((await view(stranger, s.id)).status).toBe(404);
    expect(await feed(stranger)).toEqual([]);
    expect(await json(await call(`/api/v1/accounts/${author.id}/stories`, { token: stranger.token }))).toEqual([]);
    const theirs = await json<Array<{ id: string }>>(await call(`/api/v1/accounts/${author.id}/stories`, { token: follower.token }));
    expect(theirs.map((x) => x.id)).toEqual([s.id]);
    expect((await call('/api/v1/accounts/117000000000000099/stories', { token: follower.token })).status).toBe(404);
  });

  it('hides them when either blocks the other, even with a follow row left over', async () => {
    for (const direction of ['author blocks', 'viewer blocks'] as const) {
      const { author, follower } = await cast();
      const s = await posted(author, { text: 'blocked' });
      const [blocker, blocked] = direction === 'author blocks' ? [author, follower] : [follower, author];
      expect((await call(`/api/v1/accounts/${blocked.id}/block`, { method: 'POST', token: blocker.token })).status).toBe(200);
      await relate('follows', follower.id, author.id);
      expect((await call(`/api/v1/stories/${s.id}`, { token: follower.token })).status, direction).toBe(404);
      expect((await view(follower, s.id)).status, direction).toBe(404);
      expect(await feed(follower), direction).toEqual([]);
      expect((await call(`/api/v1/accounts/${author.id}/stories`, { token: follower.token })).status, direction).toBe(404);
    }
  });

  it('never returns an expired story', async () => {
    const { author, follower } = await cast();
    const s = await posted(author, { text: 'old news' });
    await expire(s.id);
    for (const user of [author, follower]) {
      expect((await call(`/api/v1/stories/${s.id}`, { token: user.token })).status).toBe(404);
      expect(await feed(user)).toEqual([]);
      expect(await json(await call(`/api/v1/accounts/${author.id}/stories`, { token: user.token }))).toEqual([]);
    }
    expect((await view(follower, s.id)).status).toBe(404);
    expect((await call(`/api/v1/stories/${s.id}/viewers`, { token: author.token })).status).toBe(404);
  });
});

describe('the stories feed', () => {
  it('puts you first, then accounts with unseen stories, then fully seen ones; stories oldest first', async () => {
    const [me, seenAll, unseen, muted, notFollowed] = await Promise.all([signUp(), signUp(), signUp(), signUp(), signUp()]);
    for (const target of [seenAll, unseen, muted]) await relate('follows', me.id, target.id);
    await relate('mutes', me.id, muted.id);
    const first = await posted(unseen, { text: 'unseen 1' });
    const second = await posted(unseen, { text: 'unseen 2' });
    const watched = await posted(seenAll, { text: 'seen' });
    await posted(muted, { text: 'muted' });
    await posted(notFollowed, { text: 'not followed' });
    const mine = await posted(me, { text: 'mine' });
    expect((await view(me, watched.id)).status).toBe(200);
    await view(me, first.id);

    const items = await feed(me);
    expect(items.map((i) => i.account.id)).toEqual([me.id, unseen.id, seenAll.id]);
    expect(items.map((i) => i.has_unseen)).toEqual([false, true, false]);
    expect(items[0]!.stories.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    expect(items[1]!.stories.map((s: { id: string; seen: boolean }) => [s.id, s.seen])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    expect(items[1]!.last_story_at).toBe(second.created_at);
    expect(items[1]!.account).toMatchObject({ username: unseen.username, smile: { type: 'person' } });
  });
});

describe('views and viewers', () => {
  it('counts each viewer once, never the author, and lists viewers newest first to the author only', async () => {
    const { author, follower, stranger } = await cast();
    const second = await signUp();
    await relate('follows', second.id, author.id);
    const s = await posted(author, { text: 'who is watching' });
    const seen = await view(follower, s.id);
    expect(seen.status).toBe(200);
    expect(await json(seen)).toMatchObject({ id: s.id, seen: true, views_count: null });
    await view(follower, s.id);
    await view(author, s.id);
    await view(second, s.id);
    expect(await count('story_views', 'story_id = ?', s.id)).toBe(2);
    expect((await json(await call(`/api/v1/stories/${s.id}`, { token: author.token }))).views_count).toBe(2);

    const res = await call(`/api/v1/stories/${s.id}/viewers`, { token: author.token });
    expect(res.status).toBe(200);
    const viewers = await json<Array<{ account: { id: string }; viewed_at: string }>>(res);
    expect(viewers.map((v) => v.account.id)).toEqual([second.id, follower.id]);
    expect(Date.parse(viewers[0]!.viewed_at)).toBeGreaterThan(Date.now() - 60_000);

    const firstPage = await call(`/api/v1/stories/${s.id}/viewers?limit=1`, { token: author.token });
    expect((await json<Array<{ account: { id: string } }>>(firstPage)).map((v) => v.account.id)).toEqual([second.id]);
    const next = /<([^>]+)>; rel="next"/.exec(firstPage.headers.get('link') ?? '')![1]!;
    const rest = await json<Array<{ account: { id: string } }>>(await call(new URL(next).pathname + new URL(next).search, { token: author.token }));
    expect(rest.map((v) => v.account.id)).toEqual([follower.id]);

    expect((await call(`/api/v1/stories/${s.id}/viewers`, { token: follower.token })).status).toBe(403);
    expect((await call(`/api/v1/stories/${s.id}/viewers`, { token: stranger.token })).status).toBe(404);
  });
});

describe('deleting stories', () => {
  it('lets only the author delete, with its views, media row and R2 object', async () => {
    const { author, follower, stranger } = await cast();
    const image = await uploadMedia(author);
    const s = await posted(author, { media_id: image.id });
    await view(follower, s.id);
    expect((await call(`/api/v1/stories/${s.id}`, { method: 'DELETE', token: follower.token })).status).toBe(403);
    expect((await call(`/api/v1/stories/${s.id}`, { method: 'DELETE', token: stranger.token })).status).toBe(404);
    const res = await call(`/api/v1/stories/${s.id}`, { method: 'DELETE', token: author.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({});
    expect(await count('stories', 'id = ?', s.id)).toBe(0);
    expect(await count('story_views', 'story_id = ?', s.id)).toBe(0);
    expect(await count('media_attachments', 'id = ?', image.id)).toBe(0);
    expect(await env.MEDIA.head(mediaKey(image.url))).toBeNull();
    expect((await call(`/api/v1/stories/${s.id}`, { token: author.token })).status).toBe(404);
  });
});

describe('the cron purge', () => {
  it('deletes expired stories with their views and media, keeps live ones, and never takes a live story’s old upload', async () => {
    const { author, follower } = await cast();
    const [oldImage, liveImage] = [await uploadMedia(author), await uploadMedia(author)];
    const expired = await posted(author, { media_id: oldImage.id });
    const live = await posted(author, { media_id: liveImage.id });
    const text = await posted(author, { text: 'gone soon' });
    await view(follower, expired.id);
    await view(follower, text.id);
    await Promise.all([expire(expired.id), expire(text.id)]);
    // Uploaded more than a day ago, but used by a live story: the abandoned-upload purge keeps it.
    await env.DB.prepare('UPDATE media_attachments SET created_at = ? WHERE id = ?').bind(Date.now() - 25 * 3600 * 1000, liveImage.id).run();
    await runCron();
    for (const id of [expired.id, text.id]) {
      expect(await count('stories', 'id = ?', id)).toBe(0);
      expect(await count('story_views', 'story_id = ?', id)).toBe(0);
    }
    expect(await count('media_attachments', 'id = ?', oldImage.id)).toBe(0);
    expect(await env.MEDIA.head(mediaKey(oldImage.url))).toBeNull();
    expect(await count('stories', 'id = ?', live.id)).toBe(1);
    expect(await count('media_attachments', 'id = ?', liveImage.id)).toBe(1);
    expect(await env.MEDIA.head(mediaKey(liveImage.url))).not.toBeNull();
  });
});
