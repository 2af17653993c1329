/**
 * A small PNG decoder for the blurhash: 8-bit, non-interlaced greyscale, RGB, palette,
 * grey+alpha and RGBA — what nearly every PNG upload is. The zlib stream is inflated by the
 * platform (`DecompressionStream('deflate')`), so no decoder library is needed. Anything else
 * (16-bit, interlaced, low bit depths) returns null: no blurhash rather than a wrong one.
 */
export interface Rgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel; downsampled so neither side exceeds `maxSide`. */
  pixels: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes `png` to a small RGBA image, or null when it is not a PNG this decoder supports. */
export async function decodePngSmall(png: Uint8Array, maxPixels: number, maxSide = 64): Promise<Rgba | null> {
  let width = 0, height = 0, depth = 0, colorType = -1, interlace = 0;
  let palette: Uint8Array = new Uint8Array(0);
  const idat: Uint8Array[] = [];
  for (let i = 8; i + 8 <= png.length; ) {
    const length = be32(png, i);
    const type = String.fromCharCode(...png.subarray(i + 4, i + 8));
    const data = png.subarray(i + 8, i + 8 + length);
    if (type === 'IHDR') [width, height, depth, colorType, interlace] = [be32(data, 0), be32(data, 4), data[8]!, data[9]!, data[12]!];
    else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    i += 12 + length;
  }
  const channels = CHANNELS[colorType];
  if (!channels || depth !== 8 || interlace !== 0 || !width || !height || width * height > maxPixels || !idat.length) return null;
  let raw: Uint8Array;
  try {
    raw = await inflate(idat.length === 1 ? idat[0]! : new Uint8Array(await new Blob(idat as Uint8Array<ArrayBuffer>[]).arrayBuffer()));
  } catch {
    return null;
  }
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) return null;
  const scale = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  const outW = Math.ceil(width / scale), outH = Math.ceil(height / scale);
  const pixels = new Uint8Array(outW * outH * 4);
  let prev = new Uint8Array(stride);
  let row = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0, b = prev[x]!, c = x >= channels ? prev[x - channels]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (predictor < 0) return null;
      row[x] = (line[x]! + predictor) & 0xff;
    }
    // Nearest-neighbour sampling is enough for a blurhash, which keeps only 16 frequencies.
    if (y % scale === 0) {
      for (let ox = 0; ox < outW; ox++) {
        const s = ox * scale * channels, o = ((y / scale) * outW + ox) * 4;
        const rgba = colorType === 3 ? [palette[row[s]! * 3] ?? 0, palette[row[s]! * 3 + 1] ?? 0, palette[row[s]! * 3 + 2] ?? 0, 255]
          : colorType === 0 ? [row[s]!, row[s]!, row[s]!, 255]
          : colorType === 4 ? [row[s]!, row[s]!, row[s]!, row[s + 1]!]
          : [row[s]!, row[s + 1]!, row[s + 2]!, channels === 4 ? row[s + 3]! : 255];
        pixels.set(rgba, o);
      }
    }
    [prev, row] = [row, prev];
  }
  return { width: outW, height: outH, pixels };
}
