import { useEffect, useRef, useState } from 'react';
import { WEB_CLIENT_ID } from '../../../shared/constants';
import { useSession } from '../auth/SessionProvider';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, navigate } from '../router';

/**
 * Where the server sends the browser after a social login, with the tokens in the fragment
 * (never sent to any server). Stores them and goes home.
 */
export function SocialComplete() {
  useDocumentTitle('Logging in');
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const params = new URLSearchParams(window.location.hash.slice(1));
    // Drop the tokens from the address bar and history at once.
    window.history.replaceState(null, '', window.location.pathname);
    const access = params.get('access_token');
    if (!access) {
      setError(params.get('error') ?? 'The login did not complete.');
      return;
    }
    const expires = Number(params.get('expires_in'));
    signIn({ access_token: access, refresh_token: params.get('refresh_token') ?? undefined, expires_in: Number.isFinite(expires) && expires > 0 ? expires : undefined }, WEB_CLIENT_ID).then(
      () => navigate('/', { replace: true }),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [signIn]);

  return (
    <section className="auth-card">
      <h1>Logging you in</h1>
      {error ? (
        <>
          <div className="alert alert-error" role="alert">
            {error}
          </div>
          <Link className="button button-block" to="/login">
            Back to log in
          </Link>
        </>
      ) : (
        <Loading label="Finishing your login…" />
      )}
    </section>
  );
}
