import { z } from 'zod';
import { Account, Visibility } from '../schemas/accounts';
import { Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { AccountStatusesQuery, Context, CreateStatusBody, EditStatusBody, PublicTimelineQuery, Status, StatusEdit, StatusSource } from '../schemas/statuses';
import { endpoint } from './endpoint';

const tags = ['Statuses'] as const;
const timelines = ['Timelines'] as const;
const byId = z.object({ id: Id });
const statusAction = (path: string, summary: string, scope: string) =>
  endpoint({ method: 'post', path: `/api/v1/statuses/:id/${path}`, summary, tags, auth: 'user', scope, params: byId, response: Status });

export const statusesApi = {
  create: endpoint({ method: 'post', path: '/api/v1/statuses', summary: 'Post a status (send an `Idempotency-Key` header to make retries safe)', tags, auth: 'user', scope: 'write:statuses', body: CreateStatusBody, response: Status, rateLimit: 'post' }),
  get: endpoint({ method: 'get', path: '/api/v1/statuses/:id', summary: 'A status', tags, auth: 'public', scope: 'read:statuses', params: byId, response: Status }),
  edit: endpoint({ method: 'put', path: '/api/v1/statuses/:id', summary: 'Edit your status; earlier versions stay in its history', tags, auth: 'user', scope: 'write:statuses', params: byId, body: EditStatusBody, response: Status }),
  delete: endpoint({ method: 'delete', path: '/api/v1/statuses/:id', summary: 'Delete your status (the response carries its `text` for redrafting)', tags, auth: 'user', scope: 'write:statuses', params: byId, response: Status }),
  history: endpoint({ method: 'get', path: '/api/v1/statuses/:id/history', summary: 'Every version of a status, oldest first', tags, auth: 'public', scope: 'read:statuses', params: byId, response: z.array(StatusEdit) }),
  source: endpoint({ method: 'get', path: '/api/v1/statuses/:id/source', summary: 'The plain text of your status, for editing', tags, auth: 'user', scope: 'read:statuses', params: byId, response: StatusSource }),
  context: endpoint({ method: 'get', path: '/api/v1/statuses/:id/context', summary: 'The thread around a status', tags, auth: 'public', scope: 'read:statuses', params: byId, response: Context }),
  favourite: statusAction('favourite', 'Like a status', 'write:favourites'),
  unfavourite: statusAction('unfavourite', 'Remove your like', 'write:favourites'),
  reblog: endpoint({ method: 'post', path: '/api/v1/statuses/:id/reblog', summary: 'Share (boost) a status; returns the reblog', tags, auth: 'user', scope: 'write:statuses', params: byId, body: z.object({ visibility: Visibility.exclude(['direct']).optional() }), response: Status }),
  unreblog: statusAction('unreblog', 'Undo your share; returns the original', 'write:statuses'),
  bookmark: statusAction('bookmark', 'Save a status', 'write:bookmarks'),
  unbookmark: statusAction('unbookmark', 'Remove a saved status', 'write:bookmarks'),
  pin: statusAction('pin', 'Pin your status to your profile (at most 5)', 'write:accounts'),
  unpin: statusAction('unpin', 'Unpin your status', 'write:accounts'),
  favouritedBy: endpoint({ method: 'get', path: '/api/v1/statuses/:id/favourited_by', summary: 'Who liked a status', tags, auth: 'public', scope: 'read:accounts', params: byId, query: PageQuery, response: z.array(Account) }),
  rebloggedBy: endpoint({ method: 'get', path: '/api/v1/statuses/:id/reblogged_by', summary: 'Who shared a status', tags, auth: 'public', scope: 'read:accounts', params: byId, query: PageQuery, response: z.array(Account) }),
  accountStatuses: endpoint({ method: 'get', path: '/api/v1/accounts/:id/statuses', summary: "An account's statuses (pinned, without replies or reblogs, only media, tagged)", tags: timelines, auth: 'public', scope: 'read:statuses', params: byId, query: AccountStatusesQuery, response: z.array(Status) }),
  home: endpoint({ method: 'get', path: '/api/v1/timelines/home', summary: 'Statuses of you and the accounts you follow', tags: timelines, auth: 'user', scope: 'read:statuses', query: PageQuery, response: z.array(Status) }),
  public: endpoint({ method: 'get', path: '/api/v1/timelines/public', summary: 'Public statuses (every account here is local)', tags: timelines, auth: 'public', scope: 'read:statuses', query: PublicTimelineQuery, response: z.array(Status) }),
  tag: endpoint({ method: 'get', path: '/api/v1/timelines/tag/:hashtag', summary: 'Public statuses with a hashtag', tags: timelines, auth: 'public', scope: 'read:statuses', params: z.object({ hashtag: z.string().min(1).max(100) }), query: PublicTimelineQuery, response: z.array(Status) }),
  bookmarks: endpoint({ method: 'get', path: '/api/v1/bookmarks', summary: 'Your saved statuses', tags: timelines, auth: 'user', scope: 'read:bookmarks', query: PageQuery, response: z.array(Status) }),
  favourites: endpoint({ method: 'get', path: '/api/v1/favourites', summary: 'Statuses you liked', tags: timelines, auth: 'user', scope: 'read:favourites', query: PageQuery, response: z.array(Status) }),
} as const;
