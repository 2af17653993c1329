/** A modal dialog with the compose box answering one status. */
import { useEffect, useRef } from 'react';
import type { Status } from '../api/types';
import { displayName } from './AccountName';
import { Compose } from './Compose';

export function ReplyDialog({ to, onClose, onPosted }: { to: Status; onClose: () => void; onPosted: (s: Status) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="reply-dialog" aria-label={`Reply to ${displayName(to.account)}`} onClose={onClose} onCancel={onClose}>
      <div className="reply-dialog-head">
        <h2>Reply to {displayName(to.account)}</h2>
        <button type="button" className="link-button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      <Compose inReplyTo={to} onPosted={onPosted} autoFocus />
    </dialog>
  );
}
