import { describe, expect, it } from 'vitest';
import { call, eventually, json, relate, signUp } from './helpers';
import { goLive, upgrade } from './live.helpers';

describe('live streams: REST', () => {
  it('goes live, shows the stream to followers and the owner, and ends it', async () => {
    const owner = await signUp();
    const fan = await signUp();
    const stranger = await signUp();
    await relate('follows', fan.id, owner.id);
    const stream = await goLive(owner, { title: '  Cooking show ', visibility: 'unlisted' });
    expect(stream).toMatchObject({ title: 'Cooking show', visibility: 'unlisted', state: 'live', viewer_count: 0, ended_at: null, replay_url: null, account: { id: owner.id } });
    expect(stream.watch_url).toBe(`ws://127.0.0.1:8787/api/v1/live/${stream.id}/watch`);

    const listOf = async (token: string) => (await json<Record<string, any>[]>(await call('/api/v1/live', { token }))).map((s) => s.id);
    expect(await listOf(fan.token)).toContain(stream.id);
    expect(await listOf(owner.token)).toContain(stream.id);
    expect(await listOf(stranger.token)).not.toContain(stream.id);
    expect((await json(await call(`/api/v1/live/${stream.id}`))).title).toBe('Cooking show');

    const ended = await json(await call(`/api/v1/live/${stream.id}/end`, { method: 'POST', token: owner.token }));
    expect(ended.state).toBe('ended');
    expect(ended.ended_at).not.toBeNull();
    expect(ended.replay_url).toBeNull();
    expect(await listOf(fan.token)).not.toContain(stream.id);
    // Ending again changes nothing.
    expect((await call(`/api/v1/live/${stream.id}/end`, { method: 'POST', token: owner.token })).status).toBe(200);
  });

  it('validates the title and visibility', async () => {
    const owner = await signUp();
    const blank = await call('/api/v1/live', { token: owner.token, json: { title: ' ' } });
    expect(blank.status).toBe(422);
    expect((await json(blank)).details.title).toBeDefined();
    expect((await call('/api/v1/live', { token: owner.token, json: { title: 'x'.repeat(101) } })).status).toBe(422);
    expect((await call('/api/v1/live', { token: owner.token, json: { title: 'ok', visibility: 'direct' } })).status).toBe(422);
    expect((await call('/api/v1/live', { json: { title: 'ok' } })).status).toBe(401);
  });

  it("refuses to end someone else's stream with 403, and an unknown one with 404", async () => {
    const owner = await signUp();
    const other = await signUp();
    const stream = await goLive(owner);
    const res = await call(`/api/v1/live/${stream.id}/end`, { method: 'POST', token: other.token });
    expect(res.status).toBe(403);
    expect((await json(await call(`/api/v1/live/${stream.id}`))).state).toBe('live');
    expect((await call('/api/v1/live/123456789/end', { method: 'POST', token: other.token })).status).toBe(404);
  });

  it('keeps a private stream to followers, and hides any stream across a block', async () => {
    const owner = await signUp();
    const fan = await signUp();
    const stranger = await signUp();
    const blocked = await signUp();
    await relate('follows', fan.id, owner.id);
    await relate('follows', blocked.id, owner.id);
    await relate('blocks', owner.id, blocked.id);
    const stream = await goLive(owner, { title: 'Friends only', visibility: 'private' });
    expect((await call(`/api/v1/live/${stream.id}`, { token: fan.token })).status).toBe(200);
    expect((await call(`/api/v1/live/${stream.id}`, { token: stranger.token })).status).toBe(403);
    expect((await call(`/api/v1/live/${stream.id}`)).status).toBe(403);
    expect((await call(`/api/v1/live/${stream.id}`, { token: blocked.token })).status).toBe(404);
    expect((await upgrade(`/api/v1/live/${stream.id}/watch`, stranger.token)).status).toBe(403);
    expect((await upgrade(`/api/v1/live/${stream.id}/watch`)).status).toBe(403);
    expect((await upgrade(`/api/v1/live/${stream.id}/watch`, blocked.token)).status).toBe(404);
    const list = await json<Record<string, any>[]>(await call('/api/v1/live', { token: blocked.token }));
    expect(list.map((s) => s.id)).not.toContain(stream.id);
  });

  it('refuses the broadcast socket to anyone but the owner, before the upgrade', async () => {
    const owner = await signUp();
    const other = await signUp();
    const stream = await goLive(owner);
    expect((await upgrade(`/api/v1/live/${stream.id}/broadcast`, other.token)).status).toBe(403);
    expect((await upgrade(`/api/v1/live/${stream.id}/broadcast`)).status).toBe(401);
    expect((await upgrade(`/api/v1/live/${stream.id}/broadcast`, 'nonsense')).status).toBe(401);
    expect((await upgrade('/api/v1/live/123456789/watch')).status).toBe(404);
    expect((await call(`/api/v1/live/${stream.id}/watch`)).status).toBe(400);
  });

  it('notifies followers (not blocked ones) when a stream starts, with the stream in the notification', async () => {
    const owner = await signUp();
    const fans = [await signUp(), await signUp()];
    const blocked = await signUp();
    for (const f of [...fans, blocked]) await relate('follows', f.id, owner.id);
    await relate('blocks', owner.id, blocked.id);
    const stream = await goLive(owner, { title: 'Hello followers' });
    for (const fan of fans) {
      const notes = await eventually(
        async () => json<Record<string, any>[]>(await call('/api/v1/notifications?types[]=live', { token: fan.token })),
        (n) => n.length > 0,
      );
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ type: 'live', account: { id: owner.id }, live_stream: { id: stream.id, title: 'Hello followers', state: 'live' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await json(await call('/api/v1/notifications', { token: blocked.token }))).toEqual([]);
    expect(await json(await call('/api/v1/notifications', { token: owner.token }))).toEqual([]);
    const excluded = await json<unknown[]>(await call('/api/v1/notifications?exclude_types[]=live', { token: fans[0]!.token }));
    expect(excluded).toEqual([]);
  });
});
