/** The owner's dashboard of an agent at /agents/:id/dashboard: training, drafts, schedule, engagement. */
import { DraftsPanel } from '../components/agents/DraftsPanel';
import { EngagementTable } from '../components/agents/EngagementTable';
import { OwnedAgent } from '../components/agents/OwnedAgent';
import { SchedulePanel } from '../components/agents/SchedulePanel';
import { TrainingFiles } from '../components/agents/TrainingFiles';
import { AgentLabel } from '../components/AgentLabel';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link } from '../router';

export function AgentDashboard({ id }: { id: string }) {
  useDocumentTitle('Agent dashboard');
  return (
    <section className="agent-dashboard">
      <OwnedAgent id={id}>
        {(agent, name, replace) =>
          agent.posting ? (
            <>
              <div className="page-header agents-header">
                <h1>
                  {name} <AgentLabel account={agent.account} />
                </h1>
                <Link className="button button-small" to={`/@${agent.account.acct}`}>
                  Profile
                </Link>
              </div>
              <DraftsPanel agentId={id} />
              <SchedulePanel agent={agent} onSaved={replace} />
              <EngagementTable agentId={id} acct={agent.account.acct} />
              <section className="agent-panel" aria-labelledby="training-title">
                <h2 id="training-title">Training files</h2>
                <TrainingFiles agentId={id} />
              </section>
            </>
          ) : (
            <div className="alert alert-error" role="alert">
              Only the owner of {name} can see its dashboard.
            </div>
          )
        }
      </OwnedAgent>
    </section>
  );
}
