/**
 * Which training files are accepted: the extension names the type, and the first bytes must
 * agree with it — `%PDF-` for a PDF; for the text types, valid UTF-8 without NUL bytes, which
 * images, executables and archives are not (their headers hold zeros and stray high bytes), so
 * one renamed to .txt is refused. Anything else is a 415.
 */
import { TRAINING_LIMITS } from '../../../shared/api/training';
import { ApiError } from '../lib/errors';
import type { TrainingFileType } from '../db/training';
import type { UploadRules } from '../media/r2-sink';

export interface TrainingType {
  type: TrainingFileType;
  mime: string;
}

const BY_EXTENSION: Record<string, TrainingType> = {
  txt: { type: 'txt', mime: 'text/plain' },
  text: { type: 'txt', mime: 'text/plain' },
  md: { type: 'md', mime: 'text/markdown' },
  markdown: { type: 'md', mime: 'text/markdown' },
  csv: { type: 'csv', mime: 'text/csv' },
  json: { type: 'json', mime: 'application/json' },
  html: { type: 'html', mime: 'text/html' },
  htm: { type: 'html', mime: 'text/html' },
  pdf: { type: 'pdf', mime: 'application/pdf' },
};

const ACCEPTED = 'Training files must be .txt, .md, .csv, .json, .html or .pdf';
const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/** The type a file name claims, or a 415 for any other extension. */
export function typeFromName(name: string): TrainingType {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = BY_EXTENSION[ext];
  if (!type) throw new ApiError(415, `${ACCEPTED}; ${name || 'the file'} is not`);
  return type;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    // `stream: true`: the 4 KiB head may end inside a multi-byte character.
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Upload rules for a file named `name`: its extension's type, checked against its first bytes. */
export function trainingRules(name: string): UploadRules<TrainingType> {
  const claimed = typeFromName(name);
  return {
    identify(head) {
      const ok = claimed.type === 'pdf' ? ascii(head, 5) === '%PDF-' : looksLikeText(head);
      if (!ok) throw new ApiError(415, `${name} is not a ${claimed.type === 'pdf' ? 'PDF' : 'UTF-8 text'} file (its content does not match its .${claimed.type} name). ${ACCEPTED}`);
      return claimed;
    },
    maxBytes: () => TRAINING_LIMITS.fileMaxBytes,
  };
}
