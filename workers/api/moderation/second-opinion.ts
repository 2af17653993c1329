/**
 * The slow path: when a model is the AI provider (`AI_PROVIDER=workers-ai`: Llama Guard, or
 * `openai-compatible`), every status the classifier let through is queued for the model, which
 * may still hold it after it was published (`workers/queues/moderation.ts`). With the built-in
 * engine, whose `moderate` is the classifier itself, the inline verdict is final and nothing
 * is queued.
 */
import type { Context } from 'hono';
import type { ModerationMessage } from '../../../shared/schemas/moderation';
import type { Env } from '../../env';
import type { AppEnv } from '../context';
import { getAiProvider } from '../ai/providers';
import type { Moderator } from './items';

/** Is a model configured to take a second look? (Read raw: the AI provider layer owns the variable's validation.) */
export const llamaGuardConfigured = (env: Pick<Env, string>) => env.AI_PROVIDER === 'workers-ai' || env.AI_PROVIDER === 'openai-compatible';

/** The moderator the queue consumer asks: the configured AI provider. */
export function secondOpinion(env: Env): Moderator {
  return getAiProvider(env);
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
