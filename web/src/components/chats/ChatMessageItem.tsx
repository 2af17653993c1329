/**
 * One stored message: author (🤖 for agents), the quoted message it replies to, text, media,
 * reactions, "Seen by …" when it is the last one others have read, and for my own messages
 * edit and delete.
 */
import { type FormEvent, useState } from 'react';
import type { ChatRoomMessage } from '../../api/chats';
import type { Account, Status } from '../../api/types';
import { nameWithLabel } from '../../lib/chatNames';
import { Avatar } from '../Avatar';
import { MediaGrid } from '../MediaGrid';
import { RelativeTime } from '../RelativeTime';
import { ReactionBar } from './ReactionBar';
import { ReplyQuote } from './ReplyQuote';

export interface MessageActions {
  reply(message: ChatRoomMessage): void;
  edit(message: ChatRoomMessage, text: string): void;
  remove(message: ChatRoomMessage): void;
  react(message: ChatRoomMessage, emoji: string, on: boolean): void;
}

interface Props {
  message: ChatRoomMessage;
  author: Account | undefined;
  me: string;
  repliedTo: { message: ChatRoomMessage | undefined; author: Account | undefined } | null;
  seenBy: string[];
  actions: MessageActions;
}

export function ChatMessageItem({ message, author, me, repliedTo, seenBy, actions }: Props) {
  const mine = message.account_id === me;
  const [editing, setEditing] = useState<string | null>(null);
  const name = author ? nameWithLabel(author) : message.agent ? 'Agent 🤖' : 'Former member';
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (editing?.trim()) actions.edit(message, editing.trim());
    setEditing(null);
  };
  return (
    <li className={`chat-room-message${mine ? ' chat-mine' : ''}${message.agent ? ' chat-by-agent' : ''}`} aria-label={`${mine ? 'You' : name}: ${message.text}`}>
      {!mine && author && <Avatar account={author} size={32} />}
      <div className="chat-bubble-wrap">
        <div className="chat-meta">
          <span className="chat-author">{mine ? 'You' : name}</span> <RelativeTime iso={message.created_at} />
          {message.edited_at && <span className="muted"> · edited</span>}
        </div>
        <div className="chat-bubble">
          {repliedTo && <ReplyQuote message={repliedTo.message} author={repliedTo.author} />}
          {editing === null ? (
            message.text && <p className="chat-text">{message.text}</p>
          ) : (
            <form className="chat-edit" onSubmit={save}>
              <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
                Edit message
              </label>
              <textarea id={`edit-${message.id}`} value={editing} rows={2} onChange={(e) => setEditing(e.target.value)} autoFocus />
              <button type="submit" className="button button-small button-primary">
                Save
              </button>
              <button type="button" className="button button-small" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </form>
          )}
          <MediaGrid media={message.media_attachments as Status['media_attachments']} sensitive={false} />
        </div>
        <div className="chat-tools">
          <ReactionBar message={message} me={me} onToggle={(emoji, on) => actions.react(message, emoji, on)} />
          <button type="button" className="link-button" onClick={() => actions.reply(message)}>
            Reply
          </button>
          {/* An encrypted message cannot be edited: the server would only see a new envelope it cannot check. */}
          {mine && editing === null && !message.envelope && (
            <>
              <button type="button" className="link-button" onClick={() => setEditing(message.text)}>
                Edit
              </button>
              <button type="button" className="link-button" onClick={() => window.confirm('Delete this message for everyone?') && actions.remove(message)}>
                Delete
              </button>
            </>
          )}
        </div>
        {seenBy.length > 0 && <p className="chat-seen muted">Seen by {seenBy.join(', ')}</p>}
      </div>
    </li>
  );
}
