/** One chat at /chats/:id: the live conversation, the composer, the member list and, when encrypted, the safety numbers. */
import { useMemo, useState } from 'react';
import type { ChatRoomMessage } from '../api/chats';
import { useSession } from '../auth/SessionProvider';
import { ChatComposer } from '../components/chats/ChatComposer';
import { ChatLog } from '../components/chats/ChatLog';
import type { MessageActions } from '../components/chats/ChatMessageItem';
import { MembersDialog } from '../components/chats/MembersDialog';
import { SafetyNumbersDialog } from '../components/chats/SafetyNumbersDialog';
import { Loading } from '../components/Loading';
import { useChatRoom } from '../hooks/useChatRoom';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { chatTitle, membersById } from '../lib/chatNames';
import { shownMessages } from '../lib/openedMessages';
import { Link } from '../router';

const CONNECTION: Record<string, string> = { connecting: 'Connecting…', offline: 'Offline, reconnecting…', closed: 'You are no longer in this chat.' };

export function ChatRoomPage({ id }: { id: string }) {
  const me = useSession().account?.id ?? '';
  const room = useChatRoom(id, me);
  const { state } = room;
  const [replyTo, setReplyTo] = useState<ChatRoomMessage | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [showSafety, setShowSafety] = useState(false);
  const { opened } = room.crypto;
  const shown = useMemo(() => ({ ...state, messages: shownMessages(state.messages, opened) }), [state, opened]);
  const members = useMemo(() => membersById(state.chat), [state.chat]);
  const title = state.chat ? chatTitle(state.chat, me) : 'Chat';
  useDocumentTitle(title);

  const actions: MessageActions = {
    reply: setReplyTo,
    edit: (m, text) => room.act({ type: 'edit', id: m.id, text }),
    remove: (m) => room.act({ type: 'delete', id: m.id }),
    react: (m, emoji, on) => room.act({ type: on ? 'react' : 'unreact', id: m.id, emoji }),
  };

  if (room.loadError) {
    return (
      <section className="chat-room-page">
        <div className="alert alert-error" role="alert">
          {room.loadError.status === 403 || room.loadError.status === 404 ? 'This chat does not exist or you are not in it.' : room.loadError.message}
        </div>
        <Link to="/chats">Back to chats</Link>
      </section>
    );
  }
  if (!state.chat) return <Loading />;
  return (
    <section className="chat-room-page">
      <div className="page-header chat-room-header">
        <Link to="/chats" className="link-button" aria-label="Back to chats">
          ←
        </Link>
        <h1>{title}</h1>
        {state.chat.encrypted && (
          <button type="button" className="button button-small chat-e2ee-badge" onClick={() => setShowSafety(true)} title="Compare safety numbers">
            🔒 End-to-end encrypted
          </button>
        )}
        <button type="button" className="button button-small" onClick={() => setShowMembers(true)}>
          Members ({state.chat.members.length})
        </button>
      </div>
      {room.status !== 'open' && (
        <p className="chat-connection muted" role="status">
          {CONNECTION[room.status]}
        </p>
      )}
      {room.crypto.deviceError && (
        <div className="alert alert-error" role="alert">
          This browser could not set up its encryption key: {room.crypto.deviceError}
        </div>
      )}
      <ChatLog state={shown} me={me} members={members} typing={room.typing} loadingOlder={room.loadingOlder} onLoadOlder={() => void room.loadOlder()} onRetry={room.retry} actions={actions} />
      {state.error && (
        <div className="alert alert-error" role="alert">
          {state.error}{' '}
          <button type="button" className="link-button" onClick={room.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {room.status !== 'closed' && <ChatComposer encrypted={state.chat.encrypted} disabled={!room.crypto.ready} replyTo={replyTo} replyAuthor={replyTo ? members.get(replyTo.account_id) : undefined} onCancelReply={() => setReplyTo(null)} onTyping={room.typingNow} onSend={room.send} />}
      {showSafety && <SafetyNumbersDialog chat={state.chat} me={me} directory={room.crypto.directory} onClose={() => setShowSafety(false)} />}
      {showMembers && <MembersDialog chat={state.chat} me={me} onClose={() => setShowMembers(false)} onChanged={room.setChat} />}
    </section>
  );
}
