/** Minimal but well-formed media files, built byte by byte so the tests need no binary fixtures. */
const enc = new TextEncoder();

export function bytes(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) (out.set(a, at), (at += a.length));
  return out;
}

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >> 8) & 255];
const le24 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const chunk = (type: string, data: Uint8Array) => bytes(be32(data.length), type, data, be32(crc32(bytes(type, data))));

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An 8-bit RGBA PNG whose pixel (x, y) is `color(x, y)`; rows use the Sub and Up filters alternately. */
export async function png(width: number, height: number, color: (x: number, y: number) => [number, number, number, number]): Promise<Uint8Array> {
  const raw = new Uint8Array(height * (width * 4 + 1));
  const stride = width * 4;
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = new Uint8Array(stride);
    for (let x = 0; x < width; x++) row.set(color(x, y), x * 4);
    const filter = y % 2 === 0 ? 1 : 2;
    const o = y * (stride + 1);
    raw[o] = filter;
    for (let i = 0; i < stride; i++) raw[o + 1 + i] = (row[i]! - (filter === 1 ? (i >= 4 ? row[i - 4]! : 0) : prev[i]!)) & 255;
    prev = row;
  }
  const ihdr = bytes(be32(width), be32(height), [8, 6, 0, 0, 0]);
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', ihdr), chunk('IDAT', await deflate(raw)), chunk('IEND', new Uint8Array(0)));
}

/** JFIF APP0, a DQT-like filler segment, then SOF0 with the size. */
export const jpeg = (width: number, height: number) =>
  bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xdb, 0, 4, 0, 0], [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255], [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], [0xff, 0xd9]);

export const gif = (width: number, height: number) => bytes('GIF89a', le16(width), le16(height), [0, 0, 0], [0x3b]);

export const webpVp8x = (width: number, height: number) => bytes('RIFF', le32(18), 'WEBP', 'VP8X', le32(10), [0, 0, 0, 0], le24(width - 1), le24(height - 1));
export const webpVp8l = (width: number, height: number) => bytes('RIFF', le32(13), 'WEBP', 'VP8L', le32(5), [0x2f], le32(((width - 1) | ((height - 1) << 14)) >>> 0));
export const webpVp8 = (width: number, height: number) => bytes('RIFF', le32(20), 'WEBP', 'VP8 ', le32(10), [0, 0, 0], [0x9d, 0x01, 0x2a], le16(width), le16(height));

const ftyp = (brand: string) => bytes(be32(24), 'ftyp', brand, be32(0x200), brand, 'mp41');
/** AVIF: `ftyp avif`, then a `meta` box holding the image spatial extents (`ispe`). */
export const avif = (width: number, height: number) => bytes(ftyp('avif'), be32(32), 'meta', be32(0), be32(20), 'ispe', be32(0), be32(width), be32(height));
export const mp4 = () => bytes(ftyp('isom'), be32(8), 'mdat');
export const quicktime = () => bytes(ftyp('qt  '), be32(8), 'mdat');
export const m4a = () => bytes(ftyp('M4A '), be32(8), 'mdat');
/** EBML header with DocType "webm", then an empty Segment. */
export const webm = () => bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0xf7, 0x81, 1, 0x42, 0x82, 0x84], 'webm', [0x42, 0x87, 0x81, 4, 0x42, 0x85, 0x81, 2], [0x18, 0x53, 0x80, 0x67, 0x80]);
export const mp3Id3 = () => bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], new Uint8Array(100));
export const mp3Frame = () => bytes([0xff, 0xfb, 0x90, 0x64], new Uint8Array(413));
export const ogg = () => bytes('OggS', [0, 2], new Uint8Array(20), [1, 0x1e], 'vorbis');
export const wav = () => bytes('RIFF', le32(36), 'WAVE', 'fmt ', le32(16), le16(1), le16(1), le32(8000), le32(8000), le16(1), le16(8), 'data', le32(0));

/** `size` bytes that start with `head` and go on with a repeating pattern. */
export function padded(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 255;
  out.set(head);
  return out;
}
