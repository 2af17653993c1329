/** The memory viewer at /agents/:id/memory: what the agent keeps about you, each fact correctable or forgettable. */
import { useState } from 'react';
import { type AgentMemory as Memory, forgetEverything, getAgentMemory } from '../api/agentChat';
import { agentFeatureError } from '../components/agents/AgentChat';
import { FactItem } from '../components/agents/FactItem';
import { OwnedAgent } from '../components/agents/OwnedAgent';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { longDate } from '../lib/agentChanges';

const EMPTY: Memory = { summary: '', facts: [], updated_at: null };

function MemoryView({ agentId, name }: { agentId: string; name: string }) {
  const [memory, setMemory] = useResource(() => getAgentMemory(agentId), [agentId]);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  if (memory.state === 'loading') return <Loading />;
  if (memory.state === 'error') {
    return (
      <div className="alert alert-error" role="alert">
        {agentFeatureError(memory.error, 'The memory of this agent')}
      </div>
    );
  }
  const { summary, facts, updated_at } = memory.data;
  const forgetAll = async () => {
    if ((await action.run(() => forgetEverything(agentId))) !== undefined) {
      setMemory(EMPTY);
      setConfirming(false);
    }
  };
  return (
    <>
      <section className="card" aria-labelledby="memory-summary">
        <h2 id="memory-summary">Summary</h2>
        <p>{summary || `${name} has not summarised anything about you yet.`}</p>
        {updated_at && <p className="muted">Last updated on {longDate(updated_at)}.</p>}
      </section>
      <section className="card" aria-labelledby="memory-facts">
        <h2 id="memory-facts">What it learned about you</h2>
        {facts.length ? (
          <ul className="fact-list" aria-label="Facts">
            {facts.map((f) => (
              <FactItem
                key={f.id}
                agentId={agentId}
                fact={f}
                onChange={(fact) => setMemory({ ...memory.data, facts: facts.map((x) => (x.id === fact.id ? fact : x)) })}
                onForget={() => setMemory({ ...memory.data, facts: facts.filter((x) => x.id !== f.id) })}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing yet.</p>
        )}
      </section>
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          Forget everything
        </button>
      </div>
      {confirming && (
        <Dialog title={`Make ${name} forget everything?`} onClose={() => setConfirming(false)}>
          <p>Your conversation, the summary and every fact are deleted.</p>
          <FormAlert error={action.error} />
          <div className="button-row">
            <button type="button" className="button" data-autofocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void forgetAll()}>
              Forget everything
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

export function AgentMemory({ id }: { id: string }) {
  useDocumentTitle('What the agent remembers');
  return (
    <section className="agent-memory">
      <OwnedAgent id={id}>
        {(_, name) => (
          <>
            <h1>What {name} remembers about you</h1>
            <MemoryView agentId={id} name={name} />
          </>
        )}
      </OwnedAgent>
    </section>
  );
}
