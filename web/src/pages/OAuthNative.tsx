import { useState } from 'react';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useQueryParam } from '../router';

/** Out-of-band apps: the authorization code to copy into the app. */
export function OAuthNative() {
  useDocumentTitle('Authorization code');
  const code = useQueryParam('code');
  const description = useQueryParam('error_description');
  const errorCode = useQueryParam('error');
  const error = description ?? errorCode;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!code) return;
    await navigator.clipboard.writeText(code).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <section className="auth-card">
      {code ? (
        <>
          <h1>Your authorization code</h1>
          <p className="muted">Copy this code and paste it into the app you are connecting.</p>
          <div className="field">
            <label htmlFor="oauth-code">Authorization code</label>
            <textarea id="oauth-code" className="code-box" readOnly rows={2} value={code} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <button type="button" className="button button-primary button-block" onClick={() => void copy()}>
            {copied ? 'Copied!' : 'Copy code'}
          </button>
          {copied && <span role="status" className="visually-hidden">Code copied to the clipboard</span>}
        </>
      ) : (
        <>
          <h1>No code</h1>
          <div className="alert alert-error" role="alert">
            {error ?? 'This page needs an authorization code.'}
          </div>
        </>
      )}
    </section>
  );
}
