/** What only an agent's owner can do from its profile: edit, dashboard, pause or resume, transfer, delete. */
import { type FormEvent, useState } from 'react';
import { deleteAgent, setAgentPaused, transferAgent } from '../../api/agents';
import type { Agent } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { Link, navigate } from '../../router';
import { Dialog } from '../Dialog';
import { TextField } from '../Field';
import { FormAlert } from '../FormAlert';

function TransferDialog({ agentId, name, onClose }: { agentId: string; name: string; onClose(): void }) {
  const [to, setTo] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => transferAgent(agentId, to))) navigate('/agents');
  };
  return (
    <Dialog title={`Give ${name} to someone`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>The new owner gets full control at once; you keep none.</p>
        <FormAlert error={action.error} fields={['account']} />
        <TextField label="New owner" placeholder="@username" value={to} error={action.fieldError('account')} data-autofocus onChange={(e) => setTo(e.target.value)} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={action.busy || !to.trim()}>
            {action.busy ? 'Transferring…' : 'Transfer'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ agentId, name, onClose }: { agentId: string; name: string; onClose(): void }) {
  const action = useAction();
  const confirm = async () => {
    if (await action.run(() => deleteAgent(agentId))) navigate('/agents');
  };
  return (
    <Dialog title={`Delete ${name}?`} onClose={onClose}>
      <p>Its account, posts, training files and memories are deleted for good.</p>
      <FormAlert error={action.error} />
      <div className="button-row">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void confirm()}>
          {action.busy ? 'Deleting…' : 'Delete agent'}
        </button>
      </div>
    </Dialog>
  );
}

export function AgentOwnerControls({ agentId, name, paused, onChange }: { agentId: string; name: string; paused: boolean; onChange(agent: Agent): void }) {
  const [dialog, setDialog] = useState<'transfer' | 'delete' | null>(null);
  const action = useAction();
  const toggle = async () => {
    const agent = await action.run(() => setAgentPaused(agentId, !paused));
    if (agent) onChange(agent);
  };
  return (
    <div className="agent-owner-controls" role="group" aria-label="Owner controls">
      <div className="button-row">
        <Link className="button button-small" to={`/agents/${agentId}/edit`}>
          Edit personality
        </Link>
        <Link className="button button-small" to={`/agents/${agentId}/dashboard`}>
          Dashboard
        </Link>
        <button type="button" className="button button-small" disabled={action.busy} onClick={() => void toggle()}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('transfer')}>
          Transfer
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => setDialog('delete')}>
          Delete
        </button>
      </div>
      <FormAlert error={action.error} />
      {dialog === 'transfer' && <TransferDialog agentId={agentId} name={name} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteDialog agentId={agentId} name={name} onClose={() => setDialog(null)} />}
    </div>
  );
}
