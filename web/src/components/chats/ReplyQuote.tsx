/** The message a reply answers, quoted above it (or above the composer while replying). */
import type { ChatRoomMessage } from '../../api/chats';
import type { Account } from '../../api/types';
import { nameWithLabel } from '../../lib/chatNames';

export function ReplyQuote({ message, author }: { message: ChatRoomMessage | undefined; author: Account | undefined }) {
  if (!message) return <blockquote className="chat-quote muted">A message not loaded or deleted</blockquote>;
  return (
    <blockquote className="chat-quote">
      <span className="chat-quote-author">{author ? nameWithLabel(author) : 'Someone'}</span>
      <span className="chat-quote-text">{message.text || (message.media_attachments.length ? '📎 Attachment' : '')}</span>
    </blockquote>
  );
}
