import { type ReactNode, useEffect } from 'react';
import { useSession } from '../auth/SessionProvider';
import { navigate, useLocation } from '../router';
import { Loading } from './Loading';

/** Renders its children for a signed-in person; sends everyone else to log in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (status === 'signed-out') navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }, [status, pathname, search]);
  return status === 'signed-in' ? <>{children}</> : <Loading />;
}
