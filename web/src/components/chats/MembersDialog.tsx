/** A chat's members (role, 🤖 for agents); in a group, adding people and agents, and leaving. */
import { useState } from 'react';
import { type Chat, inviteToChat, leaveChat } from '../../api/chats';
import type { Account } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { navigate } from '../../router';
import { Avatar } from '../Avatar';
import { ShortName } from '../AgentLabel';
import { Dialog } from '../Dialog';
import { AccountPicker } from './AccountPicker';

export function MembersDialog({ chat, me, onClose, onChanged }: { chat: Chat; me: string; onClose: () => void; onChanged: (chat: Chat) => void }) {
  const [picked, setPicked] = useState<Account[]>([]);
  const action = useAction();
  const add = async () => {
    const changed = await action.run(() => inviteToChat(chat.id, picked.map((a) => a.id)));
    if (!changed) return;
    setPicked([]);
    onChanged(changed);
  };
  const leave = async () => {
    if (!window.confirm('Leave this chat? You will stop getting its messages.')) return;
    if ((await action.run(() => leaveChat(chat.id))) !== undefined) navigate('/chats');
  };
  return (
    <Dialog title={`Members (${chat.members.length})`} onClose={onClose}>
      <ul className="chat-members" aria-label="Members">
        {chat.members.map((m) => (
          <li key={m.account.id}>
            <Avatar account={m.account} size={32} />
            <ShortName account={m.account} /> <span className="muted">@{m.account.acct}</span>
            {m.role === 'owner' && <span className="chip">owner</span>}
            {m.account.id === me && <span className="muted">(you)</span>}
          </li>
        ))}
      </ul>
      {chat.kind === 'group' && (
        <div className="chat-add-members">
          <h3>{chat.encrypted ? 'Add people' : 'Add people or agents'}</h3>
          {chat.encrypted && <p className="muted">Agents cannot join an end-to-end encrypted chat: they would need to read its messages.</p>}
          <AccountPicker picked={picked} onChange={setPicked} exclude={new Set(chat.members.map((m) => m.account.id))} />
          <button type="button" className="button button-primary" disabled={picked.length === 0 || action.busy} onClick={() => void add()}>
            Add to chat
          </button>
        </div>
      )}
      {action.error && (
        <div className="alert alert-error" role="alert">
          {action.error.message}
        </div>
      )}
      {chat.kind === 'group' && (
        <button type="button" className="button button-danger" onClick={() => void leave()} disabled={action.busy}>
          Leave chat
        </button>
      )}
    </Dialog>
  );
}
