/**
 * The revenue split of a sale between its creator and the platform (70 % / 30 %).
 *
 * Rounding rule: the creator gets the gross times 70 / 100 rounded down to a whole minor
 * unit, and the platform gets the rest — `creator = floor(gross × 70 / 100)`,
 * `platform = gross − creator`. So creator + platform = gross exactly, neither is negative,
 * and the creator's share is at most one minor unit below 70 % (the platform keeps the
 * fraction of a cent). Integer arithmetic only: no floats touch money.
 */
export const CREATOR_SHARE_PERCENT = 70;

export interface Split {
  gross: number;
  creator: number;
  platform: number;
}

/** Splits `gross` minor units (a non-negative safe integer) by the rule above. */
export function splitRevenue(gross: number): Split {
  if (!Number.isSafeInteger(gross) || gross < 0) throw new RangeError(`gross must be a non-negative whole number of minor units, got ${gross}`);
  // gross × 70 stays exact below 2^53 / 70 (≈ 1.3 × 10^14 minor units); beyond that use BigInt.
  const creator = gross <= Number.MAX_SAFE_INTEGER / 100 ? Math.floor((gross * CREATOR_SHARE_PERCENT) / 100) : Number((BigInt(gross) * BigInt(CREATOR_SHARE_PERCENT)) / 100n);
  return { gross, creator, platform: gross - creator };
}
