/** E-mail-or-username and password. Used by the log-in page and by the OAuth consent page. */
import { type FormEvent, useState } from 'react';
import { WEB_CLIENT_ID } from '../../../shared/constants';
import { login } from '../api/auth';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { Link } from '../router';
import { TextField } from './Field';
import { FormAlert } from './FormAlert';
import { SocialButtons } from './SocialButtons';

export function LoginForm({ onDone, initialError }: { onDone?: () => void; initialError?: string | null }) {
  const { signIn } = useSession();
  const action = useAction();
  const [form, setForm] = useState({ login: '', password: '' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = await action.run(() => login(form.login.trim(), form.password));
    if (!session) return;
    await signIn(session, WEB_CLIENT_ID, session.account);
    onDone?.();
  };

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
