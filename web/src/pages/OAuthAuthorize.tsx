import { useState } from 'react';
import { authorizeInfo, authorizeParams, decideAuthorization } from '../api/oauth';
import type { AuthorizeInfo } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { AccountName } from '../components/AccountName';
import { Avatar } from '../components/Avatar';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { LoginForm } from '../components/LoginForm';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { describeScope } from '../lib/scopes';
import { useLocation } from '../router';

const OOB = 'urn:ietf:wg:oauth:2.0:oob';

function Consent({ info, params }: { info: AuthorizeInfo; params: Record<string, string> }) {
  const { account, signOut } = useSession();
  const action = useAction();
  const [leaving, setLeaving] = useState(false);
  const decide = async (approve: boolean) => {
    const decision = await action.run(() => decideAuthorization(params, approve));
    if (decision) {
      setLeaving(true);
      window.location.assign(decision.redirect_to);
    }
  };
  if (!account) return null;
  const target = info.redirect_uri === OOB ? 'You will be shown a code to paste into the app.' : `You will be sent back to ${info.redirect_uri}.`;
  return (
    <>
      <div className="consent-who">
        <Avatar account={account} size={40} />
        <p>
          <span className="muted">Signed in as</span>
          <AccountName account={account} />
        </p>
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Not you?
        </button>
      </div>
      <h2>It will be able to:</h2>
      <ul className="scope-list">
        {info.scopes.map((s) => (
          <li key={s}>
            {describeScope(s)} <code>{s}</code>
          </li>
        ))}
      </ul>
      <p className="muted">{target}</p>
      <FormAlert error={action.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={action.busy || leaving} onClick={() => void decide(false)}>
          Deny
        </button>
        <button type="button" className="button button-primary" disabled={action.busy || leaving} onClick={() => void decide(true)}>
          Authorize
        </button>
      </div>
    </>
  );
}

/** The OAuth consent page at /oauth/authorize: who is asking, for what; log in first if needed. */
export function OAuthAuthorize() {
  useDocumentTitle('Authorize app');
  const { search } = useLocation();
  const { status } = useSession();
  const params = authorizeParams(search);
  const [info] = useResource(() => authorizeInfo(params), [search]);

  if (info.state === 'loading' || status === 'loading') return <Loading />;
  if (info.state === 'error') {
    return (
      <section className="auth-card">
        <h1>This authorization request cannot be used</h1>
        <div className="alert alert-error" role="alert">
          {info.error.message}
        </div>
        <p className="muted">Go back to the app you came from and try again. If it keeps happening, the app may be misconfigured.</p>
      </section>
    );
  }
  const app = info.data.application;
  return (
    <section className="auth-card">
      <h1>
        {status === 'signed-in' ? 'Authorize' : 'Log in to authorize'} {app.name}
      </h1>
      {app.website && (
        <p className="muted">
          <a href={app.website} target="_blank" rel="noopener noreferrer">
            {app.website}
          </a>
        </p>
      )}
      {info.data.first_party && <p className="chip chip-ok">Official SMILE app</p>}
      {status === 'signed-in' ? <Consent info={info.data} params={params} /> : <LoginForm />}
    </section>
  );
}
