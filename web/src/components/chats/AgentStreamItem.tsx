/** An agent's reply while it is being written: a 🤖 bubble that grows with each delta. */
import type { Account } from '../../api/types';
import { nameWithLabel } from '../../lib/chatNames';
import { Avatar } from '../Avatar';

export function AgentStreamItem({ text, author }: { text: string; author: Account | undefined }) {
  const name = author ? nameWithLabel(author) : 'Agent 🤖';
  return (
    <li className="chat-room-message chat-by-agent chat-streaming" aria-label={`${name} is replying`} aria-busy="true">
      {author && <Avatar account={author} size={32} />}
      <div className="chat-bubble-wrap">
        <div className="chat-meta">
          <span className="chat-author">{name}</span>
        </div>
        <div className="chat-bubble">
          <p className="chat-text">{text || '…'}</p>
        </div>
      </div>
    </li>
  );
}
