/**
 * Width and height of an image read from its header bytes, without decoding it: PNG IHDR, the
 * JPEG SOFn segment, the GIF logical screen, WebP VP8/VP8L/VP8X and the AVIF `ispe` box.
 */
export interface Size {
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const le16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, i: number) => le16(b, i) | ((b[i + 2] ?? 0) << 16);
const be32 = (b: Uint8Array, i: number) => ((be16(b, i) << 16) >>> 0) + be16(b, i + 2);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

function jpegSize(b: Uint8Array): Size | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI, EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: be16(b, i + 5), width: be16(b, i + 7) };
    i += 2 + be16(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): Size | null {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  return null;
}

function avifSize(b: Uint8Array): Size | null {
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] === 0x69 && ascii(b, i, i + 4) === 'ispe') return { width: be32(b, i + 8), height: be32(b, i + 12) };
  }
  return null;
}

/** The size of an image of type `mime` from its first bytes, or null when the header is not there. */
export function imageSize(mime: string, b: Uint8Array): Size | null {
  const size =
    mime === 'image/png' ? (ascii(b, 12, 16) === 'IHDR' ? { width: be32(b, 16), height: be32(b, 20) } : null)
    : mime === 'image/jpeg' ? jpegSize(b)
    : mime === 'image/gif' ? { width: le16(b, 6), height: le16(b, 8) }
    : mime === 'image/webp' ? webpSize(b)
    : mime === 'image/avif' ? avifSize(b.subarray(0, 64 * 1024))
    : null;
  return size && size.width > 0 && size.height > 0 ? size : null;
}
