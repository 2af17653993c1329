import { type FormEvent, useState } from 'react';
import { forgotPassword } from '../api/auth';
import { TextField } from '../components/Field';
import { FormAlert, FormStatus } from '../components/FormAlert';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link } from '../router';

export function ForgotPassword() {
  useDocumentTitle('Forgot password');
  const action = useAction();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => forgotPassword(email.trim()).then(() => true))) setSentTo(email.trim());
  };

  return (
    <section className="auth-card">
      <h1>Forgot your password?</h1>
      {sentTo ? (
        <FormStatus>If an account uses {sentTo}, we have sent it a link to choose a new password. The link works for one hour.</FormStatus>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p className="muted">Enter the e-mail address of your account and we will send you a link to reset your password.</p>
          <FormAlert error={action.error} fields={['email']} />
          <TextField label="E-mail" name="email" type="email" autoComplete="email" required value={email} error={action.fieldError('email')} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" className="button button-primary button-block" disabled={action.busy}>
            {action.busy ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
