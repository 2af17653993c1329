/** A row of named figures, as the earnings totals show them. */
export function Figures({ figures, label }: { figures: [name: string, value: string, hint?: string][]; label: string }) {
  return (
    <dl className="earnings-totals" aria-label={label}>
      {figures.map(([name, value, hint]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
          {hint && <dd className="muted">{hint}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Per-day values of one field, for a chart. */
export const series = <D extends { date: string }>(days: D[], value: (d: D) => number) => new Map(days.map((d) => [d.date, value(d)]));

export const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`);
