import { z } from 'zod';
import { Conversation } from '../schemas/conversations';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { endpoint } from './endpoint';

const tags = ['Conversations'] as const;
const byId = z.object({ id: Id });

export const conversationsApi = {
  list: endpoint({ method: 'get', path: '/api/v1/conversations', summary: 'Your direct-message conversations, latest activity first', tags, auth: 'user', scope: 'read:statuses', query: PageQuery, response: z.array(Conversation) }),
  remove: endpoint({ method: 'delete', path: '/api/v1/conversations/:id', summary: 'Remove a conversation from your list (its statuses stay; a new message brings it back)', tags, auth: 'user', scope: 'write:conversations', params: byId, response: Empty }),
  read: endpoint({ method: 'post', path: '/api/v1/conversations/:id/read', summary: 'Mark a conversation as read', tags, auth: 'user', scope: 'write:conversations', params: byId, response: Conversation }),
} as const;
