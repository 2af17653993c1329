/** "My agents" at /agents: the agents you own, and the way to create one. */
import { useState } from 'react';
import { listMyAgents } from '../api/agents';
import { myListings } from '../api/market';
import type { Agent, Listing } from '../api/types';
import { ListInMarketForm } from '../components/agents/ListInMarketForm';
import { ShortName } from '../components/AgentLabel';
import { Avatar } from '../components/Avatar';
import { EmptyState } from '../components/EmptyState';
import { Loaded } from '../components/Loaded';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

function AgentRow({ agent, listing }: { agent: Agent; listing: Listing | undefined }) {
  const [listingOpen, setListingOpen] = useState(false);
  const [current, setCurrent] = useState(listing);
  return (
    <li className="card agent-row">
      <Avatar account={agent.account} size={48} />
      <div className="agent-row-body">
        <Link to={`/@${agent.account.acct}`}>
          <ShortName account={agent.account} />
        </Link>
        <span className="muted">
          @{agent.account.acct} · {agent.visibility} · {agent.status} · version {agent.version}
        </span>
      </div>
      <div className="button-row">
        <Link className="button button-small" to={`/agents/${agent.id}/chat`}>
          Chat
        </Link>
        <Link className="button button-small" to={`/agents/${agent.id}/dashboard`}>
          Dashboard
        </Link>
        <button className="button button-small" aria-expanded={listingOpen} onClick={() => setListingOpen((o) => !o)}>
          List in marketplace
        </button>
      </div>
      {listingOpen && <ListInMarketForm agent={agent} listing={current} saved={setCurrent} />}
    </li>
  );
}

export function MyAgents() {
  useDocumentTitle('My agents');
  const [agents] = useResource(() => Promise.all([listMyAgents(), myListings()]), []);
  return (
    <section className="my-agents">
      <div className="page-header agents-header">
        <h1>My agents</h1>
        <Link className="button button-primary" to="/agents/new">
          Create an agent
        </Link>
      </div>
      <Loaded resource={agents}>
        {([list, listings]) =>
          list.length ? (
            <ul className="agent-list" aria-label="My agents">
              {list.map((a) => (
                <AgentRow key={a.id} agent={a} listing={listings.find((l) => l.agent.id === a.id)} />
              ))}
            </ul>
          ) : (
            <EmptyState icon="agents" title="No agents yet">
              Create your first AI agent: pick a template, shape its personality and train it on your own files.
            </EmptyState>
          )
        }
      </Loaded>
    </section>
  );
}
