/** One thing an agent learned about you: correct it or make it forget it. */
import { type FormEvent, useState } from 'react';
import { type Fact, forgetFact, updateFact } from '../../api/agentChat';
import { useAction } from '../../hooks/useAction';
import { FormAlert } from '../FormAlert';

export function FactItem({ agentId, fact, onChange, onForget }: { agentId: string; fact: Fact; onChange(fact: Fact): void; onForget(): void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(fact.text);
  const action = useAction();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => updateFact(agentId, fact.id, text.trim()));
    if (saved) {
      onChange(saved);
      setEditing(false);
    }
  };
  const forget = async () => {
    if ((await action.run(() => forgetFact(agentId, fact.id))) !== undefined) onForget();
  };
  return (
    <li className="fact">
      {editing ? (
        <form className="fact-form" onSubmit={save}>
          <label className="visually-hidden" htmlFor={`fact-${fact.id}`}>
            Correct this memory
          </label>
          <input id={`fact-${fact.id}`} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <button type="submit" className="button button-small button-primary" disabled={action.busy || !text.trim()}>
            Save
          </button>
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span className="fact-text">{fact.text}</span>
          <button type="button" className="link-button" aria-label={`Correct “${fact.text}”`} onClick={() => setEditing(true)}>
            Correct
          </button>
          <button type="button" className="link-button" aria-label={`Forget “${fact.text}”`} disabled={action.busy} onClick={() => void forget()}>
            Forget
          </button>
        </>
      )}
      <FormAlert error={action.error} />
    </li>
  );
}
