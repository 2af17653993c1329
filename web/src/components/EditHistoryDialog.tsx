/** Every version of an edited status, newest first, from /history. */
import { getHistory } from '../api/statuses';
import type { Status } from '../api/types';
import { useResource } from '../hooks/useResource';
import { sanitizeHtml } from '../lib/sanitize';
import { Dialog } from './Dialog';
import { Loaded } from './Loaded';

export function EditHistoryDialog({ status, onClose }: { status: Status; onClose: () => void }) {
  const [history] = useResource(() => getHistory(status.id), [status.id]);
  return (
    <Dialog title="Edit history" onClose={onClose} className="history-dialog">
      <Loaded resource={history}>
        {(versions) => (
          <ol className="history-list" aria-label="Versions, newest first">
            {versions
              .map((v, i) => ({ ...v, original: i === 0 }))
              .reverse()
              .map((v) => (
                <li key={v.created_at} className="history-item">
                  <p className="muted history-when">
                    {v.original ? 'Original' : 'Edited'} · <time dateTime={v.created_at}>{new Date(v.created_at).toLocaleString()}</time>
                  </p>
                  {v.spoiler_text && <p className="history-cw">CW: {v.spoiler_text}</p>}
                  <div className="status-content" dangerouslySetInnerHTML={{ __html: sanitizeHtml(v.content) }} />
                </li>
              ))}
          </ol>
        )}
      </Loaded>
    </Dialog>
  );
}
