import { z } from 'zod';
import { Id } from '../schemas/common';
import { RequiredNoteBody } from '../schemas/admin';
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
  hide: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/hide', summary: 'Hide: as remove, with the reason required (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: RequiredNoteBody, response: ModerationItem }),
  delete: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/delete', summary: 'Delete the status (or a report’s statuses) for good; the author is warned with the reason (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: RequiredNoteBody, response: ModerationItem }),
  warn: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/warn', summary: 'Close the item with a warning to the author (a `moderation_warning` notification); the content stays as it is (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: RequiredNoteBody, response: ModerationItem }),
  restore: endpoint({ method: 'post', path: '/api/v1/admin/moderation/:id/restore', summary: 'Undo a removal or hide: the status is visible again and reaches its followers (moderator)', tags, auth: 'user', scope: 'admin:write:reports', role: 'moderator', params: byId, body: RequiredNoteBody, response: ModerationItem }),
} as const;
