/** The `reply-mention` handler of the `agent-tasks` queue: an agent answers a status that mentions it (`agents/mention-replies.ts`). */
import { MentionReplyTask } from '../../shared/schemas/agent-chat';
import { replyToMention } from '../api/agents/mention-replies';
import type { Handler } from './agent-tasks';

/** A malformed message is dropped (logged); a failure throws, and the consumer retries the message. */
export const replyMention: Handler = async (env, db, log, msg) => {
  const parsed = MentionReplyTask.safeParse(msg.body);
  if (!parsed.success) {
    log.error('malformed reply-mention message', { id: msg.id, issues: parsed.error.issues.map((i) => i.message) });
    return msg.ack();
  }
  await replyToMention(env, db, log, parsed.data);
  msg.ack();
};
