import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitRevenue } from '../../shared/money/split';

const gross = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('the 70/30 split', () => {
  it('creator + platform = gross, exactly, for every amount', () => {
    fc.assert(fc.property(gross, (g) => {
      const s = splitRevenue(g);
      return s.creator + s.platform === g && s.gross === g;
    }), { numRuns: 5000 });
  });

  it('neither share is ever negative', () => {
    fc.assert(fc.property(gross, (g) => {
      const s = splitRevenue(g);
      return s.creator >= 0 && s.platform >= 0;
    }), { numRuns: 5000 });
  });

  it("the creator's share is 70 % rounded down: within one minor unit, never above", () => {
    fc.assert(fc.property(gross, (g) => {
      const exact = (BigInt(g) * 70n);
      const creator = BigInt(splitRevenue(g).creator) * 100n;
      return creator <= exact && exact - creator < 100n;
    }), { numRuns: 5000 });
  });

  it('follows the written rule on small amounts', () => {
    expect(splitRevenue(0)).toEqual({ gross: 0, creator: 0, platform: 0 });
    expect(splitRevenue(1)).toEqual({ gross: 1, creator: 0, platform: 1 });
    expect(splitRevenue(999)).toEqual({ gross: 999, creator: 699, platform: 300 });
    expect(splitRevenue(1000)).toEqual({ gross: 1000, creator: 700, platform: 300 });
  });

  it('refuses negative, fractional and unsafe amounts', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => splitRevenue(bad)).toThrow(RangeError);
  });
});
