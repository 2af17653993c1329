/**
 * The slow path and the helper other modules call: the `moderation` queue's consumer holds a
 * published status its moderator does not allow (idempotently), and `moderateText` holds agent
 * output before it is published, recording it for review.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import type { ModerationResult } from '../../workers/api/ai/types';
import { type Moderator, moderateText } from '../../workers/api/moderation/items';
import { llamaGuardConfigured } from '../../workers/api/moderation/second-opinion';
import { moderationConsumer } from '../../workers/queues/moderation';
import type { Env } from '../../workers/env';
import { call, count, eventually, json, postStatus, signUp } from './helpers';

/** What Llama Guard answers, as the Workers AI provider reports it. */
const llamaGuard = (verdict: ModerationResult): Moderator & { seen: string[] } => {
  const seen: string[] = [];
  return { name: 'workers-ai', seen, moderate: async (text) => (seen.push(text), verdict) };
};
const unsafe: ModerationResult = { action: 'hold', categories: ['violence'], reason: 'Llama Guard: S1 violent crimes' };

async function deliver(consumer: ReturnType<typeof moderationConsumer> | 'registered', bodies: unknown[]) {
  const batch = createMessageBatch('moderation', bodies.map((body, i) => ({ id: `mod-${i}-${Date.now()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  if (consumer === 'registered') await worker.queue(batch, env, ctx);
  else await consumer(batch, env as unknown as Env, ctx);
  return getQueueResult(batch, ctx);
}

describe('the moderation queue', () => {
  it('holds a published status Llama Guard flags: out of followers’ homes, author told, in the queue; redelivery changes nothing', async () => {
    const author = await signUp();
    const follower = await signUp();
    await call(`/api/v1/accounts/${author.id}/follow`, { method: 'POST', token: follower.token });
    const posted = await postStatus(author, 'a subtle post only a model objects to');
    await eventually(() => count('home_feed', 'status_id = ? AND account_id = ?', posted.id, follower.id), (n) => n === 1);

    const guard = llamaGuard(unsafe);
    const consumer = moderationConsumer(() => guard);
    const result = await deliver(consumer, [{ kind: 'status', statusId: posted.id }, { kind: 'status', statusId: posted.id }]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(guard.seen).toEqual(['a subtle post only a model objects to']);
    expect(await count('home_feed', 'status_id = ? AND account_id = ?', posted.id, follower.id)).toBe(0);
    expect((await call(`/api/v1/statuses/${posted.id}`, { token: follower.token })).status).toBe(404);
    expect((await json(await call(`/api/v1/statuses/${posted.id}`, { token: author.token }))).smile.moderation).toEqual({ state: 'held', reason: unsafe.reason });
    expect(await count('moderation_items', "subject_type = 'status' AND subject_id = ? AND source = 'llama_guard' AND state = 'open'", posted.id)).toBe(1);
    expect(await count('notifications', "account_id = ? AND type = 'moderation' AND status_id = ?", author.id, posted.id)).toBe(1);
  });

  it('leaves allowed statuses alone, drops malformed messages and retries when the moderator fails', async () => {
    const author = await signUp();
    const posted = await postStatus(author, 'perfectly fine');
    const fine = await deliver(moderationConsumer(() => llamaGuard({ action: 'allow', categories: [] })), [{ kind: 'status', statusId: posted.id }, { kind: 'nonsense' }]);
    expect(fine.explicitAcks).toHaveLength(2);
    expect(await count('moderation_items', 'subject_id = ?', posted.id)).toBe(0);
    const down: Moderator = { name: 'workers-ai', moderate: () => Promise.reject(new Error('AI unavailable')) };
    const failed = await deliver(moderationConsumer(() => down), [{ kind: 'status', statusId: posted.id }]);
    expect(failed.retryMessages).toHaveLength(1);
  });

  it('the registered consumer re-runs the classifier: it holds what slipped past the inline check', async () => {
    const author = await signUp();
    const posted = await postStatus(author, 'short for now');
    // As if the word lists had changed since it was posted.
    await env.DB.prepare('UPDATE statuses SET text = ? WHERE id = ?').bind('spam '.repeat(20), posted.id).run();
    await deliver('registered', [{ kind: 'status', statusId: posted.id }]);
    expect(await count('moderation_items', "subject_id = ? AND source = 'classifier'", posted.id)).toBe(1);
    expect(await count('statuses', "id = ? AND moderation_state = 'held'", posted.id)).toBe(1);
  });

  it('is asked only when Workers AI is the AI provider', () => {
    expect(llamaGuardConfigured({ AI_PROVIDER: 'workers-ai' })).toBe(true);
    expect(llamaGuardConfigured({})).toBe(false);
    expect(llamaGuardConfigured({ AI_PROVIDER: 'builtin' })).toBe(false);
  });
});

describe('moderateText (agent output, chat, training files)', () => {
  const db = () => ({ db: drizzle(env.DB) });

  it('holds agent output that fails, before it is published, and records it for review', async () => {
    const agent = await signUp();
    const verdict = await moderateText(db(), `new deals ${Array.from({ length: 12 }, (_, i) => `https://deals.example/${i}`).join(' ')}`, { type: 'agent_output', id: 'draft-1', accountId: agent.id });
    expect(verdict).toMatchObject({ action: 'hold', categories: ['spam'] });
    expect(await count('moderation_items', "subject_type = 'agent_output' AND subject_id = 'draft-1' AND account_id = ? AND state = 'open'", agent.id)).toBe(1);
  });

  it('refuses a slur without queueing it, and passes clean text, asking the second opinion only then', async () => {
    const agent = await signUp();
    const guard = llamaGuard(unsafe);
    expect((await moderateText(db(), 'kike', { type: 'agent_output', id: 'draft-2', accountId: agent.id }, guard)).action).toBe('reject');
    expect(guard.seen).toEqual([]);
    expect(await moderateText(db(), 'a calm reply', { type: 'chat_message', id: 'msg-1', accountId: agent.id }, guard)).toEqual(unsafe);
    expect(await count('moderation_items', "subject_id = 'msg-1' AND source = 'llama_guard'")).toBe(1);
    expect(await moderateText(db(), 'a calm reply', { type: 'agent_output', id: 'draft-3', accountId: agent.id })).toEqual({ action: 'allow', categories: [] });
    expect(await count('moderation_items', 'account_id = ?', agent.id)).toBe(1);
  });
});
