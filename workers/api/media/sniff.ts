/** Content types decided from the bytes themselves, never from a file name or a client's header. */
const startsWith = (bytes: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function sniffImageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(bytes, 8, 12))) return 'image/avif';
  return null;
}

export const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

export type MediaKind = 'image' | 'video' | 'audio';
export interface Sniffed {
  mime: string;
  kind: MediaKind;
  ext: string;
}

const MEDIA_EXTENSIONS: Record<string, string> = {
  ...IMAGE_EXTENSIONS,
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/mp4': 'm4a',
};

/** ISO base media (`ftyp`) brands: QuickTime, audio-only MPEG-4; any other brand is MP4 video. */
function isoMediaType(brand: string): string {
  if (brand === 'qt  ') return 'video/quicktime';
  if (['M4A ', 'M4B ', 'M4P '].includes(brand)) return 'audio/mp4';
  return 'video/mp4';
}

/** MPEG audio frame sync: 11 set bits, a valid version and a layer (00 would be ADTS AAC). */
const isMpegFrame = (b: Uint8Array) => b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0 && (((b[1] ?? 0) >> 1) & 3) !== 0 && (((b[1] ?? 0) >> 3) & 3) !== 1;

/** The media type of an upload from its first bytes (64 are enough), or null when unsupported. */
export function sniffMedia(bytes: Uint8Array): Sniffed | null {
  const mime = sniffImageType(bytes) ?? sniffAudioVideo(bytes);
  if (!mime) return null;
  return { mime, kind: mime.split('/')[0] as MediaKind, ext: MEDIA_EXTENSIONS[mime]! };
}

function sniffAudioVideo(bytes: Uint8Array): string | null {
  if (ascii(bytes, 4, 8) === 'ftyp') return isoMediaType(ascii(bytes, 8, 12));
  // WebM is Matroska (EBML) with the DocType "webm" in its header.
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(bytes, 4, Math.min(bytes.length, 64)).includes('webm')) return 'video/webm';
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegFrame(bytes)) return 'audio/mpeg';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  return null;
}
