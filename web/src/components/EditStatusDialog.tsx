/** Editing your own status: its text and content warning, loaded from /source and saved with PUT. */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { LIMITS } from '../../../shared/constants';
import { editStatus, getSource } from '../api/statuses';
import type { Status, StatusSource } from '../api/types';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { countChars } from '../lib/charCount';
import { Dialog } from './Dialog';
import { FormAlert } from './FormAlert';
import { Loaded } from './Loaded';

function EditForm({ status, source, onSaved, onCancel }: { status: Status; source: StatusSource; onSaved: (s: Status) => void; onCancel: () => void }) {
  const id = useId();
  const [text, setText] = useState(source.text);
  const [cw, setCw] = useState(source.spoiler_text);
  const action = useAction();
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(source.text.length, source.text.length);
  }, [source.text]);

  const left = LIMITS.statusMaxChars - countChars(text) - countChars(cw);
  const canSave = left >= 0 && (text.trim() !== '' || status.media_attachments.length > 0) && !action.busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSave) return;
    // A content warning makes the post sensitive; media marked sensitive without one stay so.
    const sensitive = cw.trim() !== '' || (status.sensitive && status.spoiler_text === '');
    const saved = await action.run(() => editStatus(status.id, { status: text, spoiler_text: cw.trim(), sensitive }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-cw`}>Content warning (optional)</label>
        <input id={`${id}-cw`} value={cw} maxLength={LIMITS.statusMaxChars} onChange={(e) => setCw(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text of your post</label>
        <textarea id={`${id}-text`} ref={textarea} className="compose-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-count`} aria-invalid={left < 0 || undefined} />
        <span id={`${id}-count`} className={`field-hint${left < 0 ? ' compose-count-over' : ''}`}>
          {left} characters left
        </span>
      </div>
      <FormAlert error={action.error} />
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!canSave}>
          {action.busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

export function EditStatusDialog({ status, onClose, onSaved }: { status: Status; onClose: () => void; onSaved: (s: Status) => void }) {
  const [source] = useResource(() => getSource(status.id), [status.id]);
  return (
    <Dialog title="Edit post" onClose={onClose} className="edit-dialog">
      <Loaded resource={source}>{(data) => <EditForm status={status} source={data} onSaved={onSaved} onCancel={onClose} />}</Loaded>
    </Dialog>
  );
}
