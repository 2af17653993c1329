/** Account-side objects of an owner's (business requests, reports, chats, devices, exports), built for the matrix. */
import { env } from 'cloudflare:test';
import { exportPublicKey, generateDeviceKeys } from '../../shared/e2ee/crypto';
import { asOwner, type Fixture, type World } from './authorization-matrix';
import { sendMessage, startChat } from './chat.helpers';
import { call, eventually, json, postStatus, signUp, unique } from './helpers';


/** The owner's pending request to be a verified business, with their own e-mail as its contact. */
export async function businessRequest(w: World): Promise<Fixture> {
  // An earlier approval in this run made the owner a business already; each request starts from a person.
  await env.DB.prepare("UPDATE accounts SET kind = 'person', business_verified_at = NULL WHERE id = ?").bind(w.owner.id).run();
  const details = { legal_name: 'Matrix Robots Ltd', website: 'https://example.com', country: 'GB', registration_number: unique('reg'), contact_email: w.owner.email };
  const res = await call('/api/v1/business/verification', { token: w.owner.token, json: details });
  if (res.status !== 201) throw new Error(`business request: ${res.status} ${await res.text()}`);
  return { params: { id: (await json(res)).id }, read: asOwner(w, '/api/v1/business/verification') };
}

/** The review-queue item of the owner's report about the friend's status. */
export async function reportItem(w: World): Promise<Fixture> {
  const s = await postStatus(w.friend, `reported ${unique('text')}`);
  const report = await json(await call('/api/v1/reports', { token: w.owner.token, json: { account_id: w.friend.id, status_ids: [s.id], category: 'spam' } }));
  const items = await eventually(
    async () => json<any[]>(await call('/api/v1/admin/moderation?type=report', { token: w.moderator.token })),
    (l) => l.some((i) => i.subject_id === report.id),
  );
  const id = items.find((i) => i.subject_id === report.id).id as string;
  return { params: { id }, body: { note: 'matrix' }, read: async () => json(await call(`/api/v1/admin/moderation/${id}`, { token: w.moderator.token })) };
}

/** The same item after a moderator hid it: a decision that can be restored. */
export async function hiddenItem(w: World): Promise<Fixture> {
  const f = await reportItem(w);
  const res = await call(`/api/v1/admin/moderation/${f.params.id}/hide`, { token: w.moderator.token, json: { note: 'matrix' } });
  if (res.status !== 200) throw new Error(`hide: ${res.status} ${await res.text()}`);
  return f;
}

/**
 * A person of their own for the account actions (warned, suspended, promoted): acting on the
 * world's owner would suspend the caller of every later check.
 */
export async function person(w: World): Promise<Fixture> {
  const p = await signUp();
  return { params: { id: p.id }, read: async () => json(await call(`/api/v1/admin/accounts/${p.id}`, { token: w.admin.token })) };
}

/** The same person, suspended until lifted. */
export async function suspendedPerson(w: World): Promise<Fixture> {
  const f = await person(w);
  const res = await call(`/api/v1/admin/accounts/${f.params.id}/action`, { token: w.admin.token, json: { type: 'suspend', text: 'matrix' } });
  if (res.status !== 200) throw new Error(`suspend: ${res.status} ${await res.text()}`);
  return f;
}

/** A person whose plan staff granted (Enterprise for a month); `read` is the plan. */
export async function grantedPerson(w: World): Promise<Fixture> {
  const p = await signUp();
  const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString();
  const res = await call(`/api/v1/admin/accounts/${p.id}/plan`, { token: w.admin.token, method: 'PUT', json: { tier: 'enterprise', until, reason: 'matrix' } });
  if (res.status !== 200) throw new Error(`grant: ${res.status} ${await res.text()}`);
  return { params: { id: p.id }, read: async () => json(await call(`/api/v1/admin/accounts/${p.id}/plan`, { token: w.admin.token })) };
}

/** A group chat the owner started with the friend, holding one message of the owner's with a reaction of theirs. */
export async function chat(w: World): Promise<Fixture> {
  const c = await startChat(w.owner, [w.friend.id], unique('Group'));
  const m = await sendMessage(w.owner, c.id, `secret chat ${unique('text')}`);
  w.secrets.add(m.text);
  await call(`/api/v1/chats/${c.id}/messages/${m.id}/reactions/${encodeURIComponent('👍')}`, { method: 'POST', token: w.owner.token, json: {} });
  return { params: { id: c.id, message_id: m.id, emoji: '👍', account_id: w.friend.id }, read: async () => [await asOwner(w, `/api/v1/chats/${c.id}`)(), await asOwner(w, `/api/v1/chats/${c.id}/messages`)()] };
}

export async function device(w: World): Promise<Fixture> {
  const keys = await generateDeviceKeys();
  const res = await call('/api/v1/e2ee/devices', { token: w.owner.token, json: { device_id: unique('dev-'), name: 'Laptop', public_key: await exportPublicKey(keys.publicKey) } });
  if (res.status !== 201) throw new Error(`device: ${res.status} ${await res.text()}`);
  return { params: { id: (await json(res)).device_id }, read: asOwner(w, `/api/v1/e2ee/devices?account_ids=${w.owner.id}`) };
}

export async function dataExport(w: World): Promise<Fixture> {
  const res = await call('/api/v1/privacy/exports', { token: w.owner.token, method: 'POST' });
  if (res.status !== 202) throw new Error(`export: ${res.status} ${await res.text()}`);
  const id = (await json(res)).id as string;
  // Finished first: the export job reads everything of the owner's, and the matrix should not race it.
  await eventually(async () => json(await call(`/api/v1/privacy/exports/${id}`, { token: w.owner.token })), (e) => e.state === 'ready' || e.state === 'failed', 20_000);
  return { params: { id } };
}
