/** My message on its way: "Sending…" until the room acknowledges it, or the error and a retry (same client id). */
import type { PendingMessage } from '../../lib/chatRoomState';

export function PendingItem({ message, onRetry }: { message: PendingMessage; onRetry: () => void }) {
  return (
    <li className={`chat-room-message chat-mine chat-pending${message.error ? ' chat-failed' : ''}`} aria-label={`You: ${message.text}`}>
      <div className="chat-bubble-wrap">
        <div className="chat-bubble">
          {message.text && <p className="chat-text">{message.text}</p>}
          {message.media.length > 0 && <p className="muted">📎 {message.media.length} attachment(s)</p>}
        </div>
        {message.error ? (
          <p className="chat-send-error" role="alert">
            {message.error}{' '}
            <button type="button" className="link-button" onClick={onRetry}>
              Retry
            </button>
          </p>
        ) : (
          <p className="chat-seen muted">Sending…</p>
        )}
      </div>
    </li>
  );
}
