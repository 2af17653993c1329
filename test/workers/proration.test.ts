import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, periodOf } from '../../shared/money/billing-period';
import { prorate, unusedValue } from '../../shared/money/proration';

const price = fc.integer({ min: 0, max: 10_000_000_000 });
/** A period (start < end) and a moment, possibly outside it. */
const position = fc
  .tuple(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1, max: 40 * 86_400_000 }), fc.integer({ min: -86_400_000, max: 41 * 86_400_000 }))
  .map(([start, length, offset]) => ({ start, end: start + length, at: start + offset }));

describe('proration', () => {
  it('is whole minor units, never negative and never above the price', () => {
    fc.assert(fc.property(price, price, position, (a, b, p) => {
      const r = prorate(a, b, p);
      return [r.credit, r.charge, r.netCharge, r.netCredit].every((v) => Number.isSafeInteger(v) && v >= 0) && r.credit <= a && r.charge <= b;
    }), { numRuns: 3000 });
  });

  it('credit and charge are consistent: the net is their difference, on one side only', () => {
    fc.assert(fc.property(price, price, position, (a, b, p) => {
      const r = prorate(a, b, p);
      return r.netCharge - r.netCredit === r.charge - r.credit && (r.netCharge === 0 || r.netCredit === 0);
    }), { numRuns: 3000 });
  });

  it('a whole period is worth the whole price, an elapsed one nothing', () => {
    fc.assert(fc.property(price, position, (a, p) => unusedValue(a, { ...p, at: p.start }) === a && unusedValue(a, { ...p, at: p.end }) === 0), { numRuns: 2000 });
  });

  it('is within half a minor unit of the exact share, and the same price nets to zero', () => {
    fc.assert(fc.property(price, position, (a, p) => {
      const at = Math.min(p.end, Math.max(p.start, p.at));
      const exact2 = 2n * BigInt(a) * BigInt(p.end - at); // twice the exact value, times the length
      const got2 = 2n * BigInt(unusedValue(a, p)) * BigInt(p.end - p.start);
      const diff = got2 > exact2 ? got2 - exact2 : exact2 - got2;
      const r = prorate(a, a, p);
      return diff <= BigInt(p.end - p.start) && r.netCharge === 0 && r.netCredit === 0;
    }), { numRuns: 2000 });
  });

  it('a higher new price never charges less', () => {
    fc.assert(fc.property(price, price, price, position, (a, b, extra, p) => prorate(a, b + extra, p).charge >= prorate(a, b, p).charge), { numRuns: 2000 });
  });

  it('follows the written rule: halves round up', () => {
    // 999 × ½ = 499.5 → 500; 1000 × ⅓ = 333.3… → 333.
    expect(unusedValue(999, { start: 0, end: 2, at: 1 })).toBe(500);
    expect(unusedValue(1000, { start: 0, end: 3, at: 2 })).toBe(333);
    // Upgrade 9.99 → 49.99 halfway through: credit 5.00, charge 25.00 (24.995 rounds up), pay 20.00.
    expect(prorate(999, 4999, { start: 0, end: 30, at: 15 })).toEqual({ credit: 500, charge: 2500, netCharge: 2000, netCredit: 0 });
    expect(() => unusedValue(-1, { start: 0, end: 1, at: 0 })).toThrow(RangeError);
    expect(() => unusedValue(1.5, { start: 0, end: 1, at: 0 })).toThrow(RangeError);
    expect(() => unusedValue(1, { start: 1, end: 1, at: 1 })).toThrow(RangeError);
  });
});

describe('monthly periods', () => {
  it('count whole calendar months from the anchor, clamped to short months', () => {
    const jan31 = Date.UTC(2025, 0, 31, 10, 30);
    expect(new Date(addMonths(jan31, 1)).toISOString()).toBe('2025-02-28T10:30:00.000Z');
    expect(new Date(addMonths(jan31, 2)).toISOString()).toBe('2025-03-31T10:30:00.000Z');
    expect(new Date(addMonths(Date.UTC(2024, 0, 31), 1)).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2024, 11, 15), 1)).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });

  it('follow one another without gaps', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1, max: 60 }), (anchor, k) => {
      const a = periodOf(anchor, k);
      const b = periodOf(anchor, k + 1);
      return a.end === b.start && a.start < a.end && a.end - a.start >= 28 * 86_400_000 && a.end - a.start <= 31 * 86_400_000;
    }), { numRuns: 2000 });
  });
});
