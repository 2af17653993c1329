/** An agent's versions, newest first, each with its date and what it changed. */
import { getAgentVersions } from '../../api/agents';
import { useResource } from '../../hooks/useResource';
import { describeChange, longDate } from '../../lib/agentChanges';
import { Loaded } from '../Loaded';

export function VersionHistory({ agentId, version }: { agentId: string; version: number }) {
  const [versions] = useResource(() => getAgentVersions(agentId), [agentId, version]);
  return (
    <section className="card agent-versions" aria-labelledby="agent-versions-title">
      <h2 id="agent-versions-title">Version history</h2>
      <Loaded resource={versions}>
        {(list) => (
          <ol className="version-list" aria-label="Versions">
            {list.map((v) => (
              <li key={v.version}>
                <strong>Version {v.version}</strong> <span className="muted">· {longDate(v.created_at)}</span>
                {v.changes.length ? (
                  <ul>
                    {v.changes.map((c) => (
                      <li key={c.field}>{describeChange(c)}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">Created.</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Loaded>
    </section>
  );
}
