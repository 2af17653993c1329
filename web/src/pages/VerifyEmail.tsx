import { useEffect, useRef, useState } from 'react';
import { verifyEmail } from '../api/auth';
import { ApiError } from '../api/http';
import { useSession } from '../auth/SessionProvider';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, useQueryParam } from '../router';

type State = { state: 'working' } | { state: 'done' } | { state: 'failed'; message: string };

/** Confirms the address from the mailed link as soon as the page opens (the link works once). */
export function VerifyEmail() {
  useDocumentTitle('Confirm e-mail');
  const token = useQueryParam('token');
  const { account, reload } = useSession();
  const [result, setResult] = useState<State>(token ? { state: 'working' } : { state: 'failed', message: 'This link is incomplete. Open the link from the e-mail again.' });
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    // "Confirmed" once the session knows too, so the page it leads to shows no reminder left over.
    verifyEmail(token).then(
      () => reload().finally(() => setResult({ state: 'done' })),
      (err: unknown) => {
        const message = err instanceof ApiError ? (err.fields.token?.[0] ? `This link ${err.fields.token[0]}.` : err.message) : String(err);
        setResult({ state: 'failed', message });
      },
    );
  }, [token, reload]);

  return (
    <section className="auth-card">
      <h1>Confirm your e-mail</h1>
      {result.state === 'working' && <Loading label="Confirming your e-mail address…" />}
      {result.state === 'done' && (
        <>
          <div className="alert alert-success" role="status">
            Your e-mail address is confirmed. Thank you!
          </div>
          <Link className="button button-primary button-block" to="/">
            Continue to SMILE
          </Link>
        </>
      )}
      {result.state === 'failed' && (
        <>
          <div className="alert alert-error" role="alert">
            {result.message}
          </div>
          <p className="muted">{account ? 'You can ask for a new link from the banner at the top of the page.' : 'Log in to ask for a new link.'}</p>
        </>
      )}
    </section>
  );
}
