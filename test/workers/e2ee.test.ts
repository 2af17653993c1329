import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type DevicePublicKey, NotForThisDevice, decryptBlob, decryptMessage, encryptBlob, encryptMessage, exportPublicKey, generateDeviceKeys, safetyNumber } from '../../shared/e2ee/crypto';
import { type TestUser, PNG_1X1, call, createAgent, eventually, json, mediaKey, signUp, unique, uploadMedia } from './helpers';
import { openRoom, startChat } from './chat.helpers';

const bytes = (text: string) => new Uint8Array(new TextEncoder().encode(text));

interface Device extends DevicePublicKey {
  privateKey: CryptoKey;
}

/** A browser device as the web client makes one: a key pair, its public half published. */
async function newDevice(user: TestUser, name = 'Laptop'): Promise<Device> {
  const keys = await generateDeviceKeys();
  const device = { device_id: unique('dev-'), public_key: await exportPublicKey(keys.publicKey), privateKey: keys.privateKey };
  const res = await call('/api/v1/e2ee/devices', { token: user.token, json: { device_id: device.device_id, name, public_key: device.public_key } });
  if (res.status !== 201) throw new Error(`device: ${res.status} ${await res.text()}`);
  return device;
}

async function devicesOf(user: TestUser, accountIds: string[]): Promise<(DevicePublicKey & Record<string, any>)[]> {
  const res = await call(`/api/v1/e2ee/devices?account_ids=${accountIds.join(',')}`, { token: user.token });
  if (res.status !== 200) throw new Error(`devices: ${res.status} ${await res.text()}`);
  return json(res);
}

async function encryptedChat(user: TestUser, others: string[], title?: string): Promise<Record<string, any>> {
  const res = await call('/api/v1/chats', { token: user.token, json: { account_ids: others, encrypted: true, ...(title && { title }) } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

/** Encrypts for every active device of the chat's members, as the client does. */
async function seal(user: TestUser, device: Device, chat: Record<string, any>, text: string, attachments?: any[]) {
  const all = await devicesOf(user, chat.members.map((m: any) => m.account.id));
  const recipients = all.filter((d) => d.revoked_at === null);
  return encryptMessage({ chatId: chat.id, deviceId: device.device_id, privateKey: device.privateKey }, recipients, { text, ...(attachments && { attachments }) });
}

async function open(reader: TestUser, device: Device, chatId: string, message: Record<string, any>) {
  const sender = (await devicesOf(reader, [message.account_id])).find((d) => d.device_id === message.envelope.sender_device);
  return decryptMessage({ chatId, deviceId: device.device_id, privateKey: device.privateKey, senderPublicKey: sender!.public_key }, message.envelope);
}

const roomRows = (chatId: string) =>
  runInDurableObject(env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(chatId)), (_room, state) => {
    const tables = state.storage.sql.exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'`).toArray();
    return tables.flatMap((t) => state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray());
  });

/** Every row of every D1 table, as text. */
async function allD1Text(): Promise<string> {
  const { results: tables } = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`).all<{ name: string }>();
  const parts: string[] = [];
  for (const t of tables) parts.push(JSON.stringify((await env.DB.prepare(`SELECT * FROM "${t.name}"`).all()).results));
  return parts.join('\n');
}

describe('e2ee devices', () => {
  it('publishes, lists and removes devices; a repeat is harmless, a changed key or a bad point is refused', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const laptop = await newDevice(ann);
    const again = await call('/api/v1/e2ee/devices', { token: ann.token, json: { device_id: laptop.device_id, name: 'Laptop', public_key: laptop.public_key } });
    expect(again.status).toBe(200);
    const other = await exportPublicKey((await generateDeviceKeys()).publicKey);
    const changed = await call('/api/v1/e2ee/devices', { token: ann.token, json: { device_id: laptop.device_id, name: 'Laptop', public_key: other } });
    expect(changed.status).toBe(409);
    const stolen = await call('/api/v1/e2ee/devices', { token: bob.token, json: { device_id: laptop.device_id, name: 'Mine', public_key: laptop.public_key } });
    expect(stolen.status).toBe(409);
    const offCurve = 'BA' + 'A'.repeat(85);
    const bad = await call('/api/v1/e2ee/devices', { token: ann.token, json: { device_id: unique('dev-'), name: 'x', public_key: offCurve } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).details.public_key[0].description).toMatch(/P-256/);
    const short = await call('/api/v1/e2ee/devices', { token: ann.token, json: { device_id: 'x', name: 'x', public_key: 'abc' } });
    expect(short.status).toBe(422);
    expect(Object.keys((await json(short)).details)).toEqual(expect.arrayContaining(['device_id', 'public_key']));

    const phone = await newDevice(ann, 'Phone');
    expect((await devicesOf(ann, [ann.id])).map((d) => [d.device_id, d.name, d.revoked_at])).toEqual([
      [laptop.device_id, 'Laptop', null],
      [phone.device_id, 'Phone', null],
    ]);
    expect((await call(`/api/v1/e2ee/devices/${phone.device_id}`, { method: 'DELETE', token: bob.token })).status).toBe(404);
    expect((await call(`/api/v1/e2ee/devices/${phone.device_id}`, { method: 'DELETE', token: ann.token })).status).toBe(200);
    expect((await call(`/api/v1/e2ee/devices/${phone.device_id}`, { method: 'DELETE', token: ann.token })).status).toBe(200);
    // Kept with revoked_at: its old messages still open, nothing new is encrypted to it.
    expect((await devicesOf(ann, [ann.id])).find((d) => d.device_id === phone.device_id)!.revoked_at).not.toBeNull();
    const reuse = await call('/api/v1/e2ee/devices', { token: ann.token, json: { device_id: phone.device_id, name: 'Phone', public_key: phone.public_key } });
    expect(reuse.status).toBe(409);
    expect((await call('/api/v1/e2ee/devices', { json: { device_id: unique('dev-'), name: 'x', public_key: laptop.public_key } })).status).toBe(401);
    const doc = await json(await call('/api/openapi.json'));
    expect(doc.paths['/api/v1/e2ee/devices'].post).toBeDefined();
    expect(doc.components.schemas.E2eeEnvelope.properties.keys).toBeDefined();
  });

  it('lists the devices of people you share a chat with or may message, never of others', async () => {
    const [ann, bob, closed] = await Promise.all([signUp(), signUp(), signUp()]);
    const bobs = await newDevice(bob);
    await newDevice(closed);
    expect((await devicesOf(ann, [bob.id])).map((d) => d.device_id)).toEqual([bobs.device_id]);
    const res = await call('/api/v1/settings/privacy', { method: 'PATCH', token: closed.token, json: { dm_policy: 'nobody' } });
    expect(res.status).toBe(200);
    const refused = await call(`/api/v1/e2ee/devices?account_ids=${bob.id},${closed.id}`, { token: ann.token });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toMatch(new RegExp(`@${closed.username}`));
    // Someone who closed their DMs may still add you to a chat: then you share it.
    await startChat(closed, [ann.id], 'Invited');
    expect(await devicesOf(ann, [closed.id])).toHaveLength(1);
    expect((await call('/api/v1/e2ee/devices?account_ids=999999999', { token: ann.token })).status).toBe(422);
  });
});

describe('encrypted chats', () => {
  it('keeps agents out, refuses plaintext, edits and turning encryption off (422)', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const agent = await createAgent(ann);
    const refused = await call('/api/v1/chats', { token: ann.token, json: { account_ids: [bob.id, agent.account.id], encrypted: true, title: 'Secret' } });
    expect(refused.status).toBe(422);
    expect((await json(refused)).details.account_ids[0]).toMatchObject({ error: 'ERR_E2EE_AGENT', description: expect.stringMatching(/agents cannot be members of an end-to-end encrypted chat/) });

    const chat = await encryptedChat(ann, [bob.id], 'Secret');
    expect(chat).toMatchObject({ encrypted: true, kind: 'group' });
    const invite = await call(`/api/v1/chats/${chat.id}/members`, { token: bob.token, json: { account_ids: [agent.account.id] } });
    expect(invite.status).toBe(422);
    expect((await json(invite)).details.account_ids[0].error).toBe('ERR_E2EE_AGENT');
    const off = await call(`/api/v1/chats/${chat.id}`, { method: 'PATCH', token: ann.token, json: { title: 'Open', encrypted: false } });
    expect(off.status).toBe(422);
    expect((await json(off)).details.encrypted[0].error).toBe('ERR_E2EE_FIXED');

    const plain = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'p', text: 'hello in the clear' } });
    expect(plain.status).toBe(422);
    expect((await json(plain)).details.text[0].error).toBe('ERR_E2EE_PLAINTEXT');
    const device = await newDevice(ann);
    const envelope = await seal(ann, device, chat, 'x');
    const both = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'b', text: 'leak', envelope } });
    expect(both.status).toBe(422);
    const room = await openRoom(ann, chat.id);
    room.send({ type: 'send', client_id: 's', text: 'socket leak' });
    expect(await room.next((f) => f.type === 'error')).toMatchObject({ status: 422, client_id: 's' });

    const sent = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'ok', envelope } });
    expect(sent.status).toBe(201);
    const edit = await call(`/api/v1/chats/${chat.id}/messages/${(await json(sent)).id}`, { method: 'PUT', token: ann.token, json: { text: 'changed' } });
    expect(edit.status).toBe(422);
    expect(await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token }))).toHaveLength(1);

    // A plain chat takes no envelope; a malformed envelope is a 400/422 naming the field.
    const open = await startChat(ann, [bob.id]);
    expect(open.encrypted).toBe(false);
    const stray = await call(`/api/v1/chats/${open.id}/messages`, { token: ann.token, json: { client_id: 'e', envelope } });
    expect(stray.status).toBe(422);
    const broken = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'm', envelope: { ...envelope, iv: 'short', keys: {} } } });
    expect(broken.status).toBe(422);
    expect(Object.keys((await json(broken)).details)).toEqual(expect.arrayContaining(['envelope.iv', 'envelope.keys']));
  });

  it('relays envelopes over the socket and REST, and two members decrypt each other with the documented scheme', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const [annLaptop, bobPhone] = await Promise.all([newDevice(ann), newDevice(bob)]);
    const chat = await encryptedChat(ann, [bob.id]);
    expect(chat).toMatchObject({ kind: 'direct', encrypted: true });
    // The pair's plain direct chat is another chat; creating the encrypted one again returns it.
    expect((await startChat(ann, [bob.id])).id).not.toBe(chat.id);
    const again = await call('/api/v1/chats', { token: bob.token, json: { account_ids: [ann.id], encrypted: true } });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(chat.id);

    const [a, b] = await Promise.all([openRoom(ann, chat.id), openRoom(bob, chat.id)]);
    a.send({ type: 'send', client_id: 'c-1', envelope: await seal(ann, annLaptop, chat, 'meet at noon') });
    const ack = await a.next((f) => f.type === 'ack');
    expect(ack.message).toMatchObject({ text: '', account_id: ann.id });
    const got = await b.next((f) => f.type === 'message');
    expect(got.message.envelope).toEqual(ack.message.envelope);
    expect(await open(bob, bobPhone, chat.id, got.message)).toEqual({ text: 'meet at noon' });

    const reply = await call(`/api/v1/chats/${chat.id}/messages`, { token: bob.token, json: { client_id: 'r-1', envelope: await seal(bob, bobPhone, chat, 'noon works') } });
    expect(reply.status).toBe(201);
    const history = await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token }));
    expect(history.map((m) => m.text)).toEqual(['', '']);
    expect(await open(ann, annLaptop, chat.id, history[0])).toEqual({ text: 'noon works' });
    // The sender's own device opens its own message too.
    expect(await open(ann, annLaptop, chat.id, history[1])).toEqual({ text: 'meet at noon' });
    expect((await a.next((f) => f.type === 'message')).message.id).toBe(history[0].id);

    // A device added afterwards has no key for earlier messages.
    const annPhone = await newDevice(ann, 'Phone');
    await expect(open(ann, annPhone, chat.id, history[0])).rejects.toBeInstanceOf(NotForThisDevice);
    // The server cannot move a ciphertext into another chat: the AAD names the room.
    await expect(open(bob, bobPhone, 'another-chat', got.message)).rejects.toThrow();
    // Both sides compute the same safety number from the directory.
    const annKeys = (await devicesOf(bob, [ann.id])).map((d) => d.public_key);
    const bobKeys = (await devicesOf(ann, [bob.id])).map((d) => d.public_key);
    const seenByAnn = await safetyNumber((await devicesOf(ann, [ann.id])).map((d) => d.public_key), bobKeys);
    expect(seenByAnn).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(await safetyNumber(annKeys, (await devicesOf(bob, [bob.id])).map((d) => d.public_key))).toBe(seenByAnn);
  });

  it('stores no plaintext anywhere: not in the room, not in any D1 row, not in the attachment in R2', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const [annLaptop, bobPhone] = await Promise.all([newDevice(ann), newDevice(bob)]);
    const chat = await encryptedChat(ann, [bob.id], 'Plans');
    const secret = `the vault code is ${unique('zq')}`;
    const fileSecret = `attachment secret ${unique('fx')}`;

    // A readable upload is refused in an encrypted chat; an encrypted one is stored opaque.
    const png = await uploadMedia(ann, PNG_1X1);
    const readable = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'png', media_ids: [png.id], envelope: await seal(ann, annLaptop, chat, 'x') } });
    expect(readable.status).toBe(422);
    const sealed = await encryptBlob(bytes(fileSecret));
    const upload = await call('/api/v1/e2ee/media', { token: ann.token, body: sealed.data, headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.status, await upload.clone().text()).toBe(200);
    const media = await json(upload);
    expect(media).toMatchObject({ type: 'unknown', preview_url: null, blurhash: null });
    expect((await call('/api/v1/e2ee/media', { token: ann.token, body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const attachment = { media_id: media.id, key: sealed.key, iv: sealed.iv, type: 'text/plain', name: 'secret.txt' };
    const sent = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'a-1', media_ids: [media.id], envelope: await seal(ann, annLaptop, chat, secret, [attachment]) } });
    expect(sent.status, await sent.clone().text()).toBe(201);
    // An encrypted upload is refused in a plain chat.
    const other = await encryptBlob(bytes('x'));
    const otherMedia = await json(await call('/api/v1/e2ee/media', { token: ann.token, body: other.data, headers: { 'content-type': 'application/octet-stream' } }));
    const plainChat = await startChat(ann, [bob.id]);
    expect((await call(`/api/v1/chats/${plainChat.id}/messages`, { token: ann.token, json: { client_id: 'o', media_ids: [otherMedia.id] } })).status).toBe(422);

    // Bob opens the message and the file.
    const [message] = await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: bob.token }));
    const opened = await open(bob, bobPhone, chat.id, message);
    expect(opened.text).toBe(secret);
    const object = await env.MEDIA.get(mediaKey(message.media_attachments[0].url));
    const blob = await object!.arrayBuffer();
    expect(new TextDecoder().decode(await decryptBlob(blob, opened.attachments![0]!))).toBe(fileSecret);
    expect(new TextDecoder().decode(blob)).not.toContain('secret');

    // The room's own storage: every row of every table.
    const rows = JSON.stringify(await roomRows(chat.id));
    expect(rows).toContain(message.envelope.ciphertext);
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain('vault');
    expect(rows).not.toContain(fileSecret);
    // D1: the chat index (last message), and every other table, once the room has written it.
    await eventually(async () => (await env.DB.prepare('SELECT last_message FROM chats WHERE id = ?').bind(chat.id).first<{ last_message: string | null }>())?.last_message ?? '', (m) => m.includes(message.id));
    const d1 = await allD1Text();
    expect(d1).toContain(message.envelope.ciphertext);
    expect(d1).not.toContain('vault');
    expect(d1).not.toContain(fileSecret);
    // The chat list shows the envelope only.
    const listed = (await json<any[]>(await call('/api/v1/chats', { token: bob.token }))).find((c) => c.id === chat.id);
    expect(listed.last_message).toMatchObject({ text: '', envelope: { ciphertext: message.envelope.ciphertext } });
  });
});
