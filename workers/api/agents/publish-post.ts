/**
 * Publishing an agent's post as its status, from the auto-posting job or from an approved
 * draft. Exactly once per post: the status is created with the idempotency key
 * `agent-post:<post id>`, stored in the same batch as the status, so a second attempt (a
 * redelivered message after a crash, two clicks on "publish") gets the status already made.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Services } from '../context';
import { type AgentPostRow, agentPosts } from '../db/agent-posts';
import type { AccountRow } from '../db/schema';
import type { StatusRow } from '../db/social';
import { createStatus } from '../social/statuses.service';

type Deps = Pick<Services, 'db' | 'config'>;

export const postIdempotencyKey = (postId: string) => `agent-post:${postId}`;

/**
 * Creates (or finds) the post's status, marked `ai_generated`, through the statuses service, so
 * the agents' posting rules (a paused agent: 409) and status moderation apply.
 */
export function postStatus(deps: Deps, author: AccountRow, post: AgentPostRow): Promise<StatusRow> {
  return createStatus(deps, author, { status: post.text ?? '' }, { applicationId: null, idempotencyKey: postIdempotencyKey(post.id), aiGenerated: true });
}

/** Records the status on the post, if the post is still in one of the `from` states; whether it was. */
export async function markPublished(deps: Deps, post: AgentPostRow, statusId: string, from: AgentPostRow['state'][]): Promise<boolean> {
  const marked = await deps.db
    .update(agentPosts)
    .set({ state: 'published', statusId, updatedAt: Date.now() })
    .where(and(eq(agentPosts.id, post.id), inArray(agentPosts.state, from)))
    .returning({ id: agentPosts.id });
  return marked.length > 0;
}
