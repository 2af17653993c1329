/** Recovery codes, shown once after enrolment or regeneration, with a copy button. */
import { useState } from 'react';

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard.writeText(codes.join('\n')).then(() => setCopied(true), () => setCopied(false));
  return (
    <div className="recovery-codes">
      <p className="alert alert-info">
        Save these recovery codes somewhere safe. Each one works once, if you lose your authenticator app. They will not be shown again.
      </p>
      <ul aria-label="Recovery codes" className="recovery-code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy codes'}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          I have saved them
        </button>
      </div>
      {copied && (
        <span role="status" className="visually-hidden">
          Recovery codes copied to the clipboard
        </span>
      )}
    </div>
  );
}
