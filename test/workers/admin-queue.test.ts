/**
 * The review queue's staff actions beyond approve/remove: hide, delete, warn and restore —
 * each with its effect on the status and its audit row — and who may take them.
 */
import { describe, expect, it } from 'vitest';
import { call, count, json, postStatus, signUp } from './helpers';
import { auditOf, staff } from './admin.helpers';

/** A report of one status: its open review item. */
async function reported() {
  const [author, reporter, reader] = await Promise.all([signUp(), signUp(), signUp()]);
  const status = await postStatus(author, 'a post someone objects to');
  const report = await json(await call('/api/v1/reports', { token: reporter.token, json: { account_id: author.id, status_ids: [status.id], category: 'violation', comment: 'rude' } }));
  const [item] = (await env_items(report.id)) as Array<{ id: string }>;
  return { author, reader, status, item: item! };
}

async function env_items(reportId: string) {
  const mod = await staff('moderator');
  const items = await json<any[]>(await call('/api/v1/admin/moderation?type=report&limit=40', { token: mod.staffToken }));
  return items.filter((i) => i.subject_id === reportId);
}

const decide = (token: string, id: string, verb: string, body: Record<string, unknown> = { note: 'breaks rule 2' }) => call(`/api/v1/admin/moderation/${id}/${verb}`, { token, json: body });

describe('review queue actions', () => {
  it('hides, then restores: hidden from others and back, each decision audited', async () => {
    const mod = await staff('moderator');
    const { author, reader, status, item } = await reported();
    const hidden = await decide(mod.staffToken, item.id, 'hide');
    expect((await json(hidden)).state).toBe('removed');
    expect((await call(`/api/v1/statuses/${status.id}`, { token: reader.token })).status).toBe(404);
    expect((await json(await call(`/api/v1/statuses/${status.id}`, { token: author.token }))).smile.moderation).toEqual({ state: 'removed', reason: 'breaks rule 2' });

    expect((await decide(mod.staffToken, item.id, 'restore', {})).status).toBe(422);
    const restored = await decide(mod.staffToken, item.id, 'restore', { note: 'on second look, fine' });
    expect((await json(restored)).state).toBe('restored');
    expect((await call(`/api/v1/statuses/${status.id}`, { token: reader.token })).status).toBe(200);
    expect((await decide(mod.staffToken, item.id, 'restore', { note: 'again' })).status).toBe(409);

    expect((await auditOf(item.id)).map((a) => [a.action, a.actor_id, a.reason])).toEqual([
      ['moderation.hide', mod.id, 'breaks rule 2'],
      ['moderation.restore', mod.id, 'on second look, fine'],
    ]);
  });

  it('deletes the status for good and warns its author', async () => {
    const mod = await staff('moderator');
    const { author, status, item } = await reported();
    expect((await json(await decide(mod.staffToken, item.id, 'delete'))).state).toBe('deleted');
    expect(await count('statuses', 'id = ?', status.id)).toBe(0);
    expect((await call(`/api/v1/statuses/${status.id}`, { token: author.token })).status).toBe(404);
    const [notice] = await json<any[]>(await call('/api/v1/notifications?types[]=moderation_warning', { token: author.token }));
    expect(notice).toMatchObject({ moderation_warning: { action: 'delete', text: 'breaks rule 2' } });
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['moderation.delete']);
  });

  it('warns: the status stays, the author is told', async () => {
    const mod = await staff('moderator');
    const { author, reader, status, item } = await reported();
    expect((await json(await decide(mod.staffToken, item.id, 'warn', { note: 'tone it down' }))).state).toBe('warned');
    expect((await call(`/api/v1/statuses/${status.id}`, { token: reader.token })).status).toBe(200);
    expect(await count('notifications', "account_id = ? AND type = 'moderation_warning'", author.id)).toBe(1);
    expect((await auditOf(item.id)).map((a) => a.reason)).toEqual(['tone it down']);
  });

  it('refuses a plain user, a missing note, one’s own content, an unknown item, a decided item; records nothing then', async () => {
    const mod = await staff('moderator');
    const { author, item } = await reported();
    expect((await decide(author.token, item.id, 'hide')).status).toBe(403);
    expect((await decide(mod.staffToken, item.id, 'warn', {})).status).toBe(422);
    expect((await decide(mod.staffToken, '117000000000000000', 'hide')).status).toBe(404);
    expect(await auditOf(item.id)).toEqual([]);
    // Approve keeps working and is audited too; the item is then decided.
    expect((await decide(mod.staffToken, item.id, 'approve', {})).status).toBe(200);
    expect((await decide(mod.staffToken, item.id, 'delete')).status).toBe(409);
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['moderation.approve']);

    const selfMod = await staff('moderator');
    const own = await postStatus(selfMod, 'my own post');
    const other = await signUp();
    const report = await json(await call('/api/v1/reports', { token: other.token, json: { account_id: selfMod.id, status_ids: [own.id], category: 'other', comment: 'hm' } }));
    const [mine] = await env_items(report.id);
    expect((await decide(selfMod.staffToken, mine.id, 'hide')).status).toBe(403);
  });
});
