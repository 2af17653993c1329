/** The creator dashboard at /creator: earnings totals, a chart per day or month, per agent, pending vs available, payouts, and the agents' engagement. */
import { useState } from 'react';
import { getEarnings } from '../api/earnings';
import { myListings } from '../api/market';
import type { Earnings } from '../api/types';
import { EarningsChart } from '../components/creator/EarningsChart';
import { EngagementPanel } from '../components/creator/EngagementPanel';
import { formatMoney } from '../components/creator/money';
import { PayoutPanel } from '../components/creator/PayoutPanel';
import { Loaded } from '../components/Loaded';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

export function CreatorDashboard() {
  useDocumentTitle('Earnings');
  const [period, setPeriod] = useState<Earnings['period']>('day');
  const [earnings, setEarnings] = useResource(() => getEarnings(period), [period]);
  // After a payout the figures are fetched again in place: the page (and the payout's confirmation) stays.
  const refresh = () => getEarnings(period).then(setEarnings, () => undefined);
  return (
    <section className="creator-dashboard">
      <div className="page-header agents-header">
        <h1>Earnings</h1>
        <div className="period-switch" role="group" aria-label="Chart period">
          {(['day', 'month'] as const).map((p) => (
            <button key={p} type="button" className="button button-small" aria-pressed={period === p} onClick={() => setPeriod(p)}>
              {p === 'day' ? 'Last 30 days' : 'Last 12 months'}
            </button>
          ))}
        </div>
      </div>
      <Loaded resource={earnings}>
        {(e) => (
          <>
            {e.totals.length === 0 ? (
              <p className="muted">
                No sales yet. <Link to="/agents">List an agent in the marketplace</Link> to start earning.
              </p>
            ) : (
              e.totals.map((t) => (
                <section key={t.currency} className="agent-panel" aria-label={`Earnings in ${t.currency}`}>
                  <Totals totals={t} />
                  <EarningsChart earnings={e} currency={t.currency} />
                </section>
              ))
            )}
            <AgentTable earnings={e} />
            <PayoutPanel totals={e.totals} onPaid={refresh} />
          </>
        )}
      </Loaded>
      <EngagementPanel />
    </section>
  );
}

function Totals({ totals: t }: { totals: Earnings['totals'][number] }) {
  const figures: [string, number, string][] = [
    ['Gross sales', t.gross, `${t.sales} ${t.sales === 1 ? 'sale' : 'sales'} in the period`],
    ['Platform fee (30 %)', t.platform_fee, 'kept by SMILE'],
    ['Net (70 %)', t.net, 'yours'],
    ['Pending', t.pending, 'held in escrow until released'],
    ['Available', t.available, 'ready to pay out'],
    ['Paid out', t.paid_out, 'sent to your account'],
  ];
  return (
    <dl className="earnings-totals">
      {figures.map(([name, value, hint]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{formatMoney(value, t.currency)}</dd>
          <dd className="muted">{hint}</dd>
        </div>
      ))}
    </dl>
  );
}

function AgentTable({ earnings }: { earnings: Earnings }) {
  const [listings] = useResource(myListings, []);
  if (earnings.agents.length === 0) return null;
  const titles = new Map(listings.state === 'ready' ? listings.data.map((l) => [l.id, l.title]) : []);
  return (
    <section className="agent-panel" aria-labelledby="per-agent-title">
      <h2 id="per-agent-title">Per agent</h2>
      <div className="table-scroll">
        <table className="engagement">
          <thead>
            <tr>
              <th scope="col">Listing</th>
              <th scope="col">Sales</th>
              <th scope="col">Gross</th>
              <th scope="col">Fee</th>
              <th scope="col">Net</th>
              <th scope="col">Refunded</th>
            </tr>
          </thead>
          <tbody>
            {earnings.agents.map((a) => (
              <tr key={`${a.listing_id}-${a.currency}`}>
                <td>
                  <Link to={`/marketplace/${a.listing_id}`}>{titles.get(a.listing_id) ?? `Listing ${a.listing_id}`}</Link>
                </td>
                <td>{a.sales}</td>
                <td>{formatMoney(a.gross, a.currency)}</td>
                <td>{formatMoney(a.platform_fee, a.currency)}</td>
                <td>{formatMoney(a.net, a.currency)}</td>
                <td>{formatMoney(a.refunded, a.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
