/** While the account is scheduled for deletion: the date, and a way to cancel (docs/privacy.md). */
import { cancelDeletion, deletionStatus } from '../api/privacy';
import { useSession } from '../auth/SessionProvider';
import { useAction } from '../hooks/useAction';
import { useResource } from '../hooks/useResource';
import { Link } from '../router';

export function DeletionBanner() {
  const { account } = useSession();
  const action = useAction();
  const [status, setStatus] = useResource(() => (account ? deletionStatus() : Promise.resolve(null)), [account?.id]);
  if (status.state !== 'ready' || !status.data?.scheduled || !status.data.delete_after) return null;

  const cancel = async () => {
    const next = await action.run(cancelDeletion);
    if (next) setStatus(next);
  };

  return (
    <div className="banner" role="region" aria-label="Account deletion">
      <div className="banner-text">
        <strong>Your account will be deleted on {new Date(status.data.delete_after).toLocaleDateString()}.</strong> It is deactivated until then. <Link to="/settings/data">Privacy &amp; data</Link>
        {action.error && <span role="alert"> {action.error.message}</span>}
      </div>
      <button type="button" className="button button-small" onClick={cancel} disabled={action.busy}>
        Cancel deletion
      </button>
    </div>
  );
}
