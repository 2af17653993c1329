/**
 * Labelled form controls. An error from the server marks the control aria-invalid and is read
 * out as part of its description.
 */
import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from 'react';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Described {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
}

function useDescription(id: string | undefined, error: string | undefined, hint: ReactNode) {
  const auto = useId();
  const controlId = id ?? auto;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const extras = (
    <>
      {error && (
        <p id={errorId} className="field-error">
          {capitalize(error)}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </>
  );
  return { controlId, describedBy, extras, invalid: error ? true : undefined };
}

export function TextField({ label, error, hint, id, ...input }: Described & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescription(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={d.controlId}>{label}</label>
      <input id={d.controlId} aria-invalid={d.invalid} aria-describedby={d.describedBy} {...input} />
      {d.extras}
    </div>
  );
}

export function TextArea({ label, error, hint, id, ...input }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescription(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={d.controlId}>{label}</label>
      <textarea id={d.controlId} aria-invalid={d.invalid} aria-describedby={d.describedBy} {...input} />
      {d.extras}
    </div>
  );
}

export function Checkbox({ label, error, hint, id, ...input }: Described & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const d = useDescription(id, error, hint);
  return (
    <div className="field field-check">
      <input id={d.controlId} type="checkbox" aria-invalid={d.invalid} aria-describedby={d.describedBy} {...input} />
      <div>
        <label htmlFor={d.controlId}>{label}</label>
        {d.extras}
      </div>
    </div>
  );
}
