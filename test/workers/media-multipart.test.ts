/** The streaming multipart/form-data reader, fed by hand-cut chunks. */
import { describe, expect, it } from 'vitest';
import { type PartInfo, type PartSink, MultipartError, boundaryOf, indexOfBytes, readMultipart } from '../../workers/api/media/multipart-stream';

const enc = new TextEncoder();
const B = 'XyZ-boundary-42';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

/** Cuts `bytes` into pieces of `size` bytes. */
const cut = (bytes: Uint8Array, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.slice(i * size, (i + 1) * size));

function body(parts: { name: string; filename?: string; type?: string; data: string | Uint8Array }[], preamble = ''): Uint8Array {
  const pieces: Uint8Array[] = [enc.encode(preamble)];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    pieces.push(enc.encode(`--${B}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    pieces.push(typeof p.data === 'string' ? enc.encode(p.data) : p.data);
    pieces.push(enc.encode('\r\n'));
  }
  pieces.push(enc.encode(`--${B}--\r\n`));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) (out.set(p, at), (at += p.length));
  return out;
}

function collector() {
  const files: Record<string, { info: PartInfo; bytes: number[]; ended: boolean }> = {};
  const open = (info: PartInfo): PartSink => {
    const f: { info: PartInfo; bytes: number[]; ended: boolean } = { info, bytes: [], ended: false };
    files[info.name] = f;
    return {
      write: async (c) => void f.bytes.push(...c),
      end: async () => {
        f.ended = true;
      },
    };
  };
  return { files, open };
}

const opts = { maxFieldBytes: 1024, maxTotalBytes: 1024 * 1024, tooLarge: (what: string) => new Error(`${what} too large`) };
// Bytes that look like parts of a delimiter inside the file: CR, LF, dashes, a near-boundary.
const tricky = enc.encode(`a\r\nb\r\n--${B.slice(0, -1)}x\r\n-\r\r\n\n--end`);

describe('readMultipart', () => {
  it.each([1, 2, 3, 7, 16, 1000])('reads fields before and after the file, whatever the chunk size (%i bytes)', async (size) => {
    const data = body([{ name: 'description', data: 'A cat\r\non a mat' }, { name: 'file', filename: 'x.bin', type: 'application/octet-stream', data: tricky }, { name: 'focus', data: '0.5,-0.5' }], 'ignored preamble\r\n');
    const { files, open } = collector();
    const fields = await readMultipart(streamOf(cut(data, size)), B, open, opts);
    expect(fields).toEqual({ description: 'A cat\r\non a mat', focus: '0.5,-0.5' });
    expect(new Uint8Array(files.file!.bytes)).toEqual(tricky);
    expect(files.file!.ended).toBe(true);
    expect(files.file!.info).toEqual({ name: 'file', filename: 'x.bin', contentType: 'application/octet-stream' });
  });

  it('returns the fields when there is no file part, and skips parts without a sink', async () => {
    const data = body([{ name: 'description', data: 'only text' }, { name: 'other', filename: 'o.txt', data: 'skipped' }]);
    const fields = await readMultipart(streamOf(cut(data, 5)), B, () => null, opts);
    expect(fields).toEqual({ description: 'only text' });
  });

  it('keeps an empty file part and an empty field', async () => {
    const { files, open } = collector();
    const fields = await readMultipart(streamOf([body([{ name: 'file', filename: '', data: '' }, { name: 'description', data: '' }])]), B, open, opts);
    expect(fields).toEqual({ description: '' });
    expect(files.file!.bytes).toEqual([]);
    expect(files.file!.ended).toBe(true);
  });

  it('refuses a body that ends before its closing boundary, or parts without a name', async () => {
    const whole = body([{ name: 'file', filename: 'x', data: 'data' }]);
    await expect(readMultipart(streamOf([whole.slice(0, whole.length - 10)]), B, collector().open, opts)).rejects.toBeInstanceOf(MultipartError);
    const nameless = enc.encode(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--`);
    await expect(readMultipart(streamOf([nameless]), B, collector().open, opts)).rejects.toThrow(/no name/);
    const noDisposition = enc.encode(`--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--`);
    await expect(readMultipart(streamOf([noDisposition]), B, collector().open, opts)).rejects.toBeInstanceOf(MultipartError);
  });

  it('stops at the field and body limits, and cancels the stream', async () => {
    const bigField = body([{ name: 'description', data: 'x'.repeat(2000) }]);
    await expect(readMultipart(streamOf(cut(bigField, 100)), B, collector().open, opts)).rejects.toThrow('The field description too large');
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(enc.encode(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n`)),
      pull: (c) => c.enqueue(new Uint8Array(64 * 1024)),
      cancel: () => void (cancelled = true),
    });
    await expect(readMultipart(endless, B, collector().open, opts)).rejects.toThrow('The request body too large');
    expect(cancelled).toBe(true);
  });

  it('passes a sink error through', async () => {
    const failing = () => ({ write: async () => Promise.reject(new Error('storage down')), end: async () => {} });
    await expect(readMultipart(streamOf([body([{ name: 'file', filename: 'f', data: 'abc' }])]), B, failing, opts)).rejects.toThrow('storage down');
  });
});

describe('boundaryOf and indexOfBytes', () => {
  it('reads quoted and bare boundaries, and only from multipart/form-data', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
  });

  it('finds byte sequences, including at the edges', () => {
    const hay = enc.encode('--a--ab--abc');
    expect(indexOfBytes(hay, enc.encode('--abc'))).toBe(7);
    expect(indexOfBytes(hay, enc.encode('--a'))).toBe(0);
    expect(indexOfBytes(hay, enc.encode('abcd'))).toBe(-1);
  });
});
