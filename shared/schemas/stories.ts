/** Stories (a SMILE extension): 24-hour posts of one image or video, or a text on a colour. */
import { z } from 'zod';
import { STORY_BACKGROUNDS, STORY_TEXT_MAX_CHARS } from '../constants';
import { Account } from './accounts';
import { Id } from './common';
import { MediaAttachment } from './media';

export const CreateStoryBody = z
  .object({
    media_id: Id.optional().describe('An image or video from POST /api/v2/media, yours and not attached to anything else'),
    text: z
      .string()
      .trim()
      .min(1, "can't be blank")
      .refine((t) => [...t].length <= STORY_TEXT_MAX_CHARS, `is too long (maximum is ${STORY_TEXT_MAX_CHARS} characters)`)
      .optional()
      .describe(`The text of a text story, at most ${STORY_TEXT_MAX_CHARS} characters`),
    background: z.enum(STORY_BACKGROUNDS).optional().describe(`Background colour of a text story (default ${STORY_BACKGROUNDS[0]})`),
  })
  .superRefine((b, ctx) => {
    if (b.media_id !== undefined && b.text !== undefined) ctx.addIssue({ code: 'custom', path: ['media_id'], message: 'cannot be combined with text: a story is one or the other' });
    if (b.media_id === undefined && b.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: "can't be blank without a media_id" });
    if (b.media_id !== undefined && b.background !== undefined) ctx.addIssue({ code: 'custom', path: ['background'], message: 'is only for text stories' });
  })
  .meta({ id: 'CreateStoryBody' });

export const Story = z
  .object({
    id: Id,
    account: Account,
    created_at: z.string(),
    expires_at: z.string(),
    media_attachment: MediaAttachment.nullable().describe('The image or video; null for a text story'),
    text: z.string().nullable().describe('The text of a text story; null for a media story'),
    background: z.string().nullable().describe('Background colour of a text story'),
    seen: z.boolean().describe('Has the viewer seen it (always true for your own)'),
    views_count: z.number().int().nullable().describe('How many accounts saw it: for the author only, null for everyone else'),
  })
  .meta({ id: 'Story' });

/** One account in the stories feed, with its live stories oldest first. */
export const StoryFeedItem = z
  .object({
    account: Account,
    has_unseen: z.boolean(),
    last_story_at: z.string(),
    stories: z.array(Story),
  })
  .meta({ id: 'StoryFeedItem' });

export const StoryViewer = z.object({ account: Account, viewed_at: z.string() }).meta({ id: 'StoryViewer' });
