import { describe, expect, it } from 'vitest';
import { LIVE } from '../../shared/constants';
import { concatBytes } from '../../workers/api/lib/bytes';
import { call, eventually, json, signUp } from './helpers';
import { chunk, goLive, openLive } from './live.helpers';


const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).join(',');

describe('live streams: sockets', () => {
  it('relays the init segment and every chunk, in order, to every viewer', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewers = await Promise.all([openLive(stream.id, 'watch'), openLive(stream.id, 'watch', owner.token), openLive(stream.id, 'watch')]);
    await broadcaster.next((f) => f.type === 'viewers' && f.count === 3);
    const sent = Array.from({ length: 30 }, (_, i) => chunk(i, 100 + i));
    for (const c of sent) broadcaster.send(c);
    for (const v of viewers) expect(await v.chunksReach(30)).toEqual(sent);
    broadcaster.ws.close();
  });

  it('gives a late joiner the init segment first, then the stream from the moment it joined', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const early = await openLive(stream.id, 'watch');
    for (let i = 0; i < 5; i++) broadcaster.send(chunk(i));
    await early.chunksReach(5);
    const late = await openLive(stream.id, 'watch');
    await broadcaster.next((f) => f.type === 'viewers' && f.count === 2);
    for (let i = 5; i < 8; i++) broadcaster.send(chunk(i));
    expect(await late.chunksReach(4)).toEqual([chunk(0), chunk(5), chunk(6), chunk(7)]);
    expect(await early.chunksReach(8)).toHaveLength(8);
  });

  it('sends the viewer count on every join and leave, and writes it to the stream', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    expect((await broadcaster.next((f) => f.type === 'viewers')).count).toBe(0);
    const a = await openLive(stream.id, 'watch');
    expect((await a.next((f) => f.type === 'viewers')).count).toBe(1);
    const b = await openLive(stream.id, 'watch');
    await broadcaster.next((f) => f.type === 'viewers' && f.count === 2);
    await eventually(async () => (await json(await call(`/api/v1/live/${stream.id}`))).viewer_count, (n) => n === 2);
    b.ws.close();
    await a.next((f) => f.type === 'viewers' && f.count === 1);
  });

  it('relays chat and reactions to the whole room, broadcaster included; anonymous viewers only watch', async () => {
    const owner = await signUp();
    const fan = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewer = await openLive(stream.id, 'watch', fan.token);
    const anonymous = await openLive(stream.id, 'watch');
    viewer.send({ type: 'chat', text: ' hello there ' });
    for (const s of [broadcaster, viewer, anonymous]) {
      const chat = await s.next((f) => f.type === 'chat');
      expect(chat.message).toMatchObject({ account_id: fan.id, text: 'hello there', account: { id: fan.id, acct: fan.username } });
      expect(chat.message.id).toMatch(/^\d+$/);
    }
    broadcaster.send({ type: 'react', emoji: '🔥' });
    expect(await viewer.next((f) => f.type === 'reaction')).toEqual({ type: 'reaction', emoji: '🔥', account_id: owner.id });
    anonymous.send({ type: 'chat', text: 'me too' });
    expect((await anonymous.next((f) => f.type === 'error')).status).toBe(401);
  });

  it('answers malformed, oversized and refused frames with an error frame, and the socket keeps working', async () => {
    const owner = await signUp();
    const fan = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewer = await openLive(stream.id, 'watch', fan.token);
    const errors = () => viewer.frames.filter((f) => f.type === 'error');
    viewer.send('{not json');
    viewer.send({ type: 'shout', text: 'x' });
    viewer.send({ type: 'chat', text: '' });
    viewer.send({ type: 'react', emoji: 'abc' });
    viewer.send({ type: 'chat', text: 'x'.repeat(LIVE.textFrameMaxBytes + 1) });
    viewer.send(chunk(1));
    await eventually(async () => errors(), (e) => e.length === 6);
    expect(errors().map((e) => e.status)).toEqual([400, 400, 400, 400, 413, 403]);
    broadcaster.send(new Uint8Array(LIVE.chunkMaxBytes + 1));
    expect((await broadcaster.next((f) => f.type === 'error')).status).toBe(413);
    viewer.send({ type: 'chat', text: 'still here' });
    expect((await broadcaster.next((f) => f.type === 'chat')).message.text).toBe('still here');
    broadcaster.send(chunk(9));
    expect(await viewer.chunksReach(1)).toEqual([chunk(9)]);
  });

  it('rate-limits a chat flood with 429 error frames', async () => {
    const owner = await signUp();
    const fan = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewer = await openLive(stream.id, 'watch', fan.token);
    for (let i = 0; i < LIVE.chatPerWindow + 3; i++) viewer.send({ type: 'chat', text: `msg ${i}` });
    const limited = await eventually(async () => viewer.frames.filter((f) => f.type === 'error'), (e) => e.length === 3);
    expect(limited.every((e) => e.status === 429)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(broadcaster.frames.filter((f) => f.type === 'chat')).toHaveLength(LIVE.chatPerWindow);
  });

  it('refuses chat that moderation rejects', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const viewer = await openLive(stream.id, 'watch', owner.token);
    viewer.send({ type: 'chat', text: 'buy now http://a.example http://b.example http://c.example http://d.example http://e.example http://f.example http://g.example http://h.example http://i.example http://j.example http://k.example' });
    expect((await viewer.next((f) => f.type === 'error')).status).toBe(422);
  });

  it('ends: viewers get ended with the replay URL, sockets close, and the replay is exactly the broadcast bytes', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewer = await openLive(stream.id, 'watch');
    const sent = Array.from({ length: 12 }, (_, i) => chunk(i, 1000 + i));
    for (const c of sent) broadcaster.send(c);
    await viewer.chunksReach(12);
    const notYet = await call(`/api/v1/live/${stream.id}/replay`);
    expect(notYet.status).toBe(404);
    const ended = await json(await call(`/api/v1/live/${stream.id}/end`, { method: 'POST', token: owner.token }));
    expect(ended.replay_url).toBe(`http://127.0.0.1:8787/api/v1/live/${stream.id}/replay`);
    expect(await viewer.next((f) => f.type === 'ended')).toEqual({ type: 'ended', replay_url: ended.replay_url });
    await viewer.closed;
    await broadcaster.closed;

    const replay = await call(`/api/v1/live/${stream.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('content-type')).toBe('video/webm');
    expect(new Uint8Array(await replay.arrayBuffer())).toEqual(concatBytes(...sent));
    const range = await call(`/api/v1/live/${stream.id}/replay`, { headers: { range: 'bytes=1000-1001' } });
    expect(range.status).toBe(206);
    expect([...new Uint8Array(await range.arrayBuffer())]).toEqual([1, 1]);
    expect((await call(`/api/v1/live/${stream.id}/watch`, { headers: { upgrade: 'websocket' } })).status).toBe(410);
    expect((await call(`/media/live/${stream.id}.webm`)).status).toBe(404);
  });

  it('records in 5 MiB parts as it goes, and the replay is still every byte in order', async () => {
    const owner = await signUp();
    const stream = await goLive(owner);
    const broadcaster = await openLive(stream.id, 'broadcast', owner.token);
    const viewer = await openLive(stream.id, 'watch');
    const sent = Array.from({ length: 13 }, (_, i) => chunk(i, 512 * 1024));
    for (const c of sent) broadcaster.send(c);
    await viewer.chunksReach(13, 20_000);
    await call(`/api/v1/live/${stream.id}/end`, { method: 'POST', token: owner.token });
    const replay = new Uint8Array(await (await call(`/api/v1/live/${stream.id}/replay`)).arrayBuffer());
    expect(replay.length).toBe(13 * 512 * 1024);
    // A digest rather than a deep equal: comparing 6.5 MB element by element takes minutes.
    expect(await sha256(replay)).toBe(await sha256(concatBytes(...sent)));
  });
});
