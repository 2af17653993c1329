/** Large and refused uploads: streaming into R2 multipart uploads, limits, and what stays behind. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, json, signUp, type TestUser } from './helpers';
import * as f from './media-fixtures';

const MiB = 1024 * 1024;
const BOUNDARY = 'smile-test-boundary';
const enc = new TextEncoder();
const objects = async (user: TestUser) => (await env.MEDIA.list({ prefix: `attachments/${user.id}/` })).objects.map((o) => o.key);

/** A multipart body as a stream of 64 KiB chunks, with no Content-Length (as a chunked upload). */
function streamedUpload(file: Uint8Array, fields: Record<string, string> = {}): ReadableStream<Uint8Array> {
  const head = enc.encode(
    Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${BOUNDARY}--\r\n`);
  let at = 0;
  return new ReadableStream({
    start: (c) => c.enqueue(head),
    pull: (c) => {
      if (at >= file.length) {
        c.enqueue(tail);
        c.close();
        return;
      }
      c.enqueue(file.slice(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

const postStream = (user: TestUser, body: ReadableStream<Uint8Array>) =>
  call('/api/v2/media', { token: user.token, body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });

const sha = async (b: ArrayBuffer | Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as ArrayBuffer))].join(',');

describe('streaming uploads', () => {
  it('streams a 12 MiB video without Content-Length into a 3-part R2 multipart upload', async () => {
    const user = await signUp();
    const video = f.padded(f.mp4(), 12 * MiB + 123);
    const res = await postStream(user, streamedUpload(video, { description: 'before the file' }));
    expect(res.status).toBe(200);
    const media = await json(res);
    expect(media).toMatchObject({ type: 'video', description: 'before the file' });
    const object = await env.MEDIA.get(new URL(media.url).pathname.replace('/media/', ''));
    expect(object!.size).toBe(video.length);
    // R2 gives multipart objects an ETag ending in the part count: 5 MiB + 5 MiB + the rest.
    expect(object!.etag).toMatch(/-3$/);
    expect(await sha(await object!.arrayBuffer())).toBe(await sha(video));
  });

  it('streams a 6 MiB PNG sent as an ordinary form, and still reads its size', async () => {
    const user = await signUp();
    const image = f.padded(await f.png(4000, 3000, () => [0, 0, 0, 255]), 6 * MiB);
    const fd = new FormData();
    fd.set('file', new File([image], 'big.png'));
    const media = await json(await call('/api/v2/media', { token: user.token, multipart: fd }));
    expect(media.meta.original).toMatchObject({ width: 4000, height: 3000 });
    // Too big to keep in memory whole, so no blurhash.
    expect(media.blurhash).toBeNull();
    expect((await env.MEDIA.head(new URL(media.url).pathname.replace('/media/', '')))!.etag).toMatch(/-2$/);
  });
});

describe('refused uploads leave nothing behind', () => {
  it('refuses an image over 16 MB with 413, aborting the multipart upload', async () => {
    const user = await signUp();
    const res = await postStream(user, streamedUpload(f.padded(f.gif(10, 10), 16 * MiB + 1)));
    expect(res.status).toBe(413);
    expect((await json(res)).error).toMatch(/file is larger than 16 MB/);
    expect(await objects(user)).toEqual([]);
    expect(await count('media_attachments', 'account_id = ?', user.id)).toBe(0);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const user = await signUp();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) });
    const res = await call('/api/v2/media', { token: user.token, body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(102 * MiB) } });
    expect(res.status).toBe(413);
    // The platform may pull a chunk or two ahead; the handler itself reads nothing.
    expect(pulled).toBeLessThan(10);
  });

  it('accepts a video over 16 MB (its limit is 100 MB)', async () => {
    const user = await signUp();
    const res = await postStream(user, streamedUpload(f.padded(f.webm(), 16 * MiB + 1)));
    expect(res.status).toBe(200);
  });

  it('refuses bytes that are no supported media, whatever the name and type say, with 422', async () => {
    const user = await signUp();
    const fd = new FormData();
    fd.set('file', new File(['<svg onload=alert(1)>'], 'cute.png', { type: 'image/png' }));
    const res = await call('/api/v2/media', { token: user.token, multipart: fd });
    expect(res.status).toBe(422);
    expect((await json(res)).details.file[0].error).toBe('ERR_UNSUPPORTED_TYPE');
    const bigHtml = await postStream(user, streamedUpload(f.padded(f.bytes('<!doctype html>'), 6 * MiB)));
    expect(bigHtml.status).toBe(422);
    expect(await objects(user)).toEqual([]);
  });

  it('validates description and focus after the file arrived, and removes the stored file', async () => {
    const user = await signUp();
    for (const [field, value] of [['description', 'x'.repeat(1501)], ['focus', '1.5,0'], ['focus', 'middle']] as const) {
      const res = await postStream(user, streamedUpload(f.mp4(), { [field]: value }));
      expect(res.status, `${field}=${value.slice(0, 10)}`).toBe(422);
      expect(Object.keys((await json(res)).details)).toEqual([field]);
    }
    expect(await objects(user)).toEqual([]);
  });

  it('needs a file part, multipart, and a well-formed body', async () => {
    const user = await signUp();
    const fd = new FormData();
    fd.set('description', 'no file');
    const missing = await call('/api/v2/media', { token: user.token, multipart: fd });
    expect(missing.status).toBe(422);
    expect((await json(missing)).details.file[0].error).toBe('ERR_BLANK');
    expect((await call('/api/v2/media', { token: user.token, json: { file: 'x' } })).status).toBe(415);
    const truncated = await call('/api/v2/media', { token: user.token, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nGIF89a`, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
    expect(truncated.status).toBe(400);
    expect(await objects(user)).toEqual([]);
  });
});
