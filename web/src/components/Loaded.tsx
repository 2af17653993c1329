import type { ReactNode } from 'react';
import type { Resource } from '../hooks/useResource';
import { Loading } from './Loading';

/** A resource's data once it is there; the spinner before, the error in its place if loading failed. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ReactNode }) {
  if (resource.state === 'loading') return <Loading />;
  if (resource.state === 'error') {
    return (
      <div className="alert alert-error" role="alert">
        {resource.error.message}
      </div>
    );
  }
  return <>{children(resource.data)}</>;
}
