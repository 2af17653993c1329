/** A poll: choices to vote on (radio or checkboxes), then the results as bars. */
import { useState } from 'react';
import { vote } from '../api/statuses';
import type { Poll } from '../api/types';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { timeLeft } from './RelativeTime';

export function PollView({ poll: initial, statusId }: { poll: Poll; statusId: string }) {
  const { account } = useSession();
  const [poll, setPoll] = useState(initial);
  const [chosen, setChosen] = useState<number[]>([]);
  const action = useAction();
  const showResults = poll.voted || poll.expired || !account;
  const name = `poll-${statusId}`;

  const submit = async () => {
    const result = await action.run(() => vote(poll.id, chosen));
    if (result) setPoll(result);
  };

  const ends = poll.expired ? 'Closed' : `${timeLeft(poll.expires_at)} left`;
  const footer = `${poll.voters_count ?? poll.votes_count} ${(poll.voters_count ?? poll.votes_count) === 1 ? 'person' : 'people'} · ${ends}`;

  if (showResults) {
    const total = Math.max(1, poll.multiple ? poll.voters_count : poll.votes_count);
    return (
      <div className="poll">
        <ul className="poll-results">
          {poll.options.map((o, i) => {
            const percent = Math.round(((o.votes_count ?? 0) / total) * 100);
            const mine = poll.own_votes?.includes(i);
            return (
              <li key={i} className={mine ? 'poll-mine' : undefined}>
                <span className="poll-bar" style={{ width: `${percent}%` }} aria-hidden="true" />
                <span className="poll-percent">{percent}%</span>
                <span className="poll-title">
                  {o.title}
                  {mine && <span className="visually-hidden"> (your vote)</span>}
                </span>
              </li>
            );
          })}
        </ul>
        <p className="poll-footer muted">{footer}</p>
      </div>
    );
  }
  return (
    <fieldset className="poll">
      <legend className="visually-hidden">{poll.multiple ? 'Choose one or more' : 'Choose one'}</legend>
      {poll.options.map((o, i) => (
        <label key={i} className="poll-choice">
          <input
            type={poll.multiple ? 'checkbox' : 'radio'}
            name={name}
            checked={chosen.includes(i)}
            onChange={(e) => setChosen((c) => (poll.multiple ? (e.target.checked ? [...c, i] : c.filter((x) => x !== i)) : [i]))}
          />
          <span>{o.title}</span>
        </label>
      ))}
      <div className="poll-actions">
        <button type="button" className="button button-small button-primary" disabled={chosen.length === 0 || action.busy} onClick={submit}>
          Vote
        </button>
        <span className="muted">{footer}</span>
      </div>
      {action.error && (
        <p className="field-error" role="alert">
          {action.error.message}
        </p>
      )}
    </fieldset>
  );
}
