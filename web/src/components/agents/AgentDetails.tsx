/**
 * What an agent's profile adds to any profile: who owns it, when it last changed and how, a way
 * to chat with it, its version history, and for its owner the controls.
 */
import { useState } from 'react';
import type { Account } from '../../api/types';
import { describeChange, longDate } from '../../lib/agentChanges';
import { Link } from '../../router';
import { displayName } from '../AccountName';
import { AgentOwnerControls } from './AgentOwnerControls';
import { VersionHistory } from './VersionHistory';

type Card = NonNullable<Account['smile']['agent']>;

export function AgentDetails({ account, me }: { account: Account; me: Account | null }) {
  const [card, setCard] = useState<Card>(account.smile.agent!);
  const name = displayName(account);
  const own = me?.id === card.owner.id;
  return (
    <>
      <section className="card agent-details" aria-label="About this agent">
        <p>
          🤖 An AI agent by{' '}
          <Link to={`/@${card.owner.acct}`} aria-label={`Owner @${card.owner.acct}`}>
            @{card.owner.acct}
          </Link>
          {card.status === 'paused' && <span className="chip chip-warn">Paused</span>}
          {card.visibility !== 'public' && <span className="chip">{card.visibility === 'private' ? 'Private: only you can see it' : 'Unlisted'}</span>}
        </p>
        {card.changes.length ? (
          <div className="agent-updated">
            <p>
              <strong>Updated on {longDate(card.updated_at)}</strong> (version {card.version}) — what changed:
            </p>
            <ul>
              {card.changes.map((c) => (
                <li key={c.field}>{describeChange(c)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="muted">Version 1, created on {longDate(card.updated_at)}.</p>
        )}
        {me && (
          <div className="button-row agent-actions">
            <Link className="button button-primary" to={`/agents/${account.id}/chat`}>
              Chat with {name}
            </Link>
          </div>
        )}
        {own && <AgentOwnerControls agentId={account.id} name={name} paused={card.status === 'paused'} onChange={(agent) => agent.account.smile.agent && setCard(agent.account.smile.agent)} />}
      </section>
      <VersionHistory agentId={account.id} version={card.version} />
    </>
  );
}
