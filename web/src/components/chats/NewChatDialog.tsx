/**
 * "New chat": pick one or more people and agents and, for a group, an optional title, and whether
 * it is end-to-end encrypted (then without agents); opens the chat it makes (or the existing direct chat).
 */
import { type FormEvent, useState } from 'react';
import { createChat } from '../../api/chats';
import type { Account } from '../../api/types';
import { useSession } from '../../auth/SessionProvider';
import { useAction } from '../../hooks/useAction';
import { navigate } from '../../router';
import { Dialog } from '../Dialog';
import { AccountPicker } from './AccountPicker';

export function NewChatDialog({ onClose }: { onClose: () => void }) {
  const { account } = useSession();
  const [picked, setPicked] = useState<Account[]>([]);
  const [title, setTitle] = useState('');
  const [encrypted, setEncrypted] = useState(false);
  const agents = picked.filter((a) => a.bot);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chat = await action.run(() => createChat(picked.map((a) => a.id), title.trim() || undefined, encrypted));
    if (chat) navigate(`/chats/${chat.id}`);
  };
  return (
    <Dialog title="New chat" onClose={onClose}>
      <form className="new-chat" onSubmit={submit}>
        <AccountPicker picked={picked} onChange={setPicked} exclude={new Set(account ? [account.id] : [])} />
        <label htmlFor="new-chat-title">Title (optional; makes a group)</label>
        <input id="new-chat-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={encrypted} onChange={(e) => setEncrypted(e.target.checked)} /> End-to-end encrypted
        </label>
        {encrypted && (
          <p className="muted" id="new-chat-e2ee-note">
            Only the members’ devices can read an encrypted chat, not SMILE. Agents cannot be members: they would need to read the messages.
            {agents.length > 0 && <strong> Remove {agents.map((a) => a.display_name || a.username).join(', ')} to start it encrypted.</strong>}
          </p>
        )}
        {action.error && (
          <div className="alert alert-error" role="alert">
            {action.error.message}
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={picked.length === 0 || action.busy || (encrypted && agents.length > 0)}>
          {action.busy ? 'Starting…' : 'Start chat'}
        </button>
      </form>
    </Dialog>
  );
}
