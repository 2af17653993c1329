/** E-mail-or-username and password. Used by the log-in page and by the OAuth consent page. */
import { type FormEvent, useState } from 'react';
import { WEB_CLIENT_ID } from '../../../shared/constants';
import { completeMfaLogin, login } from '../api/auth';
import type { WebSession } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { Link } from '../router';
import { TextField } from './Field';
import { FormAlert } from './FormAlert';
import { MfaCodeForm } from './MfaCodeForm';
import { SocialButtons } from './SocialButtons';

export function LoginForm({ onDone, initialError }: { onDone?: () => void; initialError?: string | null }) {
  const { signIn } = useSession();
  const action = useAction();
  const [form, setForm] = useState({ login: '', password: '' });
  const [challenge, setChallenge] = useState<string | null>(null);

  const finish = async (session: WebSession) => {
    await signIn(session, WEB_CLIENT_ID, session.account);
    onDone?.();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await action.run(() => login(form.login.trim(), form.password));
    if (!result) return;
    if ('mfa_required' in result) setChallenge(result.mfa_challenge);
    else await finish(result);
  };

  if (challenge) {
    return (
      <section aria-label="Two-factor authentication">
        <p>Your account is protected with two-factor authentication.</p>
        <MfaCodeForm send={(code) => completeMfaLogin(challenge, code)} onDone={(session) => void finish(session)} submitLabel="Log in">
          <p className="form-aside">
            <button type="button" className="link-button" onClick={() => setChallenge(null)}>
              Start over
            </button>
          </p>
        </MfaCodeForm>
      </section>
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {initialError && !action.error && (
        <div className="alert alert-error" role="alert">
          {initialError}
        </div>
      )}
      <FormAlert error={action.error} fields={['login', 'password']} />
      <TextField label="E-mail or username" name="login" autoComplete="username" required value={form.login} error={action.fieldError('login')} onChange={(e) => setForm({ ...form, login: e.target.value })} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={form.password} error={action.fieldError('password')} onChange={(e) => setForm({ ...form, password: e.target.value })} />
      <p className="form-aside">
        <Link to="/auth/forgot-password">Forgot your password?</Link>
      </p>
      <button type="submit" className="button button-primary button-block" disabled={action.busy}>
        {action.busy ? 'Logging in…' : 'Log in'}
      </button>
      <SocialButtons verb="Log in" />
    </form>
  );
}
