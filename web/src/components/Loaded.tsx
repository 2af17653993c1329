import type { ReactNode } from 'react';
import type { ApiError } from '../api/http';
import type { Resource } from '../hooks/useResource';
import { Loading } from './Loading';

/**
 * A resource's data once it is there; the spinner before, the error in its place if loading
 * failed (the server's message, or what `failed` makes of the error).
 */
export function Loaded<T>({ resource, children, failed }: { resource: Resource<T>; children: (data: T) => ReactNode; failed?: (error: ApiError) => ReactNode }) {
  if (resource.state === 'loading') return <Loading />;
  if (resource.state === 'error') {
    if (failed) return <>{failed(resource.error)}</>;
    return (
      <div className="alert alert-error" role="alert">
        {resource.error.message}
      </div>
    );
  }
  return <>{children(resource.data)}</>;
}
