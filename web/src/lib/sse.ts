/**
 * Server-sent events read from a fetch() body. EventSource cannot POST, so the chat reads the
 * stream itself: lines may be split anywhere by the network (multi-byte characters included),
 * an event ends at a blank line, and `data:` lines of one event are joined with newlines.
 */
export interface SseEvent {
  event: string;
  data: string;
}

export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      // A stream that ends without a blank line still ends its last event.
      buffer += decoder.decode(value, { stream: !done }) + (done ? '\n\n' : '');
      let newline: number;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(buffer[newline] === '\r' ? newline + 2 : newline + 1);
        if (line === '') {
          if (data.length) yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        // `id:`, `retry:` and `:` comments mean nothing to a one-shot reply.
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
