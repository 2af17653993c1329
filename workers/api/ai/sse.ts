/**
 * Server-sent events as both Workers AI and OpenAI-compatible servers stream them: `data: …`
 * lines, events separated by a blank line, the stream closed by `data: [DONE]`. Network chunks
 * split lines (and UTF-8 characters) anywhere, so bytes are decoded in streaming mode and lines
 * reassembled before parsing.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      const lines = buffer.split(/\r?\n/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line === '') {
          if (data.length) {
            const payload = data.join('\n');
            data = [];
            if (payload === '[DONE]') return;
            yield payload;
          }
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        // Comments (`: keep-alive`), `event:` and `id:` lines carry nothing we use.
      }
      if (done) {
        const payload = data.join('\n');
        if (data.length && payload !== '[DONE]') yield payload;
        return;
      }
    }
  } finally {
    // Stopping early (the consumer broke out of the loop) must not leave the upstream request open.
    await reader.cancel().catch(() => {});
  }
}
