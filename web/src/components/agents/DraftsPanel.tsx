/** The drafts an agent wrote that wait for its owner's approval. */
import { getDrafts } from '../../api/agentDashboard';
import { useResource } from '../../hooks/useResource';
import { AgentPanel } from './AgentPanel';
import { DraftItem } from './DraftItem';

export function DraftsPanel({ agentId }: { agentId: string }) {
  const [drafts, setDrafts] = useResource(() => getDrafts(agentId), [agentId]);
  return (
    <AgentPanel id="drafts-title" title="Drafts to approve" feature="Drafts" resource={drafts}>
      {(list) =>
        list.length ? (
          <ul className="draft-list" aria-label="Drafts">
            {list.map((d) => (
              <DraftItem
                key={d.id}
                agentId={agentId}
                draft={d}
                onChange={(next) => setDrafts(list.map((x) => (x.id === next.id ? next : x)))}
                onGone={() => setDrafts(list.filter((x) => x.id !== d.id))}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">No drafts waiting.</p>
        )
      }
    </AgentPanel>
  );
}
