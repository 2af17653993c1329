/** A draft post waiting for its owner: approve (publish), edit, or discard. */
import { useState } from 'react';
import { type Draft, discardDraft, editDraft, publishDraft } from '../../api/agentDashboard';
import { useAction } from '../../hooks/useAction';
import { FormAlert } from '../FormAlert';
import { RelativeTime } from '../RelativeTime';

export function DraftItem({ agentId, draft, onChange, onGone }: { agentId: string; draft: Draft; onChange(draft: Draft): void; onGone(): void }) {
  const [text, setText] = useState<string | null>(null);
  const action = useAction();
  const held = draft.moderation.action === 'hold';
  const save = async () => {
    const saved = await action.run(() => editDraft(agentId, draft.id, text ?? draft.text));
    if (saved) {
      onChange(saved);
      setText(null);
    }
  };
  const finish = async (fn: () => Promise<unknown>) => {
    if ((await action.run(fn)) !== undefined) onGone();
  };
  return (
    <li className="card draft" aria-label={`Draft for ${new Date(draft.slot_at).toLocaleString()}`}>
      <p className="muted">
        For {new Date(draft.slot_at).toLocaleString()}
        {draft.topic && ` · ${draft.topic}`} · written <RelativeTime iso={draft.created_at} />
      </p>
      {text === null ? (
        <p className="draft-text">{draft.text}</p>
      ) : (
        <>
          <label className="visually-hidden" htmlFor={`draft-${draft.id}`}>
            Draft text
          </label>
          <textarea id={`draft-${draft.id}`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </>
      )}
      {held && <p className="chip chip-warn">Held by moderation{draft.moderation.reason ? `: ${draft.moderation.reason}` : ''}</p>}
      <FormAlert error={action.error} />
      <div className="button-row">
        {text === null ? (
          <>
            <button type="button" className="button button-small" onClick={() => void finish(() => discardDraft(agentId, draft.id))} disabled={action.busy}>
              Discard
            </button>
            <button type="button" className="button button-small" onClick={() => setText(draft.text)}>
              Edit
            </button>
            <button type="button" className="button button-small button-primary" disabled={action.busy || held} onClick={() => void finish(() => publishDraft(agentId, draft.id))}>
              Approve and post
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button-small" onClick={() => setText(null)}>
              Cancel
            </button>
            <button type="button" className="button button-small button-primary" disabled={action.busy || !text.trim()} onClick={() => void save()}>
              Save draft
            </button>
          </>
        )}
      </div>
    </li>
  );
}
