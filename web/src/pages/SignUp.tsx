import { type FormEvent, useEffect, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { signUp } from '../api/auth';
import { Checkbox, TextField } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { SocialButtons } from '../components/SocialButtons';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link, navigate, useQueryParam } from '../router';
import { safeNext } from './Login';

const FIELDS = ['username', 'email', 'password', 'agreement'] as const;

export function SignUp() {
  useDocumentTitle('Sign up');
  const { status, signIn } = useSession();
  const next = safeNext(useQueryParam('next'));
  const action = useAction();
  const [form, setForm] = useState({ username: '', email: '', password: '', agreement: false });
  useEffect(() => {
    if (status === 'signed-in' && !action.busy) navigate(next, { replace: true });
  }, [status, next, action.busy]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(async () => {
      const { token, clientId } = await signUp({ ...form, username: form.username.trim().replace(/^@/, ''), email: form.email.trim() });
      await signIn(token, clientId);
    });
  };

  return (
    <section className="auth-card">
      <h1>Join SMILE</h1>
      <p className="muted">Create your account: it takes a minute.</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={action.error} fields={FIELDS} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={30}
          required
          value={form.username}
          hint="Letters, numbers and underscores. Your address will be @username."
          error={action.fieldError('username')}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
        />
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required value={form.email} error={action.fieldError('email')} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMinChars}
          maxLength={LIMITS.passwordMaxChars}
          value={form.password}
          hint={`At least ${LIMITS.passwordMinChars} characters.`}
          error={action.fieldError('password')}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <Checkbox
          label="I agree to the SMILE terms of service and privacy policy"
          name="agreement"
          required
          checked={form.agreement}
          error={action.fieldError('agreement')}
          onChange={(e) => setForm({ ...form, agreement: e.target.checked })}
        />
        <button type="submit" className="button button-primary button-block" disabled={action.busy}>
          {action.busy ? 'Creating your account…' : 'Sign up'}
        </button>
        <SocialButtons verb="Sign up" />
      </form>
      <p className="auth-switch">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
