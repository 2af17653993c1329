import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { resetPassword } from '../api/auth';
import { saveSession } from '../auth/session';
import { TextField } from '../components/Field';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, useQueryParam } from '../router';

export function ResetPassword() {
  useDocumentTitle('Choose a new password');
  const token = useQueryParam('token');
  const action = useAction();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== confirm);
    if (password !== confirm || !token) return;
    if (await action.run(() => resetPassword(token, password).then(() => true))) {
      // Every session of the account was just revoked, this browser's included.
      saveSession(null);
      setDone(true);
    }
  };

  if (!token) {
    return (
      <section className="auth-card">
        <h1>Choose a new password</h1>
        <div className="alert alert-error" role="alert">
          This link is incomplete. Open the link from the e-mail again, or <Link to="/auth/forgot-password">ask for a new one</Link>.
        </div>
      </section>
    );
  }

  return (
    <section className="auth-card">
      <h1>Choose a new password</h1>
      {done ? (
        <>
          <FormStatus>Your password has been changed, and you were logged out everywhere.</FormStatus>
          <Link className="button button-primary button-block" to="/login">
            Log in with your new password
          </Link>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.fieldError('token') ? (
            <div className="alert alert-error" role="alert">
              This reset link {action.fieldError('token')}. <Link to="/auth/forgot-password">Ask for a new link</Link>.
            </div>
          ) : (
            <FormAlert error={action.error} fields={['password']} />
          )}
          <TextField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMinChars}
            value={password}
            hint={`At least ${LIMITS.passwordMinChars} characters.`}
            error={action.fieldError('password')}
            onChange={(e) => setPassword(e.target.value)}
          />
          <TextField
            label="Confirm new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            error={mismatch ? 'the two passwords are not the same' : undefined}
            onChange={(e) => setConfirm(e.target.value)}
          />
          <button type="submit" className="button button-primary button-block" disabled={action.busy}>
            {action.busy ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      )}
    </section>
  );
}
