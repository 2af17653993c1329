/** Live streams (a SMILE extension): the REST bodies and entity, and the frames of the watch and broadcast sockets. */
import { z } from 'zod';
import { LIVE } from '../constants';
import { Account } from './accounts';
import { Id } from './common';

export const LIVE_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export const LiveVisibility = z.enum(LIVE_VISIBILITIES);

export const GoLiveBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "can't be blank")
      .refine((t) => [...t].length <= LIVE.titleMaxChars, `is too long (maximum is ${LIVE.titleMaxChars} characters)`),
    visibility: LiveVisibility.default('public').describe('public and unlisted: anyone may watch (chat needs an account); private: your followers only'),
  })
  .meta({ id: 'GoLiveBody' });

export const LiveStream = z
  .object({
    id: Id,
    account: Account,
    title: z.string(),
    visibility: LiveVisibility,
    state: z.enum(['live', 'ended']),
    viewer_count: z.number().int().describe('Viewers connected now (refreshed every few seconds while live)'),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    replay_url: z.string().nullable().describe('The recording (video/webm) once the stream has ended; null before, or when nothing was broadcast'),
    watch_url: z.string().describe('The watch WebSocket (wss://…/api/v1/live/:id/watch)'),
  })
  .meta({ id: 'LiveStream' });

/** Client → server text frames on the watch (and broadcast) socket. */
export const LiveClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('chat'),
    text: z
      .string()
      .trim()
      .min(1, "can't be blank")
      .refine((t) => [...t].length <= LIVE.chatMaxChars, `is too long (maximum is ${LIVE.chatMaxChars} characters)`),
  }),
  // One emoji (a grapheme may be several code points: flags, skin tones, ZWJ sequences).
  z.object({ type: z.literal('react'), emoji: z.string().min(1).max(32).regex(/^\p{Extended_Pictographic}/u, 'must be an emoji') }),
]);
export type LiveClientFrame = z.output<typeof LiveClientFrame>;

export const LiveChatMessage = z.object({
  id: Id,
  account_id: Id,
  account: z.object({ id: Id, acct: z.string(), display_name: z.string(), avatar: z.string() }),
  text: z.string(),
  created_at: z.string(),
});
export type LiveChatMessage = z.output<typeof LiveChatMessage>;
export type LiveChatAuthor = LiveChatMessage['account'];

/** Server → client text frames. */
export const LiveServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chat'), message: LiveChatMessage }),
  z.object({ type: z.literal('reaction'), emoji: z.string(), account_id: Id }),
  z.object({ type: z.literal('viewers'), count: z.number().int() }),
  z.object({ type: z.literal('ended'), replay_url: z.string().nullable() }),
  z.object({ type: z.literal('error'), error: z.string(), status: z.number().int() }),
]);
export type LiveServerFrame = z.output<typeof LiveServerFrame>;
