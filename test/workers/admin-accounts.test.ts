/**
 * Staff actions on accounts: search with e-mails, warn, suspend, ban, lift, role changes —
 * each with its effect and its audit row — and who may do them.
 */
import { describe, expect, it } from 'vitest';
import { call, count, json, login, postStatus, signUp } from './helpers';
import { auditOf, staff } from './admin.helpers';
import { openStream, settle } from './streaming.helpers';

const act = (token: string, id: string, body: Record<string, unknown>) => call(`/api/v1/admin/accounts/${id}/action`, { token, json: body });

describe('admin accounts', () => {
  it('finds accounts by username, e-mail, role and status, with e-mails, for staff only', async () => {
    const mod = await staff('moderator');
    const person = await signUp();
    const found = await json<any[]>(await call(`/api/v1/admin/accounts?email=${encodeURIComponent(person.email)}`, { token: mod.staffToken }));
    expect(found.map((a) => a.id)).toEqual([person.id]);
    expect(found[0]).toMatchObject({ username: person.username, email: person.email, role: 'user', suspended: false, account: { id: person.id } });
    const mods = await json<any[]>(await call('/api/v1/admin/accounts?role=moderator&limit=200', { token: mod.staffToken }));
    expect(mods.map((a) => a.id)).toContain(mod.id);
    expect(mods.every((a) => a.role === 'moderator')).toBe(true);
    expect((await call('/api/v1/admin/accounts', { token: person.token })).status).toBe(403);
    expect((await call('/api/v1/admin/accounts/117000000000000000', { token: mod.staffToken })).status).toBe(404);
  });

  it('suspends: login and existing tokens get a 403, statuses hidden from others; unsuspend undoes it, all audited', async () => {
    const mod = await staff('moderator');
    const person = await signUp();
    const reader = await signUp();
    const post = await postStatus(person, 'a post that will disappear for a while');
    expect((await call(`/api/v1/statuses/${post.id}`, { token: reader.token })).status).toBe(200);

    const res = await act(mod.staffToken, person.id, { type: 'suspend', text: 'spam wave' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ suspended: true, banned: false, suspended_until: null });

    const refused = await call('/api/v1/accounts/verify_credentials', { token: person.token });
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ error: 'This account is suspended', code: 'account_suspended' });
    const logIn = await login(person.username, person.password);
    expect(logIn.status).toBe(403);
    expect((await json(logIn)).error).toBe('This account is suspended');
    expect((await call(`/api/v1/statuses/${post.id}`, { token: reader.token })).status).toBe(404);
    expect((await call(`/api/v1/statuses/${post.id}`)).status).toBe(404);
    expect((await json<any[]>(await call(`/api/v1/accounts/${person.id}/statuses`, { token: reader.token }))).length).toBe(0);
    // The person hears of it once back.
    expect(await count('notifications', "account_id = ? AND type = 'moderation_warning'", person.id)).toBe(1);

    const lifted = await call(`/api/v1/admin/accounts/${person.id}/unsuspend`, { token: mod.staffToken, json: { reason: 'appeal accepted' } });
    expect(lifted.status).toBe(200);
    expect((await json(lifted)).suspended).toBe(false);
    expect((await call('/api/v1/accounts/verify_credentials', { token: person.token })).status).toBe(200);
    expect((await login(person.username, person.password)).status).toBe(200);
    expect((await call(`/api/v1/statuses/${post.id}`, { token: reader.token })).status).toBe(200);

    const audit = await auditOf(person.id);
    expect(audit.map((a) => [a.action, a.actor_id, a.reason])).toEqual([
      ['account.suspend', mod.id, 'spam wave'],
      ['account.unsuspend', mod.id, 'appeal accepted'],
    ]);
    const notices = await json<any[]>(await call('/api/v1/notifications?types[]=moderation_warning', { token: person.token }));
    expect(notices[0]).toMatchObject({ type: 'moderation_warning', moderation_warning: { action: 'suspend', text: 'spam wave' } });
  });

  it('a suspension until a moment ends on its own', async () => {
    const mod = await staff('moderator');
    const person = await signUp();
    const until = new Date(Date.now() + 1500).toISOString();
    expect((await json(await act(mod.staffToken, person.id, { type: 'suspend', text: 'cool off', suspended_until: until }))).suspended_until).toBe(until);
    expect((await call('/api/v1/accounts/verify_credentials', { token: person.token })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await call('/api/v1/accounts/verify_credentials', { token: person.token })).status).toBe(200);
  });

  it('warns: the person gets a moderation_warning with the text, live too, and the audit row', async () => {
    const mod = await staff('moderator');
    const person = await signUp();
    const live = await openStream(`?stream=user:notification&access_token=${person.token}`);
    await settle();
    expect((await act(mod.staffToken, person.id, { type: 'warn', text: 'mind the rules' })).status).toBe(200);
    const [notice] = await json<any[]>(await call('/api/v1/notifications', { token: person.token }));
    expect(notice).toMatchObject({ type: 'moderation_warning', account: { id: person.id }, moderation_warning: { action: 'warn', text: 'mind the rules' } });
    expect(JSON.parse((await live.next((f) => f.event === 'notification')).payload!)).toMatchObject({ id: notice.id, type: 'moderation_warning' });
    live.ws.close();
    expect((await auditOf(person.id)).map((a) => a.action)).toEqual(['account.warn']);
  });

  it('bans: only an admin lifts a ban', async () => {
    const mod = await staff('moderator');
    const admin = await staff('admin');
    const person = await signUp();
    expect(await json(await act(mod.staffToken, person.id, { type: 'ban', text: 'fraud' }))).toMatchObject({ suspended: true, banned: true });
    expect(await json(await call('/api/v1/accounts/verify_credentials', { token: person.token }))).toMatchObject({ error: 'This account is banned', code: 'account_banned' });
    expect((await call(`/api/v1/admin/accounts/${person.id}/unsuspend`, { token: mod.staffToken, json: { reason: 'x' } })).status).toBe(403);
    expect((await call(`/api/v1/admin/accounts/${person.id}/unsuspend`, { token: admin.staffToken, json: { reason: 'mistaken identity' } })).status).toBe(200);
    expect((await auditOf(person.id)).map((a) => `${a.action}:${a.actor_id === admin.id ? 'admin' : 'mod'}`)).toEqual(['account.ban:mod', 'account.unsuspend:admin']);
  });

  it('refuses: a plain user, a moderator on an admin, anyone on themselves, an unknown account, no reason — and records nothing', async () => {
    const mod = await staff('moderator');
    const admin = await staff('admin');
    const person = await signUp();
    expect((await act(person.token, mod.id, { type: 'warn', text: 'x' })).status).toBe(403);
    expect((await act(mod.staffToken, admin.id, { type: 'suspend', text: 'x' })).status).toBe(403);
    expect((await act(mod.staffToken, mod.id, { type: 'warn', text: 'x' })).status).toBe(403);
    expect((await act(admin.staffToken, admin.id, { type: 'ban', text: 'x' })).status).toBe(403);
    expect((await act(mod.staffToken, '117000000000000000', { type: 'warn', text: 'x' })).status).toBe(404);
    const blank = await act(mod.staffToken, person.id, { type: 'warn', text: ' ' });
    expect(blank.status).toBe(422);
    expect((await json(blank)).details.text).toBeDefined();
    expect((await call(`/api/v1/admin/accounts/${person.id}/unsuspend`, { token: mod.staffToken, json: { reason: 'x' } })).status).toBe(409);
    for (const id of [mod.id, admin.id, person.id]) expect(await auditOf(id)).toEqual([]);
  });

  it('changes roles (admin only, never one’s own), audited with the previous role', async () => {
    const mod = await staff('moderator');
    const admin = await staff('admin');
    const person = await signUp();
    const put = (token: string, id: string, role: string) => call(`/api/v1/admin/accounts/${id}/role`, { method: 'PUT', token, json: { role, reason: 'team change' } });
    expect((await put(mod.staffToken, person.id, 'moderator')).status).toBe(403);
    expect((await put(admin.staffToken, admin.id, 'user')).status).toBe(403);
    expect((await json(await put(admin.staffToken, person.id, 'moderator'))).role).toBe('moderator');
    expect((await put(admin.staffToken, person.id, 'moderator')).status).toBe(409);
    const [row] = await auditOf(person.id);
    expect(row).toMatchObject({ action: 'account.role', actor_id: admin.id, reason: 'team change' });
    expect(JSON.parse(row!.details)).toEqual({ from: 'user', to: 'moderator' });
  });

  it('tells staff their own role in verify_credentials (the web client shows the Admin link by it), and nobody else', async () => {
    const mod = await staff('moderator');
    const person = await signUp();
    const own = await json(await call('/api/v1/accounts/verify_credentials', { token: mod.token }));
    expect(own.smile.role).toBe('moderator');
    expect(own.role).toMatchObject({ id: 'moderator', name: 'moderator', highlighted: true });
    expect((await json(await call('/api/v1/accounts/verify_credentials', { token: person.token }))).smile.role).toBe('user');
    const seenByOthers = await json(await call(`/api/v1/accounts/${mod.id}`, { token: person.token }));
    expect(seenByOthers.role).toBeUndefined();
    expect(seenByOthers.smile.role).toBeUndefined();
    expect(seenByOthers.roles).toEqual([]);
  });

  it('lists the audit log for admins, filtered, newest first; moderators and users get 403', async () => {
    const mod = await staff('moderator');
    const admin = await staff('admin');
    const person = await signUp();
    await act(mod.staffToken, person.id, { type: 'warn', text: 'first' });
    await act(mod.staffToken, person.id, { type: 'warn', text: 'second' });
    const res = await call(`/api/v1/admin/audit_log?target_type=account&target_id=${person.id}`, { token: admin.staffToken });
    expect(res.status).toBe(200);
    const entries = await json<any[]>(res);
    expect(entries.map((e) => e.reason)).toEqual(['second', 'first']);
    expect(entries[0]).toMatchObject({ actor_id: mod.id, actor: { id: mod.id }, action: 'account.warn', target_type: 'account', target_id: person.id });
    const byActor = await json<any[]>(await call(`/api/v1/admin/audit_log?actor_id=${mod.id}&limit=1`, { token: admin.staffToken }));
    expect(byActor.map((e) => e.reason)).toEqual(['second']);
    expect((await call('/api/v1/admin/audit_log', { token: mod.staffToken })).status).toBe(403);
    expect((await call('/api/v1/admin/audit_log', { token: person.token })).status).toBe(403);
  });

  it('shows platform metrics to staff in one answer', async () => {
    const mod = await staff('moderator');
    const body = await json(await call('/api/v1/admin/metrics', { token: mod.staffToken }));
    expect(body.accounts.total).toBeGreaterThanOrEqual(1);
    expect(body.accounts.new_24h).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ statuses: { last_24h: expect.any(Number) }, moderation: { open_reports: expect.any(Number), held_items: expect.any(Number) }, market: { published_listings: expect.any(Number) } });
  });
});
