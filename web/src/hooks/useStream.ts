/** Listening to a stream of the page's shared streaming connection while a component is mounted. */
import { useEffect, useRef } from 'react';
import { type StreamEvent, streamKey, type StreamSpec, streaming } from '../api/streaming';

/**
 * Calls `onEvent` for each event of `spec` (nothing when it is null) and `onReconnect` when the
 * socket is back after a drop. The handlers may change every render; the subscription follows
 * only the stream itself.
 */
export function useStream(spec: StreamSpec | null, onEvent: (event: StreamEvent) => void, onReconnect?: () => void): void {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  const key = spec ? streamKey(spec) : null;
  const specRef = useRef(spec);
  specRef.current = spec;
  useEffect(() => {
    const current = specRef.current;
    if (!key || !current) return;
    return streaming.subscribe(current, {
      onEvent: (event) => handlers.current.onEvent(event),
      onReconnect: () => handlers.current.onReconnect?.(),
    });
  }, [key]);
}
