/** The poll part of the compose box: two to four options, a duration and single or multiple choice. */
export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

export const NEW_POLL: PollDraft = { options: ['', ''], expiresIn: 86400, multiple: false };

const DURATIONS: [number, string][] = [
  [300, '5 minutes'],
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [21600, '6 hours'],
  [86400, '1 day'],
  [259200, '3 days'],
  [604800, '7 days'],
];

export function PollBuilder({ poll, onChange, error }: { poll: PollDraft; onChange: (p: PollDraft) => void; error?: string | undefined }) {
  const setOption = (i: number, value: string) => onChange({ ...poll, options: poll.options.map((o, j) => (i === j ? value : o)) });
  return (
    <fieldset className="poll-builder">
      <legend>Poll</legend>
      {poll.options.map((o, i) => (
        <div key={i} className="poll-builder-option">
          <input aria-label={`Option ${i + 1}`} placeholder={`Option ${i + 1}`} value={o} maxLength={50} onChange={(e) => setOption(i, e.target.value)} />
          {poll.options.length > 2 && (
            <button type="button" className="link-button" aria-label={`Remove option ${i + 1}`} onClick={() => onChange({ ...poll, options: poll.options.filter((_, j) => j !== i) })}>
              ✕
            </button>
          )}
        </div>
      ))}
      <div className="poll-builder-row">
        {poll.options.length < 4 && (
          <button type="button" className="button button-small" onClick={() => onChange({ ...poll, options: [...poll.options, ''] })}>
            Add option
          </button>
        )}
        <label>
          <span className="visually-hidden">Poll duration</span>
          <select value={poll.expiresIn} onChange={(e) => onChange({ ...poll, expiresIn: Number(e.target.value) })} aria-label="Poll duration">
            {DURATIONS.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="poll-builder-multiple">
          <input type="checkbox" checked={poll.multiple} onChange={(e) => onChange({ ...poll, multiple: e.target.checked })} /> Multiple choice
        </label>
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
