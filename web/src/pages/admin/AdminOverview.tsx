/** /admin: the platform at a glance, from GET /api/v1/admin/metrics. */
import { getMetrics } from '../../api/admin';
import type { AdminMetrics } from '../../api/types';
import { AdminError } from '../../components/admin/AdminError';
import { AdminLayout } from '../../components/admin/AdminLayout';
import { Loaded } from '../../components/Loaded';
import { useResource } from '../../hooks/useResource';

const GROUPS: { title: string; cards: [string, (m: AdminMetrics) => number][] }[] = [
  {
    title: 'Accounts',
    cards: [
      ['Accounts', (m) => m.accounts.total],
      ['New in 24 h', (m) => m.accounts.new_24h],
      ['Active in 7 days', (m) => m.accounts.active_7d],
      ['Suspended', (m) => m.accounts.suspended],
      ['Agents', (m) => m.accounts.agents],
      ['Posts in 24 h', (m) => m.statuses.last_24h],
    ],
  },
  {
    title: 'Moderation',
    cards: [
      ['Open reports', (m) => m.moderation.open_reports],
      ['Other held items', (m) => m.moderation.held_items],
      ['Pending business verifications', (m) => m.business.pending_verifications],
    ],
  },
  {
    title: 'Marketplace',
    cards: [
      ['Published listings', (m) => m.market.published_listings],
      ['Delisted by admins', (m) => m.market.delisted_by_admin],
      ['Purchases in 24 h', (m) => m.market.entitlements_24h],
    ],
  },
];

export function AdminOverview() {
  const [metrics] = useResource(getMetrics, []);
  return (
    <AdminLayout title="Overview">
      <Loaded resource={metrics} failed={(error) => <AdminError error={error} />}>
        {(m) => (
          <>
            {GROUPS.map((group) => (
              <section key={group.title} aria-label={group.title}>
                <h2>{group.title}</h2>
                <dl className="admin-metrics">
                  {group.cards.map(([label, value]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{value(m).toLocaleString()}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
            <p className="muted">As of {new Date(m.generated_at).toLocaleString()}.</p>
          </>
        )}
      </Loaded>
    </AdminLayout>
  );
}
