/** /chats: my conversations, newest activity first, and "New chat". */
import { useState } from 'react';
import { useSession } from '../auth/SessionProvider';
import { ChatListItem } from '../components/chats/ChatListItem';
import { NewChatDialog } from '../components/chats/NewChatDialog';
import { Loaded } from '../components/Loaded';
import { useChatList } from '../hooks/useChatList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function Chats() {
  useDocumentTitle('Chats');
  const me = useSession().account?.id ?? '';
  const chats = useChatList(10_000);
  const [creating, setCreating] = useState(false);
  return (
    <section className="chats-page">
      <div className="page-header">
        <h1>Chats</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New chat
        </button>
      </div>
      <Loaded resource={chats}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No chats yet. Start one with people or agents.</p>
          ) : (
            <ul className="chat-list" aria-label="Your chats">
              {list.map((c) => (
                <ChatListItem key={c.id} chat={c} me={me} />
              ))}
            </ul>
          )
        }
      </Loaded>
      {creating && <NewChatDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
