import { z } from 'zod';
import { Id } from '../schemas/common';
import { Poll, VoteBody } from '../schemas/polls';
import { endpoint } from './endpoint';

const tags = ['Polls'] as const;
const byId = z.object({ id: Id });

export const pollsApi = {
  get: endpoint({ method: 'get', path: '/api/v1/polls/:id', summary: 'A poll and its results so far', tags, auth: 'public', scope: 'read:statuses', params: byId, response: Poll }),
  vote: endpoint({ method: 'post', path: '/api/v1/polls/:id/votes', summary: 'Vote (once) in a poll: `choices[]` are option indexes', tags, auth: 'user', scope: 'write:statuses', params: byId, body: VoteBody, response: Poll }),
} as const;
