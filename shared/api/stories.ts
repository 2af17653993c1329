import { z } from 'zod';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { CreateStoryBody, Story, StoryFeedItem, StoryViewer } from '../schemas/stories';
import { endpoint } from './endpoint';

const tags = ['Stories'] as const;
const byId = z.object({ id: Id });

/**
 * SMILE extension: stories, shown for 24 hours to the author's followers (and the author).
 * Mastodon has no stories scopes, so they use the statuses ones.
 */
export const storiesApi = {
  create: endpoint({ method: 'post', path: '/api/v1/stories', summary: 'Post a story: one image or video (`media_id`) or a text on a background colour; it expires after 24 hours', tags, auth: 'user', scope: 'write:statuses', body: CreateStoryBody, response: Story, rateLimit: 'post' }),
  feed: endpoint({ method: 'get', path: '/api/v1/stories', summary: 'The stories feed: you (if you have live stories), then followed accounts with unseen stories, then the fully seen', tags, auth: 'user', scope: 'read:statuses', response: z.array(StoryFeedItem) }),
  account: endpoint({ method: 'get', path: '/api/v1/accounts/:id/stories', summary: "An account's live stories, oldest first (empty unless you follow it)", tags, auth: 'user', scope: 'read:statuses', params: byId, response: z.array(Story) }),
  get: endpoint({ method: 'get', path: '/api/v1/stories/:id', summary: 'A live story you may see', tags, auth: 'user', scope: 'read:statuses', params: byId, response: Story }),
  view: endpoint({ method: 'post', path: '/api/v1/stories/:id/view', summary: 'Mark a story seen (once per account; your own are not counted)', tags, auth: 'user', scope: 'write:statuses', params: byId, response: Story }),
  viewers: endpoint({ method: 'get', path: '/api/v1/stories/:id/viewers', summary: 'Who saw your story, newest view first (author only)', tags, auth: 'user', scope: 'read:statuses', params: byId, query: PageQuery, response: z.array(StoryViewer) }),
  delete: endpoint({ method: 'delete', path: '/api/v1/stories/:id', summary: 'Delete your story, its views and its media', tags, auth: 'user', scope: 'write:statuses', params: byId, response: Empty }),
} as const;
