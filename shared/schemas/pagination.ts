import { z } from 'zod';
import { Id } from './common';

/**
 * Mastodon's paging parameters. `limit` is capped, never rejected for being large;
 * `max_id` pages backwards, `min_id` pages forwards from a point, `since_id` returns the newest
 * items after a point.
 */
export const PageQuery = z.object({
  max_id: Id.optional(),
  since_id: Id.optional(),
  min_id: Id.optional(),
  limit: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform((v) => Number(v))
    .optional(),
});
export type PageQuery = z.output<typeof PageQuery>;
