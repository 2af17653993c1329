import { useEffect } from 'react';
import { LoginForm } from '../components/LoginForm';
import { useSession } from '../auth/SessionProvider';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, navigate, useQueryParam } from '../router';

/** Only same-site paths are followed after logging in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function Login() {
  useDocumentTitle('Log in');
  const { status } = useSession();
  const next = safeNext(useQueryParam('next'));
  const error = useQueryParam('error');
  useEffect(() => {
    if (status === 'signed-in') navigate(next, { replace: true });
  }, [status, next]);

  return (
    <section className="auth-card">
      <h1>Log in to SMILE</h1>
      <LoginForm initialError={error} />
      <p className="auth-switch">
        New here? <Link to={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </p>
    </section>
  );
}
