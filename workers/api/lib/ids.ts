/**
 * Time-sortable numeric IDs, as Mastodon's: milliseconds since the epoch shifted left by 16 bits,
 * plus 16 random bits. They are 18 decimal digits until the year 2450, so the string order of
 * two IDs is their time order, and they are stored and sent as strings (above 2^53).
 */
export function newId(at = Date.now()): string {
  const random = crypto.getRandomValues(new Uint16Array(1))[0]!;
  return ((BigInt(at) << 16n) | BigInt(random)).toString();
}

/** The smallest ID at a given time, for "since this moment" range queries. */
export function idAt(at: number): string {
  return (BigInt(at) << 16n).toString();
}

/** The creation time encoded in an ID. */
export function idTime(id: string): number {
  return Number(BigInt(id) >> 16n);
}
