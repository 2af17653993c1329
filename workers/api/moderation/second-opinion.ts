/**
 * The slow path: when Workers AI is the AI provider (`AI_PROVIDER=workers-ai`), every status
 * the classifier let through is queued for Llama Guard, which may still hold it after it was
 * published (`workers/queues/moderation.ts`). Offline, the classifier's inline verdict is final
 * and nothing is queued.
 */
import type { Context } from 'hono';
import type { ModerationMessage } from '../../../shared/schemas/moderation';
import type { Env } from '../../env';
import type { AppEnv } from '../context';
import { classifyText } from './classifier';
import type { Moderator } from './items';

/** Read from the raw environment: the AI provider layer owns the variable and its validation. */
export const llamaGuardConfigured = (env: Pick<Env, string>) => env.AI_PROVIDER === 'workers-ai';

/**
 * The moderator the queue consumer asks. The AI provider layer (`workers/api/ai/`) supplies
 * Workers AI's `moderate` (Llama Guard); until it is wired in here, the consumer re-runs the
 * local classifier, which is what the built-in provider's `moderate` is.
 */
export function secondOpinion(_env: Env): Moderator {
  return { name: 'builtin', moderate: async (text) => classifyText(text) };
}

/** Queues a published status for a second look, after the response (the status is stored). */
export function requestSecondLook(c: Context<AppEnv>, statusId: string): void {
  if (!llamaGuardConfigured(c.env)) return;
  const message: ModerationMessage = { kind: 'status', statusId };
  const sent = c.env.MODERATION_QUEUE.send(message).catch((err: unknown) => {
    c.var.log.warn('could not queue a status for a second moderation look', { statusId, error: (err as Error).message });
  });
  c.executionCtx.waitUntil(sent);
}
