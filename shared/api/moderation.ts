import { z } from 'zod';
import { Id } from '../schemas/common';
import { ModerationDecisionBody, ModerationItem, ModerationItemsQuery } from '../schemas/moderation';
import { endpoint } from './endpoint';

const tags = ['Admin'] as const;
const byId = z.object({ id: Id });

/** SMILE extension: the moderators' review queue — what the checks held and what people reported. */
export const moderationApi = {
  list: endpoint({ method: 'get', path: '/api/v1/admin/moderation', summary: 'Review queue items, newest first (moderator): open by default; filter by `state` and `type`', tags, auth: 'user', scope: 'admin:read:reports', role: 'moderator', query: ModerationItemsQuery, response: z.array(ModerationItem) }),
  get: endpoint({ method: 'get', path: '/api/v1/admin/moderation/:id', summary: 'One review queue item (moderator)', tags, auth: 'user', scope: 'admin:read:reports', role: 'moderator', params: byId, response: ModerationItem }),
  approve: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/approve', summary: 'Approve: a held status becomes visible and reaches its followers; a report is dismissed (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: ModerationDecisionBody, response: ModerationItem }),
  remove: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/remove', summary: 'Remove: the status (or a report’s statuses) is hidden from everyone but its author, who is told why (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: ModerationDecisionBody, response: ModerationItem }),
} as const;
