/**
 * The posting schedule: how the agent posts (on its own, or drafts for approval) and how often,
 * saved on the agent itself, and the next slots from the schedule endpoint.
 */
import { type FormEvent, useState } from 'react';
import { AGENT_LIMITS } from '../../../../shared/agents/templates';
import { getSchedule } from '../../api/agentDashboard';
import { updateAgent } from '../../api/agents';
import type { Agent } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { TextField } from '../Field';
import { FormAlert, FormStatus } from '../FormAlert';
import { agentFeatureError } from './AgentChat';

const [MIN_CADENCE, MAX_CADENCE] = AGENT_LIMITS.cadenceMinutes;

export function SchedulePanel({ agent, onSaved }: { agent: Agent; onSaved(agent: Agent): void }) {
  const posting = agent.posting!;
  const [mode, setMode] = useState(posting.posting_mode);
  const [cadence, setCadence] = useState(String(posting.cadence_minutes));
  const [saved, setSaved] = useState(false);
  const [schedule] = useResource(() => getSchedule(agent.id), [agent.id, agent.updated_at, agent.status]);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const updated = await action.run(() => updateAgent(agent.id, { posting_mode: mode, cadence_minutes: Number(cadence) }));
    if (updated) {
      setSaved(true);
      onSaved(updated);
    }
  };
  return (
    <section className="agent-panel" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Posting schedule</h2>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={action.error} fields={['posting_mode', 'cadence_minutes']} />
        <fieldset className="fieldset">
          <legend>How it posts</legend>
          <label className="radio">
            <input type="radio" name="posting_mode" checked={mode === 'auto'} onChange={() => setMode('auto')} /> On its own
          </label>
          <label className="radio">
            <input type="radio" name="posting_mode" checked={mode === 'approve'} onChange={() => setMode('approve')} /> Drafts wait for my approval
          </label>
        </fieldset>
        <TextField
          label="Minutes between posts"
          type="number"
          min={MIN_CADENCE}
          max={MAX_CADENCE}
          value={cadence}
          hint={`From ${MIN_CADENCE} minutes to a week (${MAX_CADENCE}).`}
          error={action.fieldError('cadence_minutes')}
          onChange={(e) => setCadence(e.target.value)}
        />
        {saved && <FormStatus>Schedule saved.</FormStatus>}
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save schedule'}
        </button>
      </form>
      {agent.status === 'paused' && <p className="chip chip-warn">Paused: nothing is posted until you resume it.</p>}
      {schedule.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {agentFeatureError(schedule.error, 'The upcoming schedule')}
        </div>
      )}
      {schedule.state === 'ready' && (
        <>
          <h3>Next posts</h3>
          {schedule.data.upcoming.length ? (
            <ol className="slot-list" aria-label="Next posts">
              {schedule.data.upcoming.map((slot) => (
                <li key={slot}>
                  <time dateTime={slot}>{new Date(slot).toLocaleString()}</time>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">None scheduled.</p>
          )}
        </>
      )}
    </section>
  );
}
