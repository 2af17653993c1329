/**
 * Privacy and data (docs/privacy.md): the export holds the person's data and nobody else's, its
 * link expires, one export runs at a time; deletion waits out its grace period (a login cancels
 * it), then erases D1 rows, R2 objects, chat authorship and agent memories while the ledger
 * keeps balancing; consents keep their history.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { paymentOrders, providerCustomers, subscriptions } from '../../workers/api/payments/schema';
import { signDownload } from '../../workers/api/privacy/download-link';
import { paymentRecords } from '../../workers/api/privacy/export-archive';
import { type Env, loadConfig } from '../../workers/env';
import { chat } from './agent-chat.helpers';
import { startChat, sendMessage } from './chat.helpers';
import { BASE, type TestUser, call, count, createAgent, eventually, json, lastMail, login, mediaKey, postStatus, relate, signUp, uploadMedia } from './helpers';
import { journalInvariants, ledgerDb } from './ledger.helpers';
import { buy, journalOf, paidListing } from './payments.helpers';
import { listAgent } from './market.helpers';

const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  // The embedded Postgres boots on the first connection: seconds on a busy machine.
  await ledgerDb().execute(sql`SELECT 1`);
}, 120_000);

async function runCron(scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const exportsOf = async (user: TestUser) => json<Record<string, any>[]>(await call('/api/v1/privacy/exports', { token: user.token }));

/** Requests an export and waits for the queue to finish it. */
async function finishedExport(user: TestUser): Promise<Record<string, any>> {
  const res = await call('/api/v1/privacy/exports', { token: user.token, method: 'POST' });
  expect(res.status).toBe(202);
  const started = await json(res);
  return eventually(
    async () => json(await call(`/api/v1/privacy/exports/${started.id}`, { token: user.token })),
    (e) => e.state === 'ready' || e.state === 'failed',
    20_000,
  );
}

async function download(url: string): Promise<Record<string, Uint8Array>> {
  const res = await call(url.replace(BASE, ''));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

const fileJson = (files: Record<string, Uint8Array>, name: string) => JSON.parse(strFromU8(files[name]!));

describe('data export', () => {
  it('holds the person’s profile, posts, media, relationships, chats, agents, memories, consents and orders — and nothing of another person', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const media = await uploadMedia(alice);
    await postStatus(alice, 'alice-first-post', { media_ids: [media.id] });
    const bobsPost = await postStatus(bob, 'bob-private-thoughts', { visibility: 'public' });
    await call(`/api/v1/statuses/${bobsPost.id}/bookmark`, { token: alice.token, method: 'POST' });
    await relate('follows', alice.id, bob.id);
    const room = await startChat(alice, [bob.id]);
    await sendMessage(alice, room.id, 'alice-says-hello');
    await sendMessage(bob, room.id, 'bob-answers');
    const ownAgent = await createAgent(alice);
    const bobsAgent = await createAgent(bob);
    await chat(alice, bobsAgent.id, 'I live in Leeds.');
    await call('/api/v1/privacy/consents', { token: alice.token, method: 'PUT', json: { marketing: true } });
    const listing = await paidListing(bob);
    const order = await json(await buy(alice, listing.id));

    const done = await finishedExport(alice);
    expect(done).toMatchObject({ state: 'ready', error: null, size: expect.any(Number), download_url: expect.stringContaining(`/api/v1/privacy/exports/${done.id}/download?token=`) });
    expect(Date.parse(done.expires_at) - Date.parse(done.completed_at)).toBe(7 * DAY);

    const files = await download(done.download_url);
    const account = fileJson(files, 'account.json');
    expect(account.profile).toMatchObject({ id: alice.id, username: alice.username, email: alice.email });
    expect(account.profile.passwordHash).toBeUndefined();
    expect(fileJson(files, 'statuses.json').map((s: { text: string }) => s.text)).toEqual(['alice-first-post']);
    expect(fileJson(files, 'bookmarks.json')).toEqual([expect.objectContaining({ statusId: bobsPost.id })]);
    expect(fileJson(files, 'relationships.json').following).toEqual([expect.objectContaining({ targetId: bob.id })]);
    const uploaded = Object.keys(files).filter((n) => n.startsWith('media/'));
    expect(uploaded).toEqual([`media/${mediaKey(media.url).split('/').pop()}`]);
    expect(files[uploaded[0]!]!.byteLength).toBeGreaterThan(0);
    const chats = fileJson(files, 'chats.json');
    expect(chats).toHaveLength(1);
    expect(chats[0].messages.map((m: { text: string }) => m.text)).toEqual(['alice-says-hello', 'bob-answers']);
    expect(fileJson(files, 'agents.json').map((a: { accountId: string }) => a.accountId)).toEqual([ownAgent.id]);
    const memories = fileJson(files, 'agent_memories.json');
    expect(memories).toEqual([expect.objectContaining({ agent_id: bobsAgent.id, facts: [expect.objectContaining({ text: expect.stringMatching(/Leeds/) })] })]);
    expect(fileJson(files, 'consents.json')).toEqual([expect.objectContaining({ kind: 'marketing', granted: true, version: expect.any(String) })]);
    expect(fileJson(files, 'payments.json').orders).toEqual([expect.objectContaining({ id: order.id, buyerAccountId: alice.id, amount: 1999, cardLast4: '4242' })]);
    // The seller's copy of the sale: not the buyer's card, payment or invoice.
    const sale = (await paymentRecords(loadConfig(env as unknown as Env), () => {}, bob.id)) as { orders: Record<string, unknown>[] };
    expect(sale.orders).toEqual([expect.objectContaining({ id: order.id, buyerAccountId: alice.id, amount: 1999 })]);
    for (const field of ['cardLast4', 'cardFingerprint', 'paymentMethod', 'providerCustomer', 'providerPaymentId', 'clientSecret', 'invoiceUrl']) expect(sale.orders[0]).not.toHaveProperty(field);
    expect(fileJson(files, 'market.json').entitlements).toEqual([expect.objectContaining({ listingId: listing.id })]);

    // Nobody else's words, address or memories.
    const everything = Object.entries(files).filter(([n]) => n.endsWith('.json')).map(([, b]) => strFromU8(b)).join('\n');
    expect(everything).not.toContain('bob-private-thoughts');
    expect(everything).not.toContain(bob.email);

    // Announced by a notification and a mail carrying the same link.
    const notes = await json<Record<string, any>[]>(await call('/api/v1/notifications', { token: alice.token }));
    expect(notes.filter((n) => n.type === 'export')).toHaveLength(1);
    const mail = await lastMail(alice.email);
    expect(mail.template).toBe('export_ready');
    expect(mail.text_body).toContain(done.download_url);

    // The list and the export itself are the owner's only.
    expect((await exportsOf(bob)).map((e) => e.id)).not.toContain(done.id);
    expect((await call(`/api/v1/privacy/exports/${done.id}`, { token: bob.token })).status).toBe(404);
  });

  it('runs one export at a time: a second request while one is prepared is a 409, and another may start once it is done', async () => {
    const user = await signUp();
    const first = await finishedExport(user);
    // The queue prepares an export in well under a second here, faster than a second request
    // reliably arrives: the first is put back into preparation to make the overlap certain.
    await env.DB.prepare("UPDATE data_exports SET state = 'running' WHERE id = ?").bind(first.id).run();
    const again = await call('/api/v1/privacy/exports', { token: user.token, method: 'POST' });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatch(/already being prepared/);
    await env.DB.prepare("UPDATE data_exports SET state = 'ready' WHERE id = ?").bind(first.id).run();
    const next = await finishedExport(user);
    expect(next.id).not.toBe(first.id);
    expect((await exportsOf(user)).map((e) => e.id)).toEqual([next.id, first.id]);
  });

  it('answers 403 to a forged link and 410 once the link expired; the retention job then deletes the archive', async () => {
    const user = await signUp();
    const done = await finishedExport(user);
    const path = new URL(done.download_url).pathname;
    expect((await call(`${path}?token=${'a'.repeat(5)}.${'b'.repeat(43)}`)).status).toBe(403);
    const signedByOtherKey = await signDownload({ JWT_SECRET: 'x'.repeat(40) }, done.id, Date.parse(done.expires_at));
    expect((await call(`${path}?token=${signedByOtherKey}`)).status).toBe(403);
    expect((await call(`${path}`)).status).toBe(422);

    // Seven days on: the link as issued, with its expiry in the past.
    const past = Date.now() - 1000;
    await env.DB.prepare('UPDATE data_exports SET expires_at = ? WHERE id = ?').bind(past, done.id).run();
    const expired = await call(`${path}?token=${await signDownload({ JWT_SECRET: env.JWT_SECRET as string }, done.id, past)}`);
    expect(expired.status).toBe(410);
    expect((await json(await call(`/api/v1/privacy/exports/${done.id}`, { token: user.token }))).download_url).toBeNull();

    const key = (await env.DB.prepare('SELECT r2_key FROM data_exports WHERE id = ?').bind(done.id).first<{ r2_key: string }>())!.r2_key;
    expect(await env.MEDIA.head(key)).not.toBeNull();
    await runCron(Date.now());
    expect(await env.MEDIA.head(key)).toBeNull();
    expect(await json(await call(`/api/v1/privacy/exports/${done.id}`, { token: user.token }))).toMatchObject({ state: 'expired', download_url: null });
  });

  it('refuses to start an export without a token', async () => {
    expect((await call('/api/v1/privacy/exports', { method: 'POST' })).status).toBe(401);
  });
});

describe('account deletion', () => {
  const schedule = (user: TestUser, password = user.password) => call('/api/v1/privacy/deletion', { token: user.token, json: { password } });
  const status = async (user: TestUser, token = user.token) => json(await call('/api/v1/privacy/deletion', { token }));

  it('needs the password, deactivates at once and schedules the delete 30 days out; logging in cancels it', async () => {
    const user = await signUp();
    const other = await json(await login(user.username, user.password));
    expect((await schedule(user, 'wrong password')).status).toBe(422);
    expect((await status(user)).scheduled).toBe(false);

    const res = await schedule(user);
    expect(res.status).toBe(200);
    const scheduled = await json(res);
    expect(scheduled.scheduled).toBe(true);
    expect(Date.parse(scheduled.delete_after) - Date.parse(scheduled.requested_at)).toBe(30 * DAY);
    // Deactivated: every other session is logged out, the profile leaves search and suggestions.
    expect((await call('/api/v1/accounts/verify_credentials', { token: other.access_token })).status).toBe(401);
    expect((await call('/api/v1/accounts/verify_credentials', { token: user.token })).status).toBe(200);
    const row = await env.DB.prepare('SELECT discoverable, indexable FROM accounts WHERE id = ?').bind(user.id).first();
    expect(row).toEqual({ discoverable: 0, indexable: 0 });
    expect((await lastMail(user.email)).template).toBe('deletion_scheduled');
    // Asking again changes nothing.
    expect(await json(await schedule(user))).toEqual(scheduled);

    const back = await login(user.username, user.password);
    expect(back.status).toBe(200);
    expect((await status(user)).scheduled).toBe(false);
    expect(await env.DB.prepare('SELECT discoverable, indexable FROM accounts WHERE id = ?').bind(user.id).first()).toEqual({ discoverable: 1, indexable: 1 });
  });

  it('is cancelled with DELETE, and a failed login cancels nothing', async () => {
    const user = await signUp();
    await schedule(user);
    expect((await login(user.username, 'not the password')).status).toBe(401);
    expect((await status(user)).scheduled).toBe(true);
    const res = await call('/api/v1/privacy/deletion', { token: user.token, method: 'DELETE' });
    expect(await json(res)).toEqual({ scheduled: false, requested_at: null, delete_after: null });
    await runCron(Date.now() + 31 * DAY);
    expect(await count('accounts', 'id = ?', user.id)).toBe(1);
  });

  it('after the grace period erases D1 rows, R2 objects, chat authorship, agent memories and search rows; the ledger keeps balancing', async () => {
    const [alice, bob] = await Promise.all([signUp(), signUp()]);
    const media = await uploadMedia(alice);
    const post = await postStatus(alice, 'alice-will-vanish', { media_ids: [media.id] });
    await postStatus(bob, 'bob-stays');
    await relate('follows', bob.id, alice.id);
    const room = await startChat(bob, [alice.id]);
    await sendMessage(alice, room.id, 'words-of-alice');
    await sendMessage(bob, room.id, 'words-of-bob');
    const bobsAgent = await createAgent(bob);
    await chat(alice, bobsAgent.id, 'I live in Leeds.');
    const alicesAgent = await createAgent(alice);
    const listing = await paidListing(bob);
    const order = await json(await buy(alice, listing.id));
    expect(order.state).toBe('succeeded');
    const monthly = await listAgent(bob, { pricing_model: 'subscription', price: 499, currency: 'EUR' });
    const subscribed = await call(`/api/v1/market/listings/${monthly.id}/subscribe`, { token: alice.token, json: { payment_method: 'pm_card_visa' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(subscribed.status).toBe(201);
    const savedCardsOf = (id: string) => ledgerDb().select().from(providerCustomers).where(eq(providerCustomers.ownerAccountId, id));
    expect(await savedCardsOf(alice.id)).toHaveLength(1);
    const exported = await finishedExport(alice);

    expect((await schedule(alice)).status).toBe(200);
    // Not before the grace period is over.
    await runCron(Date.now() + 29 * DAY);
    expect(await count('accounts', 'id = ?', alice.id)).toBe(1);
    await runCron(Date.now() + 31 * DAY);

    for (const [table, where] of [
      ['accounts', 'id = ?1 OR owner_id = ?1'],
      ['statuses', 'account_id = ?1'],
      ['media_attachments', 'account_id = ?1'],
      ['follows', 'account_id = ?1 OR target_id = ?1'],
      ['sessions', 'account_id = ?1'],
      ['chat_members', 'account_id = ?1'],
      ['agent_sessions', 'person_id = ?1'],
      ['agents', 'owner_id = ?1'],
      ['market_entitlements', 'account_id = ?1'],
      ['data_exports', 'account_id = ?1'],
      ['account_deletions', 'account_id = ?1'],
      ['accounts_fts', 'account_id = ?1'],
      ['account_tiers', 'account_id = ?1'],
    ] as const) {
      expect([table, await count(table, where, alice.id)]).toEqual([table, 0]);
    }
    expect(await count('statuses_fts', 'status_id = ?', post.id)).toBe(0);
    expect(await count('accounts', 'id = ?', alicesAgent.id)).toBe(0);
    expect(await env.MEDIA.head(mediaKey(media.url))).toBeNull();
    expect(await env.MEDIA.head(`exports/${alice.id}/${exported.id}.zip`)).toBeNull();

    // Bob's side of the chat stays, Alice's words now by the "deleted user".
    const history = await json<Record<string, any>[]>(await call(`/api/v1/chats/${room.id}/messages`, { token: bob.token }));
    expect(history.map((m) => [m.account_id, m.text])).toEqual([
      [bob.id, 'words-of-bob'],
      ['0', 'words-of-alice'],
    ]);
    expect((await json(await call(`/api/v1/chats/${room.id}`, { token: bob.token }))).members.map((m: Record<string, any>) => m.account.id)).toEqual([bob.id]);

    // What Bob's agent knew about her is gone.
    const session = env.AGENT_SESSION.get(env.AGENT_SESSION.idFromName(`${bobsAgent.id}:${alice.id}`));
    expect(await session.memory()).toMatchObject({ summary: '', facts: [] });
    expect(await session.history({ limit: 10 })).toEqual([]);

    // The ledger is anonymised, not deleted: the order and its journal stay, and still balance.
    const db = ledgerDb();
    const kept = await db.select().from(paymentOrders).where(eq(paymentOrders.buyerAccountId, alice.id));
    expect(kept.map((o) => [o.kind, o.state])).toEqual([
      ['purchase', 'succeeded'],
      ['subscription', 'succeeded'],
    ]);
    expect(kept[0]!.id).toBe(order.id);
    expect((await journalOf(order.id)).length).toBeGreaterThan(0);
    expect(await journalInvariants(db)).toMatchObject({ unbalanced: 0, total: 0 });
    // Nothing bills her again.
    expect((await db.select().from(subscriptions).where(eq(subscriptions.buyerAccountId, alice.id))).map((s) => s.state)).toEqual(['canceled']);
    // Nor keeps her card: her customer at the provider is gone.
    expect(await savedCardsOf(alice.id)).toEqual([]);
    // Bob is untouched.
    expect(await count('statuses', 'account_id = ?', bob.id)).toBe(1);
    expect((await call('/api/v1/accounts/verify_credentials', { token: bob.token })).status).toBe(200);
  });

  it('refuses a request without the password', async () => {
    const user = await signUp();
    const res = await call('/api/v1/privacy/deletion', { token: user.token, json: {} });
    expect(res.status).toBe(422);
    expect((await json(res)).details.password).toBeDefined();
  });
});

describe('consents', () => {
  const put = (user: TestUser, body: unknown) => call('/api/v1/privacy/consents', { token: user.token, method: 'PUT', json: body });

  it('records each decision with its version and time, keeps the history, and shows the newest as current', async () => {
    const user = await signUp();
    const fresh = await json(await call('/api/v1/privacy/consents', { token: user.token }));
    expect(fresh.history).toEqual([]);
    expect(fresh.current.map((c: Record<string, any>) => [c.kind, c.granted, c.recorded_at])).toEqual([
      ['terms', false, null],
      ['privacy_policy', false, null],
      ['marketing', false, null],
      ['analytics', false, null],
      ['do_not_sell', false, null],
    ]);
    expect((await put(user, { marketing: true, do_not_sell: true })).status).toBe(200);
    const after = await json(await put(user, { marketing: false }));
    expect(after.history.map((c: Record<string, any>) => [c.kind, c.granted])).toEqual([
      ['marketing', false],
      ['do_not_sell', true],
      ['marketing', true],
    ]);
    const current = Object.fromEntries(after.current.map((c: Record<string, any>) => [c.kind, c]));
    expect(current.marketing).toMatchObject({ granted: false, version: '2026-01', recorded_at: expect.any(String) });
    expect(current.do_not_sell).toMatchObject({ granted: true });
    expect(await count('consents', 'account_id = ?', user.id)).toBe(3);
  });

  it('refuses an empty or malformed body and another person’s view is their own', async () => {
    const [user, other] = await Promise.all([signUp(), signUp()]);
    expect((await put(user, {})).status).toBe(422);
    expect((await put(user, { marketing: 'maybe' })).status).toBe(422);
    await put(user, { analytics: true });
    expect((await json(await call('/api/v1/privacy/consents', { token: other.token }))).history).toEqual([]);
  });
});
