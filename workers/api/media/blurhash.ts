/**
 * BlurHash encoder (Wolt's algorithm, https://blurha.sh): a few DCT components of the image in
 * linear light, quantised and written in base 83. Mastodon uses 4×4 components.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function base83(value: number, length: number): string {
  let out = '';
  for (let i = 1; i <= length; i++) out += DIGITS[Math.floor(value / 83 ** (length - i)) % 83];
  return out;
}

const toLinear = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (v: number) => {
  const c = Math.max(0, Math.min(1, v));
  return c <= 0.0031308 ? Math.trunc(c * 12.92 * 255 + 0.5) : Math.trunc((1.055 * c ** (1 / 2.4) - 0.055) * 255 + 0.5);
};
const signPow = (v: number, exp: number) => Math.sign(v) * Math.abs(v) ** exp;

/** Encodes RGBA pixels (row-major, 4 bytes each); keep the image small (≤ 64 px a side). */
export function encodeBlurhash(rgba: Uint8Array, width: number, height: number, componentsX = 4, componentsY = 4): string {
  const linear = new Float64Array(width * height * 3);
  for (let p = 0; p < width * height; p++) for (let c = 0; c < 3; c++) linear[p * 3 + c] = toLinear(rgba[p * 4 + c]!);
  const factors: [number, number, number][] = [];
  for (let j = 0; j < componentsY; j++) {
    for (let i = 0; i < componentsX; i++) {
      const norm = i === 0 && j === 0 ? 1 : 2;
      let r = 0, g = 0, b = 0;
      for (let y = 0; y < height; y++) {
        const by = Math.cos((Math.PI * j * y) / height);
        for (let x = 0; x < width; x++) {
          const basis = norm * Math.cos((Math.PI * i * x) / width) * by;
          const p = (y * width + x) * 3;
          r += basis * linear[p]!;
          g += basis * linear[p + 1]!;
          b += basis * linear[p + 2]!;
        }
      }
      const scale = 1 / (width * height);
      factors.push([r * scale, g * scale, b * scale]);
    }
  }
  const [dc, ...ac] = factors as [[number, number, number], ...[number, number, number][]];
  let hash = base83(componentsX - 1 + (componentsY - 1) * 9, 1);
  let maximum = 1;
  if (ac.length) {
    // The largest magnitude, as the C encoder (behind Mastodon's Ruby gem) computes it.
    const actual = Math.max(...ac.flat().map(Math.abs));
    const quantised = Math.floor(Math.max(0, Math.min(82, Math.floor(actual * 166 - 0.5))));
    maximum = (quantised + 1) / 166;
    hash += base83(quantised, 1);
  } else hash += base83(0, 1);
  hash += base83((toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
  const q = (v: number) => Math.floor(Math.max(0, Math.min(18, Math.floor(signPow(v / maximum, 0.5) * 9 + 9.5))));
  for (const [r, g, b] of ac) hash += base83(q(r) * 19 * 19 + q(g) * 19 + q(b), 2);
  return hash;
}
