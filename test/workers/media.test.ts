import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PNG_1X1, call, count, json, scopedToken, signUp, type TestUser } from './helpers';
import * as f from './media-fixtures';

const BLURHASH_4X4 = /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{36}$/;

function form(file: Uint8Array | null, name = 'upload.bin', extra: Record<string, string | File> = {}): FormData {
  const fd = new FormData();
  if (file) fd.set('file', new File([file as Uint8Array<ArrayBuffer>], name, { type: 'application/octet-stream' }));
  for (const [k, v] of Object.entries(extra)) fd.set(k, v);
  return fd;
}

const upload = (user: TestUser, fd: FormData, version = 'v2') => call(`/api/${version}/media`, { token: user.token, multipart: fd });
const objects = async (user: TestUser) => (await env.MEDIA.list({ prefix: `attachments/${user.id}/` })).objects.map((o) => o.key);
const keyOf = (url: string) => new URL(url).pathname.replace('/media/', '');

describe('POST /api/v2/media: images', () => {
  it('stores a PNG, reads its size from the header and computes its blurhash', async () => {
    const user = await signUp();
    const png = await f.png(48, 32, (x, y) => [x * 5, y * 8, 128, 255]);
    const res = await upload(user, form(png, 'cat.txt', { description: 'A gradient', focus: '0.5,-0.25' }));
    expect(res.status).toBe(200);
    const media = await json(res);
    expect(media).toMatchObject({ type: 'image', remote_url: null, description: 'A gradient', meta: { original: { width: 48, height: 32, size: '48x32', aspect: 1.5 }, focus: { x: 0.5, y: -0.25 } } });
    expect(media.id).toMatch(/^\d{18}$/);
    expect(media.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8787/media/attachments/${user.id}/${media.id}\\.png$`));
    expect(media.preview_url).toBe(media.url);
    expect(media.blurhash).toMatch(BLURHASH_4X4);
    const served = await call(new URL(media.url).pathname);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect(await count('media_attachments', 'id = ? AND account_id = ? AND status_id IS NULL', media.id, user.id)).toBe(1);
  });

  it('encodes the average colour of a PNG as the blurhash DC component', async () => {
    const user = await signUp();
    const media = await json(await upload(user, form(await f.png(8, 8, () => [255, 0, 0, 255]))));
    const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';
    const base83 = (s: string) => [...s].reduce((n, ch) => n * 83 + DIGITS.indexOf(ch), 0);
    // Character 0 is the size flag (4×4 components = 3 + 3×9 = 30 = "U"), 2..6 the DC colour.
    expect(media.blurhash[0]).toBe('U');
    expect(base83(media.blurhash.slice(2, 6))).toBe(0xff0000);
  });

  it.each([
    ['JPEG', f.jpeg(640, 480), 'jpg', 640, 480],
    ['GIF (kept an image: no transcoding to gifv)', f.gif(20, 10), 'gif', 20, 10],
    ['WebP VP8X', f.webpVp8x(1000, 750), 'webp', 1000, 750],
    ['WebP VP8L', f.webpVp8l(300, 200), 'webp', 300, 200],
    ['WebP VP8', f.webpVp8(64, 48), 'webp', 64, 48],
    ['AVIF', f.avif(1920, 1080), 'avif', 1920, 1080],
  ])('reads the size of a %s, with no blurhash (no decoder for it)', async (_, bytes, ext, width, height) => {
    const user = await signUp();
    const media = await json(await upload(user, form(bytes, 'photo.png')));
    expect(media).toMatchObject({ type: 'image', blurhash: null, meta: { original: { width, height } } });
    expect(media.url.endsWith(`.${ext}`)).toBe(true);
  });
});

describe('POST /api/v1/media and /api/v2/media: video and audio', () => {
  it.each([
    ['MP4', f.mp4(), 'video', 'video/mp4'],
    ['QuickTime', f.quicktime(), 'video', 'video/quicktime'],
    ['WebM', f.webm(), 'video', 'video/webm'],
    ['MP3 with ID3', f.mp3Id3(), 'audio', 'audio/mpeg'],
    ['MP3 frames', f.mp3Frame(), 'audio', 'audio/mpeg'],
    ['Ogg', f.ogg(), 'audio', 'audio/ogg'],
    ['WAV', f.wav(), 'audio', 'audio/wav'],
    ['M4A', f.m4a(), 'audio', 'audio/mp4'],
  ])('recognises %s from its bytes', async (_, bytes, type, mime) => {
    const user = await signUp();
    for (const version of ['v1', 'v2']) {
      const res = await upload(user, form(bytes, 'clip.png'), version);
      expect(res.status).toBe(200);
      const media = await json(res);
      expect(media).toMatchObject({ type, preview_url: null, blurhash: null, meta: {} });
      expect((await env.MEDIA.head(keyOf(media.url)))?.httpMetadata?.contentType).toBe(mime);
    }
  });

  it('uses an uploaded thumbnail as the preview, and takes the blurhash from it', async () => {
    const user = await signUp();
    const res = await upload(user, form(f.mp4(), 'v.mp4', { thumbnail: new File([PNG_1X1], 'thumb.bin') }));
    const media = await json(res);
    expect(media.preview_url).toMatch(/-thumbnail\.png$/);
    expect(media.blurhash).toMatch(BLURHASH_4X4);
    expect((await call(new URL(media.preview_url).pathname)).status).toBe(200);
    const notImage = await upload(user, form(f.mp4(), 'v.mp4', { thumbnail: new File([f.mp4()], 'thumb.png') }));
    expect(notImage.status).toBe(422);
    expect((await json(notImage)).details.thumbnail[0].error).toBe('ERR_UNSUPPORTED_TYPE');
  });
});

describe('the OpenAPI document', () => {
  it('describes uploads as multipart with a binary file, though the route reads the stream itself', async () => {
    const doc = await json(await call('/api/openapi.json'));
    const op = doc.paths['/api/v2/media'].post;
    expect(Object.keys(op.requestBody.content)[0]).toBe('multipart/form-data');
    expect(doc.components.schemas.MediaUploadBody.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/MediaAttachment' });
    expect(op.security).toEqual([{ OAuth2: ['write:media'] }]);
  });
});
