/** A modal dialog with the compose box answering one status. */
import type { Status } from '../api/types';
import { displayName } from './AccountName';
import { Compose } from './Compose';
import { Dialog } from './Dialog';

export function ReplyDialog({ to, onClose, onPosted }: { to: Status; onClose: () => void; onPosted: (s: Status) => void }) {
  return (
    <Dialog title={`Reply to ${displayName(to.account)}`} onClose={onClose} className="reply-dialog">
      <Compose inReplyTo={to} onPosted={onPosted} autoFocus />
    </Dialog>
  );
}
