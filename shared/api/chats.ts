import { z } from 'zod';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { Chat, ChatListQuery, ChatRoomMessage, CreateChatBody, EditMessageBody, Emoji, InviteBody, ReadBody, RenameChatBody, SendMessageBody, SocketQuery } from '../schemas/chats';
import { endpoint } from './endpoint';

const tags = ['Chats'] as const;
const byId = z.object({ id: Id });
const byMessage = z.object({ id: Id, message_id: Id });
const byReaction = byMessage.extend({ emoji: Emoji });
const read = 'read:statuses';
const write = 'write:statuses';

/**
 * SMILE extension: chat rooms of people and agents (docs/chat.md). Every route is for members
 * only (403 otherwise); the socket carries the same operations live. Mastodon has no chat
 * scopes, so they use the statuses ones.
 */
export const chatsApi = {
  create: endpoint({ method: 'post', path: '/api/v1/chats', summary: 'Start a chat: one other account and no title is a direct chat (an existing one is returned, 200); otherwise a group of up to 100', tags, auth: 'user', scope: write, body: CreateChatBody, response: Chat, status: 201, rateLimit: 'post' }),
  list: endpoint({ method: 'get', path: '/api/v1/chats', summary: 'Your chats, newest activity first, with unread counts (`max_id` pages by the activity cursor of the Link header)', tags, auth: 'user', scope: read, query: ChatListQuery, response: z.array(Chat) }),
  get: endpoint({ method: 'get', path: '/api/v1/chats/:id', summary: 'One of your chats', tags, auth: 'user', scope: read, params: byId, response: Chat }),
  rename: endpoint({ method: 'patch', path: '/api/v1/chats/:id', summary: 'Rename a group chat (any member)', tags, auth: 'user', scope: write, params: byId, body: RenameChatBody, response: Chat }),
  invite: endpoint({ method: 'post', path: '/api/v1/chats/:id/members', summary: 'Add people or agents to a group chat (any member; their DM settings and blocks apply)', tags, auth: 'user', scope: write, params: byId, body: InviteBody, response: Chat }),
  remove: endpoint({ method: 'delete', path: '/api/v1/chats/:id/members/:account_id', summary: 'Remove a member from a group chat (owner only); their sockets are closed with 4403', tags, auth: 'user', scope: write, params: byId.extend({ account_id: Id }), response: Chat }),
  leave: endpoint({ method: 'post', path: '/api/v1/chats/:id/leave', summary: 'Leave a chat; your sockets are closed with 4403', tags, auth: 'user', scope: write, params: byId, response: Empty }),
  mute: endpoint({ method: 'post', path: '/api/v1/chats/:id/mute', summary: 'Mute a chat', tags, auth: 'user', scope: write, params: byId, response: Chat }),
  unmute: endpoint({ method: 'post', path: '/api/v1/chats/:id/unmute', summary: 'Unmute a chat', tags, auth: 'user', scope: write, params: byId, response: Chat }),
  messages: endpoint({ method: 'get', path: '/api/v1/chats/:id/messages', summary: 'History, newest first (Mastodon paging by message id)', tags, auth: 'user', scope: read, params: byId, query: PageQuery, response: z.array(ChatRoomMessage) }),
  send: endpoint({ method: 'post', path: '/api/v1/chats/:id/messages', summary: 'Send a message (201); the same `client_id` again returns the stored message (200)', tags, auth: 'user', scope: write, params: byId, body: SendMessageBody, response: ChatRoomMessage, status: 201 }),
  edit: endpoint({ method: 'put', path: '/api/v1/chats/:id/messages/:message_id', summary: 'Edit your own message', tags, auth: 'user', scope: write, params: byMessage, body: EditMessageBody, response: ChatRoomMessage }),
  delete: endpoint({ method: 'delete', path: '/api/v1/chats/:id/messages/:message_id', summary: 'Delete your own message', tags, auth: 'user', scope: write, params: byMessage, response: Empty }),
  react: endpoint({ method: 'post', path: '/api/v1/chats/:id/messages/:message_id/reactions/:emoji', summary: 'React to a message with an emoji', tags, auth: 'user', scope: write, params: byReaction, response: ChatRoomMessage }),
  unreact: endpoint({ method: 'delete', path: '/api/v1/chats/:id/messages/:message_id/reactions/:emoji', summary: 'Take back your reaction', tags, auth: 'user', scope: write, params: byReaction, response: ChatRoomMessage }),
  read: endpoint({ method: 'post', path: '/api/v1/chats/:id/read', summary: 'Read receipt: you have read up to `message_id`', tags, auth: 'user', scope: write, params: byId, body: ReadBody, response: Chat }),
  socket: endpoint({
    method: 'get',
    path: '/api/v1/chats/:id/socket',
    summary: 'The room WebSocket (send `Upgrade: websocket`; token as for /api/v1/streaming). Members only: 403 before the upgrade otherwise. Frames in docs/chat.md',
    tags,
    auth: 'public',
    params: byId,
    query: SocketQuery,
    status: 101,
  }),
} as const;
