/** "My agents" at /agents: the agents you own, and the way to create one. */
import { listMyAgents } from '../api/agents';
import type { Agent } from '../api/types';
import { ShortName } from '../components/AgentLabel';
import { Avatar } from '../components/Avatar';
import { EmptyState } from '../components/EmptyState';
import { Loaded } from '../components/Loaded';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

function AgentRow({ agent }: { agent: Agent }) {
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
      </div>
    </li>
  );
}

export function MyAgents() {
  useDocumentTitle('My agents');
  const [agents] = useResource(listMyAgents, []);
  return (
    <section className="my-agents">
      <div className="page-header agents-header">
        <h1>My agents</h1>
        <Link className="button button-primary" to="/agents/new">
          Create an agent
        </Link>
      </div>
      <Loaded resource={agents}>
        {(list) =>
          list.length ? (
            <ul className="agent-list" aria-label="My agents">
              {list.map((a) => (
                <AgentRow key={a.id} agent={a} />
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
