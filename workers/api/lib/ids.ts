/**
 * Time-sortable numeric IDs, as Mastodon's: milliseconds since the epoch shifted left by 16 bits,
 * plus 16 low bits. They are 18 decimal digits until the year 2450, so the string order of two
 * IDs is their time order, and they are stored and sent as strings (above 2^53).
 *
 * The low bits start random (two isolates rarely collide) and count up within an isolate, so
 * the IDs one request makes in the same millisecond are distinct and in order.
 */
let last = 0n;

export function newId(at = Date.now()): string {
  let id = (BigInt(at) << 16n) | BigInt(crypto.getRandomValues(new Uint16Array(1))[0]!);
  if (id <= last && BigInt(at) === last >> 16n) id = last + 1n;
  if (BigInt(at) >= last >> 16n) last = id;
  return id.toString();
}

/** The smallest ID at a given time, for "since this moment" range queries. */
export function idAt(at: number): string {
  return (BigInt(at) << 16n).toString();
}

/** The creation time encoded in an ID. */
export function idTime(id: string): number {
  return Number(BigInt(id) >> 16n);
}
