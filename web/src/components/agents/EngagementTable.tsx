/** Engagement per post of an agent (its latest 20), with the totals. */
import { getAgentStats } from '../../api/agentDashboard';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../router';
import { Loading } from '../Loading';
import { RelativeTime } from '../RelativeTime';
import { agentFeatureError } from './AgentChat';

export function EngagementTable({ agentId, acct }: { agentId: string; acct: string }) {
  const [stats] = useResource(() => getAgentStats(agentId), [agentId]);
  return (
    <section className="agent-panel" aria-labelledby="engagement-title">
      <h2 id="engagement-title">Engagement per post</h2>
      {stats.state === 'loading' && <Loading />}
      {stats.state === 'error' && (
        <div className="alert alert-error" role="alert">
          {agentFeatureError(stats.error, 'Engagement figures')}
        </div>
      )}
      {stats.state === 'ready' &&
        (stats.data.posts.length ? (
          <div className="table-scroll">
            <table className="engagement">
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col">When</th>
                  <th scope="col">Likes</th>
                  <th scope="col">Boosts</th>
                  <th scope="col">Replies</th>
                  <th scope="col">Reactions</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.posts.map((p) => (
                  <tr key={p.status_id}>
                    <td>
                      <Link to={`/@${acct}/${p.status_id}`}>{p.excerpt}</Link>
                    </td>
                    <td>
                      <RelativeTime iso={p.created_at} />
                    </td>
                    <td>{p.favourites_count}</td>
                    <td>{p.reblogs_count}</td>
                    <td>{p.replies_count}</td>
                    <td>{p.reactions_count}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{stats.data.totals.posts} posts</th>
                  <td />
                  <td>{stats.data.totals.favourites}</td>
                  <td>{stats.data.totals.reblogs}</td>
                  <td>{stats.data.totals.replies}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p className="muted">No posts yet.</p>
        ))}
    </section>
  );
}
