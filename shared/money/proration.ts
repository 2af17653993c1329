/**
 * Proration: what moving a subscription to another price in the middle of a period is worth.
 *
 * The unused part of the period is `remaining / length` (milliseconds). The buyer is credited
 * the old price for it and charged the new price for it:
 *   credit = round(oldPrice × remaining / length)
 *   charge = round(newPrice × remaining / length)
 * Rounding rule: to the nearest whole minor unit, halves up, each amount on its own (exact
 * integer arithmetic in BigInt: no floats touch money). So both are whole, never negative and
 * never above their price; a whole period is worth the whole price and an elapsed one nothing;
 * the same price on both sides nets to zero. Of `netCharge` and `netCredit` at most one is
 * non-zero, and `netCharge − netCredit = charge − credit` always.
 */
export interface Proration {
  credit: number;
  charge: number;
  /** What the buyer pays now (an upgrade). */
  netCharge: number;
  /** What the buyer is owed (a downgrade). */
  netCredit: number;
}

export interface PeriodPosition {
  /** The period's start and end, epoch ms, start < end. */
  start: number;
  end: number;
  /** The moment of the change; clamped into [start, end]. */
  at: number;
}

const wholeMinor = (name: string, v: number) => {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative whole number of minor units, got ${v}`);
};

/** `price × remaining / length`, rounded to the nearest minor unit, halves up. */
export function unusedValue(price: number, { start, end, at }: PeriodPosition): number {
  wholeMinor('price', price);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || !(start < end)) throw new RangeError(`a period must run forward in whole milliseconds, got ${start}…${end}`);
  const clamped = Math.min(end, Math.max(start, Math.trunc(at)));
  const remaining = BigInt(end - clamped);
  const length = BigInt(end - start);
  return Number((2n * BigInt(price) * remaining + length) / (2n * length));
}

export function prorate(oldPrice: number, newPrice: number, position: PeriodPosition): Proration {
  const credit = unusedValue(oldPrice, position);
  const charge = unusedValue(newPrice, position);
  return { credit, charge, netCharge: Math.max(0, charge - credit), netCredit: Math.max(0, credit - charge) };
}
