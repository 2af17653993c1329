/** Showing, editing, serving, attaching and purging media; who may do what. */
import { createExecutionContext, env } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import { describe, expect, it } from 'vitest';
import { asc, inArray } from 'drizzle-orm';
import { attachMedia } from '../../workers/api/media/media.service';
import { mediaAttachments } from '../../workers/api/db/media';
import { runScheduled } from '../../workers/cron';
import { call, count, json, mediaKey, scopedToken, signUp, type TestUser, uploadMedia } from './helpers';
import * as f from './media-fixtures';

const db = drizzle(env.DB);
const batch = (items: BatchItem<'sqlite'>[]) => db.batch(items as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);

const uploaded = (user: TestUser, file: Uint8Array = f.gif(4, 4)) => uploadMedia(user, file);
const keyOf = mediaKey;

describe('GET and PUT /api/v1/media/:id', () => {
  it('shows and updates your own unattached media', async () => {
    const user = await signUp();
    const media = await uploaded(user);
    expect(await json(await call(`/api/v1/media/${media.id}`, { token: user.token }))).toEqual(media);
    const res = await call(`/api/v1/media/${media.id}`, { method: 'PUT', token: user.token, form: { description: 'Alt text', focus: '-1,1' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: media.id, description: 'Alt text', meta: { original: { width: 4, height: 4 }, focus: { x: -1, y: 1 } } });
    const cleared = await json(await call(`/api/v1/media/${media.id}`, { method: 'PUT', token: user.token, json: { description: '' } }));
    expect(cleared).toMatchObject({ description: null, meta: { focus: { x: -1, y: 1 } } });
  });

  it('replaces the thumbnail under a new URL and removes the old one', async () => {
    const user = await signUp();
    const media = await uploaded(user, f.mp4());
    const put = (file: Uint8Array) => {
      const fd = new FormData();
      fd.set('thumbnail', new File([file as Uint8Array<ArrayBuffer>], 't.bin'));
      return call(`/api/v1/media/${media.id}`, { method: 'PUT', token: user.token, multipart: fd });
    };
    const first = await json(await put(await f.png(4, 4, () => [0, 128, 0, 255])));
    expect(first.preview_url).toMatch(/-thumbnail-\d+\.png$/);
    expect(first.blurhash).toMatch(/^U/);
    const second = await json(await put(f.jpeg(10, 10)));
    expect(second.preview_url).not.toBe(first.preview_url);
    expect(second.blurhash).toBe(first.blurhash);
    expect(await env.MEDIA.head(keyOf(first.preview_url))).toBeNull();
    expect((await call(new URL(second.preview_url).pathname)).headers.get('content-type')).toBe('image/jpeg');
    const refused = await put(f.mp4());
    expect(refused.status).toBe(422);
    expect((await json(refused)).details.thumbnail[0].error).toBe('ERR_UNSUPPORTED_TYPE');
  });

  it('validates updates', async () => {
    const user = await signUp();
    const media = await uploaded(user);
    const res = await call(`/api/v1/media/${media.id}`, { method: 'PUT', token: user.token, json: { description: 'x'.repeat(1501), focus: '0,2' } });
    expect(res.status).toBe(422);
    expect(Object.keys((await json(res)).details).sort()).toEqual(['description', 'focus']);
  });

  it("answers 404 for another account's media, unknown ids and media already attached to a status", async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const media = await uploaded(owner);
    expect((await call(`/api/v1/media/${media.id}`, { token: other.token })).status).toBe(404);
    expect((await call(`/api/v1/media/${media.id}`, { method: 'PUT', token: other.token, json: { description: 'mine now' } })).status).toBe(404);
    expect((await call('/api/v1/media/117000000000000000', { token: owner.token })).status).toBe(404);
    await batch(await attachMedia(db, owner.id, '117000000000000001', [media.id]));
    expect((await call(`/api/v1/media/${media.id}`, { token: owner.token })).status).toBe(404);
    expect((await call(`/api/v1/media/${media.id}`, { method: 'PUT', token: owner.token, json: { description: 'late' } })).status).toBe(404);
  });

  it('needs a token with write:media: none is 401, a read-only one is 403', async () => {
    const user = await signUp();
    const media = await uploaded(user);
    const fd = new FormData();
    fd.set('file', new File([f.gif(1, 1)], 'a.gif'));
    expect((await call('/api/v2/media', { multipart: fd })).status).toBe(401);
    const readOnly = await scopedToken(user, 'read');
    expect((await call('/api/v2/media', { token: readOnly, multipart: fd })).status).toBe(403);
    expect((await call(`/api/v1/media/${media.id}`, { token: readOnly })).status).toBe(403);
    const mediaOnly = await scopedToken(user, 'write:media');
    expect((await call(`/api/v1/media/${media.id}`, { token: mediaOnly })).status).toBe(200);
  });
});

describe('serving media from /media/*', () => {
  it('serves a video with byte ranges (206) and answers HEAD with its length', async () => {
    const user = await signUp();
    const video = f.padded(f.mp4(), 4096);
    const media = await uploaded(user, video);
    const path = new URL(media.url).pathname;
    const part = await call(path, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/4096');
    expect(part.headers.get('content-type')).toBe('video/mp4');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.slice(100, 200));
    const head = await call(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('4096');
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(await head.text()).toBe('');
  });
});

describe('the service the statuses module calls', () => {
  it('attaches media in order and lists them per status', async () => {
    const user = await signUp();
    const [a, b] = [await uploaded(user), await uploaded(user, f.mp4())];
    await batch(await attachMedia(db, user.id, '117000000000000010', [b.id, a.id]));
    const rows = await db.select().from(mediaAttachments).where(inArray(mediaAttachments.statusId, ['117000000000000010', '117000000000000011'])).orderBy(asc(mediaAttachments.statusId), asc(mediaAttachments.position));
    expect(rows.map((m) => [m.statusId, m.id])).toEqual([['117000000000000010', b.id], ['117000000000000010', a.id]]);
    // An edit of the same status may keep its media.
    await batch(await attachMedia(db, user.id, '117000000000000010', [a.id]));
  });

  it("refuses unknown, other accounts' and already attached media with 422 on media_ids", async () => {
    const [user, other] = await Promise.all([signUp(), signUp()]);
    const mine = await uploaded(user);
    const theirs = await uploaded(other);
    for (const ids of [['117000000000000099'], [theirs.id], [mine.id, mine.id]]) {
      await expect(attachMedia(db, user.id, '117000000000000020', ids)).rejects.toMatchObject({ status: 422, details: { media_ids: [expect.anything()] } });
    }
    await batch(await attachMedia(db, user.id, '117000000000000021', [mine.id]));
    await expect(attachMedia(db, user.id, '117000000000000022', [mine.id])).rejects.toMatchObject({ status: 422 });
  });

  it('fails the whole batch when a concurrent post claimed the media first', async () => {
    const user = await signUp();
    const media = await uploaded(user);
    const first = await attachMedia(db, user.id, '117000000000000030', [media.id]);
    const second = await attachMedia(db, user.id, '117000000000000031', [media.id]);
    await batch(first);
    await expect(batch(second)).rejects.toThrow();
    expect(await count('media_attachments', 'id = ? AND status_id = ?', media.id, '117000000000000030')).toBe(1);
  });
});

describe('housekeeping', () => {
  it('purges uploads left unattached for a day, from D1 and R2, and keeps the rest', async () => {
    const user = await signUp();
    const [old, fresh, posted] = [await uploaded(user), await uploaded(user), await uploaded(user)];
    const dayAgo = Date.now() - 25 * 3600 * 1000;
    await env.DB.prepare('UPDATE media_attachments SET created_at = ? WHERE id IN (?, ?)').bind(dayAgo, old.id, posted.id).run();
    await batch(await attachMedia(db, user.id, '117000000000000040', [posted.id]));
    await runScheduled({ cron: '*/5 * * * *', scheduledTime: Date.now(), noRetry: () => {} }, env, createExecutionContext());
    expect(await count('media_attachments', 'id = ?', old.id)).toBe(0);
    expect(await env.MEDIA.head(keyOf(old.url))).toBeNull();
    for (const kept of [fresh, posted]) {
      expect(await count('media_attachments', 'id = ?', kept.id)).toBe(1);
      expect(await env.MEDIA.head(keyOf(kept.url))).not.toBeNull();
    }
  });
});
