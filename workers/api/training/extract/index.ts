/** The plain text of a training file, by its type. Throws IngestError for content that cannot be read. */
import type { TrainingFileType } from '../../db/training';
import { csvToText } from './csv';
import { htmlToText } from './html';
import { jsonToText } from './json';
import { markdownToText } from './markdown';
import { pdfToText } from './pdf';

export { IngestError } from './ingest-error';

export async function extractText(type: TrainingFileType, bytes: Uint8Array): Promise<string> {
  if (type === 'pdf') return pdfToText(bytes);
  // The upload checked the first 4 KiB; a file invalid further on is decoded with replacement characters.
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
  switch (type) {
    case 'txt':
      return text;
    case 'md':
      return markdownToText(text);
    case 'csv':
      return csvToText(text);
    case 'json':
      return jsonToText(text);
    case 'html':
      return htmlToText(text);
  }
}
