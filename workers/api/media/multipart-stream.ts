/**
 * A streaming multipart/form-data reader. `request.formData()` buffers the whole body, which a
 * 100 MB video cannot afford in a Worker (128 MB of memory); this reads the body stream once,
 * hands the bytes of file parts to a sink as they arrive (with backpressure: the next read
 * waits for the sink), and collects the small text fields as strings.
 */

/** The body is not well-formed multipart/form-data (a 400). */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

export interface PartInfo {
  name: string;
  /** Set for file parts (even when empty), null for text fields. */
  filename: string | null;
  contentType: string | null;
}

/** Receives one file part. A chunk is only valid during the `write` call: copy what you keep. */
export interface PartSink {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

export interface MultipartOptions {
  /** Largest text field, in bytes. */
  maxFieldBytes: number;
  /** Largest body, counted as it is read (a body without Content-Length is not trusted). */
  maxTotalBytes: number;
  /** The error to throw when a limit is passed (the route makes it a 413). */
  tooLarge: (what: string) => Error;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CRLF = encoder.encode('\r\n');
const HEADERS_END = encoder.encode('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a `multipart/form-data` Content-Type, or null for any other type. */
export function boundaryOf(contentType: string | null | undefined): string | null {
  const match = /^\s*multipart\/form-data\s*;(.*)$/i.exec(contentType ?? '');
  if (!match) return null;
  const param = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(match[1]!);
  return param ? (param[1] ?? param[2]!) : null;
}

/** First index of `needle` in `hay` at or after `from`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(needle[0]!, from); i !== -1 && i <= last; i = hay.indexOf(needle[0]!, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function parseHeaders(text: string): PartInfo {
  let disposition = '';
  let contentType: string | null = null;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    else if (key === 'content-type') contentType = value;
  }
  if (!/^form-data\b/i.test(disposition)) throw new MultipartError('A part has no Content-Disposition: form-data header');
  const params: Record<string, string> = {};
  for (const m of disposition.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  if (params.name === undefined) throw new MultipartError('A part has no name');
  return { name: params.name, filename: params.filename ?? params['filename*'] ?? null, contentType };
}

type State = 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done';

/**
 * Reads `body` to its closing boundary. File parts go to the sink `openFile` returns (null
 * skips the part); text fields are returned (the last value of a repeated name wins).
 */
export async function readMultipart(body: ReadableStream<Uint8Array>, boundary: string, openFile: (part: PartInfo) => PartSink | null, o: MultipartOptions): Promise<Record<string, string>> {
  // Every boundary but the first is preceded by CRLF; starting the buffer with one lets a single
  // delimiter match them all.
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let buf: Uint8Array = CRLF;
  let state = 'preamble' as State;
  let part: { info: PartInfo; sink: PartSink | null; text: Uint8Array[]; textBytes: number } | null = null;

  const emit = async (bytes: Uint8Array) => {
    if (!part || bytes.length === 0) return;
    if (part.info.filename !== null) {
      await part.sink?.write(bytes);
      return;
    }
    part.textBytes += bytes.length;
    if (part.textBytes > o.maxFieldBytes) throw o.tooLarge(`The field ${part.info.name}`);
    part.text.push(bytes.slice());
  };

  /** Moves through the buffered bytes; false when more input is needed. */
  const step = async (): Promise<boolean> => {
    switch (state) {
      case 'preamble': {
        const at = indexOfBytes(buf, delimiter);
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
          return false;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'after-boundary';
        return true;
      }
      case 'after-boundary': {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) state = 'done';
        else if (buf[0] === 0x0d && buf[1] === 0x0a) state = 'headers';
        else throw new MultipartError('Malformed multipart boundary');
        buf = buf.subarray(2);
        return true;
      }
      case 'headers': {
        const at = indexOfBytes(buf, HEADERS_END);
        if (at < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('Multipart part headers are too long');
          return false;
        }
        const info = parseHeaders(decoder.decode(buf.subarray(0, at)));
        buf = buf.subarray(at + HEADERS_END.length);
        part = { info, sink: info.filename !== null ? openFile(info) : null, text: [], textBytes: 0 };
        state = 'body';
        return true;
      }
      case 'body': {
        const at = indexOfBytes(buf, delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split across two chunks.
          const safe = buf.length - delimiter.length + 1;
          if (safe <= 0) return false;
          await emit(buf.subarray(0, safe));
          buf = buf.subarray(safe);
          return false;
        }
        await emit(buf.subarray(0, at));
        buf = buf.subarray(at + delimiter.length);
        const done = part!;
        part = null;
        if (done.info.filename !== null) await done.sink?.end();
        else fields[done.info.name] = decoder.decode(joinAll(done.text));
        state = 'after-boundary';
        return true;
      }
      case 'done':
        return false;
    }
  };

  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      while (await step());
      if (state === 'done') break;
      const { done, value } = await reader.read();
      if (done) throw new MultipartError('The multipart body ended before its closing boundary');
      total += value.length;
      if (total > o.maxTotalBytes) throw o.tooLarge('The request body');
      buf = concat(buf, value);
    }
  } catch (err) {
    // Stop the client's upload: nothing more of this body will be read.
    await reader.cancel().catch(() => {});
    throw err;
  }
  reader.releaseLock();
  return fields;
}

function joinAll(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
