/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks) to one sentence
 * a row, "header: value; header: value.", so a passage carries the meaning of each value.
 */
import { IngestError } from './ingest-error';

/** Rows of fields. Throws IngestError on a quote left open or text after a closing quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new IngestError(`Malformed CSV: the quoted field opened on line ${start} is never closed`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new IngestError(`Malformed CSV: unexpected text after a closing quote on line ${line}`);
      continue;
    }
    if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else if (ch === '"') throw new IngestError(`Malformed CSV: a quote inside an unquoted field on line ${line}`);
    else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function csvToText(text: string): string {
  const [header, ...rows] = parseCsv(text);
  if (!header) return '';
  const names = header.map((h, i) => h.trim() || `column ${i + 1}`);
  return rows
    .map((row) => {
      const parts = row.map((v, i) => [names[i] ?? `column ${i + 1}`, v.trim()] as const).filter(([, v]) => v !== '');
      return parts.length ? `${parts.map(([h, v]) => `${h}: ${v}`).join('; ')}.` : '';
    })
    .filter(Boolean)
    .join('\n');
}
