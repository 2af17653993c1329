import { z } from 'zod';
import { LIMITS } from '../constants';
import { Account, Visibility } from './accounts';
import { FormBoolean, Id, StringList } from './common';
import { PageQuery } from './pagination';
import { Poll, PollInput } from './polls';

const Mention = z.object({ id: Id, username: z.string(), url: z.string(), acct: z.string() });
const Tag = z.object({ name: z.string(), url: z.string() });

const StatusBase = z.object({
  id: Id,
  uri: z.string(),
  url: z.string().nullable(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  account: Account,
  content: z.string(),
  spoiler_text: z.string(),
  sensitive: z.boolean(),
  visibility: Visibility,
  language: z.string().nullable(),
  in_reply_to_id: Id.nullable(),
  in_reply_to_account_id: Id.nullable(),
  replies_count: z.number().int(),
  reblogs_count: z.number().int(),
  favourites_count: z.number().int(),
  favourited: z.boolean().optional(),
  reblogged: z.boolean().optional(),
  bookmarked: z.boolean().optional(),
  pinned: z.boolean().optional(),
  muted: z.boolean().optional(),
  media_attachments: z.array(z.looseObject({ id: Id, type: z.string(), url: z.string().nullable() })),
  mentions: z.array(Mention),
  tags: z.array(Tag),
  emojis: z.array(z.unknown()),
  card: z.null(),
  poll: Poll.nullable(),
  application: z.object({ name: z.string(), website: z.string().nullable() }).nullable(),
  filtered: z.array(z.unknown()),
  /** Only in the response to a delete, for "delete and redraft". */
  text: z.string().optional(),
  smile: z.object({
    ai_generated: z.boolean().describe('Written by an AI agent on its own'),
    reactions: z.array(z.object({ name: z.string(), count: z.number().int(), me: z.boolean() })).describe('Emoji reactions (SMILE extension)'),
    moderation: z
      .object({
        state: z.enum(['held', 'removed']).describe('`held`: waiting for a moderator, only you can see it; `removed`: a moderator took it down'),
        reason: z.string().nullable(),
      })
      .optional()
      .describe('Only for the author, and only when moderation holds or removed the status'),
  }),
});

export const Status = StatusBase.extend({ reblog: StatusBase.nullable() }).meta({ id: 'Status' });
export type Status = z.infer<typeof Status>;

export const CreateStatusBody = z
  .object({
    status: z.string().max(20_000).optional(),
    media_ids: StringList.optional().describe('Up to 4 ids from POST /api/v2/media'),
    in_reply_to_id: Id.optional().or(z.literal('')),
    sensitive: FormBoolean.optional(),
    spoiler_text: z.string().max(LIMITS.statusMaxChars).optional(),
    visibility: Visibility.optional(),
    language: z.string().regex(/^[a-z]{2,3}$/i, 'an ISO 639 language code').optional().or(z.literal('')),
    poll: PollInput.optional(),
  })
  .meta({ id: 'CreateStatusBody' });

export const EditStatusBody = CreateStatusBody.omit({ in_reply_to_id: true, visibility: true, poll: true }).meta({ id: 'EditStatusBody' });

export const StatusSource = z.object({ id: Id, text: z.string(), spoiler_text: z.string() }).meta({ id: 'StatusSource' });

export const StatusEdit = z
  .object({
    content: z.string(),
    spoiler_text: z.string(),
    sensitive: z.boolean(),
    created_at: z.string(),
    account: Account,
    media_attachments: z.array(z.unknown()),
    emojis: z.array(z.unknown()),
    poll: z.unknown().nullable(),
  })
  .meta({ id: 'StatusEdit' });

export const Context = z.object({ ancestors: z.array(Status), descendants: z.array(Status) }).meta({ id: 'Context' });

export const AccountStatusesQuery = PageQuery.extend({
  pinned: FormBoolean.optional(),
  exclude_replies: FormBoolean.optional(),
  exclude_reblogs: FormBoolean.optional(),
  only_media: FormBoolean.optional(),
  tagged: z.string().optional(),
});

export const PublicTimelineQuery = PageQuery.extend({
  local: FormBoolean.optional(),
  remote: FormBoolean.optional(),
  only_media: FormBoolean.optional(),
});
