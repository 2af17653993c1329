/** One field for a 6-digit authenticator code (or a recovery code) and a submit button. */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useAction } from '../hooks/useAction';
import { TextField } from './Field';
import { FormAlert } from './FormAlert';

export interface MfaCodeFormProps<T> {
  /** Sends the code; the form shows the server's refusal and keeps the field. */
  send(code: string): Promise<T>;
  onDone(result: T): void;
  submitLabel?: string;
  /** Whether a recovery code may be typed instead of a 6-digit code. */
  allowRecovery?: boolean;
  children?: ReactNode;
}

export function MfaCodeForm<T>({ send, onDone, submitLabel = 'Verify', allowRecovery = true, children }: MfaCodeFormProps<T>) {
  const action = useAction();
  const [code, setCode] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await action.run(() => send(code.trim()));
    if (result !== undefined) onDone(result);
    else setCode('');
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={action.error} fields={['code']} />
      <TextField
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        inputMode={allowRecovery ? 'text' : 'numeric'}
        data-autofocus
        required
        value={code}
        hint={allowRecovery ? 'The 6-digit code from your authenticator app, or one of your recovery codes.' : 'The 6-digit code from your authenticator app.'}
        error={action.fieldError('code')}
        onChange={(e) => setCode(e.target.value)}
      />
      {children}
      <button type="submit" className="button button-primary" disabled={action.busy || code.trim().length < 6}>
        {action.busy ? 'Checking…' : submitLabel}
      </button>
    </form>
  );
}
