import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/http';

export interface ActionState {
  busy: boolean;
  error: ApiError | null;
  /** Runs `fn`, tracking busy and error; resolves with its result, or undefined when it failed. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  /** The first error the server gave for `field`, if any. */
  fieldError(field: string): string | undefined;
  reset(): void;
}

/** State for a form submission or button action that calls the API. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);

  const run = useCallback(async <T,>(fn: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, err instanceof Error ? err.message : String(err)));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const fieldError = useCallback((field: string) => error?.fields[field]?.[0], [error]);
  const reset = useCallback(() => setError(null), []);
  return { busy, error, run, fieldError, reset };
}
