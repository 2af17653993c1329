/** Objects of the social core, each built by its owner for the authorization matrix. */
import { env } from 'cloudflare:test';
import { asOwner, type Fixture, type World } from './authorization-matrix';
import { call, eventually, json, postStatus, unique, uploadMedia } from './helpers';
import { goLive } from './live.helpers';


/** A status of the owner's; followers-only and direct texts are secrets outsiders must never see. */
export async function status(w: World, visibility: 'public' | 'private' | 'direct' = 'public', extra: Record<string, unknown> = {}): Promise<Fixture> {
  const text = `${visibility} ${unique('text')} #${unique('tag')}`;
  if (visibility !== 'public') w.secrets.add(text);
  const s = await postStatus(w.owner, text, { visibility, ...extra });
  return { params: { id: s.id, hashtag: s.tags?.[0]?.name ?? '' }, read: asOwner(w, `/api/v1/statuses/${s.id}`) };
}

export const publicStatus = (w: World) => status(w, 'public');
export const privateStatus = (w: World) => status(w, 'private');

/** A followers-only status of the owner's with an emoji reaction of its own, for the reaction endpoints. */
export async function reactedStatus(w: World): Promise<Fixture> {
  const f = await privateStatus(w);
  await call(`/api/v1/statuses/${f.params.id}/reactions/${encodeURIComponent('🎉')}`, { method: 'PUT', token: w.owner.token });
  return { ...f, params: { ...f.params, emoji: '🎉' }, read: asOwner(w, `/api/v1/statuses/${f.params.id}/reactions`) };
}

/** A poll in a followers-only status of the friend's, which the owner follows (authors cannot vote in their own polls). */
export async function followedPoll(w: World): Promise<Fixture> {
  const text = `poll ${unique('text')}`;
  w.secrets.add(text);
  await call(`/api/v1/accounts/${w.friend.id}/follow`, { token: w.owner.token, json: {} });
  const s = await postStatus(w.friend, text, { visibility: 'private', poll: { options: ['Tea', 'Coffee'], expires_in: 3600 } });
  return { params: { id: s.poll.id }, body: { choices: [0] }, read: async () => json(await call(`/api/v1/polls/${s.poll.id}`, { token: w.friend.token })) };
}

/** The owner's own poll, followers-only: a read that outsiders may not make. */
export async function ownPoll(w: World): Promise<Fixture> {
  const text = `poll ${unique('text')}`;
  w.secrets.add(text);
  const s = await postStatus(w.owner, text, { visibility: 'private', poll: { options: ['Tea', 'Coffee'], expires_in: 3600 } });
  return { params: { id: s.poll.id } };
}

export async function ownerAccount(w: World): Promise<Fixture> {
  await privateStatus(w);
  return { params: { id: w.owner.id } };
}

/** A text story of the owner's; only followers may see it. */
export async function story(w: World): Promise<Fixture> {
  const text = `story ${unique('text')}`;
  w.secrets.add(text);
  const res = await call('/api/v1/stories', { token: w.owner.token, json: { text } });
  if (res.status !== 200) throw new Error(`story: ${res.status} ${await res.text()}`);
  const s = await json(res);
  return { params: { id: s.id }, read: asOwner(w, `/api/v1/stories/${s.id}/viewers`) };
}

export async function liveStream(w: World): Promise<Fixture> {
  const s = await goLive(w.owner, { title: unique('live') });
  return { params: { id: s.id }, read: asOwner(w, `/api/v1/live/${s.id}`) };
}

/** An unattached upload of the owner's. */
export async function media(w: World): Promise<Fixture> {
  const m = await uploadMedia(w.owner);
  return { params: { id: m.id }, body: { description: 'changed' }, read: asOwner(w, `/api/v1/media/${m.id}`) };
}

/** A notification of the owner's: the friend liked the owner's status. */
export async function notification(w: World): Promise<Fixture> {
  const s = await postStatus(w.owner, unique('liked'));
  await call(`/api/v1/statuses/${s.id}/favourite`, { method: 'POST', token: w.friend.token });
  const notes = await eventually(
    async () => json<any[]>(await call(`/api/v1/notifications?account_id=${w.friend.id}`, { token: w.owner.token })),
    (n) => n.some((x) => x.status?.id === s.id),
  );
  const id = notes.find((x) => x.status?.id === s.id).id as string;
  return { params: { id }, read: asOwner(w, `/api/v1/notifications/${id}`) };
}

/** A direct conversation of the owner's with the friend. */
export async function conversation(w: World): Promise<Fixture> {
  const text = `@${w.friend.username} direct ${unique('text')}`;
  w.secrets.add(text);
  const s = await postStatus(w.owner, text, { visibility: 'direct' });
  const list = await eventually(
    async () => json<any[]>(await call('/api/v1/conversations', { token: w.owner.token })),
    (l) => l.some((c) => c.last_status?.id === s.id),
  );
  const id = list.find((c) => c.last_status?.id === s.id).id as string;
  return { params: { id }, read: async () => (await json<any[]>(await call('/api/v1/conversations', { token: w.owner.token }))).find((c) => c.id === id) ?? null };
}

/** A pending follow request of the friend's to the owner (locked while the friend asks). */
export async function followRequest(w: World): Promise<Fixture> {
  await call(`/api/v1/accounts/${w.owner.id}/unfollow`, { token: w.friend.token, json: {} });
  await env.DB.prepare('UPDATE accounts SET locked = 1 WHERE id = ?').bind(w.owner.id).run();
  const res = await call(`/api/v1/accounts/${w.owner.id}/follow`, { token: w.friend.token, json: {} });
  await env.DB.prepare('UPDATE accounts SET locked = 0 WHERE id = ?').bind(w.owner.id).run();
  if (res.status !== 200) throw new Error(`follow request: ${res.status} ${await res.text()}`);
  return { params: { id: w.friend.id }, read: asOwner(w, '/api/v1/follow_requests') };
}
