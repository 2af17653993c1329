/**
 * Publishing an agent. The builder creates it private (only its owner can see and talk to it)
 * so it can be trained and tried first; publishing sets its visibility: public (listed in
 * search and suggestions) or unlisted (anyone with the link).
 */
import { useState } from 'react';
import { updateAgent } from '../../api/agents';
import type { Agent } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { Link } from '../../router';
import { FormAlert } from '../FormAlert';

const CHOICES = [
  { id: 'public', name: 'Public', text: 'Anyone can find it in search, the directory and suggestions, and talk to it.' },
  { id: 'unlisted', name: 'Unlisted', text: 'Kept out of search and suggestions; anyone with its link can talk to it.' },
] as const;

export function PublishStep({ agent, onPublished }: { agent: Agent; onPublished(agent: Agent): void }) {
  const [visibility, setVisibility] = useState<'public' | 'unlisted'>('public');
  const action = useAction();
  const publish = async () => {
    const updated = await action.run(() => updateAgent(agent.id, { visibility }));
    if (updated) onPublished(updated);
  };
  if (agent.visibility !== 'private') {
    return (
      <div className="alert alert-success" role="status">
        Published ({agent.visibility}). <Link to={`/@${agent.account.acct}`}>See its profile</Link>
      </div>
    );
  }
  return (
    <>
      <p>Until you publish it, only you can see {agent.account.display_name || agent.account.username} and talk to it.</p>
      <div className="template-grid" role="radiogroup" aria-label="Who can find it">
        {CHOICES.map((c) => (
          <button key={c.id} type="button" role="radio" aria-checked={visibility === c.id} className="card template-card" onClick={() => setVisibility(c.id)}>
            <strong>{c.name}</strong>
            <span>{c.text}</span>
          </button>
        ))}
      </div>
      <FormAlert error={action.error} />
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void publish()}>
          {action.busy ? 'Publishing…' : 'Publish'}
        </button>
      </div>
    </>
  );
}
