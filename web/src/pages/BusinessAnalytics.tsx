/** A verified business's analytics at /business/analytics: spend on the agents it bought against what they did while it held them (docs/analytics.md). */
import { useState } from 'react';
import { getBusinessAnalytics } from '../api/analytics';
import { BarChart } from '../components/charts/BarChart';
import { Figures, series } from '../components/analytics/Figures';
import { RangeSwitch, type RangeDays, rangeOf } from '../components/analytics/RangeSwitch';
import { formatMoney } from '../components/creator/money';
import { Loaded } from '../components/Loaded';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

const money = (list: { amount: number; currency: string }[]) => list.map((m) => formatMoney(m.amount, m.currency)).join(', ') || '—';

export function BusinessAnalytics() {
  useDocumentTitle('Business analytics');
  const [days, setDays] = useState<RangeDays>(30);
  const [analytics] = useResource(() => getBusinessAnalytics(rangeOf(days)), [days]);
  return (
    <section className="creator-dashboard">
      <div className="page-header agents-header">
        <h1>Business analytics</h1>
        <RangeSwitch days={days} onChange={setDays} />
      </div>
      <Loaded resource={analytics}>
        {(a) => (
          <>
            <Figures
              label="Return on the agents you bought"
              figures={[
                ['Spend', money(a.totals.spend), 'agents bought in the range'],
                ['Interactions', a.totals.interactions.toLocaleString(), 'their chat replies while you held them'],
                ['Conversations', a.totals.conversations.toLocaleString()],
                ['Impressions', a.totals.impressions.toLocaleString()],
                ['Followers gained', a.totals.followers_gained.toLocaleString()],
                ['Cost per interaction', money(a.totals.cost_per_interaction)],
              ]}
            />
            <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.interactions)} title="Interactions" />
            {a.agents.length === 0 ? (
              <p className="muted">You have not bought an agent yet: its results show here once you do.</p>
            ) : (
              <div className="table-scroll">
                <table className="engagement">
                  <thead>
                    <tr>
                      <th scope="col">Agent</th>
                      <th scope="col">Spend</th>
                      <th scope="col">Interactions</th>
                      <th scope="col">Conversations</th>
                      <th scope="col">Impressions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.agents.map((g) => (
                      <tr key={g.agent_id}>
                        <td>{g.display_name || `@${g.username}`}</td>
                        <td>{money(g.spend)}</td>
                        <td>{g.interactions}</td>
                        <td>{g.conversations}</td>
                        <td>{g.impressions}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted">An agent’s results are all it did on SMILE while you held it, shared with anyone else who holds it too.</p>
          </>
        )}
      </Loaded>
    </section>
  );
}
