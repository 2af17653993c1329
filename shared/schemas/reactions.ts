import { z } from 'zod';
import { Account } from './accounts';
import { Id } from './common';

/** One emoji: a single grapheme (skin tones and joined sequences included) that is pictographic. */
export const Emoji = z
  .string()
  .min(1)
  .max(32)
  .refine((s) => [...new Intl.Segmenter().segment(s)].length === 1 && /^[\p{Extended_Pictographic}\p{Emoji_Component}\u200D\uFE0F]+$/u.test(s) && /\p{Extended_Pictographic}/u.test(s), 'must be one emoji');

export const Reaction = z.object({ name: z.string(), count: z.number().int(), me: z.boolean() }).meta({ id: 'Reaction' });

export const ReportBody = z
  .object({
    account_id: Id,
    status_ids: z.union([z.array(Id), Id.transform((id) => [id])]).optional(),
    comment: z.string().max(1000).optional(),
    forward: z.union([z.boolean(), z.string()]).optional(),
    category: z.enum(['spam', 'legal', 'violation', 'other']).optional(),
    rule_ids: z.unknown().optional(),
  })
  .meta({ id: 'ReportBody' });

export const Report = z
  .object({
    id: Id,
    action_taken: z.boolean(),
    action_taken_at: z.string().nullable(),
    category: z.string(),
    comment: z.string(),
    forwarded: z.boolean(),
    created_at: z.string(),
    status_ids: z.array(Id),
    rule_ids: z.array(z.string()),
    target_account: Account,
  })
  .meta({ id: 'Report' });
