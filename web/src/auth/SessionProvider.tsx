/**
 * The signed-in account as React state. Starts from the stored tokens, follows changes made by
 * the API client (refresh, expiry) and by other tabs, and offers sign-in and sign-out.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { logout, verifyCredentials } from '../api/auth';
import { ApiError } from '../api/http';
import type { CredentialAccount, Token } from '../api/types';
import { loadSession, saveSession, sessionFromToken, subscribeSession } from './session';

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

interface SessionValue {
  status: SessionStatus;
  account: CredentialAccount | null;
  /** Stores fresh tokens; with `account` known (password login) no extra request is made. */
  signIn(token: Pick<Token, 'access_token' | 'refresh_token' | 'expires_in'>, clientId: string, account?: CredentialAccount): Promise<CredentialAccount>;
  signOut(): Promise<void>;
  /** Replaces the account after an update (profile saved). */
  setAccount(account: CredentialAccount): void;
  /** Fetches the account again (after a change made elsewhere, like a confirmed e-mail). */
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccountState] = useState<CredentialAccount | null>(null);
  const [status, setStatus] = useState<SessionStatus>(() => (loadSession() ? 'loading' : 'signed-out'));

  // Only the newest answer counts: a reload started after a change (a confirmed e-mail), a sign-in
  // or a sign-out must not be overwritten by an earlier load answering later.
  const loads = useRef(0);
  const load = useCallback(async () => {
    const mine = ++loads.current;
    if (!loadSession()) {
      setAccountState(null);
      setStatus('signed-out');
      return;
    }
    try {
      const next = await verifyCredentials();
      if (mine !== loads.current) return;
      setAccountState(next);
      setStatus('signed-in');
    } catch (err) {
      if (mine !== loads.current) return;
      // Offline: keep the tokens and let the user retry; refused: the session is gone.
      if (err instanceof ApiError && err.status === 401) saveSession(null);
      setAccountState(null);
      setStatus('signed-out');
    }
  }, []);

  useEffect(() => {
    void load();
    return subscribeSession((session, otherTab) => {
      if (otherTab) void load();
      else if (!session) {
        loads.current++;
        setAccountState(null);
        setStatus('signed-out');
      }
    });
  }, [load]);

  const signIn = useCallback<SessionValue['signIn']>(async (token, clientId, known) => {
    saveSession(sessionFromToken(token, clientId));
    loads.current++;
    const next = known ?? (await verifyCredentials());
    setAccountState(next);
    setStatus('signed-in');
    return next;
  }, []);

  const signOut = useCallback(async () => {
    const session = loadSession();
    saveSession(null);
    if (session) await logout(session.accessToken).catch(() => undefined);
  }, []);

  const setAccount = useCallback((next: CredentialAccount) => setAccountState(next), []);

  const value = useMemo(() => ({ status, account, signIn, signOut, setAccount, reload: load }), [status, account, signIn, signOut, setAccount, load]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
