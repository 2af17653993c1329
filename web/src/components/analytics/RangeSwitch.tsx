/** The ranges the analytics dashboards offer, as UTC days ending today. */
import type { Range } from '../../api/analytics';

const DAY_MS = 86_400_000;
export const RANGE_DAYS = [30, 90, 365] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

export function rangeOf(days: RangeDays, now = Date.now()): Range {
  return { from: new Date(now - (days - 1) * DAY_MS).toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) };
}

export function RangeSwitch({ days, onChange }: { days: RangeDays; onChange: (days: RangeDays) => void }) {
  return (
    <div className="period-switch" role="group" aria-label="Range">
      {RANGE_DAYS.map((d) => (
        <button key={d} type="button" className="button button-small" aria-pressed={days === d} onClick={() => onChange(d)}>
          Last {d} days
        </button>
      ))}
    </div>
  );
}
