/** Chatting with an agent at /agents/:id/chat, with a link to what it remembers about you. */
import { AgentChat } from '../components/agents/AgentChat';
import { OwnedAgent } from '../components/agents/OwnedAgent';
import { AgentLabel } from '../components/AgentLabel';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link } from '../router';

export function AgentChatPage({ id }: { id: string }) {
  useDocumentTitle('Chat with an agent');
  return (
    <section className="agent-chat-page">
      <OwnedAgent id={id}>
        {(agent, name) => (
          <>
            <div className="page-header agents-header">
              <h1>
                {name} <AgentLabel account={agent.account} />
              </h1>
              <div className="button-row">
                <Link className="button button-small" to={`/agents/${id}/memory`}>
                  What it remembers
                </Link>
                <Link className="button button-small" to={`/@${agent.account.acct}`}>
                  Profile
                </Link>
              </div>
            </div>
            <p className="muted">You are talking with an AI agent by @{agent.owner.acct}.</p>
            <AgentChat agentId={id} agentName={name} />
          </>
        )}
      </OwnedAgent>
    </section>
  );
}
