import { type FormEvent, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { changePassword } from '../api/auth';
import { useAction } from '../hooks/useAction';
import { TextField } from './Field';
import { FormAlert, FormStatus } from './FormAlert';

export function ChangePasswordForm() {
  const action = useAction();
  const empty = { current: '', next: '', confirm: '' };
  const [form, setForm] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setMismatch(form.next !== form.confirm);
    if (form.next !== form.confirm) return;
    if (await action.run(() => changePassword(form.current, form.next).then(() => true))) {
      setForm(empty);
      setDone(true);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2>Change password</h2>
      <FormAlert error={action.error} fields={['current_password', 'new_password']} />
      <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" required value={form.current} error={action.fieldError('current_password')} onChange={(e) => setForm({ ...form, current: e.target.value })} />
      <TextField
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        required
        minLength={LIMITS.passwordMinChars}
        value={form.next}
        hint={`At least ${LIMITS.passwordMinChars} characters. Your other sessions will be logged out.`}
        error={action.fieldError('new_password')}
        onChange={(e) => setForm({ ...form, next: e.target.value })}
      />
      <TextField label="Confirm new password" name="confirm_password" type="password" autoComplete="new-password" required value={form.confirm} error={mismatch ? 'the two passwords are not the same' : undefined} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
      {done && <FormStatus>Password changed. Your other sessions were logged out.</FormStatus>}
      <button type="submit" className="button button-primary" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
