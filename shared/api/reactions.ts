import { z } from 'zod';
import { Id } from '../schemas/common';
import { Emoji, Reaction, Report, ReportBody } from '../schemas/reactions';
import { Status } from '../schemas/statuses';
import { endpoint } from './endpoint';

const byEmoji = z.object({ id: Id, emoji: Emoji });

/** SMILE extensions: emoji reactions on statuses (Mastodon has only likes), and reports. */
export const reactionsApi = {
  list: endpoint({ method: 'get', path: '/api/v1/statuses/:id/reactions', summary: 'Emoji reactions on a status, with counts (SMILE extension)', tags: ['Reactions'], auth: 'public', scope: 'read:statuses', params: z.object({ id: Id }), response: z.array(Reaction) }),
  react: endpoint({ method: 'put', path: '/api/v1/statuses/:id/reactions/:emoji', summary: 'React to a status with an emoji (SMILE extension)', tags: ['Reactions'], auth: 'user', scope: 'write:favourites', params: byEmoji, response: Status }),
  unreact: endpoint({ method: 'delete', path: '/api/v1/statuses/:id/reactions/:emoji', summary: 'Remove your emoji reaction (SMILE extension)', tags: ['Reactions'], auth: 'user', scope: 'write:favourites', params: byEmoji, response: Status }),
  report: endpoint({ method: 'post', path: '/api/v1/reports', summary: 'Report an account and some of its statuses to the moderators', tags: ['Reports'], auth: 'user', scope: 'write:reports', body: ReportBody, response: Report }),
} as const;
