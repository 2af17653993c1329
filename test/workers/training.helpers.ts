/** Fixtures for the training tests: agents, uploads, a real PDF written byte by byte. */
import { type TestUser, call, createAgent, eventually, json } from './helpers';

/** An agent owned by `owner`, created through the agents API. */
export const makeAgent = async (owner: TestUser): Promise<string> => (await createAgent(owner)).id;

export function upload(user: TestUser, agentId: string, name: string, content: string | Uint8Array): Promise<Response> {
  const fd = new FormData();
  fd.set('file', new File([typeof content === 'string' ? content : (content as Uint8Array<ArrayBuffer>)], name));
  return call(`/api/v1/agents/${agentId}/training`, { token: user.token, multipart: fd });
}

export const fileOf = async (user: TestUser, agentId: string, fileId: string) => json(await call(`/api/v1/agents/${agentId}/training/${fileId}`, { token: user.token }));

/** Waits until the queue has ingested the file (ready or failed). */
export const settled = (user: TestUser, agentId: string, fileId: string) => eventually(() => fileOf(user, agentId, fileId), (f) => f.status === 'ready' || f.status === 'failed', 15_000);

export async function search(user: TestUser, agentId: string, q: string): Promise<{ id: string; text: string; source: string; score: number }[]> {
  const res = await call(`/api/v1/agents/${agentId}/training/search?q=${encodeURIComponent(q)}`, { token: user.token });
  if (res.status !== 200) throw new Error(`search failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/** A one-page PDF whose text layer holds `lines` (Helvetica), with a correct cross-reference table. */
export function pdfWithText(lines: string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${escape(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A multipart body streamed without Content-Length: `size` bytes of text in a `file` part. */
export function streamedMultipart(name: string, size: number): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = 'training-test-boundary';
  const enc = new TextEncoder();
  const head = enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const block = enc.encode('all work and no play makes a long file. '.repeat(1600));
  let sent = 0;
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 'head') {
        controller.enqueue(head);
        stage = 'body';
      } else if (stage === 'body') {
        const n = Math.min(block.length, size - sent);
        controller.enqueue(block.subarray(0, n));
        sent += n;
        if (sent >= size) stage = 'tail';
      } else if (stage === 'tail') {
        controller.enqueue(tail);
        stage = 'done';
      } else controller.close();
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
