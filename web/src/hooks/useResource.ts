import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; data: T };

/** Loads data when the dependencies change; ignores answers that arrive after a newer request. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): [Resource<T>, (data: T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResource({ state: 'loading' });
    load().then(
      (data) => current && setResource({ state: 'ready', data }),
      (err: unknown) => current && setResource({ state: 'error', error: err instanceof ApiError ? err : new ApiError(0, String(err)) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `deps` says when it means something new.
  }, deps);
  const set = useCallback((data: T) => setResource({ state: 'ready', data }), []);
  return [resource, set];
}
