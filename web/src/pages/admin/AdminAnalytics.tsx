/** The admins' platform analytics at /admin/analytics: DAU, MAU, posts, favourites, follows, sessions, and creator retention (docs/analytics.md). */
import { useState } from 'react';
import { getPlatformAnalytics } from '../../api/analytics';
import { BarChart } from '../../components/charts/BarChart';
import { Figures, percent, series } from '../../components/analytics/Figures';
import { RangeSwitch, type RangeDays, rangeOf } from '../../components/analytics/RangeSwitch';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { Loaded } from '../../components/Loaded';
import { useResource } from '../../hooks/useResource';

export function AdminAnalytics() {
  const [days, setDays] = useState<RangeDays>(30);
  const [analytics] = useResource(() => getPlatformAnalytics(rangeOf(days)), [days]);
  return (
    <AdminLayout title="Analytics">
      <section className="creator-dashboard">
      <RangeSwitch days={days} onChange={setDays} />
      <Loaded resource={analytics}>
        {(a) => {
          const last = a.days[a.days.length - 1]!;
          const sum = (pick: (d: (typeof a.days)[number]) => number) => a.days.reduce((n, d) => n + pick(d), 0).toLocaleString();
          return (
            <>
              <Figures
                label="Platform totals"
                figures={[
                  ['DAU', last.dau.toLocaleString(), `today (${last.date})`],
                  ['MAU', last.mau.toLocaleString(), 'the last 30 days'],
                  ['Posts', sum((d) => d.posts), 'in the range'],
                  ['Favourites', sum((d) => d.favourites)],
                  ['Follows', sum((d) => d.follows)],
                  ['Sessions', sum((d) => d.sessions), 'reported by the web client'],
                ]}
              />
              <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.dau)} title="Daily active people" />
              <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.posts)} title="Posts" />
              <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.favourites)} title="Favourites" />
              <h2>Creator retention</h2>
              <div className="table-scroll">
                <table className="engagement">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Active creators</th>
                      <th scope="col">Also active the month before</th>
                      <th scope="col">Retention</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.retention.map((m) => (
                      <tr key={m.month}>
                        <td>{m.month}</td>
                        <td>{m.active_creators}</td>
                        <td>{m.retained_creators}</td>
                        <td>{percent(m.rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted">Only people who allowed analytics are counted.</p>
            </>
          );
        }}
      </Loaded>
      </section>
    </AdminLayout>
  );
}
