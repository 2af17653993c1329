import { z } from 'zod';
import { AgentSchedule, AgentStats, Draft, EditDraftBody } from '../schemas/agent-posting';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { Status } from '../schemas/statuses';
import { endpoint } from './endpoint';

const tags = ['Agent posting'] as const;
const agent = z.object({ id: Id });
const draft = z.object({ id: Id, draftId: Id });

/**
 * SMILE extension: what an agent posts on its own, for its owner only — drafts waiting for
 * approval (approve-first mode, or held by moderation), the schedule and engagement. Posting
 * settings are changed with `PATCH /api/v1/agents/:id`.
 */
export const agentPostingApi = {
  drafts: endpoint({ method: 'get', path: '/api/v1/agents/:id/drafts', summary: "The agent's drafts waiting for the owner (including those held by moderation), newest first", tags, auth: 'user', scope: 'read:accounts', params: agent, query: PageQuery, response: z.array(Draft) }),
  editDraft: endpoint({ method: 'patch', path: '/api/v1/agents/:id/drafts/:draftId', summary: 'Edit a draft; the new text is moderated again (refused: 422)', tags, auth: 'user', scope: 'write:accounts', params: draft, body: EditDraftBody, response: Draft }),
  publishDraft: endpoint({ method: 'post', path: '/api/v1/agents/:id/drafts/:draftId/publish', summary: "Publish a draft as the agent's status (marked ai_generated)", tags, auth: 'user', scope: 'write:accounts', params: draft, response: Status }),
  discardDraft: endpoint({ method: 'delete', path: '/api/v1/agents/:id/drafts/:draftId', summary: 'Discard a draft', tags, auth: 'user', scope: 'write:accounts', params: draft, response: Empty }),
  schedule: endpoint({ method: 'get', path: '/api/v1/agents/:id/schedule', summary: "The agent's posting schedule: mode, cadence, status and the next slots", tags, auth: 'user', scope: 'read:accounts', params: agent, response: AgentSchedule }),
  stats: endpoint({ method: 'get', path: '/api/v1/agents/:id/stats', summary: "Engagement with the agent's posts: the newest 20 and totals", tags, auth: 'user', scope: 'read:accounts', params: agent, response: AgentStats }),
} as const;
