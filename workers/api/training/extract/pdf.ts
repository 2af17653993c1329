/**
 * PDF text with unpdf (pdf.js built for serverless runtimes; runs in workerd). Loaded on first
 * use, so a Worker that never reads a PDF does not evaluate pdf.js. A PDF of scanned pages has
 * no text layer and comes out empty (no OCR here).
 */
import { IngestError } from './ingest-error';

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(bytes);
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join('\n\n');
  } catch (err) {
    throw new IngestError(`The PDF could not be read: ${(err as Error).message}`);
  }
}
