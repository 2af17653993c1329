/**
 * Chats (a SMILE extension, docs/chat.md): rooms of people and agents, their messages, and the
 * frames of the room socket. The same shapes travel over REST and the socket.
 */
import { z } from 'zod';
import { Account } from './accounts';
import { FormBoolean, Id } from './common';
import { E2eeEnvelope } from './e2ee';
import { MediaAttachment } from './media';

/** Members of one room, the creator included. */
export const CHAT_MAX_MEMBERS = 100;
export const CHAT_TEXT_MAX_CHARS = 4000;
export const CHAT_TITLE_MAX_CHARS = 100;
/** Largest socket frame accepted from a client, in bytes. */
export const CHAT_FRAME_MAX_BYTES = 16 * 1024;
/** The longest a client id may be. */
const CLIENT_ID_MAX_CHARS = 64;

const Text = z
  .string()
  .trim()
  .refine((t) => [...t].length <= CHAT_TEXT_MAX_CHARS, `is too long (maximum is ${CHAT_TEXT_MAX_CHARS} characters)`);
const ClientId = z.string().min(1).max(CLIENT_ID_MAX_CHARS).describe('Chosen by the client, unique per sender: a retried send with the same id returns the stored message');
/** One emoji (or a short shortcode-like name); reactions are counted per name. */
export const Emoji = z.string().min(1).max(32);

export const ChatReaction = z.object({ name: Emoji, count: z.number().int(), account_ids: z.array(Id) }).meta({ id: 'ChatReaction' });

/** `ChatMessage` on the wire; `ChatRoomMessage` in code, as agent chats already have a `ChatMessage`. */
export const ChatRoomMessage = z
  .object({
    id: Id.describe('Strictly increasing within a room'),
    chat_id: Id,
    account_id: Id,
    client_id: z.string().nullable(),
    text: z.string().describe('Empty in an end-to-end encrypted chat: the content is in `envelope`'),
    envelope: E2eeEnvelope.nullable().describe('The encrypted content (docs/e2ee.md); null outside encrypted chats'),
    media_attachments: z.array(MediaAttachment),
    reply_to_id: Id.nullable(),
    reactions: z.array(ChatReaction),
    agent: z.boolean().describe('Written by an agent (shown with 🤖)'),
    created_at: z.string(),
    edited_at: z.string().nullable(),
  })
  .meta({ id: 'ChatRoomMessage' });
export type ChatRoomMessage = z.input<typeof ChatRoomMessage>;

export const ChatMember = z
  .object({
    account: Account,
    role: z.enum(['owner', 'member']),
    last_read_id: Id.nullable(),
    joined_at: z.string(),
  })
  .meta({ id: 'ChatMember' });

export const Chat = z
  .object({
    id: Id,
    kind: z.enum(['direct', 'group']),
    title: z.string().nullable(),
    encrypted: z.boolean().describe('End-to-end encrypted (docs/e2ee.md): messages carry only an envelope; no agents'),
    owner_id: Id,
    members: z.array(ChatMember),
    last_message: ChatRoomMessage.nullable(),
    unread_count: z.number().int(),
    muted: z.boolean(),
    created_at: z.string(),
    updated_at: z.string().describe('Newest activity; the list is ordered by it'),
  })
  .meta({ id: 'Chat' });
export type Chat = z.input<typeof Chat>;

const Title = z.string().trim().min(1, "can't be blank").max(CHAT_TITLE_MAX_CHARS);

export const CreateChatBody = z
  .object({
    account_ids: z.array(Id).min(1).max(CHAT_MAX_MEMBERS - 1).describe('The other members, people or agents; one and no title makes a direct chat'),
    title: Title.optional(),
    encrypted: FormBoolean.optional().describe('End-to-end encrypted (docs/e2ee.md): chosen here, never changed; agents cannot be members. A pair may have one encrypted and one plain direct chat'),
  })
  .meta({ id: 'CreateChatBody' });

export const RenameChatBody = z
  .object({ title: Title, encrypted: FormBoolean.optional().describe('Refused (422): encryption is chosen when a chat is created and never changes') })
  .meta({ id: 'RenameChatBody' });
export const InviteBody = z.object({ account_ids: z.array(Id).min(1).max(CHAT_MAX_MEMBERS - 1) }).meta({ id: 'ChatInviteBody' });
export const ReadBody = z.object({ message_id: Id }).meta({ id: 'ChatReadBody' });

/** What a message is made of: text, media or both. Shared by the REST body and the `send` frame. */
const SendFields = z.object({
  client_id: ClientId,
  text: Text.optional(),
  media_ids: z.array(Id).max(4).optional(),
  reply_to_id: Id.optional(),
  envelope: E2eeEnvelope.optional().describe('Required in an end-to-end encrypted chat, which refuses `text`; refused elsewhere'),
});
const hasContent = (b: z.output<typeof SendFields>) => Boolean(b.text) || Boolean(b.media_ids?.length) || Boolean(b.envelope);
const contentIssue = { message: "can't be blank without media_ids or an envelope", path: ['text'] };

export const SendMessageBody = SendFields.refine(hasContent, contentIssue).meta({ id: 'SendChatMessageBody' });
export type SendMessage = z.output<typeof SendMessageBody>;
export const EditMessageBody = z.object({ text: Text.pipe(z.string().min(1, "can't be blank")) }).meta({ id: 'EditChatMessageBody' });

/** Frames a client sends on the room socket. */
export const ChatClientFrame = z.discriminatedUnion('type', [
  SendFields.extend({ type: z.literal('send') }).refine(hasContent, contentIssue),
  z.object({ type: z.literal('edit'), id: Id, text: EditMessageBody.shape.text }),
  z.object({ type: z.literal('delete'), id: Id }),
  z.object({ type: z.literal('react'), id: Id, emoji: Emoji }),
  z.object({ type: z.literal('unreact'), id: Id, emoji: Emoji }),
  z.object({ type: z.literal('read'), id: Id }),
  z.object({ type: z.literal('typing') }),
]);
export type ChatClientFrame = z.output<typeof ChatClientFrame>;

/** Frames the room sends; documented in docs/chat.md. */
export type ChatServerFrame =
  | { type: 'ready'; chat_id: string; last_id: string | null }
  | { type: 'ack'; client_id: string; message: ChatRoomMessage }
  | { type: 'message'; message: ChatRoomMessage }
  | { type: 'edited'; message: ChatRoomMessage }
  | { type: 'deleted'; id: string }
  | { type: 'reactions'; message_id: string; reactions: z.input<typeof ChatReaction>[] }
  | { type: 'read'; account_id: string; message_id: string }
  | { type: 'typing'; account_id: string }
  | { type: 'agent.delta'; account_id: string; reply_to_id: string; delta: string }
  | { type: 'members'; chat: Chat }
  | { type: 'error'; error: string; status: number; client_id?: string };

export const ChatListQuery = z.object({
  max_id: Id.optional(),
  limit: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform((v) => Number(v))
    .optional(),
});

export const SocketQuery = z.object({
  after: Id.optional().describe('Resume: every message after this id is sent before `ready`'),
  access_token: z.string().optional(),
});
