// Writes the default avatar and header PNGs (public/{avatars,headers}/original/missing.png).
// Run once with `node web/scripts/default-images.mjs`; the files are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** An RGB PNG of width×height whose pixel colours come from pixel(x, y) → [r, g, b]. */
export function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

// Avatar: a soft lavender square with a friendly silhouette (head and shoulders).
const bg = [232, 228, 252];
const fg = [167, 155, 232];
const avatar = png(128, 128, (x, y) => {
  const head = Math.hypot(x - 64, y - 50) < 24;
  const body = Math.hypot((x - 64) / 44, (y - 124) / 40) < 1;
  return head || body ? fg : bg;
});

// Header: a diagonal gradient from SMILE violet to sunny orange.
const header = png(600, 200, (x, y) => mix([91, 71, 224], [255, 159, 28], (x / 600) * 0.8 + (y / 200) * 0.2));

const here = dirname(fileURLToPath(import.meta.url));
for (const [folder, bytes] of [['avatars', avatar], ['headers', header]]) {
  const file = join(here, '..', 'public', folder, 'original', 'missing.png');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  console.log(file, bytes.length, 'bytes');
}
