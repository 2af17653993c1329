import type { ReactNode } from 'react';
import type { ApiError } from '../api/http';

/**
 * The form-level error, announced with role=alert. When the server's complaints are all about
 * fields the form shows, it points at them instead of repeating them.
 */
export function FormAlert({ error, fields = [] }: { error: ApiError | null; fields?: readonly string[] }) {
  if (!error) return null;
  const keys = Object.keys(error.fields);
  const allShown = error.status === 422 && keys.length > 0 && keys.every((k) => fields.includes(k));
  return (
    <div className="alert alert-error" role="alert">
      {allShown ? 'Please correct the highlighted fields.' : error.message}
    </div>
  );
}

/** A polite success or progress message (role=status). */
export function FormStatus({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
