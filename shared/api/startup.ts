import { z } from 'zod';
import { endpoint } from './endpoint';

/**
 * Calls every Mastodon client makes at start-up. SMILE has no custom emojis, filters, lists,
 * announcements or followed tags yet, so each answers with an empty list — a proper answer,
 * not a 404 that would break the client.
 */
const empty = (path: string, summary: string, scope: string | undefined, tag: string) =>
  endpoint({ method: 'get', path, summary, tags: [tag], auth: scope ? 'user' : 'public', ...(scope ? { scope } : {}), response: z.array(z.unknown()) });

export const startupApi = {
  customEmojis: empty('/api/v1/custom_emojis', 'Custom emojis of this server (none yet)', undefined, 'Instance'),
  announcements: empty('/api/v1/announcements', 'Server announcements (none yet)', 'read', 'Instance'),
  filtersV1: empty('/api/v1/filters', 'Keyword filters, v1 (none yet)', 'read:filters', 'Filters'),
  filtersV2: empty('/api/v2/filters', 'Keyword filters (none yet)', 'read:filters', 'Filters'),
  lists: empty('/api/v1/lists', 'Your lists (none yet)', 'read:lists', 'Lists'),
  followedTags: empty('/api/v1/followed_tags', 'Hashtags you follow (none yet)', 'read:follows', 'Tags'),
} as const;
