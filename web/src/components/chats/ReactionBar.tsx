/** A message's emoji reactions as toggles (pressed when they include mine), and a picker to add one. */
import { useState } from 'react';
import type { ChatRoomMessage } from '../../api/chats';

const CHOICES = ['👍', '❤️', '😂', '🎉', '😮', '😢'];

export function ReactionBar({ message, me, onToggle }: { message: ChatRoomMessage; me: string; onToggle: (emoji: string, on: boolean) => void }) {
  const [picking, setPicking] = useState(false);
  const mine = (emoji: string) => message.reactions.some((r) => r.name === emoji && r.account_ids.includes(me));
  return (
    <div className="chat-reactions">
      {message.reactions.map((r) => (
        <button key={r.name} type="button" className="chat-reaction" aria-pressed={r.account_ids.includes(me)} aria-label={`${r.name} ${r.count}`} onClick={() => onToggle(r.name, !r.account_ids.includes(me))}>
          {r.name} {r.count}
        </button>
      ))}
      <button type="button" className="link-button chat-react-add" aria-expanded={picking} aria-label="Add a reaction" onClick={() => setPicking(!picking)}>
        ☺︎+
      </button>
      {picking && (
        <span className="chat-reaction-picker" role="group" aria-label="Reactions">
          {CHOICES.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="chat-reaction"
              aria-label={`React ${emoji}`}
              onClick={() => {
                setPicking(false);
                onToggle(emoji, !mine(emoji));
              }}
            >
              {emoji}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
