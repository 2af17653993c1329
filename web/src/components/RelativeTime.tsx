/** "5m", "3h", "2d" or a date, with the full time as a tooltip and machine-readable datetime. */
const UNITS: [number, string][] = [
  [60, 's'],
  [60, 'm'],
  [24, 'h'],
  [7, 'd'],
];

export function relativeTime(iso: string, now = Date.now()): string {
  let value = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (value < 10) return 'now';
  for (const [size, unit] of UNITS) {
    if (value < size) return `${Math.floor(value)}${unit}`;
    value /= size;
  }
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

export function RelativeTime({ iso }: { iso: string }) {
  const full = new Date(iso).toLocaleString();
  return (
    <time dateTime={iso} title={full}>
      {relativeTime(iso)}
    </time>
  );
}

/** "5m", "3h", "2d" until `iso`. */
export function timeLeft(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (new Date(iso).getTime() - now) / 1000);
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))}m`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}
