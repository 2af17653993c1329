/** The wire shape of chats (`Chat`, `ChatMember`); messages are already in theirs when the room returns them. */
import type { Chat, ChatRoomMessage } from '../../../shared/schemas/chats';
import type { Config } from '../../env';
import { serializeAccount } from '../accounts/serializers';
import { idTime } from '../lib/ids';
import type { LoadedChat } from './chat.service';

const iso = (ms: number) => new Date(ms).toISOString();

/** A chat as `loaded.me` sees it: their unread count (messages after their read position) and mute. */
export function serializeChat(config: Config, loaded: LoadedChat): Chat {
  const { chat, me } = loaded;
  // Messages indexed before encrypted chats existed have no `envelope`.
  const last = chat.lastMessage ? (JSON.parse(chat.lastMessage) as ChatRoomMessage) : null;
  return {
    id: chat.id,
    kind: chat.kind,
    title: chat.title,
    encrypted: chat.encrypted,
    owner_id: chat.ownerId,
    members: loaded.members.map(({ member, account }) => ({ account: serializeAccount(config, account), role: member.role, last_read_id: member.lastReadId, joined_at: iso(member.joinedAt) })),
    last_message: last && { ...last, envelope: last.envelope ?? null },
    unread_count: Math.max(0, chat.lastSeq - me.readSeq),
    muted: me.muted,
    created_at: iso(chat.createdAt),
    updated_at: iso(idTime(chat.activityId)),
  };
}
