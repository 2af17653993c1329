/**
 * Embeddings as stored: int8, one byte a dimension, scaled so the largest component is ±127.
 * Cosine similarity does not depend on a vector's scale, so no scale is stored: the score is
 * computed against the quantised vector's own norm. Measured on 1,000 lexical embeddings, the
 * int8 cosine stayed within 0.002 of the Float32 one (top-8 order differing only by near-ties),
 * and a query reads a quarter of the bytes (see docs/agents.md, "Training data").
 */

export function quantize(v: Float32Array): Int8Array {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const out = new Int8Array(v.length);
  if (max === 0) return out;
  const scale = 127 / max;
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]! * scale);
  return out;
}

/** The stored bytes of a quantised vector, viewed without copying. */
export const asInt8 = (bytes: ArrayBuffer | ArrayBufferView): Int8Array =>
  bytes instanceof ArrayBuffer ? new Int8Array(bytes) : new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Cosine similarity of a query (unit length, Float32) and a stored int8 vector. */
export function cosineInt8(query: Float32Array, stored: Int8Array): number {
  let dot = 0;
  let norm = 0;
  const n = Math.min(query.length, stored.length);
  for (let i = 0; i < n; i++) {
    const s = stored[i]!;
    dot += query[i]! * s;
    norm += s * s;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}
