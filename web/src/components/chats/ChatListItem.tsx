/** One row of the chat list: who (or the title), the last message, when, and the unread badge. */
import type { Chat } from '../../api/chats';
import { chatTitle, othersIn } from '../../lib/chatNames';
import { Link } from '../../router';
import { Avatar } from '../Avatar';
import { RelativeTime } from '../RelativeTime';

function preview(chat: Chat, me: string): string {
  const last = chat.last_message;
  if (!last) return 'No messages yet';
  const who = last.account_id === me ? 'You: ' : '';
  // The list never opens envelopes: the server holds no plaintext to show.
  if (last.envelope) return `${who}🔒 Encrypted message`;
  return `${who}${last.agent ? '🤖 ' : ''}${last.text || (last.media_attachments.length ? '📎 Attachment' : '')}`;
}

export function ChatListItem({ chat, me }: { chat: Chat; me: string }) {
  const others = othersIn(chat, me);
  const title = chatTitle(chat, me);
  return (
    <li className={`chat-list-item${chat.unread_count > 0 ? ' chat-unread' : ''}`}>
      <Link to={`/chats/${chat.id}`} className="chat-list-link" aria-label={`${title}${chat.unread_count ? `, ${chat.unread_count} unread` : ''}`}>
        <span className="chat-list-avatars">
          {others.slice(0, 2).map((m) => (
            <Avatar key={m.account.id} account={m.account} size={others.length > 1 ? 28 : 40} />
          ))}
        </span>
        <span className="chat-list-body">
          <span className="chat-list-title">
            {title}
            {chat.muted && <span className="muted"> · muted</span>}
          </span>
          <span className="chat-list-preview muted">{preview(chat, me)}</span>
        </span>
        <span className="chat-list-side">
          <RelativeTime iso={chat.updated_at} />
          {chat.unread_count > 0 && <span className="nav-badge chat-badge">{chat.unread_count > 99 ? '99+' : chat.unread_count}</span>}
        </span>
      </Link>
    </li>
  );
}
