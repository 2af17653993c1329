/** The drafts an agent wrote that wait for its owner's approval. */
import { getDrafts } from '../../api/agentDashboard';
import { useResource } from '../../hooks/useResource';
import { Loading } from '../Loading';
import { agentFeatureError } from './AgentChat';
import { DraftItem } from './DraftItem';

export function DraftsPanel({ agentId }: { agentId: string }) {
  const [drafts, setDrafts] = useResource(() => getDrafts(agentId), [agentId]);
  return (
    <section className="agent-panel" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Drafts to approve</h2>
      {drafts.state === 'loading' && <Loading />}
      {drafts.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {agentFeatureError(drafts.error, 'Drafts')}
        </div>
      )}
      {drafts.state === 'ready' &&
        (drafts.data.length ? (
          <ul className="draft-list" aria-label="Drafts">
            {drafts.data.map((d) => (
              <DraftItem
                key={d.id}
                agentId={agentId}
                draft={d}
                onChange={(next) => setDrafts(drafts.data.map((x) => (x.id === next.id ? next : x)))}
                onGone={() => setDrafts(drafts.data.filter((x) => x.id !== d.id))}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">No drafts waiting.</p>
        ))}
    </section>
  );
}
