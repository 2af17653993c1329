/**
 * A failed admin load: the server's 403 as a plain "not allowed" (a person without the role,
 * or a session from before a promotion), anything else as the server's message.
 */
import type { ApiError } from '../../api/http';

export function AdminError({ error, retry }: { error: ApiError; retry?: () => void }) {
  if (error.status === 403) {
    return (
      <section className="alert alert-error admin-denied" role="alert">
        <h2>Not allowed</h2>
        <p>You are not allowed to see this part of the admin panel: it is for SMILE's moderators and admins. If you were just given a role, log out and in again.</p>
        <p className="muted">The server said: {error.message}</p>
      </section>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {error.message}{' '}
      {retry && (
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
