/**
 * Moderation (a SMILE extension): the review queue's items as moderators see them, the
 * decision bodies, and the `moderation` queue's message. Mastodon's admin API has reports only;
 * these items also carry what the classifier or Llama Guard held.
 */
import { z } from 'zod';
import { Id } from './common';
import { PageQuery } from './pagination';
import { Status } from './statuses';

export const MODERATION_SUBJECTS = ['status', 'account', 'agent_output', 'training_file', 'chat_message', 'report'] as const;
export const MODERATION_ITEM_STATES = ['open', 'approved', 'removed', 'deleted', 'warned', 'restored'] as const;

export const ModerationItem = z
  .object({
    id: Id,
    subject_type: z.enum(MODERATION_SUBJECTS),
    subject_id: z.string(),
    account_id: Id.describe('The author of the subject; for a report, the reported account'),
    action: z.enum(['hold', 'reject', 'report']).describe('What the check decided; `report`: a person asked for a look'),
    categories: z.array(z.string()),
    reason: z.string().nullable(),
    source: z.enum(['classifier', 'llama_guard', 'report']),
    excerpt: z.string().describe('The text that was judged, as it was'),
    state: z.enum(MODERATION_ITEM_STATES),
    reviewer_id: Id.nullable(),
    reviewed_at: z.string().nullable(),
    note: z.string().nullable(),
    created_at: z.string(),
    status: Status.nullable().describe('The status, for status items, as it is now'),
    report: z
      .object({ id: Id, reporter_id: Id, category: z.string(), comment: z.string(), status_ids: z.array(Id) })
      .nullable()
      .describe('The report, for report items'),
  })
  .meta({ id: 'ModerationItem' });

export const ModerationItemsQuery = PageQuery.extend({
  state: z.enum(MODERATION_ITEM_STATES).default('open'),
  type: z.enum(MODERATION_SUBJECTS).optional(),
});

export const ModerationDecisionBody = z
  .object({ note: z.string().trim().max(1000).optional().describe('Why: kept in the audit trail; for a removal, also shown to the author') })
  .meta({ id: 'ModerationDecisionBody' });

/** The `moderation` queue's message: a published status for Llama Guard to look at. */
export const ModerationMessage = z.object({ kind: z.literal('status'), statusId: Id });
export type ModerationMessage = z.infer<typeof ModerationMessage>;
