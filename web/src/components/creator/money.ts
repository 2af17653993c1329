/** Money as the creator pages show and read it: minor units ↔ "12.34", integers only. */
export { formatPrice as formatMoney } from '../../../../shared/market/catalog';

/** "12", "12.3" or "12.34" → 1234 minor units; null for anything else. */
export function parseMinorUnits(text: string): number | null {
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
