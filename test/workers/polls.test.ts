import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { call, json, postStatus, signUp } from './helpers';

const poll = (options: string[], extra: Record<string, unknown> = {}) => ({ poll: { options, expires_in: 3600, ...extra } });
const voteFor = (token: string, pollId: string, choices: number[]) => call(`/api/v1/polls/${pollId}/votes`, { token, json: { choices } });

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('polls', () => {
  it('are posted with a status, from JSON or a Rails-style form', async () => {
    const author = await signUp();
    const status = await postStatus(author, 'tea or coffee?', poll(['Tea', 'Coffee']));
    expect(status.poll).toMatchObject({ expired: false, multiple: false, votes_count: 0, voters_count: 0, voted: false, own_votes: [], options: [{ title: 'Tea', votes_count: 0 }, { title: 'Coffee', votes_count: 0 }] });
    const res = await call('/api/v1/statuses', { token: author.token, form: { status: 'form poll', 'poll[options][]': 'A', 'poll[expires_in]': '300', 'poll[multiple]': 'true' } });
    expect(res.status).toBe(422);
    const body = new URLSearchParams([['status', 'form poll'], ['poll[options][]', 'A'], ['poll[options][]', 'B'], ['poll[expires_in]', '300'], ['poll[multiple]', 'true']]);
    const ok = await call('/api/v1/statuses', { token: author.token, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(ok.status).toBe(200);
    expect((await json(ok)).poll).toMatchObject({ multiple: true, options: [{ title: 'A' }, { title: 'B' }] });
  });

  it('refuses bad polls: one option, five, duplicates, too short an expiry', async () => {
    const author = await signUp();
    for (const bad of [poll(['only']), poll(['a', 'b', 'c', 'd', 'e']), poll(['same', 'Same']), poll(['a', 'b'], { expires_in: 10 })]) {
      const res = await call('/api/v1/statuses', { token: author.token, json: { status: 'x', ...bad } });
      expect(res.status).toBe(422);
      expect(Object.keys((await json(res)).details)[0]).toMatch(/^poll/);
    }
  });

  it('counts one vote per account and refuses a second, an invalid choice, or two choices in a single-choice poll', async () => {
    const author = await signUp();
    const a = await signUp();
    const b = await signUp();
    const status = await postStatus(author, 'pick', poll(['x', 'y', 'z']));
    const id = status.poll.id;
    expect((await voteFor(a.token, id, [0, 1])).status).toBe(422);
    expect((await voteFor(a.token, id, [3])).status).toBe(422);
    const voted = await json(await voteFor(a.token, id, [1]));
    expect(voted).toMatchObject({ voted: true, own_votes: [1], votes_count: 1, voters_count: 1 });
    const again = await voteFor(a.token, id, [2]);
    expect(again.status).toBe(422);
    expect((await json(again)).error).toMatch(/already voted/);
    await voteFor(b.token, id, [1]);
    const seen = await json(await call(`/api/v1/polls/${id}`));
    expect(seen.options.map((o: { votes_count: number }) => o.votes_count)).toEqual([0, 2, 0]);
  });

  it('multiple-choice polls count each choice; hidden totals show only once the poll ends', async () => {
    const author = await signUp();
    const voter = await signUp();
    const status = await postStatus(author, 'pick many', poll(['x', 'y', 'z'], { multiple: true, hide_totals: true }));
    const voted = await json(await voteFor(voter.token, status.poll.id, [0, 2]));
    expect(voted).toMatchObject({ votes_count: 2, voters_count: 1, own_votes: [0, 2] });
    expect(voted.options.map((o: { votes_count: number | null }) => o.votes_count)).toEqual([null, null, null]);
    await env.DB.prepare('UPDATE polls SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, status.poll.id).run();
    const ended = await json(await call(`/api/v1/polls/${status.poll.id}`));
    expect(ended.expired).toBe(true);
    expect(ended.options.map((o: { votes_count: number | null }) => o.votes_count)).toEqual([1, 0, 1]);
    expect((await voteFor((await signUp()).token, status.poll.id, [1])).status).toBe(422);
  });

  it('when a poll ends, its voters and its author are notified once', async () => {
    const author = await signUp();
    const voter = await signUp();
    const status = await postStatus(author, 'quick poll', poll(['yes', 'no']));
    await voteFor(voter.token, status.poll.id, [0]);
    await env.DB.prepare('UPDATE polls SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, status.poll.id).run();
    await runCron();
    await runCron();
    for (const who of [voter, author]) {
      const notes = await json<Array<{ type: string; status: { id: string } }>>(await call('/api/v1/notifications?types[]=poll', { token: who.token }));
      expect(notes.map((n) => [n.type, n.status.id])).toEqual([['poll', status.id]]);
    }
  });

  it("a poll one cannot see cannot be read or voted on", async () => {
    const author = await signUp();
    const stranger = await signUp();
    const status = await postStatus(author, 'friends only', { visibility: 'private', ...poll(['a', 'b']) });
    expect((await call(`/api/v1/polls/${status.poll.id}`, { token: stranger.token })).status).toBe(404);
    expect((await voteFor(stranger.token, status.poll.id, [0])).status).toBe(404);
    expect((await call('/api/v1/polls/123456789012345678')).status).toBe(404);
  });
});
