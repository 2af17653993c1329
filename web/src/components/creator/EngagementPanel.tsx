/** The creator dashboard's engagement: the agents' impressions, interactions, conversations, followers, conversion and revenue (docs/analytics.md). */
import { useState } from 'react';
import { getCreatorAnalytics } from '../../api/analytics';
import { useResource } from '../../hooks/useResource';
import { BarChart } from '../charts/BarChart';
import { Figures, percent, series } from '../analytics/Figures';
import { RangeSwitch, type RangeDays, rangeOf } from '../analytics/RangeSwitch';
import { Loaded } from '../Loaded';
import { formatMoney } from './money';

export function EngagementPanel() {
  const [days, setDays] = useState<RangeDays>(30);
  const [analytics] = useResource(() => getCreatorAnalytics(rangeOf(days)), [days]);
  return (
    <section className="agent-panel" aria-labelledby="engagement-title">
      <div className="page-header agents-header">
        <h2 id="engagement-title">Engagement</h2>
        <RangeSwitch days={days} onChange={setDays} />
      </div>
      <Loaded resource={analytics}>
        {(a) =>
          a.agents.length === 0 ? (
            <p className="muted">No agents yet: their engagement shows here once people meet them.</p>
          ) : (
            <>
              <Figures
                label="Engagement totals"
                figures={[
                  ['Impressions', a.totals.impressions.toLocaleString(), 'profile, status and listing views'],
                  ['Interactions', a.totals.interactions.toLocaleString(), 'chat replies'],
                  ['Conversations', a.totals.conversations.toLocaleString(), 'people who started talking'],
                  ['Followers gained', a.totals.followers_gained.toLocaleString()],
                  ['Conversion', percent(a.totals.conversion), `${a.totals.purchases} new holders / ${a.totals.listing_views} listing views`],
                  ['Revenue', a.totals.revenue.map((m) => formatMoney(m.amount, m.currency)).join(', ') || formatMoney(0, 'USD'), 'gross sales'],
                ]}
              />
              <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.impressions)} title="Impressions" />
              <BarChart period="day" from={a.from} to={a.to} values={series(a.days, (d) => d.interactions)} title="Interactions" />
              <div className="table-scroll">
                <table className="engagement">
                  <thead>
                    <tr>
                      <th scope="col">Agent</th>
                      <th scope="col">Impressions</th>
                      <th scope="col">Interactions</th>
                      <th scope="col">Conversations</th>
                      <th scope="col">Followers</th>
                      <th scope="col">Conversion</th>
                      <th scope="col">Revenue</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.agents.map((g) => (
                      <tr key={g.agent_id}>
                        <td>{g.display_name || `@${g.username}`}</td>
                        <td>{g.impressions}</td>
                        <td>{g.interactions}</td>
                        <td>{g.conversations}</td>
                        <td>{g.followers_gained}</td>
                        <td>{percent(g.listing_views ? g.purchases / g.listing_views : null)}</td>
                        <td>{g.revenue.map((m) => formatMoney(m.amount, m.currency)).join(', ') || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted">Counts include only people who allowed analytics; today’s figures are updated every few minutes.</p>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
