import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../workers/index';
import { describe, expect, it } from 'vitest';
import { call, count, eventually, json, mediaKey, relate, signUp, unique, uploadMedia } from './helpers';
import { getChat, sendMessage, startChat } from './chat.helpers';

describe('chats: create, list, members', () => {
  it('lists my chats newest activity first with unread counts that a read receipt drops', async () => {
    const [ann, bob, cat] = await Promise.all([signUp(), signUp(), signUp()]);
    const first = await startChat(ann, [bob.id]);
    expect(first.kind).toBe('direct');
    expect(first.members.map((m: any) => m.account.id).sort()).toEqual([ann.id, bob.id].sort());
    const group = await startChat(ann, [bob.id, cat.id], 'Team');
    expect(group).toMatchObject({ kind: 'group', title: 'Team', owner_id: ann.id, unread_count: 0, last_message: null });

    await sendMessage(bob, first.id, 'one');
    const last = await sendMessage(bob, first.id, 'two');
    const list = await eventually(
      async () => json<any[]>(await call('/api/v1/chats', { token: ann.token })),
      (l) => l[0]?.id === first.id && l[0].unread_count === 2,
    );
    expect(list.map((c) => c.id)).toEqual([first.id, group.id]);
    expect(list[0].last_message).toMatchObject({ id: last.id, text: 'two', account_id: bob.id });
    // The sender has read their own messages.
    expect((await getChat(bob, first.id)).unread_count).toBe(0);

    const read = await call(`/api/v1/chats/${first.id}/read`, { token: ann.token, json: { message_id: last.id } });
    expect(read.status).toBe(200);
    expect((await json(read)).unread_count).toBe(0);

    const paged = await call(`/api/v1/chats?limit=1`, { token: ann.token });
    expect((await json<any[]>(paged)).map((c) => c.id)).toEqual([first.id]);
    const next = /<([^>]+)>; rel="next"/.exec(paged.headers.get('link') ?? '')![1]!;
    expect((await json<any[]>(await call(new URL(next).pathname + new URL(next).search, { token: ann.token }))).map((c) => c.id)).toEqual([group.id]);
  });

  it('keeps one direct chat per pair', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const first = await startChat(ann, [bob.id]);
    const again = await call('/api/v1/chats', { token: bob.token, json: { account_ids: [ann.id] } });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(first.id);
  });

  it("refuses people whose dm_policy or blocks do not allow it (403), and private agents", async () => {
    const [ann, picky, closed, blocker] = await Promise.all([signUp(), signUp(), signUp(), signUp()]);
    await setDmPolicy(closed, 'nobody');
    await setDmPolicy(picky, 'following');
    const refused = await call('/api/v1/chats', { token: ann.token, json: { account_ids: [picky.id] } });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toMatch(/only accepts messages from accounts they follow/);
    await relate('follows', picky.id, ann.id);
    const allowed = await call('/api/v1/chats', { token: ann.token, json: { account_ids: [picky.id] } });
    expect(allowed.status, await allowed.clone().text()).toBe(201);
    expect((await call('/api/v1/chats', { token: ann.token, json: { account_ids: [closed.id] } })).status).toBe(403);

    const chat = await startChat(ann, [blocker.id]);
    await relate('blocks', blocker.id, ann.id);
    const blocked = await call('/api/v1/chats', { token: ann.token, json: { account_ids: [blocker.id], title: 'x' } });
    expect(blocked.status).toBe(403);
    expect((await json(blocked)).error).toMatch(/blocked/);
    // Sending in the existing direct chat stops too.
    const send = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'c1', text: 'hello?' } });
    expect(send.status).toBe(403);
  });

  it('is for members only: 403 for others, 404 for unknown chats', async () => {
    const [ann, bob, eve] = await Promise.all([signUp(), signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    expect((await call(`/api/v1/chats/${chat.id}`, { token: eve.token })).status).toBe(403);
    expect((await call(`/api/v1/chats/${chat.id}/messages`, { token: eve.token })).status).toBe(403);
    expect((await call(`/api/v1/chats/${chat.id}/messages`, { token: eve.token, json: { client_id: 'x', text: 'hi' } })).status).toBe(403);
    expect((await call(`/api/v1/chats/123456789`, { token: eve.token })).status).toBe(404);
    expect((await call(`/api/v1/chats`, {})).status).toBe(401);
  });

  it('renames, invites, removes (owner only) and leaves a group; caps it at 100', async () => {
    const [ann, bob, cat, dan] = await Promise.all([signUp(), signUp(), signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id], 'Old');
    const renamed = await call(`/api/v1/chats/${chat.id}`, { method: 'PATCH', token: bob.token, json: { title: 'New' } });
    expect((await json(renamed)).title).toBe('New');
    const invited = await json(await call(`/api/v1/chats/${chat.id}/members`, { token: bob.token, json: { account_ids: [cat.id, dan.id] } }));
    expect(invited.members).toHaveLength(4);
    expect((await call(`/api/v1/chats/${chat.id}/members/${cat.id}`, { method: 'DELETE', token: bob.token })).status).toBe(403);
    const removed = await json(await call(`/api/v1/chats/${chat.id}/members/${cat.id}`, { method: 'DELETE', token: ann.token }));
    expect(removed.members.map((m: any) => m.account.id)).not.toContain(cat.id);
    expect((await call(`/api/v1/chats/${chat.id}`, { token: cat.token })).status).toBe(403);
    expect((await call(`/api/v1/chats/${chat.id}/leave`, { method: 'POST', token: ann.token })).status).toBe(200);
    const after = await getChat(bob, chat.id);
    expect(after.owner_id).not.toBe(ann.id);
    expect(after.members.find((m: any) => m.role === 'owner')).toBeTruthy();

    const ids = Array.from({ length: 100 }, (_, i) => String(900000000000000000n + BigInt(i)));
    const capped = await call(`/api/v1/chats/${chat.id}/members`, { token: bob.token, json: { account_ids: ids } });
    expect(capped.status).toBe(422);
    // Direct chats cannot be renamed.
    const direct = await startChat(ann, [bob.id]);
    expect((await call(`/api/v1/chats/${direct.id}`, { method: 'PATCH', token: ann.token, json: { title: 'x' } })).status).toBe(422);
  });

  it('a group of 100: created with 99 others at once, and filled up to 100 by one invitation', async () => {
    const ann = await signUp();
    const stamp = unique('crowd');
    const ids = Array.from({ length: 99 }, (_, i) => String(800000000000000000n + BigInt(Date.now() % 1_000_000) * 1000n + BigInt(i)));
    await env.DB.batch(ids.map((id, i) => env.DB.prepare('INSERT INTO accounts (id, username) VALUES (?, ?)').bind(id, `${stamp}${i}`)));
    const full = await call('/api/v1/chats', { token: ann.token, json: { account_ids: ids, title: 'Everyone' } });
    expect(full.status, await full.clone().text()).toBe(201);
    expect((await json(full)).members).toHaveLength(100);
    const small = await startChat(ann, [ids[0]!], 'Few');
    const filled = await call(`/api/v1/chats/${small.id}/members`, { token: ann.token, json: { account_ids: ids.slice(1) } });
    expect(filled.status, await filled.clone().text()).toBe(200);
    expect((await json(filled)).members).toHaveLength(100);
  });

  it('attaches the sender\'s own upload to a message; a status cannot take it, nor the abandoned-upload purge a day later', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id], 'Pictures');
    const image = await uploadMedia(ann);
    const sent = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'pic-1', text: 'look', media_ids: [image.id] } });
    expect(sent.status, await sent.clone().text()).toBe(201);
    expect((await json(sent)).media_attachments.map((m: any) => m.id)).toEqual([image.id]);
    expect((await call('/api/v1/statuses', { token: ann.token, json: { status: 'mine too', media_ids: [image.id] } })).status).toBe(422);
    const other = await uploadMedia(bob);
    expect((await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'pic-2', media_ids: [other.id] } })).status).toBe(422);

    await env.DB.prepare('UPDATE media_attachments SET created_at = ? WHERE id = ?').bind(Date.now() - 25 * 3600 * 1000, image.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count('media_attachments', 'id = ?', image.id)).toBe(1);
    expect(await env.MEDIA.head(mediaKey(image.url))).not.toBeNull();
  });

  it('mutes and unmutes', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    expect((await json(await call(`/api/v1/chats/${chat.id}/mute`, { method: 'POST', token: ann.token }))).muted).toBe(true);
    expect((await getChat(bob, chat.id)).muted).toBe(false);
    expect((await json(await call(`/api/v1/chats/${chat.id}/unmute`, { method: 'POST', token: ann.token }))).muted).toBe(false);
  });
});

async function setDmPolicy(user: { token: string }, policy: string) {
  const res = await call('/api/v1/settings/privacy', { method: 'PATCH', token: user.token, json: { dm_policy: policy } });
  if (res.status !== 200) throw new Error(`privacy: ${res.status} ${await res.text()}`);
}
