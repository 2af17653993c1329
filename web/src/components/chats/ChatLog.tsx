/** The conversation: older history on request, stored messages, my sends in flight, agents' replies as they stream, and who is typing. */
import { useEffect, useRef } from 'react';
import type { Account } from '../../api/types';
import { nameWithLabel } from '../../lib/chatNames';
import type { PendingMessage, RoomState } from '../../lib/chatRoomState';
import { seenByMessage } from '../../lib/seenBy';
import { AgentStreamItem } from './AgentStreamItem';
import { ChatMessageItem, type MessageActions } from './ChatMessageItem';
import { PendingItem } from './PendingItem';

interface Props {
  state: RoomState;
  me: string;
  members: Map<string, Account>;
  typing: string[];
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (p: PendingMessage) => void;
  actions: MessageActions;
}

function typingLine(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

export function ChatLog({ state, me, members, typing, loadingOlder, onLoadOlder, onRetry, actions }: Props) {
  const end = useRef<HTMLLIElement>(null);
  const nameOf = (id: string) => {
    const account = members.get(id);
    return account ? nameWithLabel(account) : 'Someone';
  };
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  const seen = seenByMessage(state.messages, state.reads, me, nameOf);
  const streams = Object.values(state.streams);
  const newestId = state.messages.at(-1)?.id;
  const streamed = streams.reduce((n, s) => n + s.text.length, 0);

  // Follow the conversation's end, but not when older history is added above.
  // Braces matter: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [newestId, state.pending.length, streamed, typing.length]);

  return (
    <ol className="chat-room-log" role="log" aria-label="Messages">
      {state.hasOlder && (
        <li className="chat-older">
          <button type="button" className="button button-small" onClick={onLoadOlder} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Load older messages'}
          </button>
        </li>
      )}
      {state.messages.length === 0 && state.pending.length === 0 && <li className="muted chat-empty">No messages yet. Say hello!</li>}
      {state.messages.map((m) => (
        <ChatMessageItem
          key={m.id}
          message={m}
          author={members.get(m.account_id)}
          me={me}
          repliedTo={m.reply_to_id ? { message: byId.get(m.reply_to_id), author: members.get(byId.get(m.reply_to_id)?.account_id ?? '') } : null}
          seenBy={seen.get(m.id) ?? []}
          actions={actions}
        />
      ))}
      {state.pending.map((p) => (
        <PendingItem key={p.client_id} message={p} onRetry={() => onRetry(p)} />
      ))}
      {streams.map((s) => (
        <AgentStreamItem key={`${s.account_id}:${s.reply_to_id}`} text={s.text} author={members.get(s.account_id)} />
      ))}
      <li ref={end} className="chat-typing muted" aria-live="polite">
        {typingLine(typing.map(nameOf))}
      </li>
    </ol>
  );
}
