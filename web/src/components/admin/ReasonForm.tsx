/**
 * The form behind every staff action: a required reason (kept in the audit log, often shown to
 * the person concerned) and one submit button per choice. Extra fields go in as children. The
 * server's refusal (422 on a field, 403, 409) shows in the form; the reason clears on success.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { TextArea } from '../Field';
import { FormAlert } from '../FormAlert';

export interface Choice<V extends string> {
  value: V;
  label: string;
  danger?: boolean;
}

interface Props<V extends string> {
  /** Names the form for assistive technology (and tests). */
  name: string;
  /** The label of the reason field. */
  label?: string;
  /** The body fields that carry the reason, as the server names them in a 422 (`note`, `reason`, `text`). */
  fields: readonly string[];
  choices: readonly Choice<V>[];
  optional?: boolean;
  decide(choice: V, reason: string): Promise<unknown>;
  children?: ReactNode;
}

export function ReasonForm<V extends string>({ name, label = 'Reason', fields, choices, optional = false, decide, children }: Props<V>) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const choice = choices.find((c) => c.value === submitter?.value) ?? choices[0]!;
    const done = await action.run(async () => (await decide(choice.value, reason)) ?? true);
    if (done) setReason('');
  };
  return (
    <form className="admin-action" aria-label={name} onSubmit={(e) => void submit(e)}>
      <FormAlert error={action.error} fields={fields} />
      <TextArea label={label} value={reason} onChange={(e) => setReason(e.target.value)} required={!optional} maxLength={1000} rows={2} error={fields.map(action.fieldError).find(Boolean)} />
      {children}
      <div className="button-row">
        {choices.map((c) => (
          <button key={c.value} type="submit" name="choice" value={c.value} className={`button button-small${c.danger ? ' button-danger' : ''}`} disabled={action.busy}>
            {c.label}
          </button>
        ))}
      </div>
    </form>
  );
}
