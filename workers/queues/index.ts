/**
 * Queue consumers, one per queue, dispatched by queue name. Consumers must be idempotent:
 * a message can be delivered more than once. A queue without a consumer yet retries its
 * messages, which then land in that queue's dead-letter queue: nothing is silently dropped.
 */
import type { Env } from '../env';
import { loadConfig } from '../env';
import { createLogger } from '../api/lib/logger';
import { agentTasksConsumer } from './agent-tasks';
import { fanoutConsumer } from './fanout';
import { moderationConsumer } from './moderation';
import { paymentWebhooksConsumer } from './payment-webhooks';
import { privacyConsumer } from './privacy';
import { trainingConsumer } from './training';
import { secondOpinion } from '../api/moderation/second-opinion';

export type QueueName = 'moderation' | 'fanout' | 'agent-tasks' | 'training' | 'payment-webhooks' | 'privacy';
export type Consumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

export const consumers: Record<QueueName, Consumer> = {
  fanout: fanoutConsumer,
  moderation: moderationConsumer(secondOpinion),
  'agent-tasks': agentTasksConsumer,
  training: trainingConsumer,
  'payment-webhooks': paymentWebhooksConsumer,
  privacy: privacyConsumer,
};

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const consumer = consumers[batch.queue as QueueName];
  if (consumer) return consumer(batch, env, ctx);
  createLogger(loadConfig(env).LOG_LEVEL).warn('no consumer for queue; messages retried toward the dead-letter queue', { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
