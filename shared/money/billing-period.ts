/**
 * Monthly billing periods, as Stripe counts them: whole calendar months from an anchor, in
 * UTC, each computed from the anchor (not from the previous period) and clamped to the end of
 * a short month — an anchor on 31 January gives 28/29 February, then 31 March.
 */
export function addMonths(anchor: number, months: number): number {
  const d = new Date(anchor);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/** Period `k` (1-based) of a subscription anchored at `anchor`: [start, end). */
export function periodOf(anchor: number, k: number): { start: number; end: number } {
  return { start: addMonths(anchor, k - 1), end: addMonths(anchor, k) };
}
