/** A panel of the owner's dashboard that shows one loaded resource: loading, the reason it failed, or its content. */
import type { ReactNode } from 'react';
import type { Resource } from '../../hooks/useResource';
import { Loading } from '../Loading';
import { agentFeatureError } from './AgentChat';

interface Props<T> {
  id: string;
  title: string;
  /** What the resource is, for the error message ("Drafts", "Engagement figures"). */
  feature: string;
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}

export function AgentPanel<T>({ id, title, feature, resource, children }: Props<T>) {
  return (
    <section className="agent-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {resource.state === 'loading' && <Loading />}
      {resource.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {agentFeatureError(resource.error, feature)}
        </div>
      )}
      {resource.state === 'ready' && children(resource.data)}
    </section>
  );
}
