/** Loads an agent by id for a page, with "not found" and errors handled, and its display name. */
import type { ReactNode } from 'react';
import { getAgent } from '../../api/agents';
import type { Agent } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { displayName } from '../AccountName';
import { EmptyState } from '../EmptyState';
import { Loaded } from '../Loaded';

export function OwnedAgent({ id, children }: { id: string; children: (agent: Agent, name: string, replace: (agent: Agent) => void) => ReactNode }) {
  const [agent, setAgent] = useResource(() => getAgent(id), [id]);
  if (agent.state === 'error' && agent.error.status === 404) {
    return (
      <EmptyState icon="agents" title="No such agent">
        This agent does not exist, or it is private.
      </EmptyState>
    );
  }
  return <Loaded resource={agent}>{(a) => children(a, displayName(a.account), setAgent)}</Loaded>;
}
