/** JSON to "path: value" lines (`team.members[0].name: Ada`), one per scalar, in document order. */
import { IngestError } from './ingest-error';

export function jsonToText(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new IngestError(`Malformed JSON: ${(err as Error).message}`);
  }
  const lines: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, path ? `${path}.${k}` : k);
    else if (v !== null && v !== '') lines.push(path ? `${path}: ${String(v)}` : String(v));
  };
  walk(value, '');
  return lines.join('\n');
}
