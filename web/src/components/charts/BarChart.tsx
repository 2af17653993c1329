/** Values per day or month as plain SVG bars (no chart library), with every bucket of the range drawn, empty ones too. */

const DAY_MS = 86_400_000;
export type Period = 'day' | 'month';

/** Every bucket start from `from` to `to` (UTC days, or months' first days). */
function bucketStarts(period: Period, from: string, to: string): string[] {
  const starts: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; ) {
    const d = new Date(t);
    starts.push(d.toISOString().slice(0, 10));
    t = period === 'day' ? t + DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return starts;
}

const label = (period: Period, start: string) =>
  new Date(`${start}T00:00:00Z`).toLocaleDateString(undefined, period === 'day' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' });

export interface BarChartProps {
  period: Period;
  from: string;
  to: string;
  /** Bucket start (YYYY-MM-DD) → value; missing buckets are 0. */
  values: Map<string, number>;
  /** What a value means, for the chart's label ("Net earnings", "Impressions"). */
  title: string;
  /** Said after the period in the label ("in USD"). */
  qualifier?: string;
  format?: (value: number) => string;
}

export function BarChart({ period, from, to, values, title, qualifier, format = (v) => v.toLocaleString() }: BarChartProps) {
  const starts = bucketStarts(period, from, to);
  const max = Math.max(1, ...values.values());
  const width = 640;
  const height = 180;
  const bottom = 20;
  const slot = width / starts.length;
  const every = Math.ceil(starts.length / 8);
  const total = [...values.values()].reduce((a, b) => a + b, 0);
  return (
    <figure className="earnings-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title} per ${period}${qualifier ? ` ${qualifier}` : ''}, ${from} to ${to}: ${format(total)} in all`}>
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="earnings-axis" />
        {starts.map((start, i) => {
          const value = values.get(start) ?? 0;
          const h = ((height - bottom - 8) * value) / max;
          return (
            <g key={start}>
              <rect x={i * slot + slot * 0.15} y={height - bottom - h} width={slot * 0.7} height={h} rx={2} className="earnings-bar">
                <title>{`${label(period, start)}: ${format(value)}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={i === 0 ? 0 : i * slot + slot / 2} y={height - 5} textAnchor={i === 0 ? 'start' : 'middle'} className="earnings-tick">
                  {label(period, start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {title} per {period}, highest {format(max === 1 && total === 0 ? 0 : max)}
      </figcaption>
    </figure>
  );
}
