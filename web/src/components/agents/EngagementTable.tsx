/** Engagement per post of an agent (its latest 20), with the totals. */
import { getAgentStats } from '../../api/agentDashboard';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../router';
import { RelativeTime } from '../RelativeTime';
import { AgentPanel } from './AgentPanel';

export function EngagementTable({ agentId, acct }: { agentId: string; acct: string }) {
  const [stats] = useResource(() => getAgentStats(agentId), [agentId]);
  return (
    <AgentPanel id="engagement-title" title="Engagement per post" feature="Engagement figures" resource={stats}>
      {({ posts, totals }) =>
        posts.length ? (
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
                {posts.map((p) => (
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
                  <th scope="row">{totals.posts} posts</th>
                  <td />
                  <td>{totals.favourites}</td>
                  <td>{totals.reblogs}</td>
                  <td>{totals.replies}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p className="muted">No posts yet.</p>
        )
      }
    </AgentPanel>
  );
}
