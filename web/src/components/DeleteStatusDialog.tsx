/** Asks before deleting your own status; Cancel has the focus, so Enter does no harm. */
import { deleteStatus } from '../api/statuses';
import type { Status } from '../api/types';
import { useAction } from '../hooks/useAction';
import { Dialog } from './Dialog';
import { FormAlert } from './FormAlert';

export function DeleteStatusDialog({ status, onClose, onDeleted }: { status: Status; onClose: () => void; onDeleted: () => void }) {
  const action = useAction();
  const remove = async () => {
    const deleted = await action.run(() => deleteStatus(status.id));
    if (deleted) onDeleted();
  };
  return (
    <Dialog title="Delete this post?" onClose={onClose} className="confirm-dialog">
      <p>It disappears for everyone, with its likes and shares. Replies to it stay.</p>
      <FormAlert error={action.error} />
      <div className="button-row">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void remove()}>
          {action.busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Dialog>
  );
}
